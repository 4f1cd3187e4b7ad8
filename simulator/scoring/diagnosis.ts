/**
 * Whether a declared root cause is right: the one rule the score, the debrief and the editor share.
 * A scenario with `rootCause.causes` accepts any of those taxonomy ids at its node (or at one of
 * `rootCause.nodes`); an older scenario without them accepts its own `category` text.
 */
import { causeLabel } from '../scenario/causes';
import type { Scenario } from '../scenario/schema';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function isCorrectDiagnosis(rootCause: Scenario['rootCause'], node: string, cause: string): boolean {
  const places = [rootCause.node, ...(rootCause.nodes ?? [])];
  if (!places.some((p) => same(p, node))) return false;
  if (rootCause.causes) return rootCause.causes.some((c) => same(c, cause));
  return same(cause, rootCause.category);
}

/** The choices the declare dialog offers for a scenario without the taxonomy (older files). */
export const usesTaxonomy = (rootCause: Scenario['rootCause']): boolean => rootCause.causes !== undefined;

/** The right answer as the debrief states it: the cause in a sentence, and the accepted taxonomy labels. */
export function describeTruth(rootCause: Scenario['rootCause']): string {
  const accepted = rootCause.causes?.map(causeLabel).join(' or ');
  return accepted ? `${accepted} ("${rootCause.category}")` : `"${rootCause.category}"`;
}
