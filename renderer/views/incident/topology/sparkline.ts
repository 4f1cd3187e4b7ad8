/** Geometry of a tiny inline sparkline (SVG path), pure so it is tested without a DOM. */

export interface SparkPoint {
  readonly t: number;
  readonly v: number | null;
}

/**
 * An SVG path through the points, scaled to width x height (y grows downwards). Gaps (null) break
 * the line. The y range starts at 0 unless values go negative, and is never flat-zero.
 */
export function sparkPath(
  points: readonly SparkPoint[],
  width: number,
  height: number,
  minMax?: number,
): string {
  const values = points.filter((p) => p.v !== null && Number.isFinite(p.v));
  if (values.length === 0) return '';
  const t0 = points[0]?.t ?? 0;
  const t1 = points[points.length - 1]?.t ?? t0;
  let lo = 0;
  let hi = minMax ?? 0;
  for (const p of values) {
    lo = Math.min(lo, p.v as number);
    hi = Math.max(hi, p.v as number);
  }
  if (hi - lo < 1e-12) hi = lo + 1;
  const span = t1 - t0 || 1;
  const pad = 1;
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.v === null || !Number.isFinite(p.v)) {
      pen = false;
      continue;
    }
    const x = points.length === 1 ? width : ((p.t - t0) / span) * width;
    const y = pad + (1 - (p.v - lo) / (hi - lo)) * (height - 2 * pad);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/**
 * The least top of a sparkline's y range for a metric: a ratio's line is drawn against at least
 * 5%, so "CPU throttled 0%" with a little noise stays a flat line at the bottom instead of a
 * full-height zigzag. Other units scale to their own maximum.
 */
export const RATIO_SPARK_FLOOR = 0.05;
export function sparkFloor(unit: string | undefined): number | undefined {
  return unit === 'ratio' ? RATIO_SPARK_FLOOR : undefined;
}
