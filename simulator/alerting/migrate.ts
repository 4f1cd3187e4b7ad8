/**
 * Scenario files of schema version 1 read as version 2: their `alerts` list (`{name, expr, for,
 * severity, route, summary, runbook}` over the engine's names) becomes `alerting`: one rule group
 * of Prometheus alerting rules (expr rewritten by translate.ts, `for` kept, severity a label,
 * summary and runbook annotations) and an Alertmanager route whose child routes send each alert
 * to its old receiver. The same function runs at load time (validate.ts) and in
 * scripts/migrate-scenarios.ts, which rewrote the built-ins.
 */
import { z } from 'zod';
import type { NodeKind } from '../scenario/node-kinds';
import { NODE_KINDS } from '../scenario/node-kinds';
import { duration, RECEIVERS, SEVERITIES } from '../scenario/schema';
import { translateAlertExpr } from './translate';

/** Version 1's alert, checked before migrating so its errors keep their old paths. */
export const legacyAlert = z.strictObject({
  name: z.string().min(1),
  expr: z.string().min(1),
  for: duration.default(60),
  severity: z.enum(SEVERITIES),
  route: z.enum(RECEIVERS).default('page'),
  summary: z.string().default(''),
  runbook: z.string().default(''),
});

/** A version 1 file's `alerts`, wrapped so issue paths start at `alerts`. */
export const legacyAlerts = z.object({ alerts: z.array(legacyAlert) });

export interface MigrationIssue {
  /** JSON path in the old file, e.g. ["alerts", 2, "expr"]. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface ScenarioMigration {
  /** The file as version 2 (a new object; the input is not modified). */
  readonly json: Record<string, unknown>;
  /** Alerts that could not be rewritten (left out of `json`). */
  readonly issues: readonly MigrationIssue[];
}

/** Rule group interval the migrated rules run at (Prometheus's usual evaluation_interval). */
export const MIGRATED_INTERVAL = '15s';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function nodeKinds(json: Record<string, unknown>): Map<string, NodeKind> {
  const kinds = new Map<string, NodeKind>();
  for (const n of Array.isArray(json.nodes) ? json.nodes : []) {
    if (isRecord(n) && typeof n.id === 'string' && (NODE_KINDS as readonly unknown[]).includes(n.kind))
      if (!kinds.has(n.id)) kinds.set(n.id, n.kind as NodeKind);
  }
  return kinds;
}

/** True for a file that needs this migration. */
export function isVersion1(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && json.schemaVersion === 1;
}

export function migrateScenarioJson(json: Record<string, unknown>): ScenarioMigration {
  const kinds = nodeKinds(json);
  const issues: MigrationIssue[] = [];
  const rules: Record<string, unknown>[] = [];
  const byReceiver = new Map<string, string[]>();
  const alerts = Array.isArray(json.alerts) ? json.alerts : [];
  alerts.forEach((alert, i) => {
    if (!isRecord(alert) || typeof alert.name !== 'string' || typeof alert.expr !== 'string') return;
    const translated = translateAlertExpr(alert.expr, kinds);
    if (!translated.ok) {
      issues.push({ path: ['alerts', i, 'expr'], message: translated.error });
      return;
    }
    const receiver = typeof alert.route === 'string' ? alert.route : 'page';
    byReceiver.set(receiver, [...(byReceiver.get(receiver) ?? []), alert.name]);
    const annotations: Record<string, unknown> = { summary: alert.summary ?? '' };
    if (typeof alert.runbook === 'string' && alert.runbook !== '') annotations.description = alert.runbook;
    rules.push({
      alert: alert.name,
      expr: translated.expr,
      // Version 1's default `for` was one minute.
      for: alert.for ?? '1m',
      labels: { severity: alert.severity },
      annotations,
    });
  });
  // Pages stay at the root; every other receiver gets a child route naming its alerts.
  const routes = [...byReceiver]
    .filter(([receiver]) => receiver !== 'page')
    .map(([receiver, names]) => ({
      receiver,
      matchers: [`alertname=~${JSON.stringify(names.map(escapeRegex).join('|'))}`],
    }));
  const alerting = {
    groups:
      rules.length > 0
        ? [{ name: typeof json.id === 'string' ? json.id : 'alerts', interval: MIGRATED_INTERVAL, rules }]
        : [],
    route: { receiver: 'page', ...(routes.length > 0 ? { routes } : {}) },
  };
  // Same key order, `alerting` where `alerts` was, so a migrated file diffs cleanly.
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [key, value] of Object.entries(json)) {
    if (key === 'alerts') {
      out.alerting = alerting;
      placed = true;
    } else if (key === 'schemaVersion') out.schemaVersion = 2;
    else out[key] = value;
  }
  if (!placed) out.alerting = alerting;
  return { json: out, issues };
}

/** Version 1's alert as a file (or a test) writes it. */
export type LegacyAlertInput = z.input<typeof legacyAlert>;

/**
 * A scenario object as the schema reads it: a version 1 object (or one still carrying `alerts`)
 * migrated first, anything else unchanged. For code that builds scenarios in memory (tests,
 * benchmarks); files go through validateScenario, which reports the migration's issues.
 */
export function upgradeScenarioInput(input: Record<string, unknown>): Record<string, unknown> {
  if (input.schemaVersion !== 1 && input.alerts === undefined) return input;
  return migrateScenarioJson({ ...input, schemaVersion: 1 }).json;
}
