/**
 * Aggregation operators with `by` / `without`, as Prometheus 2.42 computes them
 * (engine.go aggregation): running mean and Welford variance, topk/bottomk through the same
 * binary heap Go's container/heap keeps (so ties pick the same series), count_values labels
 * in Go's 'f' float format.
 */
import type { AggregateOp } from './ast';
import { METRIC_NAME, labelsKey, sameNames, withLabel } from './labels';
import { quantile } from './quantile';
import type { PromLabels } from './types';
import type { Sample } from './values';

/** aggregate()'s groups by index: label set, count, value (sum, max, min), mean, members. */
const gLabels: PromLabels[] = [];
let gCount: Float64Array = new Float64Array(64);
let gValue: Float64Array = new Float64Array(64);
let gMean: Float64Array = new Float64Array(64);
const gMembers: Sample[][] = [];
const EMPTY_LABELS: PromLabels = {};

function grown(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
const NO_MEMBERS: Sample[] = [];

/** strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that read back, never an exponent. */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const text = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, fraction = '', exp] = m;
  const digits = lead! + fraction;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return sign + digits + '0'.repeat(Math.max(0, point - digits.length));
}

/**
 * The group's label set, remembered per input label set for its last grouping (labels.ts's rule:
 * a label set never changes), so a rule's `sum by (...)` over the same series builds no new sets
 * and their keys are memoised too. Groupings compare by their names: `sum by (service) (a) / sum
 * by (service) (b)` asks the same of a series both sides select, through two arrays.
 */
function groupLabels(labels: PromLabels, grouping: readonly string[], without: boolean): PromLabels {
  const memo = groupMemo.get(labels);
  if (memo && memo.without === without && sameNames(memo.grouping, grouping)) return memo.out;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    const listed = grouping.includes(name);
    if (without ? !listed && name !== METRIC_NAME : listed) out[name] = value;
  }
  groupMemo.set(labels, { grouping, without, out });
  return out;
}

const groupMemo = new WeakMap<
  PromLabels,
  { readonly grouping: readonly string[]; readonly without: boolean; readonly out: PromLabels }
>();

/** Go's container/heap over samples, ordered by `less`. */
class SampleHeap {
  readonly items: Sample[] = [];
  constructor(private readonly less: (a: number, b: number) => boolean) {}

  private lessAt(i: number, j: number): boolean {
    return this.less(this.items[i]!.value, this.items[j]!.value);
  }

  private swap(i: number, j: number): void {
    const t = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = t;
  }

  private up(j: number): void {
    for (;;) {
      const i = Math.trunc((j - 1) / 2);
      if (i === j || !this.lessAt(j, i)) break;
      this.swap(i, j);
      j = i;
    }
  }

  private down(i0: number): boolean {
    const n = this.items.length;
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n) break;
      let j = j1;
      if (j1 + 1 < n && this.lessAt(j1 + 1, j1)) j = j1 + 1;
      if (!this.lessAt(j, i)) break;
      this.swap(i, j);
      i = j;
    }
    return i > i0;
  }

  push(s: Sample): void {
    this.items.push(s);
    this.up(this.items.length - 1);
  }

  replaceTop(s: Sample, fix: boolean): void {
    this.items[0] = s;
    if (fix && !this.down(0)) this.up(0);
  }
}

// vectorByValueHeap / vectorByReverseValueHeap: a NaN is always "less", so it is replaced first.
const smallestOnTop = (a: number, b: number): boolean => Number.isNaN(a) || a < b;
const largestOnTop = (a: number, b: number): boolean => Number.isNaN(a) || a > b;

function selectK(samples: readonly Sample[], k: number, top: boolean): Sample[] {
  const heap = new SampleHeap(top ? smallestOnTop : largestOnTop);
  for (const s of samples) {
    const head = heap.items[0];
    if (heap.items.length < k) heap.push(s);
    else if (
      head &&
      ((top ? head.value < s.value : head.value > s.value) ||
        (Number.isNaN(head.value) && !Number.isNaN(s.value)))
    ) {
      heap.replaceTop(s, k > 1);
    }
  }
  return heap.items.map((s) => ({ labels: s.labels, value: s.value }));
}

