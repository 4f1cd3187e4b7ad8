/**
 * Scenario validation: every error at once, each with its JSON path and a plain sentence, and never
 * a crash, whatever the input. Two passes over the same input:
 *
 * 1. structure — the zod schema (schema.ts); its issues are rewritten as readable sentences;
 * 2. meaning — cross-references the schema cannot express (node ids, edge targets, alert
 *    expressions, which faults and actions apply to which node kinds, timing, the call graph).
 *
 * The second pass reads the raw input defensively, so a file with a structural error still gets
 * its semantic errors reported in the same run.
 */
import type { z } from 'zod';
import { METRIC_NAMES, metricDef } from '../engine/metric-names';
import type { ParamDoc } from '../engine/catalog-types';
import { actionSpec, alertSelectors, faultSpec, type Selector, type TargetKind } from './catalogs';
import { withArticle } from './article';
import { parseDuration, formatDuration } from './duration';
import { NODE_KINDS, scenarioSchema, type Scenario } from './schema';
import { findJsonSyntaxError } from './json-syntax';
import { memberSchema, propertiesFor, scenarioJsonSchema, type JsonSchema } from './schema-json';
import { findTooDeep, MAX_JSON_DEPTH } from '../json-depth';
import { didYouMean, withSuggestionBudget } from './suggest';
import { isVersion1, legacyAlerts, migrateScenarioJson } from '../alerting/migrate';
import { parseMatcher } from '../alerting/route';
import { parsePromQL } from '../prom/parse';
import { PROM_SERIES_NAMES } from '../prom/catalog';
import { selectorName, vectorSelectors } from '../prom/selectors';
import { checkCommunication, checkRunbooks } from './validate-communication';

export interface ScenarioError {
  /** JSON path such as `edges[3].to`; "" for the whole file. */
  readonly path: string;
  /** A plain sentence, without the path. */
  readonly message: string;
}

export type ValidationResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

type PathKey = string | number;
type Path = readonly PathKey[];

/** `["edges", 3, "to"]` -> `edges[3].to`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** One line per error: `file: path: message`. */
export function formatErrors(errors: readonly ScenarioError[], fileName?: string): string {
  return errors
    .map((e) => {
      const where = [fileName, e.path].filter((p) => p !== undefined && p !== '').join(': ');
      return where ? `${where}: ${e.message}` : e.message;
    })
    .join('\n');
}

export function validateScenario(json: unknown): ValidationResult {
  // One suggestion budget per file, so a file full of typos cannot make validation quadratic.
  return withSuggestionBudget(() => validateWithinBudget(json));
}

function validateWithinBudget(json: unknown): ValidationResult {
  // Both passes below recurse: a value nested thousands deep would overflow the stack.
  const deep = findTooDeep(json);
  if (deep)
    return {
      ok: false,
      errors: [{ path: formatPath(deep), message: `nested more than ${MAX_JSON_DEPTH} levels deep` }],
    };
  if (isVersion1(json)) return validateVersion1(json);
  return validateCurrent(json);
}

/**
 * A version 1 file: its old `alerts` are checked as before (errors at `alerts[i]...`), then the
 * file is migrated (alerting/migrate.ts) and the result validated as a current file.
 */
function validateVersion1(json: Record<string, unknown>): ValidationResult {
  const legacy: ScenarioError[] = [];
  const alerts = list(json.alerts);
  const shape = legacyAlerts.safeParse({ alerts: json.alerts ?? [] });
  if (!shape.success) legacy.push(...issuesToErrors(shape.error.issues, json));
  // Only the node and edge names the old checks look up: their own errors come from the main pass.
  const c = new Checker(json);
  list(json.nodes).forEach((n, index) => {
    if (isRecord(n) && typeof n.id === 'string' && !c.nodes.has(n.id))
      c.nodes.set(n.id, { kind: typeof n.kind === 'string' ? n.kind : 'unknown', index });
  });
  for (const e of list(json.edges))
    if (isRecord(e) && typeof e.from === 'string' && typeof e.to === 'string')
      c.edges.add(`${e.from}->${e.to}`);
  checkLegacyAlerts(c, alerts);
  legacy.push(...c.errors.filter((e) => e.path.startsWith('alerts')));
  const migration = migrateScenarioJson(json);
  if (legacy.length === 0)
    legacy.push(...migration.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  const result = validateCurrent(migration.json);
  if (legacy.length === 0) return result;
  const rest = result.ok ? [] : result.errors.filter((e) => !e.path.startsWith('alerting'));
  return { ok: false, errors: dedupe([...legacy, ...rest]) };
}

function validateCurrent(json: unknown): ValidationResult {
  const errors: ScenarioError[] = [];
  let parsed: ReturnType<typeof scenarioSchema.safeParse> | undefined;
  try {
    parsed = scenarioSchema.safeParse(json);
    if (!parsed.success) errors.push(...issuesToErrors(parsed.error.issues, json));
  } catch (error) {
    errors.push({
      path: '',
      message: `the validator failed on this file (${describeThrown(error)}); please report it`,
    });
  }
  try {
    errors.push(...semanticErrors(json));
  } catch (error) {
    errors.push({
      path: '',
      message: `the validator failed on this file (${describeThrown(error)}); please report it`,
    });
  }
  const unique = dedupe(errors).map((e) => ({ path: e.path, message: shortenQuoted(e.message) }));
  if (unique.length > 0 || !parsed?.success) {
    return { ok: false, errors: unique.length > 0 ? unique : [{ path: '', message: 'invalid scenario' }] };
  }
  return { ok: true, scenario: parsed.data };
}

/**
 * Parses the text of a scenario file and validates it. JSON syntax errors come back as one error
 * with the line and column; never throws.
 */
export function parseScenarioText(text: string, fileName?: string): ValidationResult {
  const where = fileName ? `${fileName}: ` : '';
  if (typeof text !== 'string')
    return { ok: false, errors: [{ path: '', message: `${where}not a text file` }] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, errors: [{ path: '', message: `${where}the file is empty` }] };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `${where}${describeJsonError(body, error)}` }] };
  }
  return validateScenario(json);
}

