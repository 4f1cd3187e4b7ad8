/**
 * OpenTelemetry ids for sampled traces, derived from the run's seed and the sampling tick (and the
 * span's position), so the same scenario, seed and steps give the same ids. A trace id is 16
 * bytes (32 hex digits), a span id 8 bytes (16 hex digits); neither is ever all zeros, which OTLP
 * reserves for "invalid". Built only when traces are read, never in a tick.
 */

/** One 32-bit word from a, b and c (murmur3's finalizer over a splitmix-style combination). */
function mix(a: number, b: number, c: number): number {
  let z = (Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca77) ^ Math.imul(c | 0, 0xc2b2ae3d)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const hex8 = (w: number) => w.toString(16).padStart(8, '0');

/** Words w0..w(n-1) as hex, with the last word forced non-zero when all are zero. */
function words(seed: number, tick: number, salt: number, n: number): string {
  let out = '';
  let any = 0;
  for (let k = 0; k < n; k++) {
    let w = mix(seed + k * 0x632be5ab, tick, salt + k);
    if (k === n - 1 && any === 0 && w === 0) w = 1;
    any |= w;
    out += hex8(w);
  }
  return out;
}

/** The trace id of the trace sampled at `tick` (32 hex digits). */
export function traceIdOf(seed: number, tick: number): string {
  return words(seed, tick, 0x7f4a7c15, 4);
}

/** The span id of the `index`-th span of that trace (16 hex digits). */
export function spanIdOf(seed: number, tick: number, index: number): string {
  return words(seed ^ 0x2545f491, tick, (index + 1) * 0x9e37, 2);
}
