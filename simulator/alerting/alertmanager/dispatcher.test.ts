import { describe, expect, it } from 'vitest';
import { alertRoute, inhibitRule } from '../../scenario/schema';
import { Dispatcher, type Notification } from './dispatcher';
import { compileInhibitRules } from './inhibit';
import { compileRoute } from './routes';
import { makeSilence } from './silences';

type Route = Parameters<typeof alertRoute.parse>[0];

/** A dispatcher ticked every second; `at` runs a callback at given seconds. */
function run(
  route: Route,
  script: Record<number, (d: Dispatcher, t: number) => void>,
  until: number,
  inhibit: unknown[] = [],
) {
  const sent: Notification[] = [];
  const d = new Dispatcher(
    compileRoute(alertRoute.parse(route)),
    compileInhibitRules(inhibit.map((r) => inhibitRule.parse(r))),
    (n) => sent.push(n),
  );
  for (let t = 0; t <= until; t++) {
    script[t]?.(d, t);
    d.tick(t);
  }
  const text = sent.map(
    (n) =>
      `${n.t} ${n.receiver} ${n.reason}: firing ${n.firing.map((a) => a.labels.alertname).join('+') || '-'}` +
      (n.resolved.length ? `, resolved ${n.resolved.map((a) => a.labels.alertname).join('+')}` : ''),
  );
  return { sent, text, d };
}

const A = { alertname: 'A', service: 'api' };
const B = { alertname: 'B', service: 'api' };
const C = { alertname: 'C', service: 'db' };
const timers = { group_wait: '30s', group_interval: '5m', repeat_interval: '1h' };

describe('aggregation groups and their timers', () => {
  it('group_wait batches alerts that start together into one notification', () => {
    const { text } = run(
      { receiver: 'page', ...timers },
      { 10: (d, t) => d.firing(A, t, t), 25: (d, t) => d.firing(B, t, t) },
      100,
    );
    expect(text).toEqual(['40 page first notification: firing A+B']);
  });

  it('group_by splits alerts into groups with their own timers', () => {
    const { text } = run(
      { receiver: 'page', group_by: ['service'], ...timers },
      { 10: (d, t) => d.firing(A, t, t), 20: (d, t) => d.firing(C, t, t), 25: (d, t) => d.firing(B, t, t) },
      100,
    );
    expect(text).toEqual(['40 page first notification: firing A+B', '50 page first notification: firing C']);
  });

  it('a new alert in a group notifies at the next group_interval, not at once', () => {
    const { text } = run(
      { receiver: 'page', ...timers },
      { 0: (d, t) => d.firing(A, t, t), 100: (d, t) => d.firing(B, t, t) },
      400,
    );
    expect(text).toEqual(['30 page first notification: firing A', '330 page new alerts: firing A+B']);
  });

  it('resolved alerts notify at the next flush, then leave the group; the empty group is deleted', () => {
    const { text, d } = run(
      { receiver: 'page', ...timers },
      { 0: (d, t) => d.firing(A, t, t), 60: (d, t) => d.resolved(A, t) },
      400,
    );
    expect(text).toEqual([
      '30 page first notification: firing A',
      '330 page all resolved: firing -, resolved A',
    ]);
    expect(d.activeGroups()).toEqual([]);
  });

  it('repeat_interval: an unchanged group notifies again once it has passed, at a flush', () => {
    const { text } = run({ receiver: 'page', ...timers }, { 0: (d, t) => d.firing(A, t, t) }, 4000);
    // Flushes at 30 + 300k; at 3630 the last notification (30) is exactly 1h old, not older
    // (entry.Timestamp.Before(now - repeat)), so the repeat waits for the next flush.
    expect(text).toEqual(['30 page first notification: firing A', '3930 page repeat: firing A']);
  });

  it('a flapping alert (resolves and fires again between two flushes) does not notify again', () => {
    const script: Record<number, (d: Dispatcher, t: number) => void> = { 0: (d, t) => d.firing(A, t, t) };
    // Resolves for 15 s every 100 s (one good evaluation), never across a flush (30 + 300k).
    for (let t = 100; t < 1000; t += 100) {
      script[t] = (d, at) => d.resolved(A, at);
      script[t + 15] = (d, at) => d.firing(A, at, at);
    }
    const { text } = run({ receiver: 'page', ...timers }, script, 1000);
    expect(text).toEqual(['30 page first notification: firing A']);
  });

  it('an alert that fires again after a resolved notification pages again, as a first notification', () => {
    const { text } = run(
      { receiver: 'page', ...timers },
      { 0: (d, t) => d.firing(A, t, t), 60: (d, t) => d.resolved(A, t), 400: (d, t) => d.firing(A, t, t) },
      800,
    );
    expect(text).toEqual([
      '30 page first notification: firing A',
      '330 page all resolved: firing -, resolved A',
      '430 page first notification: firing A',
    ]);
  });

  it('alerts that fire and resolve inside group_wait never notify', () => {
    const { text } = run(
      { receiver: 'page', ...timers },
      { 0: (d, t) => d.firing(A, t, t), 10: (d, t) => d.resolved(A, t) },
      400,
    );
    expect(text).toEqual([]);
  });

  it('continue: one alert notifies each matching route in its own group', () => {
    const { text } = run(
      {
        receiver: 'email',
        ...timers,
        routes: [
          { receiver: 'chat', matchers: ['service="api"'], continue: true, group_wait: '10s' },
          { receiver: 'page', matchers: ['alertname="A"'] },
        ],
      },
      { 0: (d, t) => d.firing(A, t, t) },
      100,
    );
    expect(text).toEqual(['10 chat first notification: firing A', '30 page first notification: firing A']);
  });
});