// ---------------------------------------------------------------------------------------------
// JSON syntax errors
// ---------------------------------------------------------------------------------------------

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describeJsonError(text: string, error: unknown): string {
  const found = findJsonSyntaxError(text);
  if (found) {
    const { line, column } = lineColumn(text, found.offset);
    return `invalid JSON at line ${line}, column ${column}: ${found.message}`;
  }
  return `invalid JSON: ${describeThrown(error)}`;
}

// ---------------------------------------------------------------------------------------------
// Structure: zod issues -> sentences
// ---------------------------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

function issuesToErrors(issues: readonly Issue[], root: unknown): ScenarioError[] {
  const out: ScenarioError[] = [];
  for (const issue of issues) convertIssue(issue, [], root, out);
  return out;
}

function convertIssue(issue: Issue, prefix: Path, root: unknown, out: ScenarioError[]): void {
  const path: PathKey[] = [...prefix, ...(issue.path as PathKey[])];
  const value = valueAt(root, path);
  const context = nodeContext(root, path);
  const push = (p: Path, message: string) => out.push({ path: formatPath(p), message: context + message });

  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) {
        push(path, 'this field is required but missing');
      } else {
        push(path, `must be ${expectedText(issue.expected)}, got ${describeValue(value)}`);
      }
      return;
    }
    case 'too_small':
    case 'too_big': {
      push(path, sizeMessage(issue, value));
      return;
    }
    case 'invalid_format': {
      const custom = issue.message && !/^Invalid/.test(issue.message) ? issue.message : undefined;
      const pattern = 'pattern' in issue && issue.pattern ? ` ${String(issue.pattern)}` : '';
      push(path, `${custom ?? `must match the pattern${pattern}`}, got ${describeValue(value)}`);
      return;
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
      const guess = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
      if (values.length === 1) push(path, `must be ${values[0]}, got ${describeValue(value)}${guess}`);
      else push(path, `must be one of ${values.join(', ')}; got ${describeValue(value)}${guess}`);
      return;
    }
    case 'unrecognized_keys': {
      const known = knownKeysAt(root, path);
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        const list =
          !guess && known.length > 0 && known.length <= 12 ? `; known fields: ${known.join(', ')}` : '';
        push([...path, key], `unknown field '${key}'${guess}${list}`);
      }
      return;
    }
    case 'invalid_union': {
      if (issue.discriminator && issue.errors.length === 0) {
        convertDiscriminator(issue.discriminator, path, root, out);
        return;
      }
      const branches = issue.errors;
      // Keep the branches whose first complaint is not "wrong type here": the input was meant for those.
      const fitting = branches.filter(
        (b) => b.length > 0 && !b.every((i) => i.code === 'invalid_type' && i.path.length === 0),
      );
      if (fitting.length === 1) {
        for (const sub of fitting[0] as Issue[]) convertIssue(sub, path, root, out);
        return;
      }
      const expected = branches
        .flatMap((b) => b.filter((i) => i.code === 'invalid_type' && i.path.length === 0))
        .map((i) => expectedText((i as { expected: string }).expected));
      if (expected.length > 0) {
        const unique = [...new Set(expected)];
        push(path, `must be ${joinOr(unique)}, got ${describeValue(value)}`);
      } else {
        push(path, `is not valid here, got ${describeValue(value)}`);
      }
      return;
    }
    case 'not_multiple_of':
      push(path, `must be a multiple of ${String(issue.divisor)}, got ${describeValue(value)}`);
      return;
    case 'invalid_key':
    case 'invalid_element':
      for (const sub of issue.issues) convertIssue(sub, path, root, out);
      return;
    default:
      push(path, issue.message || 'is not valid');
  }
}

function convertDiscriminator(discriminator: string, path: Path, root: unknown, out: ScenarioError[]): void {
  // zod reports the path of the discriminator itself (nodes[2].kind) or of the object.
  const objectPath = path[path.length - 1] === discriminator ? path.slice(0, -1) : path;
  const node = valueAt(root, objectPath);
  const kind = isRecord(node) ? node[discriminator] : undefined;
  const id = isRecord(node) && typeof node.id === 'string' ? ` '${node.id}'` : '';
  const valid = NODE_KINDS.join(', ');
  const at = formatPath([...objectPath, discriminator]);
  if (kind === undefined) {
    out.push({ path: at, message: `node${id} has no kind; give one of: ${valid}` });
  } else if (typeof kind !== 'string') {
    out.push({ path: at, message: `node${id}: kind must be one of ${valid}; got ${describeValue(kind)}` });
  } else {
    out.push({
      path: at,
      message: `node${id}: unknown kind '${kind}'${didYouMean(kind, NODE_KINDS)}; valid kinds are ${valid}`,
    });
  }
}

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = Number(
    small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum,
  );
  const inclusive = issue.inclusive !== false;
  const got = `, got ${describeValue(value)}`;
  switch (issue.origin) {
    case 'string':
      if (small && limit === 1) return 'must not be empty';
      return `must be at ${small ? 'least' : 'most'} ${limit} characters long (it has ${String(value).length})`;
    case 'array':
    case 'set':
      if (small && limit === 1) return 'must have at least one entry';
      return `must have at ${small ? 'least' : 'most'} ${limit} ${limit === 1 ? 'entry' : 'entries'}${
        Array.isArray(value) ? ` (it has ${value.length})` : ''
      }`;
    default:
      if (small) return `${inclusive ? 'must be at least' : 'must be greater than'} ${limit}${got}`;
      return `${inclusive ? 'must be at most' : 'must be less than'} ${limit}${got}`;
  }
}

function expectedText(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a text string';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list [...]';
    case 'object':
    case 'record':
      return 'an object {...}';
    case 'null':
      return 'null';
    default:
      return expected;
  }
}

/** "service 'checkout': " for errors inside nodes[i], so a message names the node it is about. */
function nodeContext(root: unknown, path: Path): string {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number' || path.length < 3) return '';
  const node = valueAt(root, path.slice(0, 2));
  if (!isRecord(node) || typeof node.id !== 'string') return '';
  const kind =
    typeof node.kind === 'string' && (NODE_KINDS as readonly string[]).includes(node.kind)
      ? node.kind
      : 'node';
  return `${kind} '${node.id}': `;
}

