/**
 * A thread pool calling a dependency at its capacity settles, in production and in the per-request
 * simulator: the callers' threads hold their calls, the dependency runs full and the caller's own
 * queue rejects the excess. The engine exchanges caller throughput and callee latency once a tick;
 * before the coupling was relaxed (capacity/coupling.ts) this loop ran a period-4 limit cycle
 * (web's error ratio 0.24 -> 0.95 -> 0.72 -> 0.16, the database's request rate 4.5k -> 11.4k ->
 * 6.9k -> 5.2k req/s, repeating) in the built-in downsized-db-daily-peak and in the plain system
 * below.
 */
import { describe, expect, it } from 'vitest';
import { desWindow, engineWindow, jump, mean } from '../../des/pool-at-capacity';
import { runSteps } from '../runs/replay';
import type { ActionType } from '../scenario/schema';
import { loadBuiltin, runBuiltin } from '../test-support/builtin-run';
import { createSimulation } from './index';

describe('a thread pool calling a database at its capacity (engine vs the per-request simulator)', () => {
  const des = desWindow();

  it('the engine settles (no limit cycle) where the DES does', () => {
    const w = engineWindow('service', 180, 240);
    // Noise-free load: a settled engine moves by a few percent at most from one second to the next.
    expect(jump(w.dbRate)).toBeLessThan(0.05);
    expect(jump(w.webErr)).toBeLessThan(0.1);
    expect(jump(w.dbInflight)).toBeLessThan(0.1);
  });

  it('at the DES operating point: web rejects the excess, the database runs full without rejecting', () => {
    expect(des.dbRejected).toBe(0); // 256 threads can never hold 400 calls
    const w = engineWindow('service', 180, 240);
    expect(Math.abs(mean(w.webErr) - des.webErr)).toBeLessThan(0.03);
    expect(Math.abs(mean(w.dbRate) / des.dbRate - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean(w.dbInflight) / des.dbInflight - 1)).toBeLessThan(0.1);
    expect(Math.abs(mean(w.webP50) / des.webP50 - 1)).toBeLessThan(0.1);
  });

  it('the same capacity as a database (connections and CPU cores) settles too', () => {
    const w = engineWindow('database', 180, 240);
    expect(jump(w.dbRate)).toBeLessThan(0.05);
    expect(jump(w.webErr)).toBeLessThan(0.1);
    expect(Math.abs(mean(w.webErr) - des.webErr)).toBeLessThan(0.03);
  });
});

describe('downsized-db-daily-peak without a response', () => {
  it('settles at the peak: no oscillation between a flooded and an idle database', () => {
    const { sim } = runBuiltin('downsized-db-daily-peak.json', 21 * 60);
    const m = sim.metrics;
    // The last 6 minutes of the run (ticks of 1 s).
    const last = (name: string, node: string): number[] => Array.from(m.read(m.find(name, node)).slice(-360));
    const db = last('request_rate', 'main-db');
    const web = last('error_ratio', 'web');
    // Client noise is 3%: a settled system moves by about that, the limit cycle moved by 2.5x.
    expect(jump(db)).toBeLessThan(0.1);
    expect(Math.max(...web) - Math.min(...web)).toBeLessThan(0.2);
  });
});

/** Ticks where a series turns back by more than 10% of its mean: a cycle does it every tick. */
function zigzags(xs: number[]): number {
  const m = Math.abs(mean(xs));
  let n = 0;
  for (let k = 2; k < xs.length; k++) {
    const d = xs[k]! - xs[k - 1]!;
    if (d * (xs[k - 1]! - xs[k - 2]!) < 0 && Math.abs(d) > 0.1 * m) n++;
  }
  return n;
}

/** A built-in run with one of its offered actions taken at T+12:00, the series of (metric, node). */
function withAction(file: string, type: ActionType, target: string, until: number) {
  const scenario = loadBuiltin(file);
  const offered = scenario.actions.find((a) => a.type === type && a.target === target)!;
  const sim = createSimulation(scenario, { historyTicks: until + 2 });
  runSteps(sim, [{ at: 720, kind: 'action', type, target, params: offered.params ?? {} }], until);
  return (metric: string, node: string, from: number, to: number): number[] =>
    Array.from(sim.metrics.read(sim.metrics.find(metric, node)).slice(from, to));
}

describe('other once-a-tick loops that ran a cycle', () => {
  it("retry-storm-metastable, orders' retries off: the gateway's errors settle instead of flipping 0.26 <-> 0.95 each second", () => {
    // A node holding calls for seconds completes fewer than arrive in a tick; its failed
    // completions over its arrivals fell when more calls arrived, and the callers' retries
    // (amplification from last tick's failure share) turned that into a period-2 cycle.
    const series = withAction('retry-storm-metastable.json', 'set-retries', 'orders->ledger', 900);
    const gw = series('error_ratio', 'gateway', 780, 900);
    expect(Math.max(...gw) - Math.min(...gw)).toBeLessThan(0.1);
  });

  it('liveness-probe-crashloop, CPU limit raised: state-api stops alternating between a backlog and a throttled drain', () => {
    // Draining a backlog at full CPU exhausts the CFS quota; the throttling slowed the next tick,
    // which built the backlog again (in flight 600 <-> 1,000 every other second).
    const series = withAction('liveness-probe-crashloop.json', 'raise-cpu-limit', 'state-api', 1000);
    const inflight = series('inflight', 'state-api', 915, 960);
    expect(zigzags(inflight)).toBeLessThan(3);
  });
});
