/**
 * Sampled traces: every few ticks one request from a client is followed down the call graph
 * (depth-first, bounded). Spans go into preallocated numeric arrays; traces() builds the objects on
 * demand. The trace's request id matches the log request-id scheme (req-<tick>-t).
 *
 * A trace follows causality: whether the request fails is drawn from the client's error ratio,
 * and a failure is carried down the path that really failed (failure-causes.ts): a call fails
 * for the reason the engine's per-edge state gives (a timeout ends the call at the caller's
 * timeout; a DNS failure, a drained pool, an open breaker or a reset never reach the callee, so
 * the failing span is the caller's), and a callee that answered with an error failed for its
 * own reason or because one of its calls failed. Durations are drawn from each node's latency
 * this tick, and a child lies inside its parent's time. A fire-and-forget call is a short
 * producer span that is not waited for.
 *
 * traces() gives each span OpenTelemetry's ids (trace-ids.ts: from the seed and the tick), its
 * parent, writer, kind, attributes and status message (span-otel.ts).
 */
import type { Rng } from '../random/prng';
import type { Span, Trace } from './api';
import { CLIENT, DATABASE, QUEUE, type Model } from './compile';
import {
  CALL_BREAKER,
  CALL_CALLEE,
  CALL_DNS,
  CALL_RESET,
  CALL_SHED,
  CALL_TIMEOUT,
  NODE_HUNG,
  NODE_NONE,
  NODE_NOSPACE,
  NODE_OOM,
  NODE_OWN,
  NOISE_FLOOR,
  pickCallCause,
  pickNodeCause,
  REJECT_LIMITED,
  rejectReason,
} from './failure-causes';
import { sampleLatency } from './latency-sample';
import {
  REPLY_DOWNSTREAM,
  REPLY_DOWNSTREAM_TIMEOUT,
  REPLY_NOSPACE,
  REPLY_OOM,
  REPLY_OWN,
  REPLY_REJECT,
} from './log-text';
import type { LogRing } from './logs';
import { otelSpan, type SpanRecord } from './span-otel';
import type { State } from './state';
import { spanIdOf, traceIdOf } from './trace-ids';

const MAX_SPANS = 16;
const MAX_DEPTH = 6;
/** One trace every this many ticks (a whole run's traces fit in duration / tick / this). */
export const TRACE_EVERY_TICKS = 5;
const EVERY = TRACE_EVERY_TICKS;
/** A call refused at once (429, 503, connection refused, breaker open) costs about a round trip. */
const FAST_FAIL = 0.001;

export class TraceRing {
  private readonly tick: Int32Array;
  private readonly time: Float64Array;
  private readonly spans: Int32Array;
  private readonly spanNode: Int32Array;
  /** The call a span stands for (-1: the root); on a caller-side failure the span is the caller's. */
  private readonly spanEdge: Int32Array;
  private readonly spanStart: Float64Array;
  private readonly spanDur: Float64Array;
  private readonly spanErr: Uint8Array;
  private readonly spanDepth: Uint8Array;
  /** The parent span's position in the trace (-1: the root). */
  private readonly spanParent: Int8Array;
  /** CALL_* when the call failed before an answer; the REPLY_* and reject reason of a failed node. */
  private readonly spanWhy: Uint8Array;
  private readonly spanReply: Uint8Array;
  private readonly spanReason: Uint8Array;
  /** A refusal's limit (threads or rate limit) as it was then; else the duration. */
  private readonly spanValue: Float64Array;
  /**
   * 1: a fire-and-forget call; 2: a query while the database ran slow queries; 4: a consumer's
   * processing of an enqueued message; 8: a span inside such processing (not the request's).
   */
  private readonly spanFlags: Uint8Array;
  private head = 0;
  private count = 0;
  private clientCursor = 0;
  // The sampled trace being built: its slot base, span count and random numbers.
  private base = 0;
  private used = 0;
  private rng: Rng | undefined;
  private t = 0;
  // The deepest failed call (closest to the cause) gets the trace's log line.
  private logDepth = -1;
  private logEdge = -1;
  private logWhy = 0;
  private logReply = 0;
  private logReason = 0;
  /** 8 while building a consumer's processing (open() marks its spans). */
  private sub = 0;

