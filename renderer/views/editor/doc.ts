/**
 * The editor's document: the scenario as its JSON input (durations as written, defaults left
 * out), edited immutably. Every function here is pure and returns a new document; untouched
 * branches are shared, so history snapshots are cheap.
 */
import type { NodeKind } from '../../../simulator/scenario/schema';
import { layoutTopology } from '../incident/topology/layout';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Doc = JsonObject;
export type PathKey = string | number;
export type Path = readonly PathKey[];

export const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

export function getIn(doc: Json | undefined, path: Path): Json | undefined {
  let cur: Json | undefined = doc;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PathKey, Json>)[key];
  }
  return cur;
}

/** Sets (or with `undefined`, removes) the value at `path`, creating objects on the way. */
export function setIn(doc: Json | undefined, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const [key, ...rest] = path as [PathKey, ...PathKey[]];
  if (typeof key === 'number') {
    const arr = Array.isArray(doc) ? [...doc] : [];
    if (rest.length === 0 && value === undefined) arr.splice(key, 1);
    else arr[key] = setIn(arr[key], rest, value);
    return arr;
  }
  const obj: JsonObject = isObject(doc) ? { ...doc } : {};
  if (rest.length === 0 && value === undefined) delete obj[key];
  else {
    const next = setIn(obj[key], rest, value);
    // An emptied optional object (e.g. a removed autoscaler's last field) disappears.
    if (value === undefined && isObject(next) && Object.keys(next).length === 0) delete obj[key];
    else obj[key] = next;
  }
  return obj;
}

/** Appends to the array at `path` (created when missing). */
export function pushIn(doc: Doc, path: Path, value: Json): Doc {
  return setIn(doc, path, [...asArray(getIn(doc, path)), value]) as Doc;
}

/** Moves an array element from one index to another. */
export function moveIn(doc: Doc, path: Path, from: number, to: number): Doc {
  const arr = [...asArray(getIn(doc, path))];
  if (to < 0 || to >= arr.length || from === to) return doc;
  const [item] = arr.splice(from, 1);
  arr.splice(to, 0, item as Json);
  return setIn(doc, path, arr) as Doc;
}

export function blankScenario(): Doc {
  return {
    $schema: './scenario.schema.json',
    schemaVersion: 2,
    id: 'new-scenario',
    title: 'New scenario',
    summary: '',
    difficulty: 'beginner',
    tags: [],
    briefing: '',
    seed: 1,
    tickSeconds: 1,
    duration: '30m',
    nodes: [],
    edges: [],
    faults: [],
    alerting: { groups: [{ name: 'alerts', interval: '15s', rules: [] }], route: { receiver: 'page' } },
    actions: [],
    rootCause: { node: '', category: '', causes: [] },
    objectives: { slos: [], holdFor: '2m', selfHeals: false },
  };
}

/** A built-in scenario opened as a copy: a new id (unique among `taken`) and title. */
export function copyOf(doc: Doc, taken: ReadonlySet<string>): Doc {
  const base = `${asString(doc.id) || 'scenario'}-copy`;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return { ...doc, id, title: `${asString(doc.title) || 'Scenario'} (copy)` };
}

export const nodesOf = (doc: Doc): JsonObject[] => asArray(doc.nodes).filter(isObject);
export const edgesOf = (doc: Doc): JsonObject[] => asArray(doc.edges).filter(isObject);
export const nodeIds = (doc: Doc): string[] => nodesOf(doc).map((n) => asString(n.id));
export const nodeIndex = (doc: Doc, id: string): number =>
  asArray(doc.nodes).findIndex((n) => isObject(n) && n.id === id);

