/**
 * The engine's cache keyspace (simulator/engine/cache-keyspace.ts) against a per-request
 * simulation and the closed form: the warm-up curve from an empty cache, the steady state, and the
 * miss burst one TTL after the flush when keys filled together expire together.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioNode } from '../simulator/scenario/schema';
import {
  compileKeyspaces,
  flushKeys,
  KEY_BUCKETS,
  keyspaceState,
  keyspaceTick,
} from '../simulator/engine/cache-keyspace';
import {
  simulateCache,
  steadyHitRatio,
  warmupHitRatio,
  zipfProbabilities,
  type CacheCase,
} from './cache-warmup';

/** The engine model's hit ratio per window, from an empty cache (1 s ticks). */
function engineCurve(c: CacheCase): number[] {
  const node = {
    id: 'cache',
    kind: 'cache',
    keyspace: {
      keys: c.keys,
      zipf: c.zipf,
      ttl: c.ttl,
      ttlJitter: c.jitter ?? 0,
      coalesce: false,
      warm: true,
    },
  } as unknown as ScenarioNode;
  const model = compileKeyspaces([node], 1);
  const st = keyspaceState(model, 1);
  keyspaceTick(model, st, 0, c.rate, 0, 1, 1); // warm first, then flushed: the ring's old expiries go too
  flushKeys(model, st, 0, 1);
  const out: number[] = [];
  let sum = 0;
  for (let t = 0; t < c.seconds; t++) {
    let h = 0;
    keyspaceTick(model, st, 0, c.rate, 0, 1, 1);
    // the cached share at the end of each second (the DES averages over the second)
    for (let b = 0; b < KEY_BUCKETS; b++) h += model.share[b]! * st.cached[b]!;
    sum += h;
    if ((t + 1) % c.window === 0) {
      out.push(sum / c.window);
      sum = 0;
    }
  }
  return out;
}

const base: CacheCase = { keys: 5000, zipf: 0.9, rate: 500, ttl: 60, seconds: 240, window: 10, seed: 7 };

describe('cache warm-up', () => {
  it('the closed form matches the per-request simulation before the first expiry', () => {
    const des = simulateCache(base);
    const p = zipfProbabilities(base.keys, base.zipf);
    for (let w = 0; w < base.ttl / base.window; w++) {
      // mean of h(t) over the window (Simpson over 10 points is plenty)
      let mean = 0;
      for (let x = 0; x < 10; x++)
        mean += warmupHitRatio(p, base.rate, (w + (x + 0.5) / 10) * base.window) / 10;
      expect(Math.abs(des[w]! - mean), `window ${w}: DES ${des[w]} vs ${mean}`).toBeLessThan(0.03);
    }
  });

  it('the engine model follows the simulation: warm-up, miss burst at the TTL, steady state', () => {
    const des = simulateCache(base);
    const eng = engineCurve(base);
    const worst = Math.max(...des.map((d, w) => Math.abs(d - eng[w]!)));
    expect(worst, `DES ${des.map((x) => x.toFixed(2))}\nengine ${eng.map((x) => x.toFixed(2))}`).toBeLessThan(
      0.05,
    );
    // The keys filled in the first seconds expire together one TTL later: the window after the TTL
    // serves fewer hits than the one before it.
    const at = base.ttl / base.window;
    expect(des[at]!).toBeLessThan(des[at - 1]! - 0.05);
    expect(eng[at]!).toBeLessThan(eng[at - 1]! - 0.05);
    // and both settle near the closed-form steady state
    const steady = steadyHitRatio(zipfProbabilities(base.keys, base.zipf), base.rate, base.ttl);
    expect(Math.abs(des.at(-1)! - steady)).toBeLessThan(0.04);
    expect(Math.abs(eng.at(-1)! - steady)).toBeLessThan(0.04);
  });

  it('TTL jitter spreads the expiries: a smaller miss burst one TTL after the flush', () => {
    const jittered = { ...base, jitter: 0.5 };
    const dip = (curve: number[]) => curve[base.ttl / base.window - 1]! - curve[base.ttl / base.window]!;
    expect(dip(engineCurve(jittered))).toBeLessThan(dip(engineCurve(base)) / 2);
    expect(dip(simulateCache(jittered))).toBeLessThan(dip(simulateCache(base)) / 2);
  });
});
