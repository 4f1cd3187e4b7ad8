/**
 * What resuming a saved in-progress run needs: the scenario from the library (by id), and whether
 * its file changed since the run started (the replay would then not reproduce the same run).
 * Pure, so it is tested without a DOM.
 */
import { hashScenario } from '../../../simulator/runs/hash';
import type { RunRecord } from '../../../simulator/runs/record';
import type { Scenario } from '../../../simulator/scenario/schema';
import type { LibraryEntry } from '../../stores/library-store';

export type ResumePlan =
  | { readonly ok: false; readonly reason: string }
  | {
      readonly ok: true;
      readonly entry: LibraryEntry;
      readonly scenario: Scenario;
      readonly text: string;
      /** A sentence when the scenario file differs from the one the run started with. */
      readonly warning?: string;
    };

export function resumePlan(record: RunRecord, entries: readonly LibraryEntry[]): ResumePlan {
  if (record.status !== 'in-progress') return { ok: false, reason: 'Only a run in progress can be resumed.' };
  return scenarioPlan(record, entries, 'resumed');
}

/** What replaying a finished run for its debrief needs: the same scenario lookup as resuming. */
export function reviewPlan(record: RunRecord, entries: readonly LibraryEntry[]): ResumePlan {
  if (record.status === 'in-progress') return { ok: false, reason: 'A run in progress has no debrief yet.' };
  return scenarioPlan(record, entries, 'replayed');
}

function scenarioPlan(record: RunRecord, entries: readonly LibraryEntry[], verb: string): ResumePlan {
  const candidates = entries.filter(
    (e): e is LibraryEntry & { scenario: Scenario; text: string } =>
      e.scenario?.id === record.scenarioId && e.text !== undefined,
  );
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: `The scenario "${record.scenarioId}" is not in the library any more, so this run cannot be ${verb}.`,
    };
  }
  const same = candidates.find((e) => hashScenario(e.text) === record.scenarioHash);
  const entry = same ?? (candidates[0] as LibraryEntry & { scenario: Scenario; text: string });
  return {
    ok: true,
    entry,
    scenario: entry.scenario,
    text: entry.text,
    ...(same
      ? {}
      : {
          warning: `The scenario file ${entry.file} changed since this run started, so the replay may not reproduce what you saw.`,
        }),
  };
}
