/**
 * Sampled traces: every few ticks one request from a client is followed down the sync call graph
 * (depth-first, bounded). Spans go into preallocated numeric arrays; traces() builds the objects on
 * demand. The trace's request id matches the log request-id scheme (req-<tick>-t).
 */
import type { Rng } from '../random/prng';
import type { Span, Trace } from './api';
import { CLIENT, QUEUE, type Model } from './compile';
import type { LogRing } from './logs';
import type { State } from './state';

const MAX_SPANS = 16;
const MAX_DEPTH = 6;
/** One trace every this many ticks. */
const EVERY = 5;

export class TraceRing {
  private readonly tick: Int32Array;
  private readonly time: Float64Array;
  private readonly spans: Int32Array;
  private readonly spanNode: Int32Array;
  private readonly spanStart: Float64Array;
  private readonly spanDur: Float64Array;
  private readonly spanErr: Uint8Array;
  private readonly spanDepth: Uint8Array;
  private readonly stackNode = new Int32Array(MAX_SPANS * 4);
  private readonly stackDepth = new Int32Array(MAX_SPANS * 4);
  private readonly stackStart = new Float64Array(MAX_SPANS * 4);
  private readonly stackEdge = new Int32Array(MAX_SPANS * 4);
  private head = 0;
  private count = 0;
  private clientCursor = 0;

  constructor(
    private readonly model: Model,
    private readonly st: State,
    capacity: number,
  ) {
    const c = Math.max(1, capacity);
    this.tick = new Int32Array(c);
    this.time = new Float64Array(c);
    this.spans = new Int32Array(c);
    this.spanNode = new Int32Array(c * MAX_SPANS);
    this.spanStart = new Float64Array(c * MAX_SPANS);
    this.spanDur = new Float64Array(c * MAX_SPANS);
    this.spanErr = new Uint8Array(c * MAX_SPANS);
    this.spanDepth = new Uint8Array(c * MAX_SPANS);
  }

  private sampleLatency(i: number, u: number): number {
    const st = this.st;
    return u < 0.5
      ? st.p50[i]! * (u / 0.5) * 1.4
      : u < 0.95
        ? st.p50[i]! + (st.p95[i]! - st.p50[i]!) * ((u - 0.5) / 0.45)
        : st.p95[i]! + (st.p99[i]! - st.p95[i]!) * ((u - 0.95) / 0.04);
  }

  sample(tickNo: number, t: number, rng: Rng, logs?: LogRing): void {
    const { model, st } = this;
    const clients = model.kindEnd[CLIENT]! - model.kindStart[CLIENT]!;
    if (tickNo % EVERY !== 0 || clients <= 0) return;
    const root = model.kindStart[CLIENT]! + (this.clientCursor++ % clients);
    if (st.arrRate[root]! <= 0) return;
    const slot = this.head;
    const base = slot * MAX_SPANS;
    let spans = 0;
    this.stackNode[0] = root;
    this.stackDepth[0] = 0;
    this.stackStart[0] = 0;
    this.stackEdge[0] = -1;
    let sp = 1;
    // The deepest failed call (closest to the cause), else the first callee served, gets a log line.
    let logDepth = -1;
    let logEdge = -1;
    let logNode = root;
    let logFailed = false;
    let logDur = 0;
    while (sp > 0 && spans < MAX_SPANS) {
      sp--;
      const i = this.stackNode[sp]!;
      const depth = this.stackDepth[sp]!;
      const start = this.stackStart[sp]!;
      const e = this.stackEdge[sp]!;
      let dur = i === root ? st.p50[i]! : this.sampleLatency(i, rng.next());
      let err: number;
      if (e >= 0) {
        dur = Math.min(dur, model.timeout[e]!);
        err = rng.next() < st.eP[e]! ? 1 : 0;
      } else err = rng.next() < st.errRatio[i]! ? 1 : 0;
      if (e >= 0 && ((err === 1 && depth > logDepth) || (!logFailed && spans === 1))) {
        logDepth = err === 1 ? depth : -1;
        logEdge = e;
        logNode = i;
        logFailed = err === 1;
        logDur = dur;
      }
      const s = base + spans++;
      this.spanNode[s] = i;
      this.spanStart[s] = start;
      this.spanDur[s] = dur;
      this.spanErr[s] = err;
      this.spanDepth[s] = depth;
      if (depth >= MAX_DEPTH || model.kind[i] === QUEUE) continue;
      // Children run one after another inside the parent; pushed in reverse so they pop in order.
      let offset = start + dur * 0.05;
      const first = model.outStart[i]!;
      const last = model.outStart[i + 1]!;
      let need = 0;
      for (let x = first; x < last; x++) if (!model.async[model.outEdges[x]!]) need++;
      if (sp + need > this.stackNode.length) continue;
      let w = sp + need - 1;
      for (let x = first; x < last; x++) {
        const ce = model.outEdges[x]!;
        if (model.async[ce]) continue;
        this.stackNode[w] = model.to[ce]!;
        this.stackDepth[w] = depth + 1;
        this.stackStart[w] = offset;
        this.stackEdge[w] = ce;
        offset += Math.min(st.latMean[model.to[ce]!]!, model.timeout[ce]!);
        w--;
      }
      sp += need;
    }
    // The root waits for every call it makes: its span covers theirs.
    for (let k = 1; k < spans; k++) {
      const end = this.spanStart[base + k]! + this.spanDur[base + k]!;
      if (end > this.spanDur[base]!) this.spanDur[base] = end;
    }
    logs?.traceLine(t, tickNo, logNode, logEdge, logFailed, logDur);
    this.tick[slot] = tickNo;
    this.time[slot] = t;
    this.spans[slot] = spans;
    this.head = (slot + 1) % this.tick.length;
    if (this.count < this.tick.length) this.count++;
  }

  traces(): Trace[] {
    const out: Trace[] = [];
    const cap = this.tick.length;
    for (let k = 0; k < this.count; k++) {
      const slot = (this.head - this.count + k + cap) % cap;
      const base = slot * MAX_SPANS;
      const spans: Span[] = [];
      let error = false;
      for (let s = 0; s < this.spans[slot]!; s++) {
        const node = this.model.ids[this.spanNode[base + s]!]!;
        const isErr = this.spanErr[base + s] === 1;
        error ||= isErr;
        spans.push({
          node,
          operation: s === 0 ? 'request' : `call ${node}`,
          start: this.spanStart[base + s]!,
          duration: this.spanDur[base + s]!,
          error: isErr,
          depth: this.spanDepth[base + s]!,
        });
      }
      out.push({
        requestId: `req-${this.tick[slot]}-t`,
        t: this.time[slot]!,
        root: spans[0]?.node ?? '',
        duration: spans[0]?.duration ?? 0,
        error,
        spans,
      });
    }
    return out;
  }
}
