/**
 * Seeded sampling for the reference simulator. The generator is the engine's own sfc32 `Rng`
 * (simulator/random/prng.ts): integer math, bit-identical everywhere, no allocation per draw. Reusing
 * it is safe for an oracle because only the *distributions* below are under test, not the stream.
 */
import { Rng } from '../simulator/random/prng';

export { Rng };

/** A positive random variable, parameterised by its mean (seconds) so cases read in service times. */
export type Dist =
  | { kind: 'exponential'; mean: number }
  | { kind: 'deterministic'; mean: number }
  /** Sum of k exponentials with the same mean/k: coefficient of variation 1/sqrt(k). */
  | { kind: 'erlang'; mean: number; k: number }
  /** Lognormal with the given mean and coefficient of variation (stddev / mean). */
  | { kind: 'lognormal'; mean: number; cv: number };

/** Independent stream `stream` of a run seeded with `seed`: each source of randomness (arrivals,
 * service, balancing, ...) gets its own, so changing one part of a model leaves the others' draws
 * unchanged (common random numbers across variants). */
export function streamRng(seed: number, stream: number): Rng {
  return new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77)) >>> 0);
}

/** Exp(mean): inversion on (0, 1] so the log never sees 0. */
export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng.next());
}

export function erlang(rng: Rng, mean: number, k: number): number {
  // Product of uniforms: one log per draw instead of k.
  let p = 1;
  for (let i = 0; i < k; i++) p *= 1 - rng.next();
  return (-mean / k) * Math.log(p);
}

export function lognormal(rng: Rng, mean: number, cv: number): number {
  const s2 = Math.log(1 + cv * cv);
  const m = Math.log(mean) - s2 / 2; // E[e^X] = e^{m + s2/2} = mean
  return Math.exp(m + Math.sqrt(s2) * rng.normal());
}

export function sample(rng: Rng, d: Dist): number {
  switch (d.kind) {
    case 'exponential':
      return exponential(rng, d.mean);
    case 'deterministic':
      return d.mean;
    case 'erlang':
      return erlang(rng, d.mean, d.k);
    case 'lognormal':
      return lognormal(rng, d.mean, d.cv);
  }
}

/** Squared coefficient of variation of a distribution (1 for exponential), for approximations. */
export function scv(d: Dist): number {
  switch (d.kind) {
    case 'exponential':
      return 1;
    case 'deterministic':
      return 0;
    case 'erlang':
      return 1 / d.k;
    case 'lognormal':
      return d.cv * d.cv;
  }
}