/**
 * Field names the schema allows at `path` (for did-you-mean on unknown fields), read from the
 * JSON Schema (schema-json.ts), not from zod's internals. Exported for tests.
 */
export function knownKeysAt(root: unknown, path: Path): string[] {
  let schema: JsonSchema | undefined = scenarioJsonSchema();
  let value: unknown = root;
  for (const key of path) {
    schema = memberSchema(schema, value, key);
    if (!schema) return [];
    value =
      isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key as string] : undefined;
  }
  return Object.keys(propertiesFor(schema, value) ?? {});
}

// ---------------------------------------------------------------------------------------------
// Meaning: cross-references
// ---------------------------------------------------------------------------------------------

interface NodeRef {
  readonly kind: string;
  readonly index: number;
}

export class Checker {
  readonly errors: ScenarioError[] = [];
  readonly nodes = new Map<string, NodeRef>();
  readonly edges = new Set<string>();
  durationSeconds: number | undefined;

  constructor(readonly root: Record<string, unknown>) {}

  error(path: Path, message: string): void {
    this.errors.push({ path: formatPath(path), message });
  }

  /** Checks that `value` names a node (of one of `kinds`, when given). Returns its kind when it does. */
  node(path: Path, value: unknown, kinds?: readonly string[], role?: string): string | undefined {
    if (typeof value !== 'string') return undefined; // structure pass reports the type
    const ref = this.nodes.get(value);
    if (!ref) {
      this.error(path, `no node named '${value}'${didYouMean(value, this.nodes.keys())}`);
      return undefined;
    }
    if (kinds && !kinds.includes(ref.kind)) {
      const article =
        kinds.length === 1 ? `${withArticle(kinds[0]!)} node` : `a node of kind ${joinOr(kinds)}`;
      this.error(path, `'${value}' is ${withArticle(ref.kind)}, but ${role ?? 'this'} must be ${article}`);
      return undefined;
    }
    return ref.kind;
  }

  /** A target that is a node id or "from->to" (an edge). Returns the node kind or 'edge'. */
  target(path: Path, value: unknown): TargetKind | undefined {
    if (typeof value !== 'string') return undefined;
    const arrow = value.indexOf('->');
    if (arrow < 0) return this.node(path, value) as TargetKind | undefined;
    const from = value.slice(0, arrow).trim();
    const to = value.slice(arrow + 2).trim();
    const fromKind = this.nodes.has(from);
    const toKind = this.nodes.has(to);
    if (!fromKind)
      this.error(
        path,
        `edge target '${value}': no node named '${from}'${didYouMean(from, this.nodes.keys())}`,
      );
    if (!toKind)
      this.error(path, `edge target '${value}': no node named '${to}'${didYouMean(to, this.nodes.keys())}`);
    if (!fromKind || !toKind) return undefined;
    if (!this.edges.has(`${from}->${to}`)) {
      const candidates = [...this.edges];
      this.error(
        path,
        `there is no edge from '${from}' to '${to}'${didYouMean(`${from}->${to}`, candidates)}`,
      );
      return undefined;
    }
    return 'edge';
  }

  /** Seconds of a duration field, undefined when absent or malformed (structure pass reports it). */
  seconds(value: unknown): number | undefined {
    if (typeof value !== 'number' && typeof value !== 'string') return undefined;
    return parseDuration(value);
  }

  /** A point in time that must fall inside the scenario. */
  within(path: Path, value: unknown, what: string): void {
    const t = this.seconds(value);
    const end = this.durationSeconds;
    if (t === undefined || end === undefined) return;
    if (t >= end) {
      this.error(path, `${what} at ${formatDuration(t)}, but the scenario ends at ${formatDuration(end)}`);
    }
  }
}

function semanticErrors(json: unknown): ScenarioError[] {
  if (!isRecord(json)) {
    return [{ path: '', message: `a scenario must be a JSON object {...}, got ${describeValue(json)}` }];
  }
  const c = new Checker(json);
  c.durationSeconds = c.seconds(json.duration);

  checkNodes(c, list(json.nodes));
  checkEdges(c, list(json.edges));
  checkClients(c, list(json.nodes), list(json.edges));
  checkFaults(c, list(json.faults));
  checkActions(c, list(json.actions));
  checkAlerting(c, json.alerting, json.tickSeconds);
  checkRootCause(c, json.rootCause);
  checkObjectives(c, json.objectives);
  checkPace(c, json.pace);
  checkSolution(c, list(json.solution), list(json.actions), json.rootCause);
  checkCommunication(c, json.communication);
  checkRunbooks(c, json.runbooks, json.alerting);
  checkPanels(c, list(json.panels));
  return c.errors;
}

function checkNodes(c: Checker, nodes: unknown[]): void {
  const first = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (!isRecord(node) || typeof node.id !== 'string') return;
    const previous = first.get(node.id);
    if (previous !== undefined) {
      c.error(['nodes', i, 'id'], `duplicate node id '${node.id}' (already used by nodes[${previous}])`);
      return;
    }
    first.set(node.id, i);
    c.nodes.set(node.id, { kind: typeof node.kind === 'string' ? node.kind : 'unknown', index: i });
  });
  nodes.forEach((node, i) => {
    if (!isRecord(node)) return;
    list(node.reachedVia).forEach((via, k) => {
      if (c.node(['nodes', i, 'reachedVia', k], via) !== undefined && via === node.id)
        c.error(['nodes', i, 'reachedVia', k], `a node is not reached through itself ('${node.id}')`);
    });
  });
  nodes.forEach((node, i) => {
    if (!isRecord(node) || node.imageRegistry === undefined) return;
    if (
      c.node(['nodes', i, 'imageRegistry'], node.imageRegistry) !== undefined &&
      node.imageRegistry === node.id
    )
      c.error(['nodes', i, 'imageRegistry'], `a service cannot pull its image from itself ('${node.id}')`);
  });
  // Queue consumers are services that drain the queue.
  nodes.forEach((node, i) => {
    if (!isRecord(node) || node.kind !== 'queue') return;
    const consumers = list(node.consumers);
    consumers.forEach((consumer, j) =>
      c.node(['nodes', i, 'consumers', j], consumer, ['service'], 'a queue consumer'),
    );
  });
}