  constructor(
    private readonly model: Model,
    private readonly st: State,
    capacity: number,
    /** The run's seed: trace and span ids derive from it. */
    private readonly seed = 0,
  ) {
    const c = Math.max(1, capacity);
    this.tick = new Int32Array(c);
    this.time = new Float64Array(c);
    this.spans = new Int32Array(c);
    this.spanNode = new Int32Array(c * MAX_SPANS);
    this.spanEdge = new Int32Array(c * MAX_SPANS);
    this.spanStart = new Float64Array(c * MAX_SPANS);
    this.spanDur = new Float64Array(c * MAX_SPANS);
    this.spanErr = new Uint8Array(c * MAX_SPANS);
    this.spanDepth = new Uint8Array(c * MAX_SPANS);
    this.spanParent = new Int8Array(c * MAX_SPANS);
    this.spanWhy = new Uint8Array(c * MAX_SPANS);
    this.spanReply = new Uint8Array(c * MAX_SPANS);
    this.spanReason = new Uint8Array(c * MAX_SPANS);
    this.spanValue = new Float64Array(c * MAX_SPANS);
    this.spanFlags = new Uint8Array(c * MAX_SPANS);
  }

  sample(tickNo: number, t: number, rng: Rng, logs?: LogRing): void {
    const { model, st } = this;
    const clients = model.kindEnd[CLIENT]! - model.kindStart[CLIENT]!;
    if (tickNo % EVERY !== 0 || clients <= 0) return;
    const root = model.kindStart[CLIENT]! + (this.clientCursor++ % clients);
    if (st.arrRate[root]! <= 0) return;
    const slot = this.head;
    this.base = slot * MAX_SPANS;
    this.used = 0;
    this.rng = rng;
    this.t = t;
    this.logDepth = -1;
    this.logEdge = -1;
    this.logWhy = 0;
    const fails = st.errRatio[root]! >= NOISE_FLOOR && rng.next() < st.errRatio[root]!;
    this.node(root, -1, -1, 0, 0, Infinity, fails);
    // Without a failure, the first call served gets the line.
    const first = this.base + 1;
    if (this.logEdge >= 0)
      logs?.traceLine(t, tickNo, -1, this.logEdge, this.logWhy, this.logReply, this.logReason, 0);
    else if (this.used > 1)
      logs?.traceLine(t, tickNo, this.spanNode[first]!, -1, 0, 0, 0, this.spanDur[first]!);
    this.tick[slot] = tickNo;
    this.time[slot] = t;
    this.spans[slot] = this.used;
    this.head = (slot + 1) % this.tick.length;
    if (this.count < this.tick.length) this.count++;
  }

  private open(node: number, edge: number, parent: number, depth: number, start: number): number {
    const s = this.base + this.used++;
    this.spanNode[s] = node;
    this.spanEdge[s] = edge;
    this.spanStart[s] = start;
    this.spanDur[s] = 0;
    this.spanErr[s] = 0;
    this.spanDepth[s] = depth;
    this.spanParent[s] = parent;
    this.spanWhy[s] = 0;
    this.spanReply[s] = 0;
    this.spanReason[s] = 0;
    this.spanValue[s] = 0;
    this.spanFlags[s] =
      (this.model.kind[node] === DATABASE && this.st.slowActive[node]! > 0 ? 2 : 0) | this.sub;
    return s;
  }

  /** Remembers a failed call for the trace's log line when it is the deepest so far. */
  private failedCall(e: number, depth: number, why: number, reply: number, reason: number): void {
    if (depth <= this.logDepth) return;
    this.logDepth = depth;
    this.logEdge = e;
    this.logWhy = why;
    this.logReply = reply;
    this.logReason = reason;
  }