export function aggregate(
  op: AggregateOp,
  samples: readonly Sample[],
  grouping: readonly string[],
  without: boolean,
  param: number | string | undefined,
): Sample[] {
  let input = samples;
  let by = grouping;
  if (op === 'count_values') {
    const label = param as string;
    input = samples.map((s) => ({
      labels: withLabel(s.labels, label, formatFloatF(s.value)),
      value: s.value,
    }));
    if (!without) by = [...grouping, label];
  }
  // The groups in scratch arrays reused across calls (aggregate never re-enters itself), so a
  // rule's `sum by` allocates only its result.
  // A fresh Map: V8's Map.clear() reallocates its table, which costs more than a new Map.
  const index = new Map<string, number>();
  let n = 0;
  // Only these read a group's members: the others (a rule's sum by) keep none.
  const keep = op === 'topk' || op === 'bottomk' || op === 'stddev' || op === 'stdvar' || op === 'quantile';
  for (const s of input) {
    const labels = groupLabels(s.labels, by, without);
    const key = labelsKey(labels);
    const g = index.get(key);
    if (g === undefined) {
      if (n === gCount.length) {
        gCount = grown(gCount);
        gValue = grown(gValue);
        gMean = grown(gMean);
      }
      index.set(key, n);
      gLabels[n] = labels;
      gCount[n] = 1;
      gValue[n] = s.value;
      gMean[n] = s.value;
      if (keep) gMembers[n] = [s];
      n++;
      continue;
    }
    if (keep) gMembers[g]!.push(s);
    const count = ++gCount[g]!;
    switch (op) {
      case 'sum':
        gValue[g]! += s.value;
        break;
      case 'avg':
        gMean[g] = runningMean(gMean[g]!, s.value, count);
        break;
      case 'max':
        if (gValue[g]! < s.value || Number.isNaN(gValue[g])) gValue[g] = s.value;
        break;
      case 'min':
        if (gValue[g]! > s.value || Number.isNaN(gValue[g])) gValue[g] = s.value;
        break;
      default:
        break;
    }
  }
  const out: Sample[] = [];
  for (let g = 0; g < n; g++) {
    const labels = gLabels[g]!;
    switch (op) {
      case 'topk':
      case 'bottomk': {
        const members = gMembers[g]!;
        const k = Math.min(Math.trunc(param as number), members.length);
        if (k >= 1) out.push(...selectK(members, k, op === 'topk'));
        break;
      }
      case 'avg':
        out.push({ labels, value: gMean[g]! });
        break;
      case 'count':
      case 'count_values':
        out.push({ labels, value: gCount[g]! });
        break;
      case 'group':
        out.push({ labels, value: 1 });
        break;
      case 'stddev':
      case 'stdvar': {
        const variance = welford(gMembers[g]!);
        out.push({ labels, value: op === 'stddev' ? Math.sqrt(variance) : variance });
        break;
      }
      case 'quantile':
        out.push({
          labels,
          value: quantile(
            param as number,
            gMembers[g]!.map((s) => s.value),
          ),
        });
        break;
      default:
        out.push({ labels, value: gValue[g]! });
    }
  }
  // Let go of the samples and label sets (the arrays keep their length for the next call).
  gLabels.fill(EMPTY_LABELS, 0, n);
  if (keep) gMembers.fill(NO_MEMBERS, 0, n);
  return out;
}

/** The incremental mean Prometheus keeps (no overflow), leaving an infinite mean alone. */
function runningMean(mean: number, v: number, count: number): number {
  if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
    if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) return mean;
    if (Number.isFinite(v)) return mean;
  }
  return mean + (v / count - mean / count);
}

function welford(members: readonly Sample[]): number {
  let mean = members[0]!.value;
  let aux = 0;
  for (let i = 1; i < members.length; i++) {
    const v = members[i]!.value;
    const delta = v - mean;
    mean += delta / (i + 1);
    aux += delta * (v - mean);
  }
  return aux / members.length;
}
