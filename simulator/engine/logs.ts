/**
 * Sampled log lines. The tick loop writes numeric records into a preallocated ring (no strings,
 * no objects); logs() formats them on demand. Request ids are deterministic: req-<tick>-<n>, and
 * req-<tick>-t for the lines of the trace sampled at that tick.
 *
 * A line says what its writer would say about the failure that actually happened there
 * (failure-causes.ts): a node's own error in its own words, a caller's failed call naming the
 * callee and what it got back (a timeout, a refusal, the callee's own reply).
 */
import type { Rng } from '../random/prng';
import type { LogLevel, LogLine } from './api';
import { CLIENT, DATABASE, EXTERNAL, LB, QUEUE, SERVICE, type Model } from './compile';
import {
  CALL_CALLEE,
  NODE_HUNG,
  NODE_NONE,
  NODE_NOSPACE,
  NODE_OOM,
  NODE_OWN,
  NODE_REJECT,
  NOISE_FLOOR,
  pickCallCause,
  pickNodeCause,
  rejectReason,
  CALL_TIMEOUT,
  REJECT_DOWN,
  REJECT_LIMITED,
  CALL_SHED,
} from './failure-causes';
import {
  callMessage,
  nodeErrorMessage,
  REPLY_DOWNSTREAM,
  REPLY_DOWNSTREAM_TIMEOUT,
  REPLY_HUNG,
  REPLY_NOSPACE,
  REPLY_OOM,
  REPLY_OWN,
  REPLY_REJECT,
  servedMessage,
} from './log-text';
import { sampleLatency } from './latency-sample';
import { CALL_ERROR_TYPE, httpStatusOf } from './span-otel';
import type { State } from './state';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const SERVED = 0;
const NODE_ERROR = 1;
const CALL_ERROR = 2;
const SLOW_QUERY = 3;
const THROTTLED = 4;
const PROBE_FAILED = 5;

/** Nodes looked at per tick: enough for a lively log view, cheap for large graphs. */
const NODES_PER_TICK = 2;
/** At most this many lines per tick: one per node looked at, and the sampled trace's. */
export const MAX_LOG_LINES_PER_TICK = NODES_PER_TICK + 1;

/** What a failing node answers its caller, one REPLY_* (and the reject reason in `reason`). */
export interface Reply {
  reply: number;
  reason: number;
}

export class LogRing {
  private readonly t: Float64Array;
  private readonly node: Int32Array;
  private readonly level: Uint8Array;
  private readonly code: Uint8Array;
  private readonly value: Float64Array;
  private readonly aux: Int32Array;
  private readonly sub: Uint8Array;
  private readonly reply: Uint8Array;
  private readonly reason: Uint8Array;
  private readonly reqTick: Int32Array;
  private readonly reqN: Int32Array;
  private head = 0;
  private count = 0;
  private cursor = 0;
  private readonly answer: Reply = { reply: 0, reason: 0 };
  private now = 0;

  constructor(
    private readonly model: Model,
    private readonly st: State,
    readonly capacity: number,
  ) {
    const c = Math.max(1, capacity);
    this.t = new Float64Array(c);
    this.node = new Int32Array(c);
    this.level = new Uint8Array(c);
    this.code = new Uint8Array(c);
    this.value = new Float64Array(c);
    this.aux = new Int32Array(c);
    this.sub = new Uint8Array(c);
    this.reply = new Uint8Array(c);
    this.reason = new Uint8Array(c);
    this.reqTick = new Int32Array(c);
    this.reqN = new Int32Array(c);
  }

  private push(t: number, tick: number, node: number, level: number, code: number, value: number, n: number) {
    const h = this.head;
    this.t[h] = t;
    this.node[h] = node;
    this.level[h] = level;
    this.code[h] = code;
    this.value[h] = value;
    this.aux[h] = -1;
    this.sub[h] = 0;
    this.reply[h] = 0;
    this.reason[h] = 0;
    this.reqTick[h] = tick;
    this.reqN[h] = n;
    this.head = (h + 1) % this.t.length;
    if (this.count < this.t.length) this.count++;
    return h;
  }

