/**
 * The keys behind a cache's hit ratio: how an emptied cache (restart, FLUSHALL, a scale-out that
 * remaps keys) warms back up, and the synchronized miss burst when keys filled together expire
 * together.
 *
 * Model (docs/architecture.md, "Cache keyspace"): reads are Poisson at rate lambda over `keys` keys
 * whose popularity follows Zipf(s) (rank k read with probability p_k ~ 1/k^s). A miss fills the
 * key, which then expires `ttl` later whatever the hits (SET EX). Just after a flush at t = 0 a
 * key is cached once it was read once, so for t < ttl
 *
 *     h(t) = sum_k p_k (1 - exp(-lambda p_k t))                                (warm-up curve)
 *
 * and at steady state each key alternates a miss and ttl of hits:
 *
 *     h* = sum_k p_k (lambda p_k T) / (1 + lambda p_k T),  T the mean TTL.
 *
 * The engine groups the ranks into KEY_BUCKETS log-spaced buckets (rank 1 alone, the tail in wide
 * buckets) with the cached share of each bucket as state, and the fills of each tick into a ring
 * over the TTL (a difference array, so a fill spread over a jitter window costs two writes): the
 * keys filled in the first seconds after a flush come back due together one ttl later.
 *
 * The author's hitRatio stays the warm hit ratio: the engine serves hitRatio x h(t) / h*(lambda).
 * Misses go to the backing store; without coalescing every read of a key that is being filled
 * also goes there (1 + lambda_k L reads per fill, L the backing store's latency), so a slow
 * database makes the stampede worse (a feedback loop), and coalescing (single flight) leaves one.
 *
 * All arrays are allocated here once; keyspaceTick allocates nothing.
 */
import type { ScenarioNode } from '../scenario/schema';

export const KEY_BUCKETS = 16;
/** Most slots of a TTL ring: expiries resolved to ttl / 240 (1.25 s at the 300 s default). */
export const MAX_RING_SLOTS = 240;

/** Defaults of a cache's `keyspace` (schema.ts has the same; a test keeps them equal). */
export const KEYSPACE_DEFAULTS = {
  keys: 1_000_000,
  zipf: 0.9,
  ttl: 300,
  ttlJitter: 0,
  coalesce: false,
  warm: true,
} as const;

export interface KeyspaceParams {
  readonly keys: number;
  readonly zipf: number;
  readonly ttl: number;
  readonly ttlJitter: number;
  readonly coalesce: boolean;
  readonly warm: boolean;
}

/** Per-cache parameters (indexed by node; other kinds stay 0). jitter and coalesce are mutable by actions. */
export interface KeyspaceModel {
  /** 1: the author described the keys, so the model drives the hit ratio from t = 0. */
  readonly authored: Uint8Array;
  /** Per node x bucket: the bucket's share of reads, and its number of keys. */
  readonly share: Float64Array;
  readonly keys: Float64Array;
  readonly ttl: Float64Array;
  readonly jitter: Float64Array;
  readonly coalesce: Uint8Array;
  readonly warm: Uint8Array;
  /** Ring slots over the TTL (R); the ring holds R + 2 slots of KEY_BUCKETS values. */
  readonly slots: Int32Array;
  /** Offset of node i's ring in KeyspaceState.ring. */
  readonly ringStart: Int32Array;
  readonly ringSize: number;
}

export interface KeyspaceState {
  /** Per node x bucket: share of the bucket's keys in the cache. */
  readonly cached: Float64Array;
  /** Per node x bucket: running sum of the ring's difference array (expiring share per slot). */
  readonly run: Float64Array;
  readonly ring: Float64Array;
  readonly cursor: Int32Array;
  /** Seconds into the current ring slot. */
  readonly clock: Float64Array;
  /** 1 once the model drives the hit ratio (authored, or emptied by a restart/flush). */
  readonly active: Uint8Array;
  readonly started: Uint8Array;
  /** Backing-store reads per miss (1 with coalescing): demand.ts multiplies the fall-through. */
  readonly amp: Float64Array;
  /** Keys in the cache now (redis_db_keys), and at the steady state of the current reads. */
  readonly keysNow: Float64Array;
  readonly keysSteady: Float64Array;
}

/** sum_{k=a}^{b-1} k^-s: exact for the first ranks, the midpoint integral beyond (error < 1e-5). */
export function zipfSum(a: number, b: number, s: number): number {
  let sum = 0;
  let k = a;
  for (; k < b && k < 64; k++) sum += k ** -s;
  if (k >= b) return sum;
  const lo = k - 0.5;
  const hi = b - 0.5;
  return sum + (Math.abs(s - 1) < 1e-9 ? Math.log(hi / lo) : (hi ** (1 - s) - lo ** (1 - s)) / (1 - s));
}