function checkEdges(c: Checker, edges: unknown[]): void {
  const seen = new Map<string, number>();
  edges.forEach((edge, i) => {
    if (!isRecord(edge)) return;
    const fromKind = c.node(['edges', i, 'from'], edge.from);
    const toKind = c.node(['edges', i, 'to'], edge.to);
    if (typeof edge.from === 'string' && typeof edge.to === 'string') {
      const key = `${edge.from}->${edge.to}`;
      if (edge.from === edge.to)
        c.error(['edges', i], `'${edge.from}' calls itself; an edge needs two different nodes`);
      const previous = seen.get(key);
      if (previous !== undefined) {
        c.error(
          ['edges', i],
          `duplicate edge from '${edge.from}' to '${edge.to}' (already edges[${previous}])`,
        );
      } else {
        seen.set(key, i);
      }
      if (fromKind && toKind) c.edges.add(key);
    }
    if (toKind === 'client') {
      c.error(['edges', i, 'to'], `'${String(edge.to)}' is a client (a traffic source); nothing can call it`);
    }
    if (fromKind && ['dns', 'external', 'queue'].includes(fromKind)) {
      const why =
        fromKind === 'queue'
          ? "a queue does not call anything; list the services that drain it in the queue's consumers"
          : `${withArticle(fromKind)} node does not call other nodes`;
      c.error(['edges', i, 'from'], `'${String(edge.from)}' is ${withArticle(fromKind)}: ${why}`);
    }
    if (toKind === 'dns') {
      c.error(
        ['edges', i, 'to'],
        `'${String(edge.to)}' is a dns node; instead of calling it, set "dns": "${String(edge.to)}" on the edges whose calls resolve through it`,
      );
    }
    if (edge.mode === 'async' && toKind && toKind !== 'queue') {
      c.error(
        ['edges', i, 'mode'],
        `async calls enqueue work, so the target must be a queue, but '${String(edge.to)}' is ${withArticle(toKind)}`,
      );
    }
    if (edge.dns !== undefined) c.node(['edges', i, 'dns'], edge.dns, ['dns'], 'edge.dns');
    if (edge.weight !== undefined && fromKind && fromKind !== 'loadbalancer') {
      c.error(
        ['edges', i, 'weight'],
        `only a loadbalancer splits its requests by weight, and '${String(edge.from)}' is ${withArticle(fromKind)}; put a loadbalancer (the DNS or global load balancer that routes between regions) in front of the weighted targets`,
      );
    }
  });
}

function checkClients(c: Checker, nodes: unknown[], edges: unknown[]): void {
  // Any edge that names the client as caller counts, even one whose target is wrong (reported already).
  const callers = new Set<string>();
  for (const edge of edges) if (isRecord(edge) && typeof edge.from === 'string') callers.add(edge.from);
  nodes.forEach((node, i) => {
    if (!isRecord(node) || node.kind !== 'client' || typeof node.id !== 'string') return;
    if (c.nodes.get(node.id)?.index !== i) return; // a duplicate, reported already
    if (!callers.has(node.id)) {
      c.error(
        ['nodes', i],
        `client '${node.id}' sends its traffic nowhere: add an edge from '${node.id}' to the node it calls`,
      );
    }
  });
}

function checkParams(
  c: Checker,
  path: Path,
  params: unknown,
  docs: Readonly<Record<string, ParamDoc>> | undefined,
  what: string,
  options: { requireAll?: boolean; inherited?: Record<string, unknown> } = {},
): void {
  if (!docs) return;
  const given = isRecord(params) ? params : {};
  const known = Object.keys(docs);
  for (const [name, value] of Object.entries(given)) {
    const doc = docs[name];
    if (!doc) {
      const list =
        known.length > 0 ? `; it takes ${known.map((k) => `'${k}'`).join(', ')}` : '; it takes none';
      c.error([...path, name], `${what} has no parameter '${name}'${didYouMean(name, known)}${list}`);
      continue;
    }
    const at = [...path, name];
    if (typeof value !== doc.type) {
      if (['number', 'string', 'boolean'].includes(typeof value)) {
        c.error(at, `${what}: '${name}' must be ${expectedText(doc.type)}, got ${describeValue(value)}`);
      }
      continue;
    }
    if (typeof value === 'number') {
      if (doc.min !== undefined && value < doc.min)
        c.error(at, `${what}: '${name}' must be at least ${doc.min}, got ${value}`);
      if (doc.max !== undefined && value > doc.max)
        c.error(at, `${what}: '${name}' must be at most ${doc.max}, got ${value}`);
    }
    if (typeof value === 'string' && doc.oneOf && !doc.oneOf.includes(value)) {
      c.error(
        at,
        `${what}: '${name}' must be one of ${doc.oneOf.map((v) => `'${v}'`).join(', ')}; got '${value}'${didYouMean(value, doc.oneOf)}`,
      );
    }
  }
  if (options.requireAll) {
    for (const [name, doc] of Object.entries(docs)) {
      if (doc.required && given[name] === undefined && options.inherited?.[name] === undefined) {
        c.error(path, `${what} needs the parameter '${name}' (${doc.description})`);
      }
    }
  }
}

function aKind(kind: TargetKind): string {
  return kind === 'edge' ? 'an edge' : kind === 'external' ? 'an external node' : withArticle(kind);
}

function appliesText(kinds: readonly TargetKind[]): string {
  const names = kinds.map((k) => (k === 'edge' ? 'an edge "from->to"' : aKind(k)));
  return joinOr(names);
}

