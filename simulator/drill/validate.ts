/**
 * Drill validation: every error with its JSON path, never a crash. The system (nodes, edges, SLOs,
 * offered changes) is checked by the incident-scenario validator itself, on an incident-shaped
 * copy, so a drill's system gets exactly the same sentences; its paths map back one to one
 * (actions[i] -> changes[i], objectives.slos[i] -> slos[i]). The drill's own sections (peak,
 * tests, cost, budget, preparation) go through the drill's zod schema and the checks below.
 */
import type { z } from 'zod';
import { findTooDeep, MAX_JSON_DEPTH } from '../json-depth';
import { LIMITS, SCHEMA_VERSION, type NodeKind } from '../scenario/schema';
import { REQUEST_SERVING_KINDS } from '../scenario/node-kinds';
import { formatPath, parseScenarioText, validateScenario, type ScenarioError } from '../scenario/validate';
import { RESOURCES } from './bottlenecks';
import { drillSchema, THRESHOLD_METRICS, type Drill } from './schema';
import { parseThreshold } from './thresholds';
import { checkParams } from '../engine/catalog-types';
import { parseEdgeTarget } from '../engine/actions';
import { addedNodeId, aKind, isSystemChange, SYSTEM_CHANGE_CATALOG } from './system-changes';

export type DrillValidation =
  | { readonly ok: true; readonly drill: Drill }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/** Sections the incident validator checks, and where its paths point in a drill. */
const SYSTEM_PATHS: readonly [from: string, to: string][] = [
  ['nodes', 'nodes'],
  ['edges', 'edges'],
  ['actions', 'changes'],
  ['objectives.slos', 'slos'],
];
const SYSTEM_KEYS = new Set(['nodes', 'edges', 'changes', 'slos']);

