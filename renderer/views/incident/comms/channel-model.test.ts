import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../../simulator/engine/api';
import { exampleScenario } from '../../../../simulator/scoring/fixtures';
import {
  channelEntries,
  currentSeverity,
  currentStatusPage,
  pagedTeams,
  statusHeadline,
  unread,
  updateTemplates,
} from './channel-model';

const events: SimEvent[] = [
  { t: 5, kind: 'alert-firing', text: 'FIRING', hidden: false },
  {
    t: 10,
    kind: 'message',
    text: 'Android only?',
    hidden: false,
    data: { name: 'Priya', role: 'support', index: 0 },
  },
  { t: 20, kind: 'severity', text: 'Declared the incident SEV2', hidden: false, data: { severity: 'SEV2' } },
  { t: 30, kind: 'status-update', text: 'Looking into it.', hidden: false },
  {
    t: 40,
    kind: 'status-page',
    text: 'Payments fail.',
    hidden: false,
    data: { state: 'identified', impact: 'partial-outage', components: 'checkout' },
  },
  { t: 50, kind: 'message', text: 'ETA?', hidden: false, data: { name: 'Sam', role: 'manager', index: 1 } },
  { t: 60, kind: 'severity', text: 'Declared the incident SEV1', hidden: false, data: { severity: 'SEV1' } },
];

describe('the incident channel', () => {
  const entries = channelEntries(events);
  it('lists messages, severities, updates and status page entries in order, nothing else', () => {
    expect(entries.map((e) => [e.t, e.kind, e.author])).toEqual([
      [10, 'stakeholder', 'Priya'],
      [20, 'severity', 'You'],
      [30, 'you', 'You'],
      [40, 'status', 'Status page'],
      [50, 'stakeholder', 'Sam'],
      [60, 'severity', 'You'],
    ]);
  });
  it('knows the severity in effect, the status page and the unread stakeholder messages', () => {
    expect(currentSeverity(events)).toBe('SEV1');
    expect(statusHeadline(currentStatusPage(entries)!)).toBe('Identified · Partial outage · checkout');
    expect(unread(entries, 0)).toBe(2);
    expect(unread(entries, 4)).toBe(1);
    expect(unread(entries, entries.length)).toBe(0);
  });
  it('starts updates from templates naming the status page components', () => {
    const templates = updateTemplates(exampleScenario());
    expect(templates.map((t) => t.label)).toEqual(['Investigating', 'Identified', 'Mitigated', 'Resolved']);
    expect(templates[0]!.text).toContain('checkout');
  });
  it("shows pages and asks as the trainee's lines, responders as messages, and knows who was paged", () => {
    const escalation: SimEvent[] = [
      {
        t: 70,
        kind: 'escalate',
        text: 'Paged database-oncall: db?',
        hidden: false,
        data: { team: 'database' },
      },
      { t: 80, kind: 'escalate', text: 'Paged vendor-support', hidden: false, data: { team: 'vendor' } },
      {
        t: 90,
        kind: 'escalate',
        text: 'Paged database-oncall again',
        hidden: false,
        data: { team: 'database' },
      },
      {
        t: 370,
        kind: 'message',
        text: 'Joined.',
        hidden: false,
        data: { name: 'Jordan (DBA on-call)', role: 'responder', team: 'database' },
      },
      { t: 400, kind: 'ask', text: 'Asked database-oncall to kill-queries main-db', hidden: false, data: {} },
    ];
    const all = channelEntries([...events, ...escalation]);
    expect(all.slice(-5).map((e) => [e.t, e.kind, e.author])).toEqual([
      [70, 'escalation', 'You'],
      [80, 'escalation', 'You'],
      [90, 'escalation', 'You'],
      [370, 'stakeholder', 'Jordan (DBA on-call)'],
      [400, 'escalation', 'You'],
    ]);
    expect(pagedTeams(escalation)).toEqual(['database', 'vendor']);
  });
});
