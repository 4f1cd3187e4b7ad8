/** A scored run for the debrief tests: the worked example of docs/scoring.md, with its steps. */
import type { RunStep } from '../../../simulator/runs/record';
import { workedExample } from '../../../simulator/scoring/fixtures';
import { scoreRun } from '../../../simulator/scoring/score';

export function endedRun() {
  const example = workedExample();
  const scenario = {
    ...example.scenario,
    solution: [
      { at: 200, kind: 'acknowledge' as const },
      { at: 400, kind: 'declare' as const, target: 'checkout', category: 'bad-deploy' },
      { at: 450, kind: 'action' as const, type: 'rollback' as const, target: 'checkout' },
    ],
    postmortem: {
      actionItems: [
        'Canary every checkout deploy with automatic rollback.',
        'Alert on error ratio per version.',
      ],
    },
    rootCause: { ...example.scenario.rootCause, explanation: 'Version **v2** broke the payment call.' },
  };
  const score = scoreRun({
    scenario,
    events: example.events,
    series: example.series,
    endedAt: example.endedAt,
    ending: example.ending,
  });
  const steps: RunStep[] = [
    { at: 360, kind: 'acknowledge', alert: 'CheckoutErrors' },
    { at: 480, kind: 'declare', node: 'db', category: 'database' },
    { at: 540, kind: 'action', type: 'restart', target: 'checkout' },
    { at: 600, kind: 'hint', index: 0 },
    { at: 720, kind: 'declare', node: 'checkout', category: 'bad-deploy' },
    { at: 1080, kind: 'action', type: 'rollback', target: 'checkout' },
  ];
  return { scenario, score, steps, events: example.events, endedAt: example.endedAt };
}

/**
 * The same run with communication scored: SEV3 declared (the impact was a partial outage), a
 * status update, a status page that said "degraded", a stakeholder's clue, then "resolved".
 */
export function endedRunWithComms() {
  const base = endedRun();
  const scenario = {
    ...base.scenario,
    communication: {
      ...base.scenario.communication!,
      scored: true,
      stakeholders: [{ id: 'dev', name: 'Kim (checkout dev)', role: 'developer' as const }],
      messages: [{ from: 'dev', text: 'We deployed v2 at 2m.', kind: 'clue' as const, at: 300 }],
    },
  };
  const commsSteps: RunStep[] = [
    { at: 400, kind: 'severity', severity: 'SEV3' },
    { at: 420, kind: 'status-update', text: 'Investigating checkout errors.' },
    {
      at: 430,
      kind: 'status-page',
      state: 'investigating',
      impact: 'degraded',
      components: ['checkout'],
      text: 'Some checkouts fail.',
    },
    {
      at: 1250,
      kind: 'status-page',
      state: 'resolved',
      impact: 'none',
      components: ['checkout'],
      text: 'Fixed.',
    },
  ];
  const steps = [...base.steps, ...commsSteps].sort((a, b) => a.at - b.at);
  const events = [
    ...base.events,
    {
      t: 300,
      kind: 'message' as const,
      text: 'We deployed v2 at 2m.',
      hidden: false,
      data: { from: 'dev', name: 'Kim (checkout dev)', role: 'developer', index: 0 },
    },
    {
      t: 400,
      kind: 'severity' as const,
      text: 'Declared the incident SEV3',
      hidden: false,
      data: { severity: 'SEV3' },
    },
    { t: 420, kind: 'status-update' as const, text: 'Investigating checkout errors.', hidden: false },
    {
      t: 430,
      kind: 'status-page' as const,
      text: 'Some checkouts fail.',
      hidden: false,
      data: { state: 'investigating', impact: 'degraded', components: 'checkout' },
    },
    {
      t: 1250,
      kind: 'status-page' as const,
      text: 'Fixed.',
      hidden: false,
      data: { state: 'resolved', impact: 'none', components: 'checkout' },
    },
  ].sort((a, b) => a.t - b.t);
  const example = workedExample();
  const impact = new Uint8Array(1260);
  impact.fill(2, 125, 1140); // 30% of requests fail: a partial outage
  const score = scoreRun({
    scenario,
    events,
    series: { ...example.series, impact },
    endedAt: base.endedAt,
    ending: 'mitigated',
  });
  return { scenario, score, steps, events, endedAt: base.endedAt };
}
