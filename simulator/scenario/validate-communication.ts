/**
 * Cross-references of the scenario's `communication` section (the structure pass checks types and
 * ranges): who a message comes from, exactly one trigger per message, and the series a `when`
 * trigger reads. Errors carry their JSON path, like the rest of validate.ts.
 */
import { DEFAULT_CAST } from '../comms/cast';
import { METRIC_NAMES, metricDef } from '../engine/metric-names';
import { withArticle } from './article';
import { didYouMean } from './suggest';
import type { Checker } from './validate';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function checkCommunication(c: Checker, section: unknown): void {
  if (!isRecord(section)) return;
  const ids = new Set<string>();
  list(section.stakeholders).forEach((s, i) => {
    if (!isRecord(s) || typeof s.id !== 'string') return;
    if (ids.has(s.id))
      c.error(['communication', 'stakeholders', i, 'id'], `stakeholder '${s.id}' is declared twice`);
    ids.add(s.id);
  });
  if (section.defaultCast !== false) for (const member of DEFAULT_CAST) ids.add(member.id);
  list(section.deploys).forEach((d, i) => {
    if (isRecord(d)) c.node(['communication', 'deploys', i, 'node'], d.node);
  });
  list(section.messages).forEach((m, i) => {
    if (!isRecord(m)) return;
    const path = ['communication', 'messages', i];
    if (typeof m.from === 'string' && !ids.has(m.from)) {
      c.error(
        [...path, 'from'],
        `no stakeholder named '${m.from}'${didYouMean(m.from, ids)}${section.defaultCast === false ? ' (the default cast is off)' : ''}`,
      );
    }
    const triggers = ['at', 'when', 'silence'].filter((key) => m[key] !== undefined);
    if (triggers.length !== 1) {
      c.error(
        path,
        triggers.length === 0
          ? 'a message needs a trigger: "at" (a time), "when" (a metric condition) or "silence" (no update for a while)'
          : `a message has exactly one trigger, this one has ${triggers.join(' and ')}`,
      );
    }
    if (m.at !== undefined) c.within([...path, 'at'], m.at, 'the message is sent');
    if (isRecord(m.when)) {
      const kind = c.node([...path, 'when', 'node'], m.when.node);
      const metric = m.when.metric;
      if (typeof metric !== 'string') return;
      if (!METRIC_NAMES.has(metric)) {
        c.error([...path, 'when', 'metric'], `unknown metric '${metric}'${didYouMean(metric, METRIC_NAMES)}`);
        return;
      }
      const def = metricDef(metric);
      if (kind && def && !(def.kinds as readonly string[]).includes(kind)) {
        c.error(
          [...path, 'when', 'metric'],
          `'${String(m.when.node)}' is ${withArticle(kind)}, and ${kind} nodes do not record '${metric}' (it is recorded for ${def.kinds.join(', ')})`,
        );
      }
    }
  });
}

/** Runbook pages: unique ids, links to alerts and nodes that exist. */
export function checkRunbooks(c: Checker, runbooks: unknown, alerting: unknown): void {
  // Alert names from the rule groups (schema 2: `alerting.groups[].rules[].alert`).
  const groups = isRecord(alerting) ? list(alerting.groups).filter(isRecord) : [];
  const alertNames = new Set(
    groups
      .flatMap((g) => list(g.rules).filter(isRecord))
      .map((r) => r.alert)
      .filter((n): n is string => typeof n === 'string'),
  );
  const ids = new Set<string>();
  list(runbooks).forEach((r, i) => {
    if (!isRecord(r)) return;
    if (typeof r.id === 'string') {
      if (ids.has(r.id)) c.error(['runbooks', i, 'id'], `runbook '${r.id}' is declared twice`);
      ids.add(r.id);
    }
    list(r.alerts).forEach((name, k) => {
      if (typeof name === 'string' && !alertNames.has(name))
        c.error(['runbooks', i, 'alerts', k], `no alert named '${name}'${didYouMean(name, alertNames)}`);
    });
    list(r.services).forEach((node, k) => c.node(['runbooks', i, 'services', k], node));
  });
}
