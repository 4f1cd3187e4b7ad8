/**
 * The log-volume histogram (Grafana's "Logs volume"): matching lines per level in equal time
 * buckets over the run so far. Pure; one pass over the lines.
 */
import type { LogLevel, LogLine } from '../../../../simulator/engine/api';

export const HISTOGRAM_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export interface LogHistogram {
  /** Start of the first bucket and each bucket's width, simulated seconds. */
  readonly start: number;
  readonly width: number;
  /** counts[level][bucket], levels in HISTOGRAM_LEVELS order. */
  readonly counts: readonly (readonly number[])[];
  /** Largest bucket total (for the y scale). */
  readonly max: number;
}

/** A round bucket width: at most `buckets` buckets over [0, end], at least 1 s. */
export function bucketWidth(end: number, buckets: number): number {
  const raw = Math.max(1, end / buckets);
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
  return steps.find((s) => s >= raw) ?? Math.ceil(raw / 3600) * 3600;
}

export function logHistogram(
  lines: readonly LogLine[],
  match: (line: LogLine) => boolean,
  end: number,
  buckets = 60,
): LogHistogram {
  const width = bucketWidth(end, buckets);
  // Buckets cover [0, end]: a line at exactly `end` lies in the last one.
  const n = Math.floor(Math.max(0, end) / width) + 1;
  const counts = HISTOGRAM_LEVELS.map(() => new Array<number>(n).fill(0));
  const row: Record<string, number> = { error: 0, warn: 1, info: 2, debug: 3 };
  for (const line of lines) {
    if (!match(line)) continue;
    const b = Math.min(n - 1, Math.max(0, Math.floor(line.t / width)));
    counts[row[line.level] ?? 2]![b]!++;
  }
  let max = 0;
  for (let b = 0; b < n; b++) {
    let total = 0;
    for (const c of counts) total += c[b]!;
    if (total > max) max = total;
  }
  return { start: 0, width, counts, max };
}
