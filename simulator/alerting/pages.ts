/**
 * Pages as the trainee gets them: Alertmanager's notifications to the "page" receiver that bring
 * alerts the group's last notification did not list as firing (a repeat or a resolved-only
 * notification does not open a new page, as PagerDuty dedups by group). Read by the console's
 * page banner and the run's slowdown on a page.
 */
import type { SimEvent } from '../engine/api';

/** The alert names a notification pages for anew (empty for anything but a page with new alerts). */
export function newlyPaged(event: SimEvent): string[] {
  if (event.kind !== 'notification' || event.data?.receiver !== 'page') return [];
  const names = event.data?.new;
  return typeof names === 'string' && names !== '' ? names.split(',') : [];
}

export const isNewPage = (event: SimEvent): boolean => newlyPaged(event).length > 0;
