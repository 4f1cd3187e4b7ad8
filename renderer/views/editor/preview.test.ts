import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../simulator/scenario/schema';
import { parseScenarioText } from '../../../simulator/scenario/validate';
import { runPreview } from './preview';

const DIR = path.resolve(__dirname, '../../../scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

describe('runPreview', () => {
  it.each(FILES)('finds %s winnable with its solution and losable without', (file) => {
    const result = parseScenarioText(readFileSync(path.join(DIR, file), 'utf8'));
    if (!result.ok) throw new Error('invalid built-in');
    const preview = runPreview(result.scenario);
    console.log(file, Math.round(preview.ms), 'ms');
    expect(preview.winnable).toBe(true);
    expect(preview.solution.holdsFrom).not.toBeNull();
    expect(preview.baseline.alerts.some((a) => a.firstFiring !== null)).toBe(true);
    expect(preview.baseline.slos[0]!.points.length).toBeGreaterThan(10);
    if (!result.scenario.objectives.selfHeals) expect(preview.losable).toBe(true);
    expect(preview.warnings).toEqual([]);
  });

  it('lists the warnings of the file and of a fault-free run', () => {
    const result = parseScenarioText(
      JSON.stringify({
        schemaVersion: 1,
        id: 'over',
        title: 'Over capacity',
        difficulty: 'beginner',
        duration: '10m',
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 300 }] },
          { id: 'api', kind: 'service', replicas: 1, autoscaler: { metric: 'queue_depth', target: 5 } },
        ],
        edges: [{ from: 'users', to: 'api' }],
        rootCause: { node: 'api', category: 'not enough replicas', causes: ['capacity'] },
        objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(runPreview(result.scenario).warnings.map((w) => w.path)).toEqual([
      'nodes[1].autoscaler.metric',
      'nodes[1]',
    ]);
  });

  it('charts a short dip in an SLO metric over a long run (min and max per bucket)', () => {
    // 2 h at a 50% error rate, except 10 s at 1 h: far more ticks than chart points.
    const result = parseScenarioText(
      JSON.stringify({
        schemaVersion: 1,
        id: 'dip',
        title: 'Dip',
        difficulty: 'beginner',
        duration: '2h',
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '2h', target: 50 }] },
          { id: 'api', kind: 'service' },
        ],
        edges: [{ from: 'users', to: 'api' }],
        faults: [
          { at: '0s', duration: '1h', target: 'api', type: 'error-rate', params: { rate: 0.5 } },
          { at: '3610s', target: 'api', type: 'error-rate', params: { rate: 0.5 } },
        ],
        alerts: [{ name: 'Errors', expr: 'error_ratio{node="api"} > 0.1', severity: 'P1' }],
        rootCause: { node: 'api', category: 'bug', categories: ['bug', 'load'] },
        objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const scenario: Scenario = result.scenario;
    const points = runPreview(scenario).baseline.slos[0]!.points;
    expect(points.length).toBeLessThanOrEqual(240);
    const values = points.map(([, v]) => v).filter((v): v is number => v !== null);
    expect(Math.max(...values)).toBeGreaterThan(0.4);
    expect(Math.min(...values)).toBeLessThan(0.05);
  });
});
