/**
 * The reference per-request discrete-event simulator. Each external request arrives (Poisson, rate
 * from a schedule), is balanced onto a replica of the entry node, waits FIFO for a thread, does its
 * own work, then makes its downstream calls one after another while still holding the thread. A call
 * may time out (the caller moves on, the callee is not cancelled) and be retried with backoff.
 *
 * Deterministic: one seed fixes every draw (independent streams per source of randomness) and the
 * event heap breaks time ties by insertion order. Allocation is a few small objects per request and
 * typed arrays for the records; events dispatch on an integer kind, no closures per event.
 */
import { EventHeap } from './heap';
import {
  Outcome,
  constant,
  validateSchedule,
  valueAt,
  type Balancer,
  type CallPolicy,
  type Dist,
  type NodeSpec,
  type RunOptions,
  type Schedule,
  type SystemModel,
} from './model';
import { exponential, sample, streamRng } from './random';

/** Per-node totals over the whole run, plus the time-integral of jobs in system per bucket. */
export interface NodeResult {
  name: string;
  /** Jobs offered to the node (every call attempt, including retries and doomed ones). */
  offered: number;
  rejected: number;
  /** Jobs that got a thread, and the sum of their queue waits. */
  started: number;
  waitSum: number;
  /** Jobs that finished (ok or error), and the sum of their time at the node. */
  finished: number;
  errors: number;
  residenceSum: number;
  /** Integral over each bucket of the number of jobs at the node (waiting or on a thread). */
  area: Float64Array;
}

/** Per external request, indexed in arrival order. */
export interface RequestRecords {
  count: number;
  arrival: Float64Array;
  /** Queue wait at the entry on the first attempt; NaN if it was rejected. */
  wait: Float64Array;
  /** Arrival to final outcome, retries included. */
  response: Float64Array;
  outcome: Uint8Array;
}

/** Per-bucket series; request metrics are bucketed BY ARRIVAL TIME, L by wall time. */
export interface TimeSeries {
  bucket: number;
  /** Bucket start times. */
  t: Float64Array;
  arrivals: Float64Array;
  meanWait: Float64Array;
  meanResponse: Float64Array;
  p50Response: Float64Array;
  p99Response: Float64Array;
  /** Requests that ended ok, per second. */
  throughput: Float64Array;
  rejections: Float64Array;
  timeouts: Float64Array;
  errors: Float64Array;
  /** Time-average number in system per node (same order as the model's nodes). */
  inSystem: Float64Array[];
}

export interface RunResult {
  requests: RequestRecords;
  nodes: NodeResult[];
  series: TimeSeries;
  duration: number;
  bucket: number;
  /** Time the last in-flight request finished. */
  endTime: number;
  events: number;
}

const EV_ARRIVAL = 0;
const EV_SERVICE_DONE = 1;
const EV_TIMEOUT = 2;
const EV_RETRY = 3;

const BAL_RR = 0;
const BAL_LEAST = 1;
const BAL_RANDOM = 2;

interface Edge {
  target: NodeRt;
  timeout: number;
  maxAttempts: number;
  backoffBase: number;
  backoffMultiplier: number;
  maxBackoff: number;
  jitter: number; // 0 none, 1 full, 2 equal
}

class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(x: T): void {
    this.items.push(x);
  }
  shift(): T {
    const x = this.items[this.head++] as T;
    // Compact now and then so a long run does not keep every job ever queued.
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
}

interface Replica {
  busy: number;
  inSystem: number;
  queue: Fifo<Job>;
}

interface NodeRt {
  index: number;
  replicas: Replica[];
  threads: number;
  capacity: number;
  service: Dist;
  multiplier: Schedule | null;
  errorProbability: number;
  balancer: number;
  /** Downstream calls in order, an edge with count n appearing n times. */
  steps: Edge[];
  rr: number;
  inSystem: number;
  lastChange: number;
  stats: NodeResult;
}

class Call {
  attempts = 0;
  constructor(
    readonly caller: Job | null,
    readonly edge: Edge,
    readonly request: number,
  ) {}
}

class Attempt {
  settled = false;
  constructor(readonly call: Call) {}
}

class Job {
  start = 0;
  step = 0;
  constructor(
    readonly node: NodeRt,
    readonly replica: Replica,
    readonly arrive: number,
    readonly attempt: Attempt,
  ) {}
}

