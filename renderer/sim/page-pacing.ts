/**
 * Time pressure that fits the speed (issue 14 item 4): at 60x a 2-minute acknowledge target is two
 * real seconds, so a page that fires while the run goes faster than 1x slows it to 1x. The worker
 * checks after every live tick, so the slowdown lands on the tick the page fired, not when the UI
 * next draws. Replays (resume, review) never slow down: they are not live.
 */
import type { SimEvent } from '../../simulator/engine/api';
import { isNewPage } from '../../simulator/alerting/pages';
import type { Speed } from './protocol';

/** The first event at or after `from` that pages (Alertmanager notifying "page" of new alerts). */
export function firstNewPage(events: readonly SimEvent[], from: number): SimEvent | undefined {
  for (let i = from; i < events.length; i++) {
    const e = events[i] as SimEvent;
    if (isNewPage(e)) return e;
  }
  return undefined;
}

/** Whether a page at this speed must slow the run (only faster than real time, only when enabled). */
export const slowsDown = (speed: Speed, enabled: boolean): boolean => enabled && speed > 1;
