/**
 * History shows a run's unsaved record (renderer/stores/save-queue.ts) in place of the older one
 * on disk: a run that ended while the host was down reads as ended, not as a stale "in progress"
 * that could be resumed or closed over the finished record.
 */
import type { HistoryRun } from '../../stores/history-store';
import type { PendingSave } from '../../stores/save-queue';

export function withPendingSaves(
  runs: readonly HistoryRun[],
  pending: readonly PendingSave[],
): readonly HistoryRun[] {
  if (pending.length === 0) return runs;
  const byFile = new Map(pending.map((p) => [p.file, p]));
  const out = runs.map((run) => {
    const save = byFile.get(run.file);
    if (!save) return run;
    byFile.delete(run.file);
    return { ...run, record: save.record, fromVersion: save.record.formatVersion, notes: [] };
  });
  // Runs whose every save failed are not on disk at all.
  for (const save of byFile.values())
    out.push({
      file: save.file,
      record: save.record,
      modifiedMs: 0,
      fromVersion: save.record.formatVersion,
      notes: [],
    });
  return out;
}
