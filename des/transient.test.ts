import { describe, expect, it } from 'vitest';
import { mmcModel, MU } from './cases';
import { mmc, mmcStationary, mmcTransientWait } from './theory';
import { crossingEstimates, crossingTimes, levelBetween, movingAverage, runTransient } from './transient';

describe('crossingTimes', () => {
  it('recovers tau ln 2 and tau ln 10 from an exponential approach, rising or falling', () => {
    const tau = 8;
    const t0 = 10;
    const bucket = 0.25;
    const mid = (b: number) => (b + 0.5) * bucket;
    const rise = Float64Array.from({ length: 400 }, (_, b) =>
      mid(b) < t0 ? 1 : 1 + 4 * (1 - Math.exp(-(mid(b) - t0) / tau)),
    );
    const [t50, t90] = crossingTimes(rise, 1, 5, { t0, bucket, window: 1 });
    expect(t50).toBeCloseTo(tau * Math.LN2, 1);
    expect(t90).toBeCloseTo(tau * Math.LN10, 1);
    const fall = rise.map((v) => 6 - v);
    const [f50, f90] = crossingTimes(fall, 5, 1, { t0, bucket, window: 1 });
    expect(f50).toBeCloseTo(t50!, 9);
    expect(f90).toBeCloseTo(t90!, 9);
    expect(crossingTimes(rise, 1, 10, { t0, bucket })).toEqual([NaN, NaN]); // never gets there
  });

  it('moving average is centred and skips NaN', () => {
    expect(Array.from(movingAverage([1, 2, 3, NaN, 5], 3))).toEqual([1.5, 2, 2.5, 4, 5]);
  });
});

describe('step-change experiments', () => {
  it('after rho 0.5 -> 0.9 (M/M/4) the mean wait rises steadily from the old to the new steady state', () => {
    const c = 4;
    const t0 = 20;
    const model = mmcModel(c, { times: [0, t0], values: [0.5 * c * MU, 0.9 * c * MU] });
    const curve = runTransient(model, { duration: t0 + 100, t0, bucket: 1, runs: 200 });
    const before = mmc(c, 0.5 * c * MU, MU).meanWait;
    const after = mmc(c, 0.9 * c * MU, MU).meanWait;
    expect(Math.abs(levelBetween(curve, 2, t0) - before) / before).toBeLessThan(0.3);
    // Monotone-ish: starting below, the queue is stochastically increasing in time, so averages over
    // successive windows rise clearly at first and later never fall back by more than noise (~10%).
    const windows = [0, 2, 5, 10, 25, 50].map((s, i, a) =>
      levelBetween(curve, t0 + s, t0 + (a[i + 1] ?? 100)),
    );
    for (let i = 1; i < 3; i++) expect(windows[i]!).toBeGreaterThan(1.05 * windows[i - 1]!);
    for (let i = 1; i < windows.length; i++) {
      expect(windows[i]!).toBeGreaterThan(0.8 * Math.max(...windows.slice(0, i)));
    }
    expect(Math.abs(levelBetween(curve, t0 + 50, t0 + 100) - after) / after).toBeLessThan(0.15);
    const [c50, c90] = crossingEstimates(curve, before, after, { t0, bucket: 1 });
    expect(c50!.time.value).toBeGreaterThan(0);
    expect(c90!.time.value).toBeGreaterThan(c50!.time.value);
    expect(c90!.time.value).toBeLessThan(40);
  });

  it('overload rho 1.2 then back to 0.8: the wait builds as the fluid model says, then drains', () => {
    const c = 4;
    const t0 = 20;
    const T = 30;
    const cm = c * MU;
    const model = mmcModel(c, { times: [0, t0, t0 + T], values: [0.8 * cm, 1.2 * cm, 0.8 * cm] });
    const curve = runTransient(model, { duration: t0 + T + 80, t0: t0 + T, bucket: 1, runs: 40 });
    // Fluid: backlog grows at 0.2 c mu, so the arrival at the end of overload waits 0.2 T = 6 s,
    // and the backlog drains at 0.2 c mu: back to base after another 30 s.
    const peak = levelBetween(curve, t0 + T - 2, t0 + T);
    expect(peak).toBeGreaterThan(0.2 * T * 0.85);
    expect(peak).toBeLessThan(0.2 * T * 1.1);
    const base = mmc(c, 0.8 * cm, MU).meanWait;
    const [d50] = crossingEstimates(curve, peak, base, { t0: t0 + T, bucket: 1, fractions: [0.5] });
    expect(d50!.time.value).toBeGreaterThan(10);
    expect(d50!.time.value).toBeLessThan(20);
    expect(levelBetween(curve, t0 + T + 50, t0 + T + 80)).toBeLessThan(3 * base);
  });

  it('M/M/1 rho 0.5 -> 0.8: the DES curve follows the exact transient law (Kolmogorov) bucket by bucket', () => {
    const t0 = 10;
    const model = mmcModel(1, { times: [0, t0], values: [0.5 * MU, 0.8 * MU] });
    const curve = runTransient(model, { duration: t0 + 12, t0, bucket: 2, runs: 300 });
    const exact = mmcTransientWait(1, mmcStationary(1, 0.5 * MU, MU, 400), 0.8 * MU, MU, 12, 0.01);
    for (let b = 0; b < 6; b++) {
      let s = 0;
      for (let j = 0; j < 200; j++) s += exact[b * 200 + j]!;
      const des = curve.meanWait[t0 / 2 + b]!;
      const hw = curve.halfWidth[t0 / 2 + b]!;
      // Within the DES's own 95% half-width (x 1.5: six buckets tested at once).
      expect(Math.abs(des - s / 200), `bucket ${b}`).toBeLessThan(1.5 * hw);
    }
  });
});
