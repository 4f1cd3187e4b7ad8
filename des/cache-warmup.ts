/**
 * Per-request simulation of a look-aside cache with TTL expiry (SET EX: a hit does not extend
 * it): Poisson reads over `keys` keys of Zipf(s) popularity, each miss fills its key for `ttl`
 * seconds (times (1 - jitter x U)). The oracle for simulator/engine/cache-keyspace.ts: the hit
 * ratio per window after the cache starts empty, and the closed form of its warm-up.
 */
import { exponential, streamRng } from './random';

export interface CacheCase {
  readonly keys: number;
  readonly zipf: number;
  /** Reads per second. */
  readonly rate: number;
  readonly ttl: number;
  readonly jitter?: number;
  /** Simulated seconds from an empty cache, and the width of a hit-ratio window. */
  readonly seconds: number;
  readonly window: number;
  readonly seed?: number;
}

/** Popularity p_k of each rank (k = 1..keys), summing to 1. */
export function zipfProbabilities(keys: number, s: number): Float64Array {
  const p = new Float64Array(keys);
  let sum = 0;
  for (let k = 0; k < keys; k++) sum += p[k] = (k + 1) ** -s;
  for (let k = 0; k < keys; k++) p[k]! /= sum;
  return p;
}

/** Hit ratio of each window, from an empty cache at t = 0. */
export function simulateCache(c: CacheCase): number[] {
  const p = zipfProbabilities(c.keys, c.zipf);
  const cdf = new Float64Array(c.keys);
  let acc = 0;
  for (let k = 0; k < c.keys; k++) cdf[k] = acc += p[k]!;
  const expires = new Float64Array(c.keys).fill(-1); // -1: not cached
  const arrivals = streamRng(c.seed ?? 1, 0);
  const pick = streamRng(c.seed ?? 1, 1);
  const jitter = streamRng(c.seed ?? 1, 2);
  const windows = Math.ceil(c.seconds / c.window);
  const hits = new Float64Array(windows);
  const reads = new Float64Array(windows);
  for (let t = exponential(arrivals, 1 / c.rate); t < c.seconds; t += exponential(arrivals, 1 / c.rate)) {
    const u = pick.next() * acc;
    let lo = 0;
    let hi = c.keys - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    const w = Math.floor(t / c.window);
    reads[w]!++;
    if (expires[lo]! > t) hits[w]!++;
    else expires[lo] = t + c.ttl * (1 - (c.jitter ?? 0) * jitter.next());
  }
  return Array.from(hits, (h, w) => (reads[w]! > 0 ? h / reads[w]! : 0));
}

/** Closed form before the first expiry (t < ttl): h(t) = sum_k p_k (1 - exp(-rate p_k t)). */
export function warmupHitRatio(p: Float64Array, rate: number, t: number): number {
  let h = 0;
  for (const pk of p) h += pk * (1 - Math.exp(-rate * pk * t));
  return h;
}

/** Steady state: h* = sum_k p_k (rate p_k T) / (1 + rate p_k T). */
export function steadyHitRatio(p: Float64Array, rate: number, ttl: number): number {
  let h = 0;
  for (const pk of p) h += (pk * rate * pk * ttl) / (1 + rate * pk * ttl);
  return h;
}
