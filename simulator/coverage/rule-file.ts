/**
 * A Prometheus rule file as a team keeps it in its repository: `groups: [{name, interval, rules:
 * [{alert | record, expr, for, keep_firing_for, labels, annotations}]}]`, or the same groups under
 * `spec:` of a kube-prometheus `PrometheusRule` object. Parsed with the `yaml` package and checked
 * the way Prometheus's rulefmt checks it (unknown fields refused, unique group names, alert or
 * record but not both, every expression parsed by our PromQL parser). Every problem is reported
 * with its YAML path and line, never thrown.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Expr, VectorSelector } from '../prom/ast';
import { LABEL_NAME_RE, parseDuration } from '../prom/literals';
import { parsePromQL } from '../prom/parse';

export interface RuleFileError {
  /** e.g. `groups[0].rules[3].expr`; empty for the whole file. */
  readonly path: string;
  /** 1-based line of the value in the file, when known. */
  readonly line?: number;
  readonly message: string;
}

interface RuleBase {
  /** Where the rule sits in the file, e.g. `groups[0].rules[3]`. */
  readonly path: string;
  readonly expr: string;
  readonly parsed: Expr;
}

export interface AlertingRule extends RuleBase {
  readonly kind: 'alert';
  readonly name: string;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RecordingRule extends RuleBase {
  readonly kind: 'record';
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  readonly name: string;
  /** The group's `interval`, or undefined to use the default evaluation interval. */
  readonly intervalMs?: number;
  readonly rules: readonly Rule[];
}

export type RuleFileResult =
  | { readonly ok: true; readonly groups: readonly RuleGroup[] }
  | { readonly ok: false; readonly errors: readonly RuleFileError[] };

const GROUP_KEYS = new Set(['name', 'interval', 'limit', 'rules', 'query_offset']);
const RULE_KEYS = new Set(['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
/** Prometheus's metric-name rule for `record:` (colons allowed). */
const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

type Path = readonly (string | number)[];

/**
 * The document as plain values; an Error when its aliases would expand past 100 (a "billion
 * laughs" file), which the yaml package refuses by throwing.
 */
export function yamlValue(doc: { toJS(options: { maxAliasCount: number }): unknown }): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The YAML value at `path` as text: a string, or a number or boolean as YAML wrote it. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function parseRuleFile(text: string): RuleFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: '',
        line: e.linePos?.[0].line,
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const errors: RuleFileError[] = [];
  // The line of the value at `path`, or of its nearest parent when the field is missing.
  const lineOf = (path: Path): number | undefined => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const fail = (path: Path, message: string) =>
    errors.push({ path: formatPath(path), line: lineOf(path), message });

  const root = yamlValue(doc);
  if (root instanceof Error) return { ok: false, errors: [{ path: '', message: `YAML: ${root.message}` }] };
  let base: Path = [];
  let groupsValue: unknown;
  if (isRecord(root) && root.kind === 'PrometheusRule') {
    base = ['spec'];
    groupsValue = isRecord(root.spec) ? root.spec.groups : undefined;
  } else if (isRecord(root)) {
    for (const key of Object.keys(root))
      if (key !== 'groups') fail([key], `unknown field "${key}" (a rule file has only "groups")`);
    groupsValue = root.groups;
  } else {
    return { ok: false, errors: [{ path: '', message: 'a rule file must be a mapping with "groups:"' }] };
  }
  if (!Array.isArray(groupsValue)) {
    fail([...base, 'groups'], 'must be a list of rule groups');
    return { ok: false, errors };
  }

  const groups: RuleGroup[] = [];
  const groupNames = new Set<string>();
  groupsValue.forEach((g: unknown, gi) => {
    const gPath = [...base, 'groups', gi];
    if (!isRecord(g)) return fail(gPath, 'must be a mapping with name and rules');
    for (const key of Object.keys(g))
      if (!GROUP_KEYS.has(key)) fail([...gPath, key], `unknown field "${key}"`);
    const name = typeof g.name === 'string' ? g.name : '';
    if (name === '') fail([...gPath, 'name'], 'a group needs a name');
    else if (groupNames.has(name)) fail([...gPath, 'name'], `group name "${name}" is repeated`);
    groupNames.add(name);
    let intervalMs: number | undefined;
    if (g.interval !== undefined) {
      intervalMs = durationMs(g.interval);
      if (intervalMs === undefined || intervalMs <= 0)
        fail(
          [...gPath, 'interval'],
          `must be a duration such as 30s or 1m (got ${JSON.stringify(g.interval)})`,
        );
    }
    if (!Array.isArray(g.rules)) return fail([...gPath, 'rules'], 'must be a list of rules');
    const rules: Rule[] = [];
    g.rules.forEach((r: unknown, ri) => {
      const rule = checkRule(r, [...gPath, 'rules', ri], fail);
      if (rule) rules.push(rule);
    });
    groups.push({ name, intervalMs, rules });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, groups };
}

function durationMs(v: unknown): number | undefined {
  return typeof v === 'string' ? parseDuration(v) : undefined;
}

function stringMap(
  v: unknown,
  path: Path,
  fail: (path: Path, message: string) => void,
  checkNames: boolean,
): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) {
    fail(path, 'must be a mapping of names to strings');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    const text = scalarText(value);
    if (text === undefined) fail([...path, k], 'must be a string');
    else if (checkNames && !LABEL_NAME_RE.test(k)) fail([...path, k], `"${k}" is not a valid label name`);
    else out[k] = text;
  }
  return out;
}

function checkRule(r: unknown, path: Path, fail: (path: Path, message: string) => void): Rule | undefined {
  if (!isRecord(r)) {
    fail(path, 'must be a mapping with alert (or record) and expr');
    return undefined;
  }
  let failed = false;
  const bad = (p: Path, message: string) => {
    failed = true;
    fail(p, message);
  };
  for (const key of Object.keys(r)) if (!RULE_KEYS.has(key)) bad([...path, key], `unknown field "${key}"`);
  const hasAlert = r.alert !== undefined;
  const hasRecord = r.record !== undefined;
  if (hasAlert === hasRecord) {
    bad(path, hasAlert ? 'a rule has either alert or record, not both' : 'a rule needs alert or record');
    return undefined;
  }
  const key = hasAlert ? 'alert' : 'record';
  const name = typeof r[key] === 'string' ? (r[key] as string) : '';
  if (name === '') bad([...path, key], 'must be a non-empty string');
  else if (hasRecord && !METRIC_NAME_RE.test(name))
    bad([...path, key], `"${name}" is not a valid metric name`);

  const expr = scalarText(r.expr);
  let parsed: Expr | undefined;
  if (expr === undefined || expr.trim() === '') bad([...path, 'expr'], 'a rule needs an expression');
  else {
    const p = parsePromQL(expr);
    if (!p.ok) {
      const column = p.position + 1;
      bad(
        [...path, 'expr'],
        `parse error at column ${column}: ${p.error.replace(` (column ${column})`, '')}`,
      );
    } else if (p.type !== 'vector' && p.type !== 'scalar')
      bad(
        [...path, 'expr'],
        `must give an instant vector or a scalar, not a ${p.type === 'matrix' ? 'range vector' : p.type}`,
      );
    else parsed = p.expr;
  }
  const labels = stringMap(r.labels, [...path, 'labels'], bad, true);
  if (hasRecord) {
    for (const k of ['for', 'keep_firing_for', 'annotations'])
      if (r[k] !== undefined) bad([...path, k], `a recording rule has no ${k}`);
    if (failed || !parsed || expr === undefined) return undefined;
    return { kind: 'record', path: formatPath(path), name, expr, parsed, labels };
  }
  const forMs = r.for === undefined ? 0 : durationMs(r.for);
  if (forMs === undefined)
    bad([...path, 'for'], `must be a duration such as 5m (got ${JSON.stringify(r.for)})`);
  const keepMs = r.keep_firing_for === undefined ? 0 : durationMs(r.keep_firing_for);
  if (keepMs === undefined)
    bad(
      [...path, 'keep_firing_for'],
      `must be a duration such as 5m (got ${JSON.stringify(r.keep_firing_for)})`,
    );
  const annotations = stringMap(r.annotations, [...path, 'annotations'], bad, false);
  if (failed || !parsed || expr === undefined || forMs === undefined || keepMs === undefined)
    return undefined;
  return {
    kind: 'alert',
    path: formatPath(path),
    name,
    expr,
    parsed,
    forMs,
    keepFiringForMs: keepMs,
    labels,
    annotations,
  };
}

/** Metric names an expression selects by name (`foo{...}`, `{__name__="foo"}`), in order, once each. */
export function selectedMetricNames(e: Expr): string[] {
  const names = new Set<string>();
  for (const selector of vectorSelectors(e))
    for (const m of selector.matchers) if (m.name === '__name__' && m.op === '=') names.add(m.value);
  return [...names];
}

/** Every vector selector of an expression (a range selector's included), in order. */
export function vectorSelectors(e: Expr): VectorSelector[] {
  const out: VectorSelector[] = [];
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case 'vectorSelector':
        out.push(x);
        return;
      case 'matrixSelector':
        return walk(x.selector);
      case 'call':
        return x.args.forEach(walk);
      case 'aggregate':
        if (x.param) walk(x.param);
        return walk(x.expr);
      case 'binary':
        walk(x.lhs);
        return walk(x.rhs);
      case 'unary':
        return walk(x.expr);
      case 'number':
      case 'string':
        return;
    }
  };
  walk(e);
  return out;
}