function checkFaults(c: Checker, faults: unknown[]): void {
  faults.forEach((fault, i) => {
    if (!isRecord(fault)) return;
    const kind = c.target(['faults', i, 'target'], fault.target);
    const spec = typeof fault.type === 'string' ? faultSpec(fault.type) : undefined;
    if (spec && kind && !spec.kinds.includes(kind)) {
      c.error(
        ['faults', i, 'target'],
        `fault '${String(fault.type)}' cannot target '${String(fault.target)}' (${aKind(kind)}); it applies to ${appliesText(spec.kinds)}`,
      );
    }
    if (spec?.requires === 'disk' && kind && spec.kinds.includes(kind))
      checkHasDisk(c, ['faults', i, 'target'], `fault '${String(fault.type)}'`, String(fault.target));
    if (spec?.requires === 'region' && kind && spec.kinds.includes(kind))
      checkHasRegion(c, ['faults', i, 'target'], `fault '${String(fault.type)}'`, String(fault.target));
    checkParams(c, ['faults', i, 'params'], fault.params, spec?.params, `fault '${String(fault.type)}'`, {
      requireAll: true,
    });
    if (isRecord(fault.params) && typeof fault.params.source === 'string') {
      c.node(['faults', i, 'params', 'source'], fault.params.source);
    }
    c.within(['faults', i, 'at'], fault.at, 'the fault starts');
  });
}

function checkActions(c: Checker, actions: unknown[]): void {
  actions.forEach((action, i) => {
    if (!isRecord(action)) return;
    const kind = c.target(['actions', i, 'target'], action.target);
    const spec = typeof action.type === 'string' ? actionSpec(action.type) : undefined;
    if (spec && kind && !spec.kinds.includes(kind)) {
      c.error(
        ['actions', i, 'target'],
        `action '${String(action.type)}' cannot target '${String(action.target)}' (${aKind(kind)}); it applies to ${appliesText(spec.kinds)}`,
      );
    }
    if (spec?.requires === 'disk' && kind && spec.kinds.includes(kind))
      checkHasDisk(c, ['actions', i, 'target'], `action '${String(action.type)}'`, String(action.target));
    checkParams(c, ['actions', i, 'params'], action.params, spec?.params, `action '${String(action.type)}'`, {
      requireAll: true,
    });
    if (action.type === 'set-autoscaler-bounds' && kind === 'service')
      checkAutoscalerBounds(c, ['actions', i], String(action.target), action.params);
    if (action.type === 'set-route-weight' && kind === 'edge') checkWeightedRoute(c, ['actions', i], action);
    if (action.type === 'drain-region' && kind === 'loadbalancer')
      checkDrainRegion(c, ['actions', i], action);
  });
}

/** The router's weighted calls ('from' the router), and its targets' regions, from the raw file. */
function routes(c: Checker, router: string): { to: string; region?: string }[] {
  const nodes = list(c.root.nodes);
  const regionOf = (id: string) => {
    const node = nodes.find((n) => isRecord(n) && n.id === id);
    return isRecord(node) && typeof node.region === 'string' ? node.region : undefined;
  };
  return list(c.root.edges)
    .filter((e): e is Record<string, unknown> => isRecord(e) && e.from === router && e.weight !== undefined)
    .map((e) => ({ to: String(e.to), region: regionOf(String(e.to)) }));
}

/** set-route-weight: its call carries a weight (a weighted record of a router). */
function checkWeightedRoute(c: Checker, path: Path, action: Record<string, unknown>): void {
  const [from, to] = String(action.target)
    .split('->')
    .map((x) => x.trim());
  if (routes(c, from ?? '').some((r) => r.to === to)) return;
  c.error(
    [...path, 'target'],
    `action 'set-route-weight' changes a weighted call's weight, and '${String(action.target)}' has no "weight" (give the edge one, or pick a call of a router that has)`,
  );
}

/** drain-region: the router sends traffic to a target in that region. */
function checkDrainRegion(c: Checker, path: Path, action: Record<string, unknown>): void {
  const region = isRecord(action.params) ? action.params.region : undefined;
  if (typeof region !== 'string') return; // a missing or mistyped parameter is reported already
  const regions = [
    ...new Set(
      routes(c, String(action.target))
        .map((r) => r.region)
        .filter((r) => r !== undefined),
    ),
  ];
  if (regions.includes(region)) return;
  c.error(
    [...path, 'params', 'region'],
    regions.length
      ? `'${String(action.target)}' routes to no target in region '${region}'${didYouMean(region, regions)}; its targets are in ${regions.join(', ')}`
      : `'${String(action.target)}' routes no traffic by weight to a node with a region; give its calls a "weight" and their targets a "region"`,
  );
}

/** A region fault: its node names the region (or zone) that goes down. */
function checkHasRegion(c: Checker, path: Path, what: string, target: string): void {
  const ref = c.nodes.get(target);
  const node = ref ? list(c.root.nodes)[ref.index] : undefined;
  if (!isRecord(node) || typeof node.region === 'string') return;
  c.error(
    path,
    `${what} takes down the target's region, and '${target}' has none (nodes[${ref?.index ?? '?'}].region); give it a "region", e.g. "eu-west-1"`,
  );
}

/** A disk fault or action: its node has a `disk` (a volume the engine fills). */
function checkHasDisk(c: Checker, path: Path, what: string, target: string): void {
  const ref = c.nodes.get(target);
  const node = ref ? list(c.root.nodes)[ref.index] : undefined;
  if (!isRecord(node) || isRecord(node.disk)) return;
  c.error(
    path,
    `${what} needs a volume, and '${target}' has none (nodes[${ref?.index ?? '?'}].disk); give it a "disk": {"sizeGb": ..., "usedGb": ...}`,
  );
}