function edgeFrom(target: NodeRt, p: CallPolicy): Edge {
  const r = p.retry;
  return {
    target,
    timeout: p.timeout ?? Infinity,
    maxAttempts: Math.max(1, r?.maxAttempts ?? 1),
    backoffBase: r?.backoffBase ?? 0,
    backoffMultiplier: r?.backoffMultiplier ?? 2,
    maxBackoff: r?.maxBackoff ?? Infinity,
    jitter: r?.jitter === 'full' ? 1 : r?.jitter === 'equal' ? 2 : 0,
  };
}

function balancerCode(b: Balancer | undefined): number {
  return b === 'least-outstanding' ? BAL_LEAST : b === 'random' ? BAL_RANDOM : BAL_RR;
}

class Growable {
  arrival: Float64Array;
  wait: Float64Array;
  response: Float64Array;
  outcome: Uint8Array;
  count = 0;
  constructor(cap: number) {
    this.arrival = new Float64Array(cap);
    this.wait = new Float64Array(cap);
    this.response = new Float64Array(cap);
    this.outcome = new Uint8Array(cap);
  }
  add(t: number): number {
    if (this.count === this.arrival.length) {
      const cap = this.count * 2;
      const grow = <A extends Float64Array | Uint8Array>(a: A, b: A): A => (b.set(a), b);
      this.arrival = grow(this.arrival, new Float64Array(cap));
      this.wait = grow(this.wait, new Float64Array(cap));
      this.response = grow(this.response, new Float64Array(cap));
      this.outcome = grow(this.outcome, new Uint8Array(cap));
    }
    const i = this.count++;
    this.arrival[i] = t;
    this.wait[i] = NaN;
    this.response[i] = NaN;
    return i;
  }
}

