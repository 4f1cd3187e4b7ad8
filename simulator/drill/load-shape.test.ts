import { describe, expect, it } from 'vitest';
import { builtinDrill } from '../test-support/drills';
import { maxRate, rateAt, testShape, testShapes } from './load-shape';
import { loadTest } from './schema';
import { startRun, finishRun } from './system';

const test = loadTest.parse({
  name: 't',
  startRate: 60,
  timeUnit: '1m',
  stages: [
    { duration: '1m', target: 600 },
    { duration: '30s', target: 600 },
    { duration: '1m', target: 0 },
  ],
});

describe('ramping-arrival-rate shapes', () => {
  it("ramp linearly from startRate, targets per timeUnit, as k6's executor does", () => {
    const shape = testShape(test);
    expect([rateAt(shape, 0), rateAt(shape, 30), rateAt(shape, 60), rateAt(shape, 75)]).toEqual([
      1, 5.5, 10, 10,
    ]);
    expect([rateAt(shape, 120), rateAt(shape, 150), rateAt(shape, 999)]).toEqual([5, 0, 0]);
    expect(maxRate(shape)).toBe(10);
  });

  it('drive the engine client at exactly those rates after the warm-up', () => {
    const drill = builtinDrill('checkout-before-sale.json');
    const quiet = { ...drill, nodes: drill.nodes.map((n) => (n.kind === 'client' ? { ...n, noise: 0 } : n)) };
    const shapes = testShapes(quiet, test);
    const run = startRun(quiet, shapes, [], 150);
    finishRun(run);
    const rate = run.sim.metrics.find('request_rate', 'shoppers');
    const shape = shapes.get('shoppers')!;
    for (const t of [0, 30, 59, 60, 100, 149])
      expect(run.sim.metrics.at(rate, run.windowTick + t)).toBeCloseTo(rateAt(shape, t), 9);
  });
});
