/**
 * Binary operators (Prometheus 2.42 engine.go): arithmetic and comparisons between scalars and
 * vectors, `bool`, set operators, and vector matching with on/ignoring and group_left/right,
 * including its errors for many-to-many and duplicate matches.
 */
import { COMPARISON_OPS, type BinaryOp, type VectorMatching } from './ast';
import { dropMetricName, formatLabels, labelsKey, signature } from './labels';
import { goPow } from './go-math';
import type { PromLabels } from './types';
import { PromQLEvalError, type Sample } from './values';

/** Go's math.Mod: the result has the sign of the dividend. */
function goMod(a: number, b: number): number {
  return a % b;
}

/** The value of `lhs op rhs` and whether a comparison keeps the element. */
export function scalarBinop(op: BinaryOp, lhs: number, rhs: number): [number, boolean] {
  switch (op) {
    case '+':
      return [lhs + rhs, true];
    case '-':
      return [lhs - rhs, true];
    case '*':
      return [lhs * rhs, true];
    case '/':
      return [lhs / rhs, true];
    case '%':
      return [goMod(lhs, rhs), true];
    case '^':
      return [goPow(lhs, rhs), true];
    case '==':
      return [lhs, lhs === rhs];
    case '!=':
      return [lhs, lhs !== rhs];
    case '>':
      return [lhs, lhs > rhs];
    case '<':
      return [lhs, lhs < rhs];
    case '>=':
      return [lhs, lhs >= rhs];
    case '<=':
      return [lhs, lhs <= rhs];
    default:
      throw new PromQLEvalError(`operator ${op} not allowed for scalar operations`);
  }
}

const dropsName = (op: BinaryOp): boolean => !COMPARISON_OPS.has(op);

/** Scalar op scalar: comparisons need `bool` (the parser refuses them otherwise). */
export function scalarScalar(op: BinaryOp, lhs: number, rhs: number): number {
  const [value, keep] = scalarBinop(op, lhs, rhs);
  return COMPARISON_OPS.has(op) ? (keep ? 1 : 0) : value;
}

/** Vector op scalar, or scalar op vector (`swap`). A comparison keeps the vector's value. */
export function vectorScalar(
  op: BinaryOp,
  vector: readonly Sample[],
  scalar: number,
  swap: boolean,
  returnBool: boolean,
): Sample[] {
  const out: Sample[] = [];
  for (const s of vector) {
    const [l, r] = swap ? [scalar, s.value] : [s.value, scalar];
    let [value, keep] = scalarBinop(op, l, r);
    if (COMPARISON_OPS.has(op) && swap) value = r;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    out.push({ labels: dropsName(op) || returnBool ? dropMetricName(s.labels) : s.labels, value });
  }
  return out;
}

export function vectorAnd(lhs: readonly Sample[], rhs: readonly Sample[], m: VectorMatching): Sample[] {
  if (lhs.length === 0 || rhs.length === 0) return [];
  const right = new Set(rhs.map((s) => signature(s.labels, m.on, m.labels)));
  return lhs.filter((s) => right.has(signature(s.labels, m.on, m.labels))).map(plain);
}

export function vectorOr(lhs: readonly Sample[], rhs: readonly Sample[], m: VectorMatching): Sample[] {
  if (lhs.length === 0) return rhs.map(plain);
  if (rhs.length === 0) return lhs.map(plain);
  const left = new Set(lhs.map((s) => signature(s.labels, m.on, m.labels)));
  return [...lhs, ...rhs.filter((s) => !left.has(signature(s.labels, m.on, m.labels)))].map(plain);
}

export function vectorUnless(lhs: readonly Sample[], rhs: readonly Sample[], m: VectorMatching): Sample[] {
  if (lhs.length === 0 || rhs.length === 0) return lhs.map(plain);
  const right = new Set(rhs.map((s) => signature(s.labels, m.on, m.labels)));
  return lhs.filter((s) => !right.has(signature(s.labels, m.on, m.labels))).map(plain);
}

