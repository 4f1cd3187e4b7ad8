import { describe, expect, it } from 'vitest';
import { coupledHold } from './coupling';
import { State } from '../state';
import { compile } from '../compile';
import { makeScenario } from '../testing';

/** A State with one node (index 0) to hold the coupling arrays. */
function oneNode(): State {
  const model = compile(makeScenario({ nodes: [{ id: 'a', kind: 'service', replicas: 1, concurrency: 4 }] }));
  return new State(model);
}

const OWN = 0.025;

/** Ticks of a loop whose callee answers `down(used)` to the downstream time the caller used. */
function iterate(down: (used: number, tick: number) => number, ticks: number): number[] {
  const st = oneNode();
  let used = 0;
  const out: number[] = [];
  for (let t = 0; t < ticks; t++) {
    const dm = down(used, t);
    const h = coupledHold(st, 0, OWN + dm, dm);
    used = h - OWN;
    out.push(used);
  }
  return out;
}

describe('coupledHold (Aitken relaxation of the downstream time)', () => {
  it('a stiff linear loop (gain -20) reaches its fixed point instead of diverging', () => {
    // Fixed point of d = 0.5 - 20 (used - 0.02): used = (0.5 + 0.4) / 21.
    const fixed = 0.9 / 21;
    const loop = (used: number): number => Math.max(0, 0.5 - 20 * (used - 0.02));
    const relaxed = iterate(loop, 12);
    expect(Math.abs(relaxed.at(-1)! - fixed)).toBeLessThan(1e-6);
    // Without relaxation the same exchange swings between 0 and 0.9 forever.
    let used = 0;
    const plain: number[] = [];
    for (let t = 0; t < 12; t++) plain.push((used = loop(used)));
    expect(Math.max(...plain.slice(-4)) - Math.min(...plain.slice(-4))).toBeGreaterThan(0.5);
  });

  it('a callee that settles is followed at once: the steady state is the pass value exactly', () => {
    const st = oneNode();
    for (let t = 0; t < 5; t++) expect(coupledHold(st, 0, OWN + 0.08, 0.08)).toBe(OWN + 0.08);
  });

  it('a callee getting steadily slower is not damped', () => {
    const out = iterate((_, t) => 0.01 + 0.01 * t, 10);
    out.forEach((u, t) => expect(u).toBeCloseTo(0.01 + 0.01 * t, 12));
  });

  it('after a damped episode, a real trend is followed again within 10 ticks', () => {
    // 8 ticks of a stiff loop, then the callee ramps on its own: the lag shrinks and is gone
    // (omega doubles back to 1 once the residual keeps its sign for 3 ticks).
    const ramp = (t: number): number => 0.05 + 0.02 * (t - 8);
    const out = iterate((used, t) => (t < 8 ? Math.max(0, 0.5 - 20 * (used - 0.02)) : ramp(t)), 24);
    for (let t = 15; t < 18; t++) expect(ramp(t) - out[t]!).toBeLessThan(ramp(t - 1) - out[t - 1]!);
    for (let t = 18; t < 24; t++) expect(out[t]).toBeCloseTo(ramp(t), 12);
  });

  it('with nothing to relax (part 0, no state yet) the hold comes back untouched', () => {
    const st = oneNode();
    expect(coupledHold(st, 0, 0.03, 0)).toBe(0.03);
    expect(st.dOmega[0]).toBe(1);
  });
});
