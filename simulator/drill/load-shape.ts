/**
 * Traffic shapes of a drill in k6's ramping-arrival-rate terms: stages ramp linearly from the
 * previous target (the first from startRate); the last target holds afterwards. The engine applies
 * the same rule per tick (engine/client-rate.ts); this copy answers "what multiple of the peak was
 * offered at time t" for reports, outside the hot loop.
 */
import type { Drill, LoadTest, PeakClient } from './schema';

export interface Shape {
  readonly startRate: number;
  readonly stages: readonly { readonly duration: number; readonly target: number }[];
}

export function shapeDuration(shape: Shape): number {
  let total = 0;
  for (const s of shape.stages) total += s.duration;
  return total;
}

/** The rate the shape offers at t seconds after its start. */
export function rateAt(shape: Shape, t: number): number {
  let prevEnd = 0;
  let prev = shape.startRate;
  for (const s of shape.stages) {
    const end = prevEnd + s.duration;
    if (t < end) return s.duration > 0 ? prev + ((s.target - prev) * (t - prevEnd)) / s.duration : s.target;
    prevEnd = end;
    prev = s.target;
  }
  return prev;
}

export function maxRate(shape: Shape): number {
  return Math.max(shape.startRate, ...shape.stages.map((s) => s.target));
}

/** A client's expected peak as a shape (startRate defaults to the first target, as in scenarios). */
export function peakShape(p: PeakClient): Shape {
  return { startRate: p.startRate ?? p.stages[0]!.target, stages: p.stages };
}

/** The test's shape in requests per second (targets are per timeUnit). */
export function testShape(test: LoadTest): Shape {
  const unit = test.timeUnit > 0 ? test.timeUnit : 1;
  return {
    startRate: test.startRate / unit,
    stages: test.stages.map((s) => ({ duration: s.duration, target: s.target / unit })),
  };
}

export function scaleShape(shape: Shape, factor: number): Shape {
  return {
    startRate: shape.startRate * factor,
    stages: shape.stages.map((s) => ({ duration: s.duration, target: s.target * factor })),
  };
}

/** The client a test drives: its own, else the peak's first. */
export function testedClient(drill: Drill, test: LoadTest): PeakClient {
  const name = test.client ?? drill.peak.clients[0]!.client;
  return drill.peak.clients.find((c) => c.client === name) ?? drill.peak.clients[0]!;
}

/**
 * Every client's shape during a test: the tested client follows the test; each other client
 * offers the same multiple of its own peak at every moment.
 */
export function testShapes(drill: Drill, test: LoadTest): Map<string, Shape> {
  const tested = testedClient(drill, test);
  const shape = testShape(test);
  const testedPeak = maxRate(peakShape(tested));
  const out = new Map<string, Shape>();
  for (const c of drill.peak.clients) {
    if (c.client === tested.client) out.set(c.client, shape);
    else out.set(c.client, scaleShape(shape, testedPeak > 0 ? maxRate(peakShape(c)) / testedPeak : 0));
  }
  return out;
}
