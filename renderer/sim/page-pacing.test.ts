import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../simulator/engine/api';
import { firstNewPage, slowsDown } from './page-pacing';

const ev = (t: number, kind: SimEvent['kind'], route?: string): SimEvent => ({
  t,
  kind,
  text: `${kind} at ${t}`,
  hidden: false,
  ...(route ? { data: { route, severity: 'P1' } } : {}),
});

describe('page pacing', () => {
  const events = [
    ev(1, 'alert-firing', 'chat'),
    ev(2, 'action'),
    ev(3, 'alert-firing', 'page'),
    ev(4, 'alert-firing', 'page'),
  ];

  it('finds the first page among the new events only', () => {
    expect(firstNewPage(events, 0)?.t).toBe(3);
    expect(firstNewPage(events, 3)?.t).toBe(4);
    expect(firstNewPage(events, 4)).toBeUndefined();
  });

  it('ignores chat and email alerts and resolved pages', () => {
    expect(
      firstNewPage(
        [ev(1, 'alert-firing', 'chat'), ev(2, 'alert-firing', 'email'), ev(3, 'alert-resolved', 'page')],
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
