/**
 * Plays a drill script through a session, step by step, and reports what each step did: the
 * k6 summary and bottleneck sequence of a test, the cost change of a change, a refusal and its
 * reason. Then the deadline: the debrief.
 */
import type { ScriptStep } from './script';
import { DrillSession, type ChangeReport, type DrillDebrief, type TestReport } from './session';
import type { Drill } from './schema';

export type PlayEvent =
  | { readonly index: number; readonly kind: 'test'; readonly report: TestReport }
  | { readonly index: number; readonly kind: 'change'; readonly report: ChangeReport }
  | { readonly index: number; readonly kind: 'wait'; readonly seconds: number; readonly clock: number }
  | { readonly index: number; readonly kind: 'refused'; readonly step: ScriptStep; readonly message: string };

export interface Play {
  readonly session: DrillSession;
  readonly events: readonly PlayEvent[];
  readonly debrief: DrillDebrief;
  readonly initialCost: number;
}

export function playDrill(drill: Drill, steps: readonly ScriptStep[], options: { seed?: number } = {}): Play {
  const session = new DrillSession(drill, options);
  const initialCost = session.cost().monthly;
  const events: PlayEvent[] = [];
  steps.forEach((step, index) => {
    if (step.kind === 'test') {
      const report = session.runTest(step.test);
      events.push(
        'ok' in report
          ? { index, kind: 'refused', step, message: report.message }
          : { index, kind: 'test', report },
      );
    } else if (step.kind === 'change') {
      const report = session.change(step.command);
      events.push(
        report.ok
          ? { index, kind: 'change', report }
          : { index, kind: 'refused', step, message: report.message },
      );
    } else {
      const result = session.wait(step.seconds);
      events.push(
        result.ok
          ? { index, kind: 'wait', seconds: step.seconds, clock: session.clock }
          : { index, kind: 'refused', step, message: result.message },
      );
    }
  });
  return { session, events, debrief: session.finish(), initialCost };
}