  /** Looks at a few nodes round-robin and logs what a real process would say about its state. */
  sample(tick: number, t: number, rng: Rng): void {
    const { model, st } = this;
    const n = model.n;
    if (n === 0) return;
    this.now = t;
    for (let s = 0; s < NODES_PER_TICK; s++) {
      const i = this.cursor;
      this.cursor = (this.cursor + 1) % n;
      const k = model.kind[i];
      // Clients, queues and third-party providers write no logs we can read; their callers do.
      if (k === CLIENT || k === QUEUE || k === EXTERNAL || st.arrRate[i]! <= 0) continue;
      const err = st.errRatio[i]!;
      if (k === SERVICE && st.outOfRotation[i] === 1 && rng.next() < 0.5) {
        this.push(t, tick, i, 2, PROBE_FAILED, 0, s);
        continue;
      }
      if (k === DATABASE && st.slowActive[i]! > 0 && rng.next() < 0.5) {
        this.push(t, tick, i, 2, SLOW_QUERY, st.slowActive[i]!, s);
        continue;
      }
      if (err > NOISE_FLOOR && rng.next() < Math.max(0.2, err)) {
        const cause = pickNodeCause(model, st, i, rng.next());
        if (cause >= 0) this.callLine(t, tick, cause, rng, s);
        // A hung process writes nothing; nothing reaches a service without a replica in rotation.
        else if (cause === NODE_HUNG || cause === NODE_NONE) continue;
        else if (cause === NODE_REJECT && k === SERVICE && rejectReason(model, st, i, t) === REJECT_DOWN)
          continue;
        else this.nodeLine(t, tick, i, cause, rng, s);
        continue;
      }
      if (k === SERVICE && st.throttled[i]! > 0.25) {
        this.push(t, tick, i, 2, THROTTLED, st.throttled[i]!, s);
        continue;
      }
      if (rng.next() < 0.25) this.push(t, tick, i, 1, SERVED, sampleLatency(st, i, rng.next()), s);
    }
  }

  /** Node i's own error line (cause NODE_OWN, NODE_REJECT or NODE_OOM), in its own words. */
  private nodeLine(t: number, tick: number, i: number, cause: number, rng: Rng, n: number): void {
    const { model, st } = this;
    const reason = cause === NODE_REJECT ? rejectReason(model, st, i, t) : 0;
    const duration = sampleLatency(st, i, rng.next());
    const value =
      cause !== NODE_REJECT
        ? duration
        : reason === REJECT_LIMITED
          ? model.rateLimit[i]!
          : model.concurrency[i]!;
    const h = this.push(t, tick, i, 3, NODE_ERROR, value, n);
    this.reply[h] =
      cause === NODE_OWN
        ? REPLY_OWN
        : cause === NODE_OOM
          ? REPLY_OOM
          : cause === NODE_NOSPACE
            ? REPLY_NOSPACE
            : REPLY_REJECT;
    this.reason[h] = reason;
  }

  /** The caller's line for a failed call on edge e: why it failed, and what the callee answered. */
  private callLine(t: number, tick: number, e: number, rng: Rng, n: number): void {
    const why = pickCallCause(this.model, this.st, e, rng.next());
    const h = this.push(t, tick, this.model.from[e]!, 3, CALL_ERROR, this.callValue(e, why), n);
    this.aux[h] = e;
    this.sub[h] = why;
    if (why === CALL_CALLEE) {
      this.replyOf(this.model.to[e]!, rng.next());
      this.reply[h] = this.answer.reply;
      this.reason[h] = this.answer.reason;
    }
  }

  /** The number a failed call's line quotes: the pool size for a shed call, else the timeout. */
  private callValue(e: number, why: number): number {
    return why === CALL_SHED ? this.model.edgePool[e]! : this.model.timeout[e]!;
  }

  /** What failing node j answers (into this.answer): its own error, a refusal, or its own callee's failure. */
  replyOf(j: number, u: number): Reply {
    const { model, st } = this;
    const cause = pickNodeCause(model, st, j, u);
    const a = this.answer;
    a.reason = 0;
    if (cause >= 0) {
      // The callee failed because its own call failed: a gateway timeout when that call timed out.
      a.reply =
        pickCallCause(model, st, cause, u) === CALL_TIMEOUT ? REPLY_DOWNSTREAM_TIMEOUT : REPLY_DOWNSTREAM;
    } else if (cause === NODE_HUNG) a.reply = REPLY_HUNG;
    else if (cause === NODE_OOM) a.reply = REPLY_OOM;
    else if (cause === NODE_NOSPACE) a.reply = REPLY_NOSPACE;
    else if (cause === NODE_REJECT) {
      a.reply = REPLY_REJECT;
      a.reason = rejectReason(model, st, j, this.now);
    } else a.reply = REPLY_OWN;
    return a;
  }