/** Bucket b of N keys covers ranks [edge(b), edge(b + 1)): rank 1 alone, then log-spaced. */
export function bucketEdges(keys: number): Float64Array {
  const n = Math.max(1, Math.round(keys));
  const edges = new Float64Array(KEY_BUCKETS + 1);
  edges[0] = 1;
  for (let b = 1; b <= KEY_BUCKETS; b++) {
    const want = b === KEY_BUCKETS ? n + 1 : Math.round(n ** (b / KEY_BUCKETS)) + 1;
    edges[b] = Math.min(n + 1, Math.max(edges[b - 1]! + 1, want));
  }
  edges[KEY_BUCKETS] = n + 1;
  return edges;
}

export function keyspaceParams(node: ScenarioNode): KeyspaceParams {
  return node.kind === 'cache' && node.keyspace ? node.keyspace : KEYSPACE_DEFAULTS;
}

export function compileKeyspaces(nodes: readonly ScenarioNode[], tickSeconds: number): KeyspaceModel {
  const n = nodes.length;
  const B = KEY_BUCKETS;
  const m: Omit<KeyspaceModel, 'ringSize'> = {
    authored: new Uint8Array(n),
    share: new Float64Array(n * B),
    keys: new Float64Array(n * B),
    ttl: new Float64Array(n),
    jitter: new Float64Array(n),
    coalesce: new Uint8Array(n),
    warm: new Uint8Array(n),
    slots: new Int32Array(n),
    ringStart: new Int32Array(n + 1),
  };
  let size = 0;
  nodes.forEach((node, i) => {
    m.ringStart[i] = size;
    if (node.kind !== 'cache') return;
    const p = keyspaceParams(node);
    m.authored[i] = node.keyspace ? 1 : 0;
    m.ttl[i] = p.ttl;
    m.jitter[i] = p.ttlJitter;
    m.coalesce[i] = p.coalesce ? 1 : 0;
    m.warm[i] = p.warm ? 1 : 0;
    const edges = bucketEdges(p.keys);
    const total = zipfSum(1, edges[B]!, p.zipf);
    for (let b = 0; b < B; b++) {
      m.keys[i * B + b] = edges[b + 1]! - edges[b]!;
      m.share[i * B + b] = zipfSum(edges[b]!, edges[b + 1]!, p.zipf) / total;
    }
    const slots = Math.max(1, Math.min(MAX_RING_SLOTS, Math.ceil(p.ttl / tickSeconds)));
    m.slots[i] = slots;
    size += (slots + 2) * B;
  });
  m.ringStart[n] = size;
  return { ...m, ringSize: size };
}

export function keyspaceState(model: KeyspaceModel, n: number): KeyspaceState {
  const B = KEY_BUCKETS;
  const active = new Uint8Array(n);
  for (let i = 0; i < n; i++) active[i] = model.authored[i]!;
  return {
    cached: new Float64Array(n * B),
    run: new Float64Array(n * B),
    ring: new Float64Array(model.ringSize),
    cursor: new Int32Array(n),
    clock: new Float64Array(n),
    active,
    started: new Uint8Array(n),
    amp: new Float64Array(n).fill(1),
    keysNow: new Float64Array(n),
    keysSteady: new Float64Array(n),
  };
}

/** Steady-state cached share of a key read at `rate` per second with mean TTL `ttl` (see top). */
const steady = (rate: number, ttl: number) => (rate * ttl) / (1 + rate * ttl);

/**
 * Adds `amount` (a share of bucket b's keys filled now) to the ring: it expires R slots from now,
 * or spread evenly over the last jitter x R of them.
 */
function scheduleExpiry(model: KeyspaceModel, st: KeyspaceState, i: number, b: number, amount: number): void {
  const B = KEY_BUCKETS;
  const R = model.slots[i]!;
  const L = R + 2;
  const span = Math.max(1, Math.round(model.jitter[i]! * R));
  const base = model.ringStart[i]!;
  const k = st.cursor[i]!;
  const per = amount / span;
  st.ring[base + ((k + R - span + 1) % L) * B + b]! += per;
  st.ring[base + ((k + R + 1) % L) * B + b]! -= per;
}

/** Fills the cache at the steady state of `lambda` reads/s (0 when it starts cold). */
function steadyFill(model: KeyspaceModel, st: KeyspaceState, i: number, lambda: number, warm: boolean): void {
  const B = KEY_BUCKETS;
  const ttl = model.ttl[i]! * (1 - model.jitter[i]! / 2);
  for (let b = 0; b < B; b++) {
    const keys = model.keys[i * B + b]!;
    st.cached[i * B + b] = keys > 0 && warm ? steady((lambda * model.share[i * B + b]!) / keys, ttl) : 0;
  }
}

