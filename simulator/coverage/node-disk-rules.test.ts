/**
 * The node-mixin-style disk alerts (cli/fixtures/alerts/node-disk-rules.yml) over the built-in
 * whose volume fills: they parse, they name only series the view has, and they would have paged
 * on the full volume, which the scenario's own alerts (like Chatwoot's) do not watch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../test-support/builtin-run';
import { checkScenarioAlerts } from './check-scenario';
import { parseRuleFile } from './rule-file';

const text = readFileSync(new URL('../../cli/fixtures/alerts/node-disk-rules.yml', import.meta.url), 'utf8');

describe('node-disk-rules.yml on replication-slot-fills-db-disk', () => {
  const parsed = parseRuleFile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const scenario = loadBuiltin('replication-slot-fills-db-disk.json');
  const report = checkScenarioAlerts(scenario, parsed.groups);
  const fired = new Map(report.fired.map((f) => [f.alert, f]));

  it('warns while the volume fills and pages before the writes fail', () => {
    expect(fired.get('NodeFilesystemSpaceFillingUp')?.firstFiring).toBeLessThan(report.sloBroken!);
    expect(fired.get('NodeFilesystemAlmostOutOfSpace')?.page).toBe(true);
    expect(fired.get('NodeFilesystemAlmostOutOfSpace')!.firstFiring).toBeLessThan(report.sloBroken!);
    expect(fired.get('NodeFilesystemFull')!.firstFiring).toBeGreaterThanOrEqual(report.sloBroken! - 15);
  });

  it('the IO alerts stay quiet: the volume is full, not slow', () => {
    expect(fired.has('NodeDiskIOSaturation')).toBe(false);
    expect(report.neverFired.map((r) => r.alert)).toContain('NodeCPUHighIOWait');
  });

  it('the scripted fix resolves them', () => {
    expect(report.firingAfterFix).toEqual([]);
  });
});
