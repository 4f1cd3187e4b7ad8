/**
 * The debrief's metrics export: the text comes from the shared writer (simulator/series/csv.ts,
 * the same one `outage-lab run --format csv` uses); this names the file.
 */

/** A file name for the export: "metrics-<run id>.csv" (characters unsafe in file names replaced). */
export function metricsFileName(runId: string): string {
  return `metrics-${runId.replace(/[^A-Za-z0-9._-]/g, '-')}.csv`;
}
