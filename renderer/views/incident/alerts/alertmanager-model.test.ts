import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../../simulator/engine/api';
import { groupMatchers, notificationGroups, ruleMatchers, silenceViews } from './alertmanager-model';

const note = (t: number, group: string, alerts: string, receiver = 'page'): SimEvent => ({
  t,
  kind: 'notification',
  text: `[FIRING:1] ${alerts}`,
  hidden: false,
  data: { receiver, group, alerts, firing: alerts.split(',').length, new: '', resolved: '', reason: 'x' },
});

describe('the Alerts tab model', () => {
  it('groups notifications by group, most recent first, counting them', () => {
    const groups = notificationGroups([
      note(30, 'alerting.route:{}', 'A'),
      note(60, 'alerting.route.routes[0]:{service="api"}', 'B', 'chat'),
      note(330, 'alerting.route:{}', 'A,C'),
    ]);
    expect(groups.map((g) => [g.key, g.notifications, g.firing.join('+')])).toEqual([
      ['alerting.route:{}', 2, 'A+C'],
      ['alerting.route.routes[0]:{service="api"}', 1, 'B'],
    ]);
    // A group silences by its labels, or by its alert names when it groups by nothing.
    expect(groupMatchers(groups[1]!)).toEqual(['service="api"']);
    expect(groupMatchers(groups[0]!)).toEqual(['alertname=~"A|C"']);
  });

  it('prefills a rule silence with alertname first, then its labels', () => {
    expect(ruleMatchers({ labels: { team: 'db', alertname: 'X', severity: 'P1' } })).toEqual([
      'alertname="X"',
      'severity="P1"',
      'team="db"',
    ]);
  });

  it('reads silences with whether they are in force', () => {
    const event: SimEvent = {
      t: 100,
      kind: 'silence',
      text: 'Silenced',
      hidden: false,
      data: {
        id: 'silence-1',
        matchers: '["a=\\"1\\""]',
        endsAt: 200,
        createdBy: 'trainee',
        comment: 'why',
        silenced: 'A',
      },
    };
    expect(silenceViews([event], 150)[0]).toMatchObject({
      matchers: ['a="1"'],
      active: true,
      silenced: ['A'],
    });
    expect(silenceViews([event], 200)[0]!.active).toBe(false);
  });
});
