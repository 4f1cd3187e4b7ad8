/**
 * Sampled log lines. The tick loop writes numeric records into a preallocated ring (no strings,
 * no objects); logs() formats them on demand. Request ids are deterministic: req-<tick>-<n>, and
 * req-<tick>-t for the lines of the trace sampled at that tick.
 */
import type { Rng } from '../random/prng';
import type { LogLevel, LogLine } from './api';
import { CACHE, CLIENT, DATABASE, DNS, EXTERNAL, QUEUE, SERVICE, type Model } from './compile';
import type { State } from './state';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const SERVED = 0;
const SATURATED = 1;
const CALL_FAILED = 2;
const DNS_TIMEOUT = 3;
const BREAKER = 4;
const ENQUEUE_OOM = 5;
const SLOW_QUERY = 6;
const THROTTLED = 7;
const FAILED = 8;
const TIMED_OUT = 9;
const TOO_MANY_CLIENTS = 10;
const PROBE_FAILED = 11;

/** Nodes looked at per tick: enough for a lively log view, cheap for large graphs. */
const NODES_PER_TICK = 2;

export class LogRing {
  private readonly t: Float64Array;
  private readonly node: Int32Array;
  private readonly level: Uint8Array;
  private readonly code: Uint8Array;
  private readonly value: Float64Array;
  private readonly aux: Int32Array;
  private readonly reqTick: Int32Array;
  private readonly reqN: Int32Array;
  private head = 0;
  private count = 0;
  private cursor = 0;

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
    this.reqTick = new Int32Array(c);
    this.reqN = new Int32Array(c);
  }

  private push(
    t: number,
    tick: number,
    node: number,
    level: number,
    code: number,
    value: number,
    aux: number,
    n: number,
  ) {
    const h = this.head;
    this.t[h] = t;
    this.node[h] = node;
    this.level[h] = level;
    this.code[h] = code;
    this.value[h] = value;
    this.aux[h] = aux;
    this.reqTick[h] = tick;
    this.reqN[h] = n;
    this.head = (h + 1) % this.t.length;
    if (this.count < this.t.length) this.count++;
  }

  /** Looks at a few nodes round-robin and logs what a real process would say about its state. */
  sample(tick: number, t: number, rng: Rng): void {
    const { model, st } = this;
    const n = model.n;
    if (n === 0) return;
    for (let s = 0; s < NODES_PER_TICK; s++) {
      const i = this.cursor;
      this.cursor = (this.cursor + 1) % n;
      const k = model.kind[i];
      if (k === CLIENT || st.arrRate[i]! <= 0) continue;
      const err = st.errRatio[i]!;
      if (k === QUEUE && st.rejRate[i]! > 0) {
        this.push(t, tick, i, 3, ENQUEUE_OOM, st.rejRate[i]!, -1, s);
        continue;
      }
      if (k === SERVICE && st.outOfRotation[i] === 1 && rng.next() < 0.5) {
        this.push(t, tick, i, 2, PROBE_FAILED, 0, -1, s);
        continue;
      }
      if (k === DATABASE && st.slowActive[i]! > 0 && rng.next() < 0.5) {
        this.push(t, tick, i, 2, SLOW_QUERY, st.slowActive[i]!, -1, s);
        continue;
      }
      if (err > 0.01 && rng.next() < Math.max(0.2, err)) {
        // Name the worst call, the way a stack trace would.
        let worst = -1;
        let worstP = 0;
        for (let x = model.outStart[i]!; x < model.outStart[i + 1]!; x++) {
          const e = model.outEdges[x]!;
          if (st.eFinal[e]! > worstP) {
            worstP = st.eFinal[e]!;
            worst = e;
          }
        }
        if (k === SERVICE && st.saturation[i]! >= 0.99 && st.rejRate[i]! > 0) {
          this.push(t, tick, i, 2, SATURATED, st.inflight[i]!, -1, s);
        } else if (worst >= 0) {
          this.push(t, tick, i, 3, this.failureCode(worst), model.timeout[worst]!, worst, s);
        } else this.push(t, tick, i, 3, FAILED, err, -1, s);
        continue;
      }
      if (k === SERVICE && st.throttled[i]! > 0.25) {
        this.push(t, tick, i, 2, THROTTLED, st.throttled[i]!, -1, s);
        continue;
      }
      if (rng.next() < 0.25) this.push(t, tick, i, 1, SERVED, st.p50[i]!, -1, s);
    }
  }

  /** Why a call on edge `e` fails right now, as a client library would report it. */
  private failureCode(e: number): number {
    const { model, st } = this;
    const d = model.edgeDns[e]!;
    if (st.cbState[e] === 1 || st.cbForced[e] === 1) return BREAKER;
    if (d >= 0 && st.dnsFail[d]! > 0.01) return DNS_TIMEOUT;
    const j = model.to[e]!;
    if (model.edgePool[e]! < Infinity && st.connRefused[j]! > 0.01) return TOO_MANY_CLIENTS;
    // More than 1% of the calls failing now timed out (those that started a timeout ago).
    return st.eTimedOut[e]! > 0.01 ? TIMED_OUT : CALL_FAILED;
  }

  /**
   * A line belonging to a sampled trace: it carries the trace's request id (req-<tick>-t), so a
   * log line opens its trace and a trace finds its logs. A failed call is logged by its caller.
   */
  traceLine(t: number, tick: number, node: number, edge: number, failed: boolean, duration: number): void {
    if (failed && edge >= 0) {
      this.push(
        t,
        tick,
        this.model.from[edge]!,
        3,
        this.failureCode(edge),
        this.model.timeout[edge]!,
        edge,
        -1,
      );
    } else this.push(t, tick, node, 1, SERVED, duration, -1, -1);
  }

  /** What a failing component of each kind writes, in its own dialect. */
  private failedMessage(node: number): string {
    switch (this.model.kind[node]) {
      case DNS:
        return '[ERROR] plugin/errors: 2 api.default.svc.cluster.local. A: read udp: i/o timeout (SERVFAIL)';
      case DATABASE:
        return 'ERROR: canceling statement due to statement timeout';
      case CACHE:
        return 'ERR max number of clients reached';
      case EXTERNAL:
        return 'upstream responded 503 Service Unavailable';
      default:
        return 'request failed: 500 Internal Server Error';
    }
  }

  lines(): LogLine[] {
    const out: LogLine[] = [];
    const cap = this.t.length;
    for (let k = 0; k < this.count; k++) {
      const h = (this.head - this.count + k + cap) % cap;
      out.push({
        t: this.t[h]!,
        node: this.model.ids[this.node[h]!]!,
        level: LEVELS[this.level[h]!]!,
        message: this.format(h),
        requestId: `req-${this.reqTick[h]}-${this.reqN[h]! < 0 ? 't' : this.reqN[h]}`,
      });
    }
    return out;
  }

  /** A success line as the kind of component would log it (a database does not log "GET /"). */
  private servedMessage(node: number, seconds: number): string {
    const ms = Math.max(1, Math.round(seconds * 1000));
    switch (this.model.kind[node]) {
      case DATABASE:
        return `duration: ${(seconds * 1000).toFixed(3)} ms  execute <unnamed>: SELECT ... WHERE id = $1`;
      case CACHE:
        return `GET hit ${(seconds * 1000).toFixed(2)}ms`;
      case QUEUE:
        return `LPUSH ok ${ms}ms`;
      case DNS:
        return `[INFO] "A IN svc.cluster.local. udp 50 false 512" NOERROR qr,aa,rd ${seconds.toFixed(6)}s`;
      case EXTERNAL:
        return `outbound POST ${this.model.ids[node]} 200 ${ms}ms`;
      default:
        return `GET / 200 ${ms}ms`;
    }
  }

  private format(h: number): string {
    const { model } = this;
    const v = this.value[h]!;
    const e = this.aux[h]!;
    const callee = e >= 0 ? model.ids[model.to[e]!]! : '';
    switch (this.code[h]) {
      case SERVED:
        return this.servedMessage(this.node[h]!, v);
      case SATURATED:
        return `thread pool exhausted (${Math.round(v)} in flight), rejecting request with 503`;
      case CALL_FAILED:
        return `call to ${callee} failed: 503 Service Unavailable`;
      case TIMED_OUT:
        return `call to ${callee} timed out after ${v}s`;
      case PROBE_FAILED:
        return 'GET /health/deep 503: dependency check timed out after 1s (kubelet readiness probe)';
      case TOO_MANY_CLIENTS:
        return `HikariPool-1 - Connection is not available: FATAL: sorry, too many clients already (${callee})`;
      case DNS_TIMEOUT: {
        const d = model.edgeDns[e]!;
        return `dial tcp: lookup ${callee}: i/o timeout (resolver ${model.ids[d]} did not answer within ${model.resolverTimeout[d]}s)`;
      }
      case BREAKER:
        return `circuit breaker open for ${callee}, failing fast`;
      case ENQUEUE_OOM:
        return "LPUSH failed: OOM command not allowed when used memory > 'maxmemory'";
      case SLOW_QUERY:
        return `${Math.round(v)} queries running for more than 60s (seq scan)`;
      case THROTTLED:
        return `CPU throttled in ${Math.round(v * 100)}% of CFS periods`;
      default:
        return this.failedMessage(this.node[h]!);
    }
  }
}
