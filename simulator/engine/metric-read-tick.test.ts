import { describe, expect, it } from 'vitest';
import { createSimulation } from './index';
import { makeScenario } from './testing';

describe('RingMetricStore.readTick', () => {
  it("copies at() of every series for a tick, NaN outside the ring's window", () => {
    const scenario = makeScenario({
      duration: '5m',
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: 60, target: 50 }] },
        { id: 'api', kind: 'service', replicas: 2, serviceTime: 0.05 },
        { id: 'db', kind: 'database' },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'db' },
      ],
    });
    // A ring of 20 ticks after 50: ticks 30..49 are held, the rest read NaN.
    const sim = createSimulation(scenario, { historyTicks: 20 });
    for (let k = 0; k < 50; k++) sim.step();
    const store = sim.metrics;
    const width = store.series.length;
    const row = new Float64Array(width + 3).fill(7);
    for (const tick of [0, 29, 30, 31, 42, 49, 50, 80]) {
      store.readTick!(tick, row);
      for (let i = 0; i < width; i++) expect(Object.is(row[i], store.at(i, tick))).toBe(true);
      // Past the series it writes nothing.
      expect([...row.subarray(width)]).toEqual([7, 7, 7]);
    }
    store.readTick!(42, row);
    expect(row.subarray(0, width).some((v) => v > 0)).toBe(true);
  });
});