  /**
   * The span of node i reached by edge e (-1: the root) starting at `start`, and its calls; it
   * fails when `fails`. Ends by `deadline` (the callers' timeouts). Returns its end.
   */
  private node(
    i: number,
    e: number,
    parent: number,
    depth: number,
    start: number,
    deadline: number,
    fails: boolean,
  ): number {
    const { model, st } = this;
    const rng = this.rng!;
    if (this.used >= MAX_SPANS) return start;
    if (e >= 0) {
      const tau = model.timeout[e]!;
      if (start + tau < deadline) deadline = start + tau;
    }
    if (fails && e >= 0) {
      const why = pickCallCause(model, st, e, rng.next());
      if (why !== CALL_CALLEE) return this.failedAtCall(i, e, parent, depth, start, deadline, why);
    }
    const s = this.open(i, e, parent, depth, start);
    const me = s - this.base;
    // Why this node fails: its own error, a refusal, or the call (edge) that failed.
    const cause = fails ? pickNodeCause(model, st, i, rng.next()) : NODE_NONE;
    if (fails) {
      this.spanErr[s] = 1;
      if (e >= 0) {
        let reply = REPLY_OWN;
        let reason = 0;
        if (cause === NODE_OOM) reply = REPLY_OOM;
        else if (cause === NODE_NOSPACE) reply = REPLY_NOSPACE;
        else if (cause < 0 && cause !== NODE_OWN && cause !== NODE_HUNG && cause !== NODE_NONE) {
          reply = REPLY_REJECT;
          reason = rejectReason(model, st, i, this.t);
        } else if (cause >= 0)
          reply =
            pickCallCause(model, st, cause, rng.next()) === CALL_TIMEOUT
              ? REPLY_DOWNSTREAM_TIMEOUT
              : REPLY_DOWNSTREAM;
        this.failedCall(e, depth, CALL_CALLEE, reply, reason);
        this.spanReply[s] = reply;
        this.spanReason[s] = reason;
        if (reply === REPLY_REJECT)
          this.spanValue[s] = reason === REJECT_LIMITED ? model.rateLimit[i]! : model.concurrency[i]!;
      }
      if (cause !== NODE_OWN && cause < 0 && cause !== NODE_NONE) {
        // Turned away at the door: no work, no calls.
        const end = Math.min(deadline, start + FAST_FAIL);
        this.spanDur[s] = end - start;
        return end;
      }
    }
    // Own latency this tick; a call that succeeded came back before its timeout.
    // A client's time is its calls'.
    let total = model.kind[i] === CLIENT ? 0 : sampleLatency(st, i, rng.next());
    if (e >= 0 && !fails && total > 0.95 * (deadline - start)) total = 0.95 * (deadline - start);
    let end = start + total;
    // The node's own work before and after its calls: a client has none.
    const own = Math.min(total * 0.05, model.serviceTime[i]! * 0.5);
    if (depth < MAX_DEPTH && model.kind[i] !== QUEUE) {
      let at = start + own;
      for (let x = model.outStart[i]!; x < model.outStart[i + 1]!; x++) {
        if (at >= deadline || this.used >= MAX_SPANS) break;
        const j = model.to[x]!;
        // Fire-and-forget calls are not waited for (a short producer span); an enqueue (LPUSH) is.
        if (model.async[x] && model.kind[j] !== QUEUE) {
          this.publish(j, x, me, depth + 1, at, deadline);
          continue;
        }
        // A required call fails only on the failing path; an optional one whenever it does.
        const childFails =
          cause === x ||
          (model.optional[x] === 1 && st.eFinal[x]! >= NOISE_FLOOR && rng.next() < st.eFinal[x]!);
        const child = this.used;
        at = this.node(j, x, me, depth + 1, at, deadline, childFails);
        // A message that got into a queue is processed later by a consumer, in the same trace.
        if (model.kind[j] === QUEUE && child < this.used && this.spanErr[this.base + child] === 0)
          this.consume(j, x, child, depth + 2, at);
      }
      if (at + own > end) end = at + own;
    }
    if (end > deadline) end = deadline;
    this.spanDur[s] = end - start;
    if (this.spanReply[s] !== REPLY_REJECT) this.spanValue[s] = end - start;
    return end;
  }

  /**
   * The consumer's processing of the message enqueued on edge x into queue q (its span `parent`
   * ended at `at`): a CONSUMER span of the queue's first consumer that starts when the message is
   * picked up, after waiting about as long as the oldest message has (FIFO at a steady backlog),
   * with the consumer's own calls below it. It can fail at the consumer's error ratio; that is the
   * job's failure, not the request's (the trace's error flag and log line ignore it).
   */
  private consume(q: number, x: number, parent: number, depth: number, at: number): void {
    const { model, st } = this;
    const c0 = model.consStart[q]!;
    if (c0 === model.consStart[q + 1]! || this.used >= MAX_SPANS || depth > MAX_DEPTH) return;
    const c = model.consumers[c0]!;
    const fails = st.errRatio[c]! >= NOISE_FLOOR && this.rng!.next() < st.errRatio[c]!;
    const s = this.base + this.used;
    const { logDepth, logEdge, logWhy, logReply, logReason } = this;
    this.sub = 8;
    this.node(c, -1, parent, depth, at + st.oldest[q]!, Infinity, fails);
    this.sub = 0;
    this.logDepth = logDepth;
    this.logEdge = logEdge;
    this.logWhy = logWhy;
    this.logReply = logReply;
    this.logReason = logReason;
    this.spanEdge[s] = x;
    this.spanFlags[s]! |= 4;
  }

  /** A fire-and-forget call: the caller hands it off in about a round trip and goes on. */
  private publish(j: number, x: number, parent: number, depth: number, at: number, deadline: number): void {
    if (this.used >= MAX_SPANS || at >= deadline) return;
    const s = this.open(j, x, parent, depth, at);
    this.spanFlags[s] = 1;
    this.spanDur[s] = Math.min(FAST_FAIL, deadline - at);
  }

