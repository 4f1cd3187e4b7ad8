/**
 * The engine's transient queue model against the reference: the cases of des/accuracy.ts where
 * the engine is expected to hold (see docs/architecture.md, "Transient queueing model"), with
 * reduced DES runs. A regression in the engine's dynamics fails here, not only in the bench table.
 */
import { describe, expect, it } from 'vitest';
import { finiteRows, overloadRows, steadyRows, stepRows } from './accuracy';
import { stepCases } from './cases';

describe('engine vs theory and the DES', () => {
  it('steady M/M/c: mean wait and p99 within 2% of Erlang C', () => {
    for (const r of steadyRows()) expect(r.relError, `${r.id} ${r.quantity}`).toBeLessThan(0.02);
  });

  it('M/M/1/100 near rho = 1 after 300 s: within 5% of the exact transient law, increasing in lambda', () => {
    const rows = finiteRows();
    for (const r of rows) expect(r.relError, r.id).toBeLessThan(0.05);
    expect(rows[0]!.engine).toBeLessThan(rows[1]!.engine);
    expect(rows[1]!.engine).toBeLessThan(rows[2]!.engine);
  });

  it('overload rho .8 -> 1.2 -> .8: peak wait and drain times within 20% of the DES', () => {
    for (const r of overloadRows(true)) expect(r.relError, `${r.id} ${r.quantity}`).toBeLessThan(0.2);
  }, 120_000);

  it('steps in load or service time (c 1/4/16, rho .5 -> .8/.9, 0 -> .9): 50% and 90% times within 20% of the exact law', () => {
    // At 1 s ticks per 1 s bucket (the engine's resolution) and at 0.1 s ticks (the model itself).
    const rows = stepRows(true, false).filter((r) => !r.quantity.endsWith('raw'));
    expect(rows).toHaveLength(stepCases.length * 4);
    for (const r of rows) expect(r.relError, `${r.id} ${r.quantity}`).toBeLessThan(0.2);
  }, 300_000);
});
