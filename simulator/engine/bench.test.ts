import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/validate';
import { layeredScenario, legacyScenario, shareOfServicesWithTraffic, syntheticScenario } from './bench';
import { createSimulation } from './index';

const run = (scenario: ReturnType<typeof layeredScenario>, ticks = 20) => {
  const sim = createSimulation(scenario, { historyTicks: 32, logCapacity: 64, traceCapacity: 8 });
  for (let k = 0; k < ticks; k++) sim.step();
  return sim;
};

describe('benchmark graphs', () => {
  it.each([10, 100, 1000])(
    'the layered %i-node graph sends traffic to every service (and every node)',
    (n) => {
      const scenario = layeredScenario(n);
      expect(scenario.nodes).toHaveLength(n);
      const sim = run(scenario);
      for (const node of scenario.nodes) {
        const rate = sim.metrics.latest(sim.metrics.find('request_rate', node.id));
        expect(rate, `request_rate{node="${node.id}"} (${node.kind})`).toBeGreaterThan(0);
      }
      expect(shareOfServicesWithTraffic(sim, scenario)).toBe(1);
    },
  );

  it('the layered graph is a valid scenario, healthy at steady state', () => {
    const scenario = layeredScenario(1000);
    const result = validateScenario(JSON.parse(JSON.stringify(scenario)));
    expect(result.ok).toBe(true);
    const sim = run(scenario, 300);
    for (const node of scenario.nodes.filter((x) => x.kind === 'client'))
      expect(sim.metrics.latest(sim.metrics.find('error_ratio', node.id))).toBeLessThan(0.01);
  });

  it('is the default; the legacy graph (bench --graph legacy) leaves most services without traffic', () => {
    expect(syntheticScenario(100)).toEqual(layeredScenario(100));
    expect(syntheticScenario(100, 1, 'legacy')).toEqual(legacyScenario(100));
    const legacy = legacyScenario(1000);
    expect(legacy.id).toBe('synthetic-1000');
    expect(shareOfServicesWithTraffic(run(legacy), legacy)).toBeLessThan(0.5);
  });

  it('both graphs have the same mix of kinds', () => {
    const kinds = (s: ReturnType<typeof layeredScenario>) =>
      s.nodes.reduce<Record<string, number>>((out, x) => ({ ...out, [x.kind]: (out[x.kind] ?? 0) + 1 }), {});
    expect(kinds(layeredScenario(1000))).toEqual(kinds(legacyScenario(1000)));
  });
});
