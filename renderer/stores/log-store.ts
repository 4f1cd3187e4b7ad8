/**
 * The console's log store: the whole run's sampled lines, bounded. Every warn and error line is
 * kept; when the store passes its capacity, the info and debug lines of its older half are
 * thinned to every second one (repeatedly on a long run), so an hour-long or day-long run keeps
 * all its errors and an even sample of the rest, newest at full resolution. The built-ins
 * (30-45 minutes, at most about 3,100 lines) are never thinned.
 */
import type { LogLine } from '../../simulator/engine/api';

export const LOG_CAPACITY = 20_000;

export interface LogAppend {
  readonly lines: readonly LogLine[];
  /** Simulated time up to which info/debug lines are a sample (0: none thinned). */
  readonly thinnedBefore: number;
}

export function appendLogs(
  current: readonly LogLine[],
  incoming: readonly LogLine[],
  thinnedBefore: number,
  capacity = LOG_CAPACITY,
): LogAppend {
  if (incoming.length === 0) return { lines: current, thinnedBefore };
  let lines = current.concat(incoming);
  while (lines.length > capacity) {
    const half = Math.floor(lines.length / 2);
    const older: LogLine[] = [];
    let quiet = 0;
    for (let i = 0; i < half; i++) {
      const l = lines[i]!;
      if (l.level === 'warn' || l.level === 'error' || quiet++ % 2 === 0) older.push(l);
    }
    // Only errors left to drop: the oldest go.
    if (older.length === half) lines = lines.slice(lines.length - capacity);
    else lines = older.concat(lines.slice(half));
    thinnedBefore = Math.max(thinnedBefore, lines[half - 1]?.t ?? 0);
  }
  return { lines, thinnedBefore };
}