  /**
   * A call on edge e that failed for `why` before the callee could answer: a timeout (the callee's
   * span, cut at the caller's timeout, its work inside), or a failure on the caller's side (DNS,
   * its pool, its breaker, a reset): the caller's span, the callee never reached.
   */
  private failedAtCall(
    i: number,
    e: number,
    parent: number,
    depth: number,
    start: number,
    deadline: number,
    why: number,
  ): number {
    const { model, st } = this;
    this.failedCall(e, depth, why, 0, 0);
    const callerSide = why === CALL_DNS || why === CALL_SHED || why === CALL_BREAKER || why === CALL_RESET;
    const s = this.open(callerSide ? model.from[e]! : i, e, parent, depth, start);
    const me = s - this.base;
    this.spanErr[s] = 1;
    this.spanWhy[s] = why;
    let end: number;
    if (why === CALL_TIMEOUT) {
      end = deadline;
      // What the callee was busy with meanwhile: its calls, cut at the timeout.
      let at = start + Math.min(sampleLatency(st, i, this.rng!.next()) * 0.05, model.serviceTime[i]! * 0.5);
      if (depth < MAX_DEPTH && model.kind[i] !== QUEUE)
        for (let x = model.outStart[i]!; x < model.outStart[i + 1]!; x++) {
          if (at >= deadline || this.used >= MAX_SPANS) break;
          if (model.async[x] && model.kind[model.to[x]!] !== QUEUE) continue;
          at = this.node(model.to[x]!, x, me, depth + 1, at, deadline, false);
        }
    } else if (why === CALL_DNS) {
      // glibc waits the resolver timeout, then tries once more.
      end = Math.min(deadline, start + 2 * model.resolverTimeout[model.edgeDns[e]!]!);
    } else end = Math.min(deadline, start + FAST_FAIL);
    this.spanDur[s] = end - start;
    return end;
  }

  /** The kept traces sampled after `since` (simulated seconds), oldest first; only those are built. */
  traces(since = -Infinity): Trace[] {
    const out: Trace[] = [];
    const cap = this.tick.length;
    let k = this.count;
    while (k > 0 && this.time[(this.head - this.count + k - 1 + cap) % cap]! > since) k--;
    for (; k < this.count; k++) out.push(this.trace((this.head - this.count + k + cap) % cap));
    return out;
  }

  private record(b: number): SpanRecord {
    return {
      node: this.spanNode[b]!,
      edge: this.spanEdge[b]!,
      error: this.spanErr[b] === 1,
      why: this.spanWhy[b]!,
      reply: this.spanReply[b]!,
      reason: this.spanReason[b]!,
      value: this.spanValue[b]!,
      duration: this.spanDur[b]!,
      async: (this.spanFlags[b]! & 1) !== 0,
      slow: (this.spanFlags[b]! & 2) !== 0,
      consumer: (this.spanFlags[b]! & 4) !== 0,
    };
  }

  private trace(slot: number): Trace {
    const { model } = this;
    const base = slot * MAX_SPANS;
    const n = this.spans[slot]!;
    const tick = this.tick[slot]!;
    const ids: string[] = [];
    for (let s = 0; s < n; s++) ids.push(spanIdOf(this.seed, tick, s));
    const records: SpanRecord[] = [];
    for (let s = 0; s < n; s++) records.push(this.record(base + s));
    // The root reports the HTTP status its first call got back.
    const firstCall = n > 1 ? otelSpan(model, records[1]!, 0).httpStatus : 0;
    // Each span's first failed child names the call a failing service blames.
    const failedCall: string[] = new Array<string>(n).fill('');
    for (let s = n - 1; s > 0; s--) {
      const p = this.spanParent[base + s]!;
      if (p >= 0 && records[s]!.error) failedCall[p] = model.ids[model.to[records[s]!.edge]!]!;
    }
    const spans: Span[] = [];
    let error = false;
    for (let s = 0; s < n; s++) {
      const r = records[s]!;
      // The request failed if a span of its own did; a consumer's later processing is another job.
      if ((this.spanFlags[base + s]! & 8) === 0) error ||= r.error;
      const o = otelSpan(model, r, s === 0 ? firstCall : 0, failedCall[s]);
      const parent = this.spanParent[base + s]!;
      spans.push({
        node: model.ids[r.node]!,
        operation: o.name,
        start: this.spanStart[base + s]!,
        duration: r.duration,
        error: r.error,
        depth: this.spanDepth[base + s]!,
        spanId: ids[s]!,
        ...(parent >= 0 ? { parentSpanId: ids[parent]! } : {}),
        service: o.service,
        kind: o.kind,
        ...(o.statusMessage !== undefined ? { statusMessage: o.statusMessage } : {}),
        attributes: o.attributes,
      });
    }
    return {
      traceId: traceIdOf(this.seed, tick),
      requestId: `req-${tick}-t`,
      t: this.time[slot]!,
      root: spans[0]?.node ?? '',
      duration: spans[0]?.duration ?? 0,
      error,
      spans,
    };
  }
}