export function simulate(model: SystemModel, opts: RunOptions): RunResult {
  const bucket = opts.bucket ?? 1;
  const duration = opts.duration;
  const nBuckets = Math.max(1, Math.ceil(duration / bucket - 1e-9));
  const rate = typeof model.arrivalRate === 'number' ? constant(model.arrivalRate) : model.arrivalRate;
  validateSchedule(rate, 'arrivalRate');

  const rngArrival = streamRng(opts.seed, 0);
  const rngService = streamRng(opts.seed, 1);
  const rngBalance = streamRng(opts.seed, 2);
  const rngError = streamRng(opts.seed, 3);
  const rngJitter = streamRng(opts.seed, 4);

  const byName = new Map<string, NodeRt>();
  const nodes: NodeRt[] = model.nodes.map((spec: NodeSpec, index) => {
    if (byName.has(spec.name)) throw new Error(`duplicate node ${spec.name}`);
    if (!(spec.threads >= 1)) throw new Error(`${spec.name}: threads must be >= 1`);
    const capacity = spec.capacity ?? Infinity;
    if (!(capacity >= 1)) throw new Error(`${spec.name}: capacity must be >= 1`);
    if (spec.serviceMultiplier) validateSchedule(spec.serviceMultiplier, `${spec.name}.serviceMultiplier`);
    const rt: NodeRt = {
      index,
      replicas: Array.from({ length: spec.replicas ?? 1 }, () => ({
        busy: 0,
        inSystem: 0,
        queue: new Fifo<Job>(),
      })),
      threads: spec.threads,
      capacity,
      service: spec.service,
      multiplier: spec.serviceMultiplier ?? null,
      errorProbability: spec.errorProbability ?? 0,
      balancer: balancerCode(spec.balancer),
      steps: [],
      rr: 0,
      inSystem: 0,
      lastChange: 0,
      stats: {
        name: spec.name,
        offered: 0,
        rejected: 0,
        started: 0,
        waitSum: 0,
        finished: 0,
        errors: 0,
        residenceSum: 0,
        area: new Float64Array(nBuckets),
      },
    };
    byName.set(spec.name, rt);
    return rt;
  });
  const lookup = (name: string): NodeRt => {
    const n = byName.get(name);
    if (!n) throw new Error(`unknown node ${name}`);
    return n;
  };
  model.nodes.forEach((spec, i) => {
    for (const c of spec.calls ?? []) {
      const e = edgeFrom(lookup(c.target), c);
      for (let k = 0; k < (c.count ?? 1); k++) nodes[i]!.steps.push(e);
    }
  });
  const rootEdge = edgeFrom(lookup(model.entry), model.client ?? {});

  const heap = new EventHeap<Job | Attempt | Call | null>();
  const meanRate = rate.values.reduce((a, b) => Math.max(a, b), 0);
  const req = new Growable(Math.min(1 << 24, Math.ceil(meanRate * duration * 1.05) + 1024));
  let now = 0;
  let events = 0;

  // Adds the jobs-in-system integral since the node's last change, split over the buckets it spans.
  const accrue = (n: NodeRt): void => {
    const from = n.lastChange;
    n.lastChange = now;
    if (n.inSystem === 0 || from >= duration) return;
    const to = Math.min(now, duration);
    const area = n.stats.area;
    let b = Math.floor(from / bucket);
    let t = from;
    while (t < to && b < nBuckets) {
      const end = Math.min(to, (b + 1) * bucket);
      area[b]! += n.inSystem * (end - t);
      t = end;
      b++;
    }
  };

  const pickReplica = (n: NodeRt): Replica => {
    const reps = n.replicas;
    const r = reps.length;
    if (r === 1) return reps[0]!;
    if (n.balancer === BAL_RANDOM) return reps[rngBalance.int(r)]!;
    const start = n.rr;
    n.rr = (n.rr + 1) % r;
    if (n.balancer === BAL_RR) return reps[start]!;
    // Least outstanding; ties go to the first from a rotating start so no replica is favoured.
    let best = reps[start]!;
    for (let k = 1; k < r; k++) {
      const cand = reps[(start + k) % r]!;
      if (cand.inSystem < best.inSystem) best = cand;
    }
    return best;
  };

  const startJob = (job: Job): void => {
    job.replica.busy++;
    job.start = now;
    const st = job.node.stats;
    st.started++;
    const wait = now - job.arrive;
    st.waitSum += wait;
    const call = job.attempt.call;
    if (call.caller === null && call.attempts === 1) req.wait[call.request] = wait;
    let s = sample(rngService, job.node.service);
    if (job.node.multiplier) s *= valueAt(job.node.multiplier, now);
    heap.push(now + s, EV_SERVICE_DONE, job);
  };

  /** Offers an attempt to a node; false if the chosen replica is full. */
  const submit = (n: NodeRt, attempt: Attempt): boolean => {
    n.stats.offered++;
    const rep = pickReplica(n);
    if (rep.inSystem >= n.capacity) {
      n.stats.rejected++;
      return false;
    }
    accrue(n);
    n.inSystem++;
    rep.inSystem++;
    const job = new Job(n, rep, now, attempt);
    if (rep.busy < n.threads) startJob(job);
    else rep.queue.push(job);
    return true;
  };

  const startAttempt = (call: Call): void => {
    call.attempts++;
    const attempt = new Attempt(call);
    const e = call.edge;
    if (e.timeout < Infinity) heap.push(now + e.timeout, EV_TIMEOUT, attempt);
    if (!submit(e.target, attempt)) attemptFailed(attempt, Outcome.rejected);
  };

  const finalize = (request: number, outcome: Outcome): void => {
    req.response[request] = now - req.arrival[request]!;
    req.outcome[request] = outcome;
  };

  const callSucceeded = (call: Call): void => {
    const caller = call.caller;
    if (caller === null) finalize(call.request, Outcome.ok);
    else {
      caller.step++;
      advance(caller);
    }
  };

  const callFailed = (call: Call, reason: Outcome): void => {
    // A failed downstream call fails the caller's request at once (no partial answers).
    if (call.caller === null) finalize(call.request, reason);
    else finishJob(call.caller, false);
  };

  const backoff = (e: Edge, attemptsSoFar: number): number => {
    const b = Math.min(e.maxBackoff, e.backoffBase * Math.pow(e.backoffMultiplier, attemptsSoFar - 1));
    if (e.jitter === 1) return b * rngJitter.next();
    if (e.jitter === 2) return b / 2 + (b / 2) * rngJitter.next();
    return b;
  };

  const attemptFailed = (attempt: Attempt, reason: Outcome): void => {
    if (attempt.settled) return;
    attempt.settled = true;
    const call = attempt.call;
    if (call.attempts < call.edge.maxAttempts) {
      heap.push(now + backoff(call.edge, call.attempts), EV_RETRY, call);
    } else callFailed(call, reason);
  };

  const finishJob = (job: Job, ok: boolean): void => {
    const n = job.node;
    const rep = job.replica;
    accrue(n);
    n.inSystem--;
    rep.inSystem--;
    rep.busy--;
    const st = n.stats;
    st.finished++;
    st.residenceSum += now - job.arrive;
    if (!ok) st.errors++;
    if (rep.queue.length > 0) startJob(rep.queue.shift());
    const attempt = job.attempt;
    if (attempt.settled) return; // the caller already gave up on it
    if (ok) {
      attempt.settled = true;
      callSucceeded(attempt.call);
    } else attemptFailed(attempt, Outcome.error);
  };

  const advance = (job: Job): void => {
    const steps = job.node.steps;
    if (job.step < steps.length) startAttempt(new Call(job, steps[job.step]!, job.attempt.call.request));
    else finishJob(job, true);
  };

  // Next arrival of a Poisson process with piecewise-constant rate: spend one Exp(1) of cumulative
  // intensity across the schedule's pieces (exact, unlike thinning it needs no rate bound).
  let piece = 0;
  const nextArrival = (t: number): number => {
    let need = exponential(rngArrival, 1);
    for (;;) {
      while (piece + 1 < rate.times.length && rate.times[piece + 1]! <= t) piece++;
      const r = rate.values[piece]!;
      const end = piece + 1 < rate.times.length ? rate.times[piece + 1]! : Infinity;
      if (r > 0 && need <= r * (end - t)) return t + need / r;
      if (end === Infinity) return Infinity;
      if (r > 0) need -= r * (end - t);
      t = end;
    }
  };

  const first = nextArrival(0);
  if (first < duration) heap.push(first, EV_ARRIVAL, null);

  while (heap.size > 0) {
    const item = heap.pop();
    now = heap.lastTime;
    events++;
    switch (heap.lastKind) {
      case EV_ARRIVAL: {
        const r = req.add(now);
        startAttempt(new Call(null, rootEdge, r));
        const next = nextArrival(now);
        if (next < duration) heap.push(next, EV_ARRIVAL, null);
        break;
      }
      case EV_SERVICE_DONE: {
        const job = item as Job;
        if (job.node.errorProbability > 0 && rngError.next() < job.node.errorProbability)
          finishJob(job, false);
        else {
          job.step = 0;
          advance(job);
        }
        break;
      }
      case EV_TIMEOUT:
        attemptFailed(item as Attempt, Outcome.timeout);
        break;
      case EV_RETRY:
        startAttempt(item as Call);
        break;
    }
  }
  for (const n of nodes) accrue(n);

  const requests: RequestRecords = {
    count: req.count,
    arrival: req.arrival.subarray(0, req.count),
    wait: req.wait.subarray(0, req.count),
    response: req.response.subarray(0, req.count),
    outcome: req.outcome.subarray(0, req.count),
  };
  const nodeResults = nodes.map((n) => n.stats);
  return {
    requests,
    nodes: nodeResults,
    series: timeSeries(requests, nodeResults, duration, bucket),
    duration,
    bucket,
    endTime: now,
    events,
  };
}

