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