  /**
   * A line belonging to a sampled trace: it carries the trace's request id (req-<tick>-t), so a
   * log line opens its trace and a trace finds its logs. A failed call is logged by its caller
   * (`why` a CALL_*, `reply` what the callee answered); a served one by the callee.
   */
  traceLine(
    t: number,
    tick: number,
    node: number,
    edge: number,
    why: number,
    reply: number,
    reason: number,
    duration: number,
  ): void {
    if (why !== 0 && edge >= 0) {
      const h = this.push(t, tick, this.model.from[edge]!, 3, CALL_ERROR, this.callValue(edge, why), -1);
      this.aux[h] = edge;
      this.sub[h] = why;
      this.reply[h] = reply;
      this.reason[h] = reason;
    } else this.push(t, tick, node, 1, SERVED, duration, -1);
  }

  /** The kept lines written after `since` (simulated seconds), oldest first; only those are formatted. */
  lines(since = -Infinity): LogLine[] {
    const out: LogLine[] = [];
    const cap = this.t.length;
    let first = this.count;
    while (first > 0 && this.t[(this.head - this.count + first - 1 + cap) % cap]! > since) first--;
    for (let k = first; k < this.count; k++) {
      const h = (this.head - this.count + k + cap) % cap;
      out.push({
        t: this.t[h]!,
        node: this.model.ids[this.node[h]!]!,
        level: LEVELS[this.level[h]!]!,
        message: this.format(h),
        requestId: `req-${this.reqTick[h]}-${this.reqN[h]! < 0 ? 't' : this.reqN[h]}`,
        fields: this.fields(h),
      });
    }
    return out;
  }

  /** The structured fields of record h (LogLine.fields). */
  private fields(h: number): Record<string, string | number> {
    const { model } = this;
    const v = this.value[h]!;
    const i = this.node[h]!;
    const k = model.kind[i];
    const http = k === SERVICE || k === LB || k === EXTERNAL;
    const ms = (s: number) => Math.round(s * 1e6) / 1e3;
    switch (this.code[h]) {
      case SERVED:
        return http ? { status: 200, duration_ms: ms(v) } : { duration_ms: ms(v) };
      case NODE_ERROR: {
        const reply = this.reply[h]!;
        const out: Record<string, string | number> = {};
        if (http) out.status = httpStatusOf(model, i, true, reply, this.reason[h]!);
        if (reply !== REPLY_REJECT) out.duration_ms = ms(v);
        return out;
      }
      case CALL_ERROR: {
        const e = this.aux[h]!;
        const j = model.to[e]!;
        const why = this.sub[h]!;
        const out: Record<string, string | number> = { upstream: model.ids[j]! };
        if (why === CALL_CALLEE) {
          const kj = model.kind[j];
          if (kj === SERVICE || kj === LB || kj === EXTERNAL)
            out.status = httpStatusOf(model, j, true, this.reply[h]!, this.reason[h]!);
          out.error = 'upstream_error';
        } else out.error = CALL_ERROR_TYPE[why] ?? 'error';
        if (why === CALL_TIMEOUT) out.timeout_s = v;
        if (why === CALL_SHED && Number.isFinite(v)) out.pool_size = v;
        return out;
      }
      case PROBE_FAILED:
        return { status: 503, probe: 'readiness' };
      case SLOW_QUERY:
        return { slow_queries: Math.round(v) };
      case THROTTLED:
        return { throttled_pct: Math.round(v * 100) };
      default:
        return {};
    }
  }

  private format(h: number): string {
    const { model } = this;
    const v = this.value[h]!;
    const i = this.node[h]!;
    switch (this.code[h]) {
      case SERVED:
        return servedMessage(model, i, v);
      case NODE_ERROR:
        return nodeErrorMessage(model, i, this.reply[h]!, this.reason[h]!, v);
      case CALL_ERROR:
        return callMessage(model, this.aux[h]!, this.sub[h]!, this.reply[h]!, this.reason[h]!, v);
      case PROBE_FAILED:
        return 'GET /health/deep 503: dependency check timed out after 1s (kubelet readiness probe)';
      case SLOW_QUERY:
        return `${Math.round(v)} queries running for more than 60s (seq scan)`;
      case THROTTLED:
        return `CPU throttled in ${Math.round(v * 100)}% of CFS periods`;
      default:
        return '';
    }
  }
}