/** Buckets the request records by arrival time; L comes from the nodes' integrals. */
export function timeSeries(
  r: RequestRecords,
  nodes: readonly NodeResult[],
  duration: number,
  bucket: number,
): TimeSeries {
  const nb = Math.max(1, Math.ceil(duration / bucket - 1e-9));
  const z = () => new Float64Array(nb);
  const s: TimeSeries = {
    bucket,
    t: z(),
    arrivals: z(),
    meanWait: z(),
    meanResponse: z(),
    p50Response: z(),
    p99Response: z(),
    throughput: z(),
    rejections: z(),
    timeouts: z(),
    errors: z(),
    inSystem: nodes.map((n) => n.area.map((a) => a / bucket)),
  };
  const waited = z();
  // Requests arrive in time order, so each bucket is one contiguous run of records.
  let i = 0;
  const ok: number[] = [];
  for (let b = 0; b < nb; b++) {
    s.t[b] = b * bucket;
    const end = (b + 1) * bucket;
    ok.length = 0;
    let wsum = 0;
    for (; i < r.count && r.arrival[i]! < end; i++) {
      s.arrivals[b]!++;
      const w = r.wait[i]!;
      if (w === w) {
        wsum += w;
        waited[b]!++;
      }
      const o = r.outcome[i]!;
      if (o === Outcome.ok) ok.push(r.response[i]!);
      else if (o === Outcome.rejected) s.rejections[b]!++;
      else if (o === Outcome.timeout) s.timeouts[b]!++;
      else s.errors[b]!++;
    }
    s.meanWait[b] = waited[b]! > 0 ? wsum / waited[b]! : NaN;
    s.throughput[b] = ok.length / bucket;
    if (ok.length > 0) {
      ok.sort((x, y) => x - y);
      let sum = 0;
      for (const v of ok) sum += v;
      s.meanResponse[b] = sum / ok.length;
      s.p50Response[b] = sortedQuantile(ok, 0.5);
      s.p99Response[b] = sortedQuantile(ok, 0.99);
    } else {
      s.meanResponse[b] = NaN;
      s.p50Response[b] = NaN;
      s.p99Response[b] = NaN;
    }
  }
  return s;
}

/** Linear-interpolated quantile (Hyndman-Fan type 7) of an ascending array. */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
