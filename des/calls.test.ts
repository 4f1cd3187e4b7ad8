import { describe, expect, it } from 'vitest';
import { Outcome, type SystemModel } from './model';
import { simulate } from './simulate';
import { agrees, steadyState } from './steady';
import { hypoexponential } from './theory';

const exp = (mean: number) => ({ kind: 'exponential', mean }) as const;

describe('synchronous call chains', () => {
  it('A -> B -> C at low load: caller latency is the hypoexponential sum of the services', () => {
    const model: SystemModel = {
      nodes: [
        { name: 'A', threads: 16, service: exp(0.01), calls: [{ target: 'B' }] },
        { name: 'B', threads: 16, service: exp(0.01), calls: [{ target: 'C' }] },
        { name: 'C', threads: 16, service: exp(0.05) },
      ],
      entry: 'A',
      arrivalRate: 10,
    };
    const th = hypoexponential([100, 100, 20]);
    const s = steadyState(model, { duration: 20_000, warmup: 10, seed: 4 });
    expect(s.meanWait.value).toBeLessThan(1e-6); // 16 threads at ~0.7 Erlang: nobody queues
    expect(agrees(s.meanResponse, th.mean)).toBe(true);
    expect(agrees(s.p50Response, th.quantile(0.5))).toBe(true);
    expect(agrees(s.p99Response, th.quantile(0.99))).toBe(true);
    expect(s.p99Response.halfWidth).toBeLessThan(0.01);
    // Threads are held during downstream calls: A's L covers the whole chain, B's covers B + C.
    expect(s.inSystem[0]! / s.inSystem[1]!).toBeCloseTo(0.07 / 0.06, 1);
  });

  it('a thread held across a slow downstream call queues work at the caller', () => {
    // A's own work is tiny, but each request holds one of A's 2 threads for C's 50 ms: 0.8 Erlang per
    // thread at 16/s, so A queues as an M/M/2-like server with 50 ms holds even though A is idle.
    const model: SystemModel = {
      nodes: [
        { name: 'A', threads: 2, service: { kind: 'deterministic', mean: 0.0001 }, calls: [{ target: 'C' }] },
        { name: 'C', threads: 64, service: exp(0.05) },
      ],
      entry: 'A',
      arrivalRate: 32,
    };
    const s = steadyState(model, { duration: 3000, warmup: 10, seed: 2 });
    expect(s.meanWait.lo).toBeGreaterThan(0.05);
  });
});

describe('retries and timeouts', () => {
  it('retries amplify load: a dead callee sees maxAttempts calls per caller request', () => {
    const model: SystemModel = {
      nodes: [
        {
          name: 'A',
          threads: 64,
          service: exp(0.001),
          calls: [{ target: 'B', retry: { maxAttempts: 4, backoffBase: 0.01, jitter: 'equal' } }],
        },
        { name: 'B', threads: 64, service: exp(0.002), errorProbability: 1 },
      ],
      entry: 'A',
      arrivalRate: 50,
    };
    const run = simulate(model, { duration: 200, seed: 8 });
    const [a, b] = run.nodes;
    expect(a!.finished).toBe(run.requests.count);
    expect(b!.offered).toBe(4 * a!.offered);
    expect(a!.errors).toBe(a!.finished);
    expect(run.requests.outcome.every((o) => o === Outcome.error)).toBe(true);
    // Backoff: three retries after 0.01, 0.02, 0.04 s, each jittered to [half, full].
    let minResp = Infinity;
    for (const r of run.requests.response) minResp = Math.min(minResp, r);
    expect(minResp).toBeGreaterThan(0.035);
  });

  it('a caller timeout bounds caller latency; the callee still does (and queues) all the work', () => {
    const timeout = 0.2;
    const model: SystemModel = {
      nodes: [
        {
          name: 'A',
          threads: 64,
          service: { kind: 'deterministic', mean: 0.01 },
          calls: [{ target: 'B', timeout }],
        },
        { name: 'B', threads: 4, service: exp(0.1) },
      ],
      entry: 'A',
      arrivalRate: 45, // B at rho 1.125: its queue grows without bound
    };
    const run = simulate(model, { duration: 300, seed: 6 });
    const r = run.requests;
    let maxResp = 0;
    let timedOut = 0;
    for (let i = 0; i < r.count; i++) {
      maxResp = Math.max(maxResp, r.response[i]!);
      if (r.outcome[i] === Outcome.error) timedOut++;
    }
    expect(maxResp).toBeLessThanOrEqual(0.01 + timeout + 1e-9);
    expect(timedOut / r.count).toBeGreaterThan(0.5);
    // No cancellation: every call B accepted was served, long after its callers gave up.
    const b = run.nodes[1]!;
    expect(b.finished).toBe(b.offered);
    expect(b.residenceSum / b.finished).toBeGreaterThan(5 * timeout);
  });

  it('the client timeout ends the request at exactly the timeout, outcome timeout', () => {
    const model: SystemModel = {
      nodes: [{ name: 'A', threads: 1, service: { kind: 'deterministic', mean: 0.5 } }],
      entry: 'A',
      arrivalRate: 4,
      client: { timeout: 0.3 },
    };
    const run = simulate(model, { duration: 50, seed: 1 });
    const r = run.requests;
    for (let i = 0; i < r.count; i++) {
      expect(r.outcome[i]).toBe(Outcome.timeout);
      expect(r.response[i]).toBeCloseTo(0.3, 12);
    }
  });

  it('retrying timeouts multiplies the load on a slow callee (a retry storm)', () => {
    const model = (maxAttempts: number): SystemModel => ({
      nodes: [
        {
          name: 'A',
          threads: 256,
          service: exp(0.001),
          calls: [{ target: 'B', timeout: 0.25, retry: { maxAttempts, backoffBase: 0 } }],
        },
        { name: 'B', threads: 4, service: exp(0.1) },
      ],
      entry: 'A',
      arrivalRate: 36, // B at rho 0.9 without retries
    });
    const once = simulate(model(1), { duration: 600, seed: 3 });
    const thrice = simulate(model(3), { duration: 600, seed: 3 });
    // Any call slower than the timeout is sent again while the first copy still runs: B's offered
    // load passes its capacity and its waits explode.
    expect(thrice.nodes[1]!.offered / once.nodes[1]!.offered).toBeGreaterThan(1.15);
    const wait = (r: typeof once) => r.nodes[1]!.waitSum / r.nodes[1]!.started;
    expect(wait(thrice)).toBeGreaterThan(5 * wait(once));
  });
});