/** Schedules the expiry of the keys in the cache now evenly over the next TTL (a steady state's). */
function spreadExpiries(model: KeyspaceModel, st: KeyspaceState, i: number): void {
  const B = KEY_BUCKETS;
  const R = model.slots[i]!;
  const L = R + 2;
  const base = model.ringStart[i]!;
  const k = st.cursor[i]!;
  st.ring.fill(0, base, model.ringStart[i + 1]!);
  for (let b = 0; b < B; b++) {
    const c = st.cached[i * B + b]!;
    st.run[i * B + b] = 0;
    st.ring[base + ((k + 1) % L) * B + b]! += c / R;
    st.ring[base + ((k + R + 1) % L) * B + b]! -= c / R;
  }
}

/**
 * One tick of cache i with `lambda` reads per second and a backing store that answers in
 * `latency` seconds and `fillOk` of the time: expiries due, then this tick's fills. Returns the hit ratio relative to the
 * steady state of these reads (1 when the model does not drive the cache), and sets st.amp.
 */
export function keyspaceTick(
  model: KeyspaceModel,
  st: KeyspaceState,
  i: number,
  lambda: number,
  latency: number,
  fillOk: number,
  dt: number,
): number {
  const B = KEY_BUCKETS;
  const R = model.slots[i]!;
  const L = R + 2;
  const base = model.ringStart[i]!;
  const nb = i * B;
  const { cached, run, ring } = st;
  const { share, keys } = model;
  if (st.started[i] === 0) {
    if (lambda <= 0) return 1; // no reads yet: warm for the reads to come
    st.started[i] = 1;
    steadyFill(model, st, i, lambda, model.warm[i] === 1);
    spreadExpiries(model, st, i);
  }
  if (st.active[i] === 0) {
    // Warm until something empties it: the steady state of the reads it gets now.
    steadyFill(model, st, i, lambda, true);
    st.amp[i] = 1;
    let keysNow = 0;
    for (let b = 0; b < B; b++) keysNow += keys[nb + b]! * cached[nb + b]!;
    st.keysNow[i] = keysNow;
    st.keysSteady[i] = keysNow;
    return 1;
  }
  // Expiries: every ring slot whose time has come (slots are at least one tick wide).
  const width = model.ttl[i]! / R;
  st.clock[i]! += dt;
  while (st.clock[i]! >= width - 1e-9) {
    st.clock[i]! -= width;
    const k = (st.cursor[i]! + 1) % L;
    st.cursor[i] = k;
    const slot = base + k * B;
    for (let b = 0; b < B; b++) {
      run[nb + b]! += ring[slot + b]!;
      ring[slot + b] = 0;
      const left = cached[nb + b]! - run[nb + b]!;
      cached[nb + b] = left > 0 ? left : 0;
    }
  }
  const ttl = model.ttl[i]! * (1 - model.jitter[i]! / 2);
  let hit = 0;
  let hitSteady = 0;
  let missShare = 0;
  let backend = 0;
  let keysNow = 0;
  let keysSteady = 0;
  for (let b = 0; b < B; b++) {
    const n = keys[nb + b]!;
    if (n <= 0) continue;
    const q = share[nb + b]!;
    const rate = (lambda * q) / n; // reads per second of one key of the bucket
    const c = cached[nb + b]!;
    const cs = steady(rate, ttl);
    hit += q * c;
    hitSteady += q * cs;
    keysNow += n * c;
    keysSteady += n * cs;
    const u = 1 - c;
    missShare += q * u;
    backend += q * u * (1 + rate * latency);
    // This tick's fills: each uncached key read at least once, if the backing read succeeded.
    const filled = u * (1 - Math.exp(-rate * dt)) * fillOk;
    if (filled > 0) {
      cached[nb + b] = c + filled;
      scheduleExpiry(model, st, i, b, filled);
    }
  }
  st.keysNow[i] = keysNow;
  st.keysSteady[i] = keysSteady;
  st.amp[i] = model.coalesce[i] === 1 || missShare <= 0 ? 1 : backend / missShare;
  if (hitSteady <= 0) return 1;
  return hit < hitSteady ? hit / hitSteady : 1;
}

/**
 * Drops `share` of the keys of cache i now (1 = FLUSHALL or a restart; 1 - old/new shards for a
 * consistent-hash scale-out); from then on the model drives the cache's hit ratio.
 */
export function flushKeys(model: KeyspaceModel, st: KeyspaceState, i: number, share: number): void {
  const B = KEY_BUCKETS;
  const keep = 1 - Math.min(1, Math.max(0, share));
  // A cache warm until now gets the expiries of a steady state; one emptied before its first
  // tick starts empty.
  if (st.active[i] === 0 && st.started[i] === 1) spreadExpiries(model, st, i);
  st.active[i] = 1;
  st.started[i] = 1;
  for (let b = 0; b < B; b++) {
    st.cached[i * B + b]! *= keep;
    st.run[i * B + b]! *= keep;
  }
  // The remaining keys keep their expiry times, so their pending expiries scale the same way.
  for (let x = model.ringStart[i]!, end = model.ringStart[i + 1]!; x < end; x++) st.ring[x]! *= keep;
}