const plain = (s: Sample): Sample => ({ labels: s.labels, value: s.value });

/**
 * resultMetric, remembered for the last (rhs, matching, name dropped) of each left-hand label set
 * (labels.ts: a label set never changes; a parsed expression keeps its matching object), so the
 * same expression over the same series gives the same label set object, whose key, signature and
 * alert labels are memoised downstream.
 */
function resultLabels(lhs: PromLabels, rhs: PromLabels, op: BinaryOp, m: VectorMatching): PromLabels {
  const drop = dropsName(op);
  let memo = resultMemo.get(lhs);
  if (memo) {
    for (const r of memo) if (r.rhs === rhs && r.m === m && r.drop === drop) return r.out;
  } else resultMemo.set(lhs, (memo = []));
  const out = buildResultLabels(lhs, rhs, drop, m);
  // A few per left side: `sum(a) / (sum(a) + sum(b))` meets one label set in two operations.
  if (memo.length === RESULT_MEMO_SIZE) memo.pop();
  memo.unshift({ rhs, m, drop, out });
  return out;
}

const RESULT_MEMO_SIZE = 4;
const resultMemo = new WeakMap<
  PromLabels,
  { readonly rhs: PromLabels; readonly m: VectorMatching; readonly drop: boolean; readonly out: PromLabels }[]
>();

/** resultMetric: the left side's labels, reduced by one-to-one matching, plus group_x's labels from the "one" side. */
function buildResultLabels(lhs: PromLabels, rhs: PromLabels, drop: boolean, m: VectorMatching): PromLabels {
  const out: Record<string, string> = { ...(drop ? dropMetricName(lhs) : lhs) };
  if (m.card === 'one-to-one') {
    for (const name of Object.keys(out)) {
      if (m.labels.includes(name) !== m.on) delete out[name];
    }
  }
  for (const name of m.include) {
    const v = rhs[name];
    if (v !== undefined && v !== '') out[name] = v;
    else delete out[name];
  }
  return out;
}

/** Arithmetic or comparison between two vectors (VectorBinop). */
export function vectorVector(
  op: BinaryOp,
  lhsIn: readonly Sample[],
  rhsIn: readonly Sample[],
  m: VectorMatching,
  returnBool: boolean,
): Sample[] {
  if (lhsIn.length === 0 || rhsIn.length === 0) return [];
  const oneToMany = m.card === 'one-to-many';
  const [lhs, rhs] = oneToMany ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const sig = (s: Sample): string => signature(s.labels, m.on, m.labels);
  const rightSigs = new Map<string, Sample>();
  for (const rs of rhs) {
    const key = sig(rs);
    const dupl = rightSigs.get(key);
    if (dupl) {
      throw new PromQLEvalError(
        `found duplicate series for the match group on the ${oneToMany ? 'left' : 'right'} hand-side of the operation: ` +
          `[${formatLabels(rs.labels)}, ${formatLabels(dupl.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    rightSigs.set(key, rs);
  }
  const matched = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const key = sig(ls);
    const rs = rightSigs.get(key);
    if (!rs) continue;
    const [vl, vr] = oneToMany ? [rs.value, ls.value] : [ls.value, rs.value];
    const [computed, keep] = scalarBinop(op, vl, vr);
    if (!returnBool && !keep) continue;
    const value = returnBool ? (keep ? 1 : 0) : computed;
    let labels = resultLabels(ls.labels, rs.labels, op, m);
    if (returnBool) labels = dropMetricName(labels);
    const inserted = matched.get(key);
    if (m.card === 'one-to-one') {
      if (inserted !== undefined) {
        throw new PromQLEvalError(
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      }
      matched.set(key, null);
    } else {
      const labelKey = labelsKey(labels);
      if (!inserted) matched.set(key, new Set([labelKey]));
      else if (inserted.has(labelKey)) {
        throw new PromQLEvalError('multiple matches for labels: grouping labels must ensure unique matches');
      } else inserted.add(labelKey);
    }
    out.push({ labels, value });
  }
  return out;
}
