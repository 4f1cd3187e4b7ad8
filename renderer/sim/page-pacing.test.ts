import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../simulator/engine/api';
import { firstNewPage, slowsDown } from './page-pacing';

/** An Alertmanager notification to `receiver` with `fresh` alerts new to its group. */
const ev = (t: number, kind: SimEvent['kind'], receiver?: string, fresh = 'A'): SimEvent => ({
  t,
  kind,
  text: `${kind} at ${t}`,
  hidden: false,
  ...(receiver ? { data: { receiver, new: fresh, alerts: 'A' } } : {}),
});

describe('page pacing', () => {
  const events = [
    ev(1, 'notification', 'chat'),
    ev(2, 'action'),
    ev(3, 'notification', 'page'),
    ev(4, 'notification', 'page'),
  ];

  it('finds the first page among the new events only', () => {
    expect(firstNewPage(events, 0)?.t).toBe(3);
    expect(firstNewPage(events, 3)?.t).toBe(4);
    expect(firstNewPage(events, 4)).toBeUndefined();
  });

  it('ignores chat and email, a firing alert Alertmanager has not notified yet, and repeats or resolutions of a page', () => {
    expect(
      firstNewPage(
        [
          ev(1, 'notification', 'chat'),
          ev(2, 'notification', 'email'),
          { t: 3, kind: 'alert-firing', text: 'FIRING', hidden: false, data: { route: 'page' } },
          ev(4, 'notification', 'page', ''),
        ],
        0,
      ),
    ).toBeUndefined();
  });

  it('slows only a run faster than real time, and only when enabled', () => {
    expect(slowsDown(60, true)).toBe(true);
    expect(slowsDown(2, true)).toBe(true);
    expect(slowsDown(1, true)).toBe(false);
    expect(slowsDown(60, false)).toBe(false);
  });
});