describe('silences', () => {
  const silence = (matchers: string[], startsAt: number, endsAt: number) => {
    const made = makeSilence('s1', { matchers, startsAt, endsAt, createdBy: 'me', comment: 'known' });
    if (!made.ok) throw new Error(made.error);
    return made.silence;
  };

  it('a silenced alert does not notify; the rest of its group does', () => {
    const { text } = run(
      { receiver: 'page', ...timers },
      {
        0: (d, t) => {
          d.addSilence(silence(['alertname="A"'], 0, 3600));
          d.firing(A, t, t);
          d.firing(B, t, t);
        },
      },
      100,
    );
    expect(text).toEqual(['30 page first notification: firing B']);
  });

  it('silencing a firing group stops its notifications; when the silence ends the group repeats only at repeat_interval', () => {
    const { text } = run(
      { receiver: 'page', ...timers },
      {
        0: (d, t) => d.firing(A, t, t),
        100: (d) => d.addSilence(silence(['service="api"'], 100, 1000)),
      },
      4000,
    );
    // The notification log still lists A as firing, so nothing is new after the silence: the
    // next notification is the repeat, at the first flush more than 1h after the last one.
    expect(text).toEqual(['30 page first notification: firing A', '3930 page repeat: firing A']);
  });

  it('refuses silences Alertmanager refuses, with the reason', () => {
    const base = { startsAt: 0, endsAt: 60, createdBy: 'me', comment: 'why' };
    expect(makeSilence('x', { ...base, matchers: [] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at least one matcher/),
    });
    expect(makeSilence('x', { ...base, matchers: ['alertname=~".*"'] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/every alert/),
    });
    expect(makeSilence('x', { ...base, matchers: ['alertname'] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^matchers\[0\]: .*not a matcher/),
    });
    expect(makeSilence('x', { ...base, matchers: ['a="1"'], comment: '  ' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/comment/),
    });
    expect(makeSilence('x', { ...base, matchers: ['a="1"'], endsAt: 0 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/end after/),
    });
  });
});

describe('inhibit_rules (docs example: critical mutes warning of the same alertname)', () => {
  const rule = {
    source_matchers: ['severity="P1"'],
    target_matchers: ['severity="P3"'],
    equal: ['alertname'],
  };
  const crit = { alertname: 'Disk', severity: 'P1', instance: 'a' };
  const warn = { alertname: 'Disk', severity: 'P3', instance: 'b' };
  const otherWarn = { alertname: 'Cpu', severity: 'P3' };

  it('mutes targets with the same equal labels while the source fires, and only then', () => {
    const { text, d } = run(
      { receiver: 'page', group_by: ['severity'], ...timers },
      {
        0: (d, t) => {
          d.firing(crit, t, t);
          d.firing(warn, t, t);
          d.firing(otherWarn, t, t);
        },
        100: (d, t) => d.resolved(crit, t),
      },
      400,
      [rule],
    );
    expect(d.isInhibited(warn)).toBe(false);
    expect(text).toEqual([
      '30 page first notification: firing Disk',
      '30 page first notification: firing Cpu',
      '330 page all resolved: firing -, resolved Disk',
      // The warning is no longer muted once the critical alert resolved: it is new in its group.
      '330 page new alerts: firing Disk+Cpu',
    ]);
  });

  it('an alert matching both sides is not muted by another that matches both', () => {
    const both = { source_matchers: ['team="db"'], target_matchers: ['team="db"'], equal: [] };
    const { d } = run(
      { receiver: 'page' },
      {
        0: (d, t) => {
          d.firing({ alertname: 'X', team: 'db' }, t, t);
          d.firing({ alertname: 'Y', team: 'db' }, t, t);
        },
      },
      1,
      [both],
    );
    expect(d.isInhibited({ alertname: 'X', team: 'db' })).toBe(false);
  });
});
