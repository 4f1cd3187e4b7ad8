/**
 * Traffic source rate at time t: k6 ramping-arrival-rate stages (each a linear ramp from the
 * previous target, the first from startRate), optional diurnal wave.
 */
import type { Model } from './compile';

/**
 * Writes client i's rate at time t into out[i]. It returns nothing: a returned double is boxed
 * (allocated) when the call is not inlined, and this runs for every client on every tick.
 */
export function clientRate(model: Model, i: number, t: number, out: Float64Array): void {
  const s0 = model.stageStart[i]!;
  const s1 = model.stageStart[i + 1]!;
  if (s1 <= s0) {
    out[i] = 0;
    return;
  }
  const ends = model.stageEnd;
  const targets = model.stageTarget;
  let rate = targets[s1 - 1]!; // the last target holds after the stages
  let prevEnd = 0;
  // The first stage ramps from startRate (compile.ts fills in the first target when omitted).
  let prevTarget = model.startRate[i]!;
  for (let s = s0; s < s1; s++) {
    const end = ends[s]!;
    if (t < end) {
      const span = end - prevEnd;
      const x = span > 0 ? (t - prevEnd) / span : 1;
      rate = prevTarget + (targets[s]! - prevTarget) * x;
      break;
    }
    prevEnd = end;
    prevTarget = targets[s]!;
  }
  if (model.diurnal[i] && model.duration > 0) {
    // Trough at the start, peak mid-scenario: 0.75x .. 1.25x.
    rate *= 1 - 0.25 * Math.cos((2 * Math.PI * t) / model.duration);
  }
  out[i] = rate;
}
