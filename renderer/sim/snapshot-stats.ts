/**
 * Snapshot size statistics for the UI benchmark (scripts/bench-ui.mjs). Off unless the page
 * sets `window.__outageLabStats = {}` before a run starts; then every snapshot's approximate
 * wire size (typed arrays + JSON of the rest) is recorded there.
 */
import type { Snapshot } from './protocol';

interface Stats {
  count?: number;
  totalBytes?: number;
  maxBytes?: number;
}

export function recordSnapshotSize(s: Snapshot): void {
  const stats = (globalThis as { __outageLabStats?: Stats }).__outageLabStats;
  if (!stats) return;
  let bytes = 0;
  for (const values of s.values) bytes += values.byteLength;
  bytes += JSON.stringify({ ...s, values: undefined }).length;
  stats.count = (stats.count ?? 0) + 1;
  stats.totalBytes = (stats.totalBytes ?? 0) + bytes;
  stats.maxBytes = Math.max(stats.maxBytes ?? 0, bytes);
}
