/**
 * The --actions file: a JSON array (or `{ "steps": [...] }`) of timed steps, the same steps a run
 * record stores. `kind` defaults to "action"; `at` takes a duration ("5m") or seconds.
 *   {"at": "6m", "kind": "acknowledge"}
 *   {"at": "8m", "kind": "declare", "node": "orders-db", "category": "slow-queries"}
 *   {"at": "9m", "type": "kill-queries", "target": "orders-db"}
 */
import { parseDuration } from '../simulator/scenario/duration';
import { ACTION_TYPES } from '../simulator/scenario/schema';
import { runStepSchema, type RunStep } from '../simulator/runs/record';
import { readInputFile } from './read-input';

/** A step and its position in the file (so a refusal can point at it). */
export interface IndexedStep {
  index: number;
  step: RunStep;
}

/** The steps in time order (file order among equal times), or a message naming the JSON path. */
export function loadSteps(file: string): IndexedStep[] | string {
  const read = readInputFile('actions', file);
  if ('error' in read) return read.error;
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (e) {
    return `${file}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const holder = json as { steps?: unknown; actions?: unknown } | null;
  const list = Array.isArray(json) ? json : (holder?.steps ?? holder?.actions);
  if (!Array.isArray(list)) return `${file}: expected a JSON array of timed steps`;
  const out: IndexedStep[] = [];
  for (const [k, raw] of list.entries()) {
    if (typeof raw !== 'object' || raw === null) return `${file}: [${k}] must be an object`;
    const item = raw as Record<string, unknown>;
    const at = parseDuration((item.at ?? 0) as string | number);
    if (at === undefined) return `${file}: [${k}].at must be a duration such as "5m"`;
    const kind = item.kind ?? 'action';
    if (kind === 'action' && !ACTION_TYPES.includes(item.type as (typeof ACTION_TYPES)[number]))
      return `${file}: [${k}].type "${String(item.type)}" is not an action (${ACTION_TYPES.join(', ')})`;
    const parsed = runStepSchema.safeParse({ ...item, kind, at, params: item.params ?? undefined });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${file}: [${k}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid step'}`;
    }
    out.push({ index: k, step: parsed.data });
  }
  return out.sort((a, b) => a.step.at - b.step.at || a.index - b.index);
}
