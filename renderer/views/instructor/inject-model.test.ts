import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAULT_CATALOG } from '../../../simulator/engine/faults';
import { parseScenarioText } from '../../../simulator/scenario/validate';
import { applicableFaultTypes, faultTargets, parseParams, parseSimTime } from './inject-model';

const parsed = parseScenarioText(
  readFileSync(new URL('../../../scenarios/thread-exhaustion.json', import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error('bad scenario');
const scenario = parsed.scenario;

describe('inject form model', () => {
  it('offers each fault on the nodes (or edges) it applies to', () => {
    const services = scenario.nodes.filter((n) => n.kind === 'service').map((n) => n.id);
    expect(faultTargets(scenario, 'bad-deploy')).toEqual(services);
    expect(faultTargets(scenario, 'network-degradation')).toEqual(
      scenario.edges.map((e) => `${e.from}->${e.to}`),
    );
    for (const type of applicableFaultTypes(scenario))
      expect(faultTargets(scenario, type).length).toBeGreaterThan(0);
  });

  it('offers a disk fault only on nodes with a volume', () => {
    expect(faultTargets(scenario, 'disk-fill')).toEqual([]);
    expect(applicableFaultTypes(scenario)).not.toContain('replication-slot');
    const withDisk = parseScenarioText(
      readFileSync(
        new URL('../../../scenarios/replication-slot-fills-db-disk.json', import.meta.url),
        'utf8',
      ),
    );
    if (!withDisk.ok) throw new Error('bad scenario');
    const disks = withDisk.scenario.nodes.filter((n) => 'disk' in n && n.disk !== undefined).map((n) => n.id);
    expect(disks.length).toBeGreaterThan(0);
    expect(faultTargets(withDisk.scenario, 'disk-fill')).toEqual(disks);
  });

  it('offers a region outage only on nodes that name a region', () => {
    expect(faultTargets(scenario, 'region-outage')).toEqual([]);
    expect(applicableFaultTypes(scenario)).not.toContain('region-outage');
    const regional = parseScenarioText(
      readFileSync(
        new URL('../../../scenarios/edge-failover-overloads-survivor.json', import.meta.url),
        'utf8',
      ),
    );
    if (!regional.ok) throw new Error('bad scenario');
    expect(faultTargets(regional.scenario, 'region-outage')).toEqual(['edge-weu', 'edge-neu']);
  });

  it('parses params with the catalog bounds and leaves empty ones to the defaults', () => {
    expect(parseParams(FAULT_CATALOG.latency.params, { factor: '5', add: '' })).toEqual({
      ok: true,
      params: { factor: 5 },
    });
    expect(parseParams(FAULT_CATALOG['error-rate'].params, { rate: '2' })).toEqual({
      ok: false,
      error: 'rate must be at most 1.',
    });
    expect(parseParams(FAULT_CATALOG.crash.params, { loop: 'true' })).toEqual({
      ok: true,
      params: { loop: true },
    });
    expect(parseParams(FAULT_CATALOG['dependency-outage'].params, { mode: 'nope' }).ok).toBe(false);
  });

  it('reads simulated times as mm:ss or durations', () => {
    expect(parseSimTime('12:30')).toBe(750);
    expect(parseSimTime('T+1:00:05')).toBe(3605);
    expect(parseSimTime('90s')).toBe(90);
    expect(parseSimTime('5m')).toBe(300);
    expect(parseSimTime('soon')).toBeUndefined();
    expect(parseSimTime('')).toBeUndefined();
  });
});