/** set-autoscaler-bounds: the service has an autoscaler, and the bounds it would get make sense. */
function checkAutoscalerBounds(
  c: Checker,
  path: Path,
  target: string,
  params: unknown,
  reportTarget = true,
  own?: Record<string, unknown>,
): void {
  const what = `action 'set-autoscaler-bounds'`;
  const ref = c.nodes.get(target);
  const node = ref ? list(c.root.nodes)[ref.index] : undefined;
  const hpa = isRecord(node) ? node.autoscaler : undefined;
  if (!isRecord(hpa)) {
    if (!reportTarget) return; // reported once, at the offered action
    c.error(
      [...path, 'target'],
      `${what} targets '${target}', which has no autoscaler (nodes[${ref?.index ?? '?'}].autoscaler); offer 'scale' instead, or give it one`,
    );
    return;
  }
  const given = isRecord(params) ? params : {};
  if (given.min === undefined && given.max === undefined && given.target === undefined) {
    c.error([...path, 'params'], `${what} needs at least one of 'min', 'max', 'target'`);
    return;
  }
  for (const name of ['min', 'max'] as const) {
    const value = given[name];
    if (typeof value === 'number' && !Number.isInteger(value))
      c.error(
        [...path, 'params', name],
        `${what}: '${name}' must be a whole number of replicas, got ${value}`,
      );
  }
  // The autoscaler's own bounds (schema defaults 1 and 20) stand for the ones not given.
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const min = num(given.min) ?? num(hpa.min) ?? 1;
  const max = num(given.max) ?? num(hpa.max) ?? 20;
  if (min > max) {
    const source = given.max === undefined ? " (the autoscaler's max)" : '';
    const at = given.min !== undefined && own?.max === undefined ? 'min' : 'max';
    const source2 = given.min === undefined ? " (the autoscaler's min)" : '';
    c.error(
      [...path, 'params', at],
      at === 'min'
        ? `${what}: 'min' ${min} is above 'max' ${max}${source}`
        : `${what}: 'max' ${max} is below 'min' ${min}${source2}`,
    );
  }
}

/**
 * The alerting section: unique group and alert names, every rule's expr parsed by the PromQL
 * parser (its message and column at the rule's path) and reading series the run has, intervals
 * the engine can keep, route matchers that parse.
 */
function checkAlerting(c: Checker, alerting: unknown, tickSeconds: unknown): void {
  if (!isRecord(alerting)) return;
  list(alerting.notifyVia).forEach((node, i) => c.node(['alerting', 'notifyVia', i], node));
  list(alerting.scrapeVia).forEach((node, i) => c.node(['alerting', 'scrapeVia', i], node));
  list(alerting.scrapeTargets).forEach((node, i) => c.node(['alerting', 'scrapeTargets', i], node));
  const tick = typeof tickSeconds === 'number' ? tickSeconds : 1;
  const groups = new Map<string, number>();
  const alerts = new Map<string, string>();
  list(alerting.groups).forEach((group, g) => {
    if (!isRecord(group)) return;
    const at: Path = ['alerting', 'groups', g];
    if (typeof group.name === 'string') {
      const previous = groups.get(group.name);
      if (previous !== undefined)
        c.error(
          [...at, 'name'],
          `duplicate group name '${group.name}' (already alerting.groups[${previous}])`,
        );
      else groups.set(group.name, g);
    }
    const interval = c.seconds(group.interval);
    if (interval !== undefined && interval < tick)
      c.error(
        [...at, 'interval'],
        `${formatDuration(interval)} is shorter than a tick (${tick} s): rules are evaluated at most once per tick`,
      );
    else if (interval !== undefined && Math.abs(interval / tick - Math.round(interval / tick)) > 1e-9)
      c.error(
        [...at, 'interval'],
        `${formatDuration(interval)} is not a whole number of ticks (${tick} s): evaluations fall on ticks`,
      );
    list(group.rules).forEach((rule, r) => {
      if (!isRecord(rule)) return;
      const path: Path = [...at, 'rules', r];
      if (typeof rule.alert === 'string') {
        const previous = alerts.get(rule.alert);
        if (previous !== undefined)
          c.error([...path, 'alert'], `duplicate alert name '${rule.alert}' (already ${previous})`);
        else alerts.set(rule.alert, formatPath([...path, 'alert']));
      }
      if (typeof rule.expr === 'string' && rule.expr.trim() !== '')
        checkRuleExpr(c, [...path, 'expr'], rule.expr);
    });
  });
  list(alerting.inhibit_rules).forEach((rule, i) => {
    if (!isRecord(rule)) return;
    checkMatchers(c, ['alerting', 'inhibit_rules', i, 'source_matchers'], rule.source_matchers);
    checkMatchers(c, ['alerting', 'inhibit_rules', i, 'target_matchers'], rule.target_matchers);
  });
  list(alerting.silences).forEach((silence, i) => {
    if (!isRecord(silence)) return;
    const at: Path = ['alerting', 'silences', i];
    checkMatchers(c, [...at, 'matchers'], silence.matchers);
    const starts = c.seconds(silence.startsAt) ?? 0;
    const ends = c.seconds(silence.endsAt);
    if (ends !== undefined && ends <= starts)
      c.error([...at, 'endsAt'], `a silence must end after it starts (${formatDuration(starts)})`);
  });
  const route = alerting.route;
  if (!isRecord(route)) return;
  checkMatchers(c, ['alerting', 'route', 'matchers'], route.matchers);
  list(route.routes).forEach((child, i) => {
    if (isRecord(child)) checkMatchers(c, ['alerting', 'route', 'routes', i, 'matchers'], child.matchers);
  });
}

/** Dashboard panels: every query parsed as PromQL like an alert's, a panel's node one that exists. */
function checkPanels(c: Checker, panels: unknown[]): void {
  panels.forEach((panel, p) => {
    if (!isRecord(panel)) return;
    list(panel.queries).forEach((query, q) => {
      if (isRecord(query) && typeof query.expr === 'string' && query.expr.trim() !== '')
        checkRuleExpr(c, ['panels', p, 'queries', q, 'expr'], query.expr, 'a panel query');
    });
    if (typeof panel.node === 'string' && !c.nodes.has(panel.node))
      c.error(
        ['panels', p, 'node'],
        `no node named '${panel.node}'${didYouMean(panel.node, c.nodes.keys())}`,
      );
  });
}

