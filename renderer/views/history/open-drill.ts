/**
 * Which drill a History drill record opens: a built-in or a valid drill in the user scenario
 * folder with the record's drill id (the one with the record's hash first), or why none can.
 * Pure, so it is tested without a DOM.
 */
import type { DrillRunRecord } from '../../../simulator/drill/record';
import { hashScenario } from '../../../simulator/runs/hash';
import type { ScenarioRef } from '../../stores/app-store';
import type { BuiltinDrill } from '../../stores/drill-library';
import type { LibraryEntry } from '../../stores/library-store';

export type DrillOpenPlan =
  | { readonly ok: false; readonly reason: string }
  | {
      readonly ok: true;
      readonly ref: ScenarioRef;
      /** A sentence when the drill file differs from the one this record was played on. */
      readonly warning?: string;
    };

export function drillOpenPlan(
  record: Pick<DrillRunRecord, 'drillId' | 'drillHash' | 'drillTitle'>,
  builtins: readonly BuiltinDrill[],
  entries: readonly LibraryEntry[],
): DrillOpenPlan {
  // Built-ins first: a user copy that kept the id (the library lists both) comes second.
  const candidates = [
    ...builtins
      .filter((d) => d.drill?.id === record.drillId)
      .map((d) => ({ ref: { source: 'builtin', file: d.file } as const, text: d.text })),
    ...entries
      .filter((e) => e.source === 'user' && e.drill?.id === record.drillId && e.text !== undefined)
      .map((e) => ({ ref: { source: 'user', file: e.file } as const, text: e.text! })),
  ];
  const name = record.drillTitle ? `“${record.drillTitle}” (${record.drillId})` : `“${record.drillId}”`;
  if (candidates.length === 0)
    return {
      ok: false,
      reason: `The drill ${name} is not in the library any more: no built-in drill and no valid drill in your scenario folder has that id.`,
    };
  const same = candidates.find((c) => hashScenario(c.text) === record.drillHash);
  const chosen = same ?? candidates[0]!;
  return same
    ? { ok: true, ref: chosen.ref }
    : {
        ok: true,
        ref: chosen.ref,
        warning: `The drill file ${chosen.ref.file} changed since this drill was played; it opens as it is now.`,
      };
}
