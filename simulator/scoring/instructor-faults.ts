/**
 * Faults an instructor injects during a run declare how they end (issue 14 item 6): fixed by the
 * trainee (the catalog's `clearedBy` actions on its target), or ending by itself after its
 * duration, or neither. An injection that is not the trainee's to fix is the instructor's: the
 * score leaves its damage out by scoring a replay of the run without it (every other step kept,
 * the engine is deterministic), so a game master's "make it harder" never costs the trainee
 * points they could not have earned. docs/scoring.md explains it.
 */
import { FAULT_CATALOG } from '../engine/faults';
import type { FaultType } from '../scenario/schema';
import type { RunStep } from '../runs/record';
import { formatDuration } from '../scenario/duration';

/** Who answers for an injected fault's damage in the score. */
export const INJECTION_OWNERS = ['trainee', 'instructor'] as const;
export type InjectionOwner = (typeof INJECTION_OWNERS)[number];

type InjectStep = Extract<RunStep, { kind: 'inject' }>;

/** The trainee's when the catalog lists an action that clears the fault; else the instructor's. */
export function defaultInjectionOwner(type: FaultType): InjectionOwner {
  return FAULT_CATALOG[type].clearedBy.length > 0 ? 'trainee' : 'instructor';
}

/** The owner the instructor chose, or the default for older runs that did not say. */
export function injectionOwner(step: InjectStep): InjectionOwner {
  return step.scoredAs ?? defaultInjectionOwner(step.type);
}

/** How the fault ends, as the inject form and the debrief say it. */
export function injectionEnding(type: FaultType, target: string, duration?: number): string {
  const fixes = FAULT_CATALOG[type].clearedBy;
  const parts: string[] = [];
  if (fixes.length > 0) parts.push(`fixed by ${fixes.join(' or ')} on ${target}`);
  if (duration !== undefined) parts.push(`ends by itself after ${formatDuration(duration)}`);
  if (parts.length === 0) return 'no action in the catalog fixes it and it does not end by itself';
  const text = parts.join('; or ');
  return text[0]!.toUpperCase() + text.slice(1);
}

/** The instructor's injections among `steps` (those left out of the score). */
export function instructorInjections(steps: readonly RunStep[]): InjectStep[] {
  return steps.filter((s): s is InjectStep => s.kind === 'inject' && injectionOwner(s) === 'instructor');
}

/** The steps the trainee answers for: every step but the instructor's injections. */
export function traineeSteps(steps: readonly RunStep[]): RunStep[] {
  return steps.filter((s) => s.kind !== 'inject' || injectionOwner(s) === 'trainee');
}
