// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../simulator/scenario/schema';
import { useIncidentStore } from '../../../stores/incident-store';
import { makeBuffer, render, SCENARIO, type Rendered } from '../topology/test-fixtures';
import { AlertsTab } from './AlertsTab';
import { useChannelUi } from '../comms/channel-ui';

let view: Rendered | undefined;

/** The fixture's rule with a runbook and a link, plus a chat-routed latency rule. */
const scenario = {
  ...SCENARIO,
  alerting: {
    groups: [
      {
        ...SCENARIO.alerting.groups[0]!,
        rules: [
          {
            ...SCENARIO.alerting.groups[0]!.rules[0]!,
            annotations: {
              summary: 'More than 5% of checkouts fail.',
              description: 'Check **orders-db** first.',
              runbook_url: 'https://runbooks.example/checkout',
            },
          },
          {
            alert: 'CheckoutSlow',
            expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[1m]))) > 1',
            for: 0,
            labels: { severity: 'P3' },
            annotations: { summary: '' },
          },
        ],
      },
    ],
    route: { receiver: 'page', matchers: [], routes: [{ receiver: 'chat', matchers: ['severity="P3"'] }] },
  },
} as unknown as Scenario;

beforeEach(() => {
  useIncidentStore.setState({
    scenario,
    buffer: makeBuffer(),
    version: 1,
    time: 29,
    events: [],
    pages: [],
    alerts: [
      { name: 'CheckoutErrors', status: 'firing', since: 12, value: 0.2, severity: 'P1', route: 'page' },
      { name: 'CheckoutSlow', status: 'pending', since: 15, value: 2.5, severity: 'P3', route: 'chat' },
    ],
  });
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('AlertsTab', () => {
  it('lists the rules of every group with their receiver, value in its unit, and the runbook', async () => {
    view = await render(<AlertsTab />);
    const rows = [...view.container.querySelectorAll('.alerts-rules tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].slice(0, 6).map((td) => td.textContent?.trim()),
    );
    expect(rows.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['firing', 'P1', 'page', '20%'],
      ['pending', 'P3', 'chat', '2.5 s'],
    ]);
    expect(rows[0]![2]).toContain('http_requests_total{service="checkout", code=~"5.."}');
    const runbook = view.container.querySelector('.runbook')!;
    expect(runbook.textContent).toContain('Check orders-db first.');
    expect(runbook.querySelector('a')?.getAttribute('href')).toBe('https://runbooks.example/checkout');
  });

  it('opens the scenario runbook its runbook_url names in the side panel, as a run step', async () => {
    const sent: unknown[] = [];
    useIncidentStore.setState({
      scenario: {
        ...scenario,
        runbooks: [
          { id: 'checkout', title: 'Checkout errors', markdown: '1. Roll back.', alerts: [], services: [] },
        ],
      } as Scenario,
      communicate: async (step) => {
        sent.push(step);
        return { ok: true, message: '' };
      },
    });
    useChannelUi.getState().reset();
    view = await render(<AlertsTab />);
    const runbook = view.container.querySelector('.runbook')!;
    expect(runbook.querySelector('a')).toBeNull(); // no external link: the page is the scenario's
    const link = runbook.querySelector<HTMLButtonElement>('[data-testid="alert-runbook-link"]')!;
    expect(link.textContent).toBe('Runbook: Checkout errors');
    await act(async () => link.click());
    expect(sent).toEqual([{ kind: 'runbook', page: 'checkout' }]);
    expect(useChannelUi.getState()).toMatchObject({ open: true, channel: 'runbooks', runbook: 'checkout' });
    await act(async () => link.click()); // already shown: not a second step
    expect(sent).toHaveLength(1);
  });

  it('says firing or resolved once per chat line (the state badge), not "firing FIRING"', async () => {
    useIncidentStore.setState({
      events: [
        {
          t: 45,
          kind: 'notification',
          text: '[FIRING:1] CheckoutSlow',
          hidden: false,
          data: {
            receiver: 'chat',
            group: 'alerting.route.routes[0]:{}',
            firing: 1,
            alerts: 'CheckoutSlow',
            new: 'CheckoutSlow',
            resolved: '',
            reason: 'first notification',
          },
        },
        {
          t: 345,
          kind: 'notification',
          text: '[RESOLVED] CheckoutSlow',
          hidden: false,
          data: {
            receiver: 'chat',
            group: 'alerting.route.routes[0]:{}',
            firing: 0,
            alerts: '',
            new: '',
            resolved: 'CheckoutSlow',
            reason: 'all resolved',
          },
        },
      ],
    });
    view = await render(<AlertsTab />);
    const lines = [...view.container.querySelectorAll('.chat li')].map((li) => li.textContent ?? '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/firing 1 CheckoutSlow$/);
    expect(lines[1]).toMatch(/resolved CheckoutSlow$/);
    for (const line of lines) expect(line).not.toMatch(/FIRING|RESOLVED/);
    // One group, its last notification.
    const groups = [...view.container.querySelectorAll('[data-testid="am-group"]')].map(
      (g) => g.textContent ?? '',
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toContain('2 notifications');
  });

  it('"Silence" on a firing alert opens the form prefilled with its matchers; a silenced alert says so', async () => {
    view = await render(<AlertsTab />);
    const row = view.container.querySelector('.alerts-rules tbody tr')!;
    const button = [...row.querySelectorAll('button')].find((b) => b.textContent === 'Silence')!;
    await act(async () => button.click());
    const dialog = view.container.querySelector('[role="dialog"][aria-label="New silence"]')!;
    expect(dialog).not.toBeNull();
    const matchers = [...dialog.querySelectorAll<HTMLInputElement>('.silence-matcher input')].map(
      (i) => i.value,
    );
    expect(matchers).toEqual(['alertname="CheckoutErrors"', 'severity="P1"']);
    expect(dialog.querySelector('[data-testid="silence-affected"]')?.textContent).toBe(
      'Mutes now: CheckoutErrors',
    );
    // No comment, no silence: Alertmanager requires one.
    expect(dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    view.unmount();

    useIncidentStore.setState({
      alerts: [
        {
          name: 'CheckoutErrors',
          status: 'firing',
          since: 12,
          value: 0.2,
          severity: 'P1',
          route: 'page',
          silencedBy: 'silence-1',
        },
      ],
    });
    view = await render(<AlertsTab />);
    const first = view.container.querySelector('.alerts-rules tbody tr')!;
    expect(first.querySelector('td')?.textContent).toBe('firing silenced');
    expect([...first.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Silence');
  });
});