/** Room left in a run for the warm-up before a test's or the peak's window. */
const WINDOW_LIMIT = LIMITS.durationSeconds - 3600;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function systemErrors(json: Record<string, unknown>): ScenarioError[] {
  const nodes = Array.isArray(json.nodes) ? json.nodes : [];
  const firstId = nodes.find((n) => isRecord(n) && typeof n.id === 'string') as { id: string } | undefined;
  const changes: unknown[] = Array.isArray(json.changes) ? json.changes : [];
  // actions[k] of the incident-shaped copy is changes[actionIndex[k]].
  const actionIndex = changes.flatMap((c, i) =>
    isRecord(c) && typeof c.type === 'string' && isSystemChange(c.type) ? [] : [i],
  );
  const incident = {
    schemaVersion: SCHEMA_VERSION,
    id: 'drill',
    title: 'drill',
    difficulty: 'beginner',
    duration: '1h',
    nodes: json.nodes,
    edges: json.edges ?? [],
    // leadTime is the drill's own; the action shape does not know it. System changes are checked
    // in semanticErrors (the incident validator does not know them).
    actions: actionIndex.map((i) => {
      const c = changes[i];
      if (!isRecord(c)) return c;
      const { leadTime: _lead, ...rest } = c;
      return rest;
    }),
    objectives: { slos: json.slos },
    rootCause: { node: firstId?.id ?? 'x', category: 'a', causes: ['capacity'] },
  };
  const result = validateScenario(incident);
  if (result.ok) return [];
  const out: ScenarioError[] = [];
  for (const e of result.errors) {
    for (const [from, to] of SYSTEM_PATHS) {
      if (e.path === from || e.path.startsWith(`${from}[`) || e.path.startsWith(`${from}.`)) {
        let rest = e.path.slice(from.length);
        const k = from === 'actions' ? /^\[(\d+)\]/.exec(rest) : null;
        if (k) rest = `[${actionIndex[Number(k[1])]}]${rest.slice(k[0].length)}`;
        out.push({
          path: to + rest,
          message: e.message.replace(/\baction '/g, "change '"),
        });
        break;
      }
    }
  }
  return out;
}

function zodErrors(issues: readonly z.core.$ZodIssue[]): ScenarioError[] {
  const out: ScenarioError[] = [];
  for (const issue of issues) {
    const path = issue.path as (string | number)[];
    if (typeof path[0] === 'string' && SYSTEM_KEYS.has(path[0])) continue; // reported by systemErrors
    let message = issue.message;
    if (issue.code === 'unrecognized_keys')
      message = `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    else if (issue.code === 'invalid_type' && message.includes('received undefined')) message = 'is required';
    out.push({ path: formatPath(path), message });
  }
  return out;
}

/** Cross-references the schema cannot express (on the parsed drill). */
function semanticErrors(drill: Drill): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const error = (path: (string | number)[], message: string) =>
    errors.push({ path: formatPath(path), message });
  const kinds = new Map(drill.nodes.map((n) => [n.id, n.kind]));
  const peakClients = new Map<string, number>();
  drill.peak.clients.forEach((c, i) => {
    const kind = kinds.get(c.client);
    if (kind !== 'client')
      error(
        ['peak', 'clients', i, 'client'],
        kind
          ? `'${c.client}' is a ${kind}; the peak is the traffic of a client node`
          : `no node '${c.client}'`,
      );
    if (peakClients.has(c.client))
      error(
        ['peak', 'clients', i, 'client'],
        `'${c.client}' already has a peak (peak.clients[${peakClients.get(c.client)}])`,
      );
    else peakClients.set(c.client, i);
    if (c.stages.reduce((s, st) => s + st.duration, 0) > WINDOW_LIMIT)
      error(['peak', 'clients', i, 'stages'], 'the peak may last at most 23h (a run holds at most 24h)');
  });
  drill.nodes.forEach((n, i) => {
    if (n.kind === 'client' && !peakClients.has(n.id))
      error(['nodes', i], `client '${n.id}' has no expected peak: add it to peak.clients`);
  });
  drill.tests.forEach((test, i) => {
    if (test.client !== undefined && !peakClients.has(test.client))
      error(
        ['tests', i, 'client'],
        `'${test.client}' is not a client with a peak (${[...peakClients.keys()].join(', ')})`,
      );
    if (test.stages.reduce((s, st) => s + st.duration, 0) > WINDOW_LIMIT)
      error(['tests', i, 'stages'], 'a load test may last at most 23h');
    for (const metric of THRESHOLD_METRICS)
      (test.thresholds[metric] ?? []).forEach((source, j) => {
        const parsed = parseThreshold(metric, source);
        if ('error' in parsed) error(['tests', i, 'thresholds', metric, j], parsed.error);
      });
  });
  // Nodes the offered system changes add (priced and named like the others).
  const added = new Map<string, NodeKind>();
  drill.changes.forEach((c, i) => {
    if (!isSystemChange(c.type)) return;
    const doc = SYSTEM_CHANGE_CATALOG[c.type];
    const bad = checkParams(doc.params, c.params);
    if (bad) error(['changes', i, 'params'], bad);
    const edge = parseEdgeTarget(c.target);
    const target = edge?.to ?? c.target;
    const kind = kinds.get(target);
    if (edge && !doc.appliesTo.includes('edge'))
      error(['changes', i, 'target'], `${c.type} targets a node, not an edge`);
    else if (!kind) error(['changes', i, 'target'], `no node '${target}'`);
    else if (!doc.appliesTo.includes(kind))
      error(
        ['changes', i, 'target'],
        `'${target}' is ${aKind(kind)}; ${c.type} applies to ${doc.appliesTo.filter((k) => k !== 'edge').join(' or ')} nodes`,
      );
    else if (edge && !drill.edges.some((e) => e.from === edge.from && e.to === edge.to && e.mode === 'sync'))
      error(['changes', i, 'target'], `no sync call ${c.target}`);
    else if (c.type === 'raise-quota') {
      const node = drill.nodes.find((n) => n.id === target);
      const limit = node?.kind === 'external' ? node.rateLimit : undefined;
      const wanted = c.params.rateLimit;
      if (limit === undefined) error(['changes', i, 'target'], `'${target}' has no rateLimit to raise`);
      else if (typeof wanted === 'number' && wanted <= limit)
        error(['changes', i, 'params', 'rateLimit'], `must be above the current quota (${limit} requests/s)`);
    }
    const id = addedNodeId(c);
    if (id === undefined) return;
    if (kinds.has(id) || added.has(id))
      error(['changes', i, 'params', 'id'], `a node '${id}' already exists: name the new one with "id"`);
    else added.set(id, c.type === 'add-cache' ? 'cache' : 'database');
  });
  const priced = (
    section: string,
    table: Record<string, unknown>,
    allowed: readonly string[],
    what = `${allowed.join(' or ')} nodes`,
  ) => {
    for (const id of Object.keys(table)) {
      const kind = kinds.get(id) ?? added.get(id);
      if (!kind) error(['cost', section, id], `no node '${id}'`);
      else if (!allowed.includes(kind))
        error(['cost', section, id], `'${id}' is ${aKind(kind)}; cost.${section} prices ${what}`);
    }
  };
  priced('services', drill.cost.services, ['service', 'dns']);
  priced('databases', drill.cost.databases, ['database']);
  priced('caches', drill.cost.caches, ['cache', 'queue']);
  priced('quotas', drill.cost.quotas, ['external']);
  priced('usage', drill.cost.usage, REQUEST_SERVING_KINDS, 'nodes that serve requests');
  for (const [id, price] of Object.entries(drill.cost.usage)) {
    const kind = kinds.get(id) ?? added.get(id);
    if (price.perGb > 0 && price.kbPerRequest === undefined && kind !== 'queue')
      error(['cost', 'usage', id, 'kbPerRequest'], 'is required with perGb (the KB each request carries)');
  }
  for (const id of Object.keys(drill.cost.quotas)) {
    const node = drill.nodes.find((n) => n.id === id);
    if (node?.kind === 'external' && node.rateLimit === undefined)
      error(['cost', 'quotas', id], `'${id}' has no rateLimit: there is no quota to price`);
  }
  drill.bottlenecks.forEach((b, i) => {
    const kind = kinds.get(b.node) ?? added.get(b.node);
    if (!kind) return error(['bottlenecks', i, 'node'], `no node '${b.node}'`);
    const names = RESOURCES[kind].map((r) => r.name);
    if (!names.includes(b.resource))
      error(
        ['bottlenecks', i, 'resource'],
        names.length
          ? `a ${kind} has no resource '${b.resource}'; it has ${names.map((n) => `'${n}'`).join(', ')}`
          : `a ${kind} has no resource that saturates`,
      );
  });
  if (drill.preparation.perTest <= 0 && drill.tests.length > 0)
    error(['preparation', 'perTest'], 'must be positive: every load test costs preparation time');
  return errors;
}

export function validateDrill(json: unknown): DrillValidation {
  const deep = findTooDeep(json);
  if (deep)
    return {
      ok: false,
      errors: [{ path: formatPath(deep), message: `nested more than ${MAX_JSON_DEPTH} levels deep` }],
    };
  if (!isRecord(json))
    return { ok: false, errors: [{ path: '', message: 'a drill must be a JSON object {...}' }] };
  const errors: ScenarioError[] = [];
  try {
    errors.push(...systemErrors(json));
    const parsed = drillSchema.safeParse(json);
    if (!parsed.success) errors.push(...zodErrors(parsed.error.issues));
    else errors.push(...semanticErrors(parsed.data));
    if (errors.length === 0 && parsed.success) return { ok: true, drill: parsed.data };
  } catch (e) {
    errors.push({
      path: '',
      message: `the validator failed on this file (${e instanceof Error ? e.message : String(e)}); please report it`,
    });
  }
  return { ok: false, errors: errors.length ? errors : [{ path: '', message: 'invalid drill' }] };
}

/** Parses and validates a drill file's text; JSON syntax errors come back with line and column. */
export function parseDrillText(text: string, fileName?: string): DrillValidation {
  const body = typeof text === 'string' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // The scenario reader words JSON syntax errors (line, column); a drill's are the same.
    const syntax = parseScenarioText(body, fileName);
    return { ok: false, errors: syntax.ok ? [{ path: '', message: 'invalid JSON' }] : syntax.errors };
  }
  return validateDrill(json);
}
