import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
  });
});
