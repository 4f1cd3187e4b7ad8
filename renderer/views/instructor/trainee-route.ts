/**
 * A tab or window opened with `#trainee=<runId>` (the instructor's "Open trainee view") shows
 * the trainee's console of that run: it joins the instructor's run over the run's channel instead
 * of starting a simulation of its own.
 */
import { traineeRunIdFromHash } from '../../platform/desktop-api';
import { useAppStore } from '../../stores/app-store';
import { useIncidentStore } from '../../stores/incident-store';

let joined = false;

/** Joins the run named in the location hash, once per page load. Returns whether it did. */
export function joinFromLocationHash(
  hash: string = typeof window === 'undefined' ? '' : window.location.hash,
): boolean {
  if (joined) return false;
  const runId = traineeRunIdFromHash(hash);
  if (!runId) return false;
  joined = true;
  useAppStore.getState().go('incident');
  useIncidentStore.getState().joinRemote(runId);
  return true;
}