export function uniqueId(doc: Doc, base: string): string {
  const ids = new Set(nodeIds(doc));
  for (let i = 1; ; i++) if (!ids.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A new node of `kind` with what it needs to be valid (a client needs a stage). */
export function newNode(kind: NodeKind, id: string, position?: { x: number; y: number }): JsonObject {
  const node: JsonObject = { id, kind };
  if (kind === 'client') node.stages = [{ duration: '1m', target: 100 }];
  if (position) node.position = { x: Math.round(position.x), y: Math.round(position.y) };
  return node;
}

export function addNode(doc: Doc, kind: NodeKind, position?: { x: number; y: number }): [Doc, string] {
  const id = uniqueId(doc, kind === 'loadbalancer' ? 'lb' : kind);
  return [pushIn(doc, ['nodes'], newNode(kind, id, position)), id];
}

/** Adds a call from -> to; a second identical edge or a self-call is refused (returns doc). */
export function addEdge(doc: Doc, from: string, to: string): Doc {
  if (!from || !to || from === to) return doc;
  if (edgesOf(doc).some((e) => e.from === from && e.to === to)) return doc;
  const target = nodesOf(doc).find((n) => n.id === to);
  const edge: JsonObject = { from, to };
  if (target?.kind === 'queue') edge.mode = 'async';
  return pushIn(doc, ['edges'], edge);
}

/** Removes nodes and every edge touching them (other references stay and show as errors). */
export function deleteNodes(doc: Doc, ids: readonly string[]): Doc {
  if (ids.length === 0) return doc;
  const gone = new Set(ids);
  return {
    ...doc,
    nodes: asArray(doc.nodes).filter((n) => !(isObject(n) && gone.has(asString(n.id)))),
    edges: asArray(doc.edges).filter(
      (e) => !(isObject(e) && (gone.has(asString(e.from)) || gone.has(asString(e.to)))),
    ),
  };
}

export function deleteEdges(doc: Doc, indices: readonly number[]): Doc {
  if (indices.length === 0) return doc;
  const gone = new Set(indices);
  return { ...doc, edges: asArray(doc.edges).filter((_, i) => !gone.has(i)) };
}

/** "a->b" edge targets and plain node ids. */
function renameTarget(target: Json | undefined, from: string, to: string): Json | undefined {
  if (typeof target !== 'string') return target;
  if (target === from) return to;
  const arrow = target.indexOf('->');
  if (arrow < 0) return target;
  const a = target.slice(0, arrow).trim();
  const b = target.slice(arrow + 2).trim();
  if (a !== from && b !== from) return target;
  return `${a === from ? to : a}->${b === from ? to : b}`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites `label="old"` (and `label!="old"`) matchers in an alert expression. */
export function renameInExpr(expr: string, from: string, to: string): string {
  // The labels that name a node in the Prometheus view (instance with its exporter's port).
  return expr.replace(
    new RegExp(
      `(\\b(?:service|container|deployment|datname|key|server_address|instance)\\s*!?=~?\\s*")${escapeRe(from)}((?::\\d+)?")`,
      'g',
    ),
    (_, a: string, b: string) => `${a}${to}${b}`,
  );
}

function mapObjects(list: Json | undefined, fn: (o: JsonObject) => JsonObject): Json | undefined {
  if (!Array.isArray(list)) return list;
  return list.map((x) => (isObject(x) ? fn(x) : x));
}

function withKey(o: JsonObject, key: string, value: Json | undefined): JsonObject {
  if (value === undefined || value === o[key]) return o;
  return { ...o, [key]: value };
}

/**
 * Renames a node and every reference to it: edges (from, to, dns), queue consumers, fault
 * targets (nodes and "from->to" edges) and a dns-flood's source, alert expressions' node/to
 * matchers, action and solution targets, the root cause and the SLOs.
 */
export function renameNode(doc: Doc, from: string, to: string): Doc {
  if (from === to || !to) return doc;
  const sameAs = (v: Json | undefined) => (v === from ? to : undefined);
  const out: Doc = { ...doc };
  out.nodes = mapObjects(doc.nodes, (n) => {
    let next = withKey(n, 'id', sameAs(n.id));
    if (Array.isArray(n.consumers))
      next = { ...next, consumers: n.consumers.map((c) => (c === from ? to : c)) };
    return next;
  }) as Json;
  out.edges = mapObjects(doc.edges, (e) => {
    let next = withKey(e, 'from', sameAs(e.from));
    next = withKey(next, 'to', sameAs(e.to));
    return withKey(next, 'dns', sameAs(e.dns));
  }) as Json;
  out.faults = mapObjects(doc.faults, (f) => {
    let next = withKey(f, 'target', renameTarget(f.target, from, to));
    if (isObject(f.params) && f.params.source === from)
      next = { ...next, params: { ...f.params, source: to } };
    return next;
  }) as Json;
  if (isObject(doc.alerting))
    out.alerting = {
      ...doc.alerting,
      groups: mapObjects(doc.alerting.groups, (g) =>
        withKey(
          g,
          'rules',
          mapObjects(g.rules, (r) =>
            typeof r.expr === 'string' ? withKey(r, 'expr', renameInExpr(r.expr, from, to)) : r,
          ),
        ),
      ) as Json,
    };
  out.actions = mapObjects(doc.actions, (a) =>
    withKey(a, 'target', renameTarget(a.target, from, to)),
  ) as Json;
  out.solution = mapObjects(doc.solution, (s) =>
    withKey(s, 'target', renameTarget(s.target, from, to)),
  ) as Json;
  if (isObject(doc.rootCause)) out.rootCause = withKey(doc.rootCause, 'node', sameAs(doc.rootCause.node));
  if (isObject(doc.objectives))
    out.objectives = {
      ...doc.objectives,
      slos: mapObjects(doc.objectives.slos, (s) => withKey(s, 'node', sameAs(s.node))) as Json,
    };
  if (isObject(out.alerting) && out.alerting.groups === undefined) delete out.alerting.groups;
  for (const key of ['nodes', 'edges', 'faults', 'actions', 'solution'] as const)
    if (out[key] === undefined) delete out[key];
  return out;
}

/** Horizontal distance between layout columns in the editor (card width 200 + gap). */
export const COLUMN_STEP = 280;

/**
 * The console's dagre layout (layout.ts), with its columns packed: its tier anchors leave empty
 * ranks (wide gaps) that waste the editor's narrower canvas. Column order and rows are kept.
 */
export function compactLayout(
  positions: ReadonlyMap<string, { x: number; y: number }>,
): Map<string, { x: number; y: number }> {
  const columns = [...new Set([...positions.values()].map((p) => Math.round(p.x)))].sort((a, b) => a - b);
  const index = new Map(columns.map((x, i) => [x, i]));
  const out = new Map<string, { x: number; y: number }>();
  for (const [id, p] of positions)
    out.set(id, { x: 20 + (index.get(Math.round(p.x)) ?? 0) * COLUMN_STEP, y: Math.round(p.y) });
  return out;
}

/** Writes (compacted) dagre auto-layout positions into every node. */
export function autoLayout(doc: Doc): Doc {
  const nodes = nodesOf(doc);
  const positions = compactLayout(
    layoutTopology({
      nodes: nodes.map((n) => ({
        id: asString(n.id),
        kind: asString(n.kind) as NodeKind,
        consumers: Array.isArray(n.consumers) ? n.consumers.map(asString) : undefined,
      })),
      edges: edgesOf(doc).map((e) => ({
        from: asString(e.from),
        to: asString(e.to),
        dns: typeof e.dns === 'string' ? e.dns : undefined,
      })),
    }),
  );
  return {
    ...doc,
    nodes: asArray(doc.nodes).map((n) => {
      if (!isObject(n)) return n;
      const p = positions.get(asString(n.id));
      return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
    }),
  };
}
