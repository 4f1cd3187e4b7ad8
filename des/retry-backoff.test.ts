/**
 * The engine's retried-call time (backoff with a cap and jitter, capacity/edge-retries.ts) against
 * the per-request simulator: a caller retrying a callee that fails half its requests.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulator/engine/index';
import { makeScenario } from '../simulator/engine/testing';
import type { SystemModel } from './model';
import { agrees, steadyState } from './steady';

const exp = (mean: number) => ({ kind: 'exponential', mean }) as const;
type Jitter = 'none' | 'full' | 'equal';

function des(jitter: Jitter): ReturnType<typeof steadyState> {
  const model: SystemModel = {
    nodes: [
      {
        name: 'A',
        threads: 1000,
        service: exp(0.01),
        calls: [{ target: 'B', retry: { maxAttempts: 4, backoffBase: 1, maxBackoff: 3, jitter } }],
      },
      { name: 'B', threads: 1000, service: exp(0.01), errorProbability: 0.5 },
    ],
    entry: 'A',
    arrivalRate: 20,
  };
  return steadyState(model, { duration: 4000, warmup: 30, seed: 7 });
}

function engine(jitter: Jitter): number {
  const s = createSimulation(
    makeScenario({
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 20 }], noise: 0 },
        { id: 'A', kind: 'service', concurrency: 1000, serviceTime: 0.01, cpuPerRequest: 0 },
        { id: 'B', kind: 'service', concurrency: 1000, serviceTime: 0.01, cpuPerRequest: 0, errorRate: 0.5 },
      ],
      edges: [
        { from: 'users', to: 'A' },
        { from: 'A', to: 'B', retries: 3, backoff: 1, maxBackoff: 3, jitter },
      ],
    }),
    { seed: 1 },
  );
  s.runUntil(120);
  return s.metrics.latest(s.metrics.find('latency_mean', 'A'));
}

describe('retried calls: engine vs per-request simulation', () => {
  // Backoffs 1, 2, 3 (capped) s before attempts 2, 3, 4; each attempt fails with p = .5 and takes
  // 0.01 s; jitter scales the mean backoff by 1, 1/2 or 3/4. The engine reports the mean over every
  // request; the DES's meanResponse is over the successful ones, so each is held to its own law.
  const backoffs = [1, 2, 3];
  const attempt = 0.01;
  const own = 0.01;
  /** Mean response: over all requests, or over those whose attempt k (1..4) succeeded. */
  function theory(share: number, onlyOk: boolean): number {
    let sum = 0;
    let weight = 0;
    for (let k = 1; k <= 4; k++) {
      const waited = backoffs.slice(0, k - 1).reduce((a, b) => a + b, 0) * share;
      const ok = 0.5 ** k; // attempts 1..k-1 failed, k succeeded
      const time = own + k * attempt + waited;
      sum += ok * time;
      weight += ok;
      if (k === 4 && !onlyOk) {
        sum += 0.5 ** 4 * time; // all four failed
        weight += 0.5 ** 4;
      }
    }
    return sum / weight;
  }

  it.each(['none', 'full', 'equal'] as const)('jitter %s: the mean response agrees', (jitter) => {
    const share = { none: 1, full: 0.5, equal: 0.75 }[jitter];
    const ref = des(jitter);
    const mean = engine(jitter);
    expect(mean).toBeCloseTo(theory(share, false), 3);
    const okTheory = theory(share, true);
    expect(
      agrees(ref.meanResponse, okTheory),
      `DES ${ref.meanResponse.value} +- ${ref.meanResponse.halfWidth} vs ${okTheory}`,
    ).toBe(true);
    console.info(
      `jitter ${jitter}: engine ${mean.toFixed(4)} s (law ${theory(share, false).toFixed(4)}); DES successes ${ref.meanResponse.value.toFixed(4)} +- ${ref.meanResponse.halfWidth.toFixed(4)} s (law ${okTheory.toFixed(4)})`,
    );
  });
});