function checkRuleExpr(c: Checker, path: Path, expr: string, what = 'an alert expression'): void {
  const parsed = parsePromQL(expr);
  if (!parsed.ok) {
    // parsePromQL's message already ends with its column.
    c.error(path, `PromQL: ${parsed.error}`);
    return;
  }
  if (parsed.type !== 'vector' && parsed.type !== 'scalar') {
    c.error(
      path,
      `${what} must give an instant vector, not a ${parsed.type === 'matrix' ? 'range vector' : parsed.type}`,
    );
    return;
  }
  for (const selector of vectorSelectors(parsed.expr)) {
    const name = selectorName(selector);
    if (name !== undefined && !PROM_SERIES_NAMES.has(name))
      c.error(
        path,
        `unknown metric '${name}'${didYouMean(name, PROM_SERIES_NAMES)}: a run has only the Prometheus series of the reference`,
      );
  }
}

function checkMatchers(c: Checker, path: Path, matchers: unknown): void {
  list(matchers).forEach((m, i) => {
    if (typeof m !== 'string') return;
    const parsed = parseMatcher(m);
    if (!parsed.ok) c.error([...path, i], parsed.error);
  });
}

function checkLegacyAlerts(c: Checker, alerts: unknown[]): void {
  const names = new Map<string, number>();
  alerts.forEach((alert, i) => {
    if (!isRecord(alert)) return;
    if (typeof alert.name === 'string') {
      const previous = names.get(alert.name);
      if (previous !== undefined)
        c.error(['alerts', i, 'name'], `duplicate alert name '${alert.name}' (already alerts[${previous}])`);
      else names.set(alert.name, i);
    }
    if (typeof alert.expr !== 'string' || alert.expr.trim() === '') return;
    const path: Path = ['alerts', i, 'expr'];
    const parsed = alertSelectors(alert.expr);
    if (!parsed.ok) {
      c.error(path, `cannot parse the expression at column ${parsed.column}: ${parsed.error}`);
      return;
    }
    for (const selector of parsed.selectors) checkSelector(c, path, selector);
  });
}

function checkSelector(c: Checker, path: Path, selector: Selector): void {
  const { metric, matchers } = selector;
  if (!METRIC_NAMES.has(metric)) {
    c.error(path, `unknown metric '${metric}'${didYouMean(metric, METRIC_NAMES)}`);
    return;
  }
  const def = metricDef(metric);
  if (!def) return;
  const isEdgeMetric = def.kinds.includes('edge');
  let nodeOk = true;
  for (const m of matchers) {
    if (m.label === 'node') {
      if (!c.nodes.has(m.value)) {
        c.error(
          path,
          `${metric}{node="${m.value}"}: no node named '${m.value}'${didYouMean(m.value, c.nodes.keys())}`,
        );
        nodeOk = false;
      }
    } else if (m.label === 'to') {
      if (!isEdgeMetric) {
        c.error(
          path,
          `${metric}: the 'to' label is only on edge metrics (edge_request_rate, edge_error_ratio)`,
        );
      } else if (!c.nodes.has(m.value)) {
        c.error(
          path,
          `${metric}{to="${m.value}"}: no node named '${m.value}'${didYouMean(m.value, c.nodes.keys())}`,
        );
        nodeOk = false;
      }
    } else {
      const labels = isEdgeMetric ? "'node' and 'to'" : "'node'";
      c.error(
        path,
        `${metric}: unknown label '${m.label}'${didYouMean(m.label, ['node', 'to'])}; its series have the labels ${labels}`,
      );
    }
  }
  if (!nodeOk) return;
  const node = matchers.find((m) => m.label === 'node' && !m.negate)?.value;
  const to = matchers.find((m) => m.label === 'to' && !m.negate)?.value;
  if (isEdgeMetric) {
    if (node !== undefined && to !== undefined && !c.edges.has(`${node}->${to}`)) {
      c.error(path, `${metric}: there is no edge from '${node}' to '${to}'`);
    }
    return;
  }
  const kinds = def.kinds as readonly string[];
  if (node !== undefined) {
    const kind = c.nodes.get(node)?.kind;
    if (kind !== undefined && !kinds.includes(kind)) {
      c.error(
        path,
        `'${node}' is ${withArticle(kind)}, and ${kind} nodes do not record '${metric}' (only ${kinds.join(', ')} do)`,
      );
    }
  } else if (c.nodes.size > 0 && ![...c.nodes.values()].some((n) => kinds.includes(n.kind))) {
    c.error(
      path,
      `no node in this scenario records '${metric}' (only ${kinds.join(', ')} do), so the alert can never fire`,
    );
  }
}

function checkRootCause(c: Checker, rootCause: unknown): void {
  if (!isRecord(rootCause)) return;
  c.node(['rootCause', 'node'], rootCause.node);
  list(rootCause.nodes).forEach((node, i) => c.node(['rootCause', 'nodes', i], node));
  const causes = list(rootCause.causes);
  const seenCause = new Set<unknown>();
  causes.forEach((cause, i) => {
    if (seenCause.has(cause)) c.error(['rootCause', 'causes', i], `duplicate cause '${String(cause)}'`);
    seenCause.add(cause);
  });
  if (rootCause.causes !== undefined) return; // the taxonomy replaces the scenario's own list
  const categories = list(rootCause.categories).filter((x): x is string => typeof x === 'string');
  if (categories.length < 2) {
    c.error(
      ['rootCause', 'causes'],
      'map the root cause onto the cause taxonomy (e.g. "causes": ["dependency-slow"]), or give at least two rootCause.categories to choose from',
    );
  }
  const seen = new Set<string>();
  list(rootCause.categories).forEach((category, i) => {
    if (typeof category !== 'string') return;
    if (seen.has(category)) c.error(['rootCause', 'categories', i], `duplicate category '${category}'`);
    seen.add(category);
  });
  if (
    typeof rootCause.category === 'string' &&
    categories.length > 0 &&
    !categories.includes(rootCause.category)
  ) {
    c.error(
      ['rootCause', 'category'],
      `'${rootCause.category}' is not one of rootCause.categories${didYouMean(rootCause.category, categories)}; the trainee could never choose it`,
    );
  }
}

