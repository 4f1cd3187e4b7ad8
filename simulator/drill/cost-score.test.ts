import { describe, expect, it } from 'vitest';
import type { NodeLive } from '../engine/api';
import { monthlyCost } from './cost';
import { costModel } from './schema';
import { DRILL_POINTS, scoreDrill } from './score';

const model = costModel.parse({
  services: { api: { perReplicaHour: 0.1, perCoreHour: 0.05 } },
  databases: {
    db: {
      classes: [
        { name: 'big', cores: 8, perHour: 1 },
        { name: 'small', cores: 2, perHour: 0.25 },
      ],
    },
  },
  caches: { redis: { perGbHour: 0.02 } },
  fixed: [{ name: 'NAT gateway', perHour: 0.045 }],
});

describe('monthly cost', () => {
  it('prices replicas and cores, the smallest class with enough cores, memory and fixed items', () => {
    const live: NodeLive[] = [
      { id: 'api', replicas: 4, cpu: 2 },
      { id: 'db', cpu: 3 },
      { id: 'redis', maxMemoryMb: 2048 },
      { id: 'free', replicas: 9, cpu: 1 },
    ];
    const cost = monthlyCost(model, live);
    expect(cost.lines.map((l) => [l.item, l.detail])).toEqual([
      ['api', '4 replicas x 2 cores'],
      ['db', 'big (8 cores)'],
      ['redis', '2 GB'],
      ['NAT gateway', 'fixed'],
    ]);
    expect(cost.monthly).toBeCloseTo(730 * (4 * (0.1 + 2 * 0.05) + 1 + 2 * 0.02 + 0.045), 9);
  });

  it('prices a database past its largest class per core at that class rate', () => {
    expect(monthlyCost(model, [{ id: 'db', cpu: 16 }]).monthly).toBeCloseTo(730 * (16 * (1 / 8) + 0.045), 9);
  });
});

describe('drill score', () => {
  const input = { headroom: 3, goal: 3, monthly: 900, budget: 1000, peakHeldShare: 1, currency: 'USD' };

  it('gives full points for the goal within budget with the peak held', () => {
    expect(scoreDrill(input)).toMatchObject({ total: 100, grade: 'A' });
  });

  it('scales headroom, cost over budget and the peak share', () => {
    const s = scoreDrill({ ...input, headroom: 1.5, monthly: 1500, peakHeldShare: 0.5 });
    expect(s.components.map((c) => c.points)).toEqual([
      DRILL_POINTS.headroom / 2,
      DRILL_POINTS.cost / 2,
      DRILL_POINTS.peak / 2,
    ]);
    expect(s.total).toBe(50);
    expect(scoreDrill({ ...input, monthly: 2500 }).components[1]!.points).toBe(0);
    expect(scoreDrill({ ...input, headroom: 5 }).components[0]!.points).toBe(DRILL_POINTS.headroom);
  });
});
