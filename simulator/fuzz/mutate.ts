/**
 * Structural mutations of JSON documents for fuzzing: replace a value (with arbitrary JSON or a
 * value chosen to sit on a limit), delete a field, swap in a string from elsewhere in the document
 * (a reference to another node, say), duplicate a list entry, scale a number, or set a number (or
 * a duration) to an extreme one. Pure and deterministic, so a failing case is reproduced from its
 * seed document and mutation list alone.
 */
import fc from 'fast-check';
import { nested } from '../json-depth';

export type JsonKey = string | number;

export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'swap-string'; readonly at: number; readonly from: number }
  | { readonly kind: 'duplicate'; readonly at: number }
  | { readonly kind: 'scale'; readonly at: number; readonly factor: number }
  | { readonly kind: 'extreme'; readonly at: number; readonly value: number };

/**
 * Factors for 'scale', which multiplies one of the document's numbers: a number scaled stays a
 * number, so these mutants often still validate and reach the engine with extreme values.
 */
const FACTORS: readonly number[] = [0, -1, 1e-9, 1e-3, 0.5, 1.5, 10, 1e3, 1e6, 1e12];

/**
 * For 'extreme', which sets one number (or duration string) of the document to a value far past
 * any realistic bound but still a finite JSON number: what finds products that overflow, ticks
 * that do not fit in memory and divisions by nearly nothing (issue 15, item 6's bug class).
 */
export const EXTREME_NUMBERS: readonly number[] = [
  1e9,
  1e12,
  1e15,
  1e100,
  1e300,
  1e307,
  Number.MAX_VALUE,
  -1e307,
  -Number.MAX_VALUE,
  1e-9,
  1e-300,
  Number.MIN_VALUE,
];

/** A duration written as text ("30s", "5m"): 'extreme' may turn it into a number of seconds. */
const DURATION_TEXT = /^\d+(\.\d+)?(ms|s|m|h)$/;

/** Values on or past the edges the schema and the engine care about. */
const EDGE_VALUES: readonly unknown[] = [
  0,
  -1,
  1e-9,
  0.5,
  1,
  2,
  1e9,
  1e307,
  -1e307,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  '0s',
  '-5m',
  '24h',
  '25h',
  '1h30m',
  '250ms',
  'x'.repeat(10_000),
  'a->b',
  '->',
  '__proto__',
  null,
  true,
  [],
  {},
  nested(100),
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...EDGE_VALUES)),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-string' as const), at: fc.nat(), from: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('scale' as const), at: fc.nat(), factor: fc.constantFrom(...FACTORS) }),
  fc.record({
    kind: fc.constant('extreme' as const),
    at: fc.nat(),
    value: fc.constantFrom(...EXTREME_NUMBERS),
  }),
);

/** Paths of every value below the root, parents before children. */
export function pathsOf(value: unknown, prefix: JsonKey[] = [], out: JsonKey[][] = []): JsonKey[][] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  }
  return out;
}

type Container = Record<JsonKey, unknown>;

/** A deep copy of a JSON value (simulator/ has no structuredClone type: no DOM or Node lib). */
const clone = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

function parentOf(root: unknown, path: readonly JsonKey[]): Container {
  let parent = root as Container;
  for (const key of path.slice(0, -1)) parent = parent[key] as Container;
  return parent;
}

function valueAt(root: unknown, path: readonly JsonKey[]): unknown {
  return parentOf(root, path)[path[path.length - 1]!];
}

/** Applies the mutations in order to a deep copy of `seed`. */
export function mutate(seed: unknown, mutations: readonly Mutation[]): unknown {
  const doc = clone(seed);
  for (const m of mutations) {
    const paths = pathsOf(doc);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length]!;
    const parent = parentOf(doc, path);
    const key = path[path.length - 1]!;
    switch (m.kind) {
      case 'replace':
        parent[key] = clone(m.value);
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case 'swap-string': {
        const strings = paths.map((p) => valueAt(doc, p)).filter((v) => typeof v === 'string');
        if (strings.length > 0) parent[key] = strings[m.from % strings.length];
        break;
      }
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice(key as number, 0, clone(parent[key]));
        break;
      case 'scale': {
        const numbers = paths.filter((p) => typeof valueAt(doc, p) === 'number');
        if (numbers.length === 0) break;
        const target = numbers[m.at % numbers.length]!;
        const holder = parentOf(doc, target);
        const last = target[target.length - 1]!;
        holder[last] = (holder[last] as number) * m.factor;
        break;
      }
      case 'extreme': {
        const numbers = paths.filter((p) => {
          const v = valueAt(doc, p);
          return typeof v === 'number' || (typeof v === 'string' && DURATION_TEXT.test(v));
        });
        if (numbers.length === 0) break;
        const target = numbers[m.at % numbers.length]!;
        parentOf(doc, target)[target[target.length - 1]!] = m.value;
        break;
      }
      default:
        m satisfies never;
    }
  }
  return doc;
}
