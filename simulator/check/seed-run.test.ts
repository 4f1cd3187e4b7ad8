import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/validate';
import { loadBuiltin } from '../test-support/builtin-run';
import { checkSeed, seedBuffers } from './seed-run';

/** api fails from 1 min; 'Api' pages on a threshold it never reaches, 'ApiErrors' only chats. */
function prefixScenario() {
  const result = validateScenario({
    schemaVersion: 1,
    id: 'prefix',
    title: 'Prefix',
    difficulty: 'beginner',
    duration: '10m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 20 }] },
      { id: 'api', kind: 'service' },
    ],
    edges: [{ from: 'users', to: 'api' }],
    faults: [{ at: '1m', target: 'api', type: 'bad-deploy', params: { errorRate: 0.5 } }],
    alerts: [
      { name: 'Api', expr: 'error_ratio{node="api"} > 0.9', for: '30s', severity: 'P1' },
      { name: 'ApiErrors', expr: 'error_ratio{node="api"} > 0.1', for: '30s', severity: 'P3', route: 'chat' },
    ],
    rootCause: { node: 'api', category: 'bad-deploy', categories: ['bad-deploy', 'load'] },
    objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
    actions: [{ type: 'rollback', target: 'api', effect: 'fixes' }],
    solution: [{ at: '3m', kind: 'action', type: 'rollback', target: 'api' }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

describe('checkSeed', () => {
  it('gives the same outcome on buffers reused across seeds and scenarios of other sizes as on fresh ones', () => {
    const big = loadBuiltin('log-shipper-floods-dns.json');
    const small = loadBuiltin('sidecar-cpu-throttling.json');
    const fresh = [checkSeed(big, 1), checkSeed(small, 2), checkSeed(big, 3)];
    const buffers = seedBuffers();
    const reused = [checkSeed(big, 1, buffers), checkSeed(small, 2, buffers), checkSeed(big, 3, buffers)];
    expect(reused).toEqual(fresh);
  }, 60_000);

  it("counts only a page as the first page, not an alert whose name starts with the page's", () => {
    const outcome = checkSeed(prefixScenario(), 1);
    expect(outcome.firstPage).toBeNull();
    expect(outcome.sloBroken).toBe(60);
  });

  // Issue 18: the check table showed p10 = p50 = p90 on every built-in. The seed does reach the
  // engine, but only through the clients' noise: without noise every seed is the same run, and
  // with the built-ins' 3% noise the SLO breach moves by seconds while the page, on a 15 s grid
  // behind a ramp, mostly stays.
  it('the seed moves a noisy scenario and changes nothing in one without noise', () => {
    const noisy = loadBuiltin('rds-capacity-bottleneck.json');
    expect(noisy.nodes.some((n) => n.kind === 'client' && n.noise > 0)).toBe(true);
    const breaches = new Set([1, 2, 3, 4, 5].map((seed) => checkSeed(noisy, seed).sloBroken));
    expect(breaches.size).toBeGreaterThan(1);

    const steady = loadBuiltin('thread-exhaustion.json');
    expect(steady.nodes.every((n) => n.kind !== 'client' || n.noise === 0)).toBe(true);
    const { seed: _a, ...one } = checkSeed(steady, 1);
    const { seed: _b, ...other } = checkSeed(steady, 7);
    expect(other).toEqual(one);
  });

  // `check` runs a scenario whose first seed drew no random number once, for every seed.
  it('counts the random draws of both runs: none without noise, some with it', () => {
    expect(checkSeed(loadBuiltin('thread-exhaustion.json'), 1).randomDraws).toBe(0);
    expect(checkSeed(loadBuiltin('rds-capacity-bottleneck.json'), 1).randomDraws).toBeGreaterThan(0);
  });
});