function checkObjectives(c: Checker, objectives: unknown): void {
  if (!isRecord(objectives)) return;
  const hold = c.seconds(objectives.holdFor);
  if (hold !== undefined && c.durationSeconds !== undefined && hold >= c.durationSeconds) {
    c.error(
      ['objectives', 'holdFor'],
      `the SLOs must hold for ${formatDuration(hold)}, but the scenario lasts only ${formatDuration(c.durationSeconds)}, so it can never be mitigated`,
    );
  }
  list(objectives.slos).forEach((slo, i) => {
    if (!isRecord(slo)) return;
    const kind = c.node(['objectives', 'slos', i, 'node'], slo.node);
    if (!kind || typeof slo.metric !== 'string') return;
    const def = metricDef(slo.metric);
    if (def && !(def.kinds as readonly string[]).includes(kind)) {
      c.error(
        ['objectives', 'slos', i, 'metric'],
        `'${String(slo.node)}' is ${withArticle(kind)}, and ${kind} nodes do not record '${slo.metric}' (it is recorded for ${def.kinds.join(', ')})`,
      );
    }
    if (typeof slo.max === 'number' && def?.unit === 'ratio' && slo.max > 1) {
      c.error(
        ['objectives', 'slos', i, 'max'],
        `'${slo.metric}' is a ratio between 0 and 1, so max ${slo.max} can never be broken`,
      );
    }
  });
}

/** The pace's conditions read a series the run records: a known metric on a node of a kind that records it. */
function checkPace(c: Checker, pace: unknown): void {
  if (!isRecord(pace)) return;
  for (const key of ['symptom', 'outage'] as const) {
    const cond = pace[key];
    if (!isRecord(cond)) continue;
    const kind = c.node(['pace', key, 'node'], cond.node);
    if (typeof cond.metric !== 'string') continue;
    if (!METRIC_NAMES.has(cond.metric)) {
      c.error(
        ['pace', key, 'metric'],
        `unknown metric '${cond.metric}'${didYouMean(cond.metric, METRIC_NAMES)}`,
      );
      continue;
    }
    const def = metricDef(cond.metric);
    if (kind && def && !(def.kinds as readonly string[]).includes(kind)) {
      c.error(
        ['pace', key, 'metric'],
        `'${String(cond.node)}' is ${withArticle(kind)}, and ${kind} nodes do not record '${cond.metric}' (it is recorded for ${def.kinds.join(', ')})`,
      );
    }
  }
}

function checkSolution(c: Checker, steps: unknown[], actions: unknown[], rootCause: unknown): void {
  const offered = actions.filter(isRecord).map((a) => `${String(a.type)} ${String(a.target)}`);
  const taxonomy = isRecord(rootCause) && Array.isArray(rootCause.causes);
  const categories = isRecord(rootCause)
    ? list(taxonomy ? rootCause.causes : rootCause.categories).filter(
        (x): x is string => typeof x === 'string',
      )
    : [];
  const listName = taxonomy ? 'rootCause.causes' : 'rootCause.categories';
  let previous = -Infinity;
  steps.forEach((step, i) => {
    if (!isRecord(step)) return;
    c.within(['solution', i, 'at'], step.at, 'this step is taken');
    const t = c.seconds(step.at);
    if (t !== undefined) {
      if (t < previous)
        c.error(
          ['solution', i, 'at'],
          `steps must be in time order, but this one comes before the previous step`,
        );
      previous = t;
    }
    if (step.kind === 'action') {
      if (step.type === undefined) c.error(['solution', i, 'type'], 'an action step needs the action type');
      if (step.target === undefined) c.error(['solution', i, 'target'], 'an action step needs a target');
      if (typeof step.type !== 'string' || typeof step.target !== 'string') return;
      const key = `${step.type} ${step.target}`;
      const match = actions.filter(isRecord).find((a) => a.type === step.type && a.target === step.target);
      if (!match) {
        c.error(
          ['solution', i],
          `the solution uses '${key}', which is not among the scenario's actions${suggestOffered(key, step.type, offered)}; add it to actions`,
        );
      }
      const spec = actionSpec(step.type);
      checkParams(c, ['solution', i, 'params'], step.params, spec?.params, `action '${step.type}'`, {
        requireAll: match !== undefined,
        inherited: match && isRecord(match.params) ? match.params : {},
      });
      if (step.type === 'set-autoscaler-bounds' && match && isRecord(step.params)) {
        const merged = { ...(isRecord(match.params) ? match.params : {}), ...step.params };
        checkAutoscalerBounds(c, ['solution', i], step.target, merged, false, step.params);
      }
    } else if (step.kind === 'declare') {
      if (step.category === undefined)
        c.error(['solution', i, 'category'], 'a declare step needs the category it diagnoses');
      if (typeof step.category === 'string' && categories.length > 0 && !categories.includes(step.category)) {
        c.error(
          ['solution', i, 'category'],
          `'${step.category}' is not one of ${listName}${didYouMean(step.category, categories)}`,
        );
      }
      if (step.target !== undefined) c.node(['solution', i, 'target'], step.target);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function suggestOffered(key: string, type: string, offered: readonly string[]): string {
  const typo = didYouMean(key, offered);
  if (typo) return typo;
  const sameType = offered.filter((o) => o.startsWith(`${type} `));
  return sameType.length > 0 ? ` (offered: ${sameType.map((o) => `'${o}'`).join(', ')})` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, key))
      value = value[key as string];
    else return undefined;
  }
  return value;
}

/** A short description of a JSON value for messages: 'text', 2.5, true, a list, an object. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const short = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `the text '${short}'`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

/**
 * Messages quote the file's own strings ("no node named '...'"); a 4 MB reference would make a
 * 4 MB message. Quotes longer than 80 characters keep their start and say how long they were.
 */
export function shortenQuoted(message: string): string {
  if (message.length <= 200) return message;
  return message.replace(
    /'([^']{81,})'/g,
    (_, quoted: string) => `'${quoted.slice(0, 60)}... (${quoted.length} characters)'`,
  );
}

function dedupe(errors: readonly ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  const out: ScenarioError[] = [];
  for (const e of errors) {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
