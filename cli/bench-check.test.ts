import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchCheck } from './bench-check';

const file = fileURLToPath(new URL('../scenarios/thread-exhaustion.json', import.meta.url));

describe('bench:check', () => {
  it('measures check throughput on 1 worker and on N, and prints the ratio', async () => {
    const r = await benchCheck({ files: [file], seeds: 2, repeats: 1, jobs: 2 });
    for (const m of [r.one, r.all]) {
      expect(m.rate).toBeGreaterThan(0);
      expect(m.cpuMsPerRun).toBeGreaterThan(0);
      expect(m.startMs).toBeGreaterThan(0);
    }
    expect(r.ratio).toBeCloseTo(r.all.rate / r.one.rate, 12);
    expect(r.lines[0]).toContain('4 runs: 1 scenarios x 2 seeds x 2');
    expect(r.lines[3]).toBe(`  scaling      ${r.ratio.toFixed(2)}x on 2 workers`);
    expect(r.lines[4]).toMatch(/^ {2}CPU per run {2}-?\d+\.\d% more on 2 workers; cores busy/);
  }, 120_000);
});
