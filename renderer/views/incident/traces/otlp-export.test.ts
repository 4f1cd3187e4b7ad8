import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../../simulator/engine/index';
import { BUILTIN_FILES, loadBuiltin } from '../../../../simulator/test-support/builtin-run';
import { MAX_TRACES } from '../../../stores/incident-store';
import { exportedWhat } from './otlp-export';

describe('the OTLP export of a run', () => {
  it('keeps every sampled trace of each built-in, so the export is the whole run', () => {
    for (const file of BUILTIN_FILES) {
      const scenario = loadBuiltin(file);
      const sim = createSimulation(scenario, { historyTicks: 8, traceCapacity: 10 * MAX_TRACES });
      sim.runUntil(scenario.duration);
      const n = sim.traces().length;
      expect(n, file).toBeGreaterThan(0);
      expect(n, `${file}: ${n} traces in ${scenario.duration} s`).toBeLessThanOrEqual(MAX_TRACES);
    }
  });

  it('says whether the file is the whole run or only its end', () => {
    const trace = (t: number) => ({
      traceId: 'a',
      requestId: 'r',
      t,
      root: 'x',
      duration: 1,
      error: false,
      spans: [],
    });
    expect(exportedWhat([trace(5), trace(10)], 0)).toBe('2 traces (the whole run)');
    expect(exportedWhat([trace(5)], 0)).toBe('1 trace (the whole run)');
    expect(exportedWhat([trace(3725), trace(3730)], 12)).toBe(
      'the last 2 traces from T+1:02:05 (12 earlier ones were not kept)',
    );
  });
});
