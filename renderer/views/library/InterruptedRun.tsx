/**
 * Reloading or closing the tab mid-run (issue 14 item 8): the library offers to resume the run
 * this browser was playing, from its last save (every step and every simulated minute are saved).
 */
import { useEffect, useState } from 'react';
import { clock } from '../../lib/format';
import { activeRunId, forgetActiveRun } from '../../stores/active-run';
import { useAppStore } from '../../stores/app-store';
import { useConsoleUi } from '../../stores/console-ui-store';
import { useHistoryStore } from '../../stores/history-store';
import { useIncidentStore } from '../../stores/incident-store';
import { useLibraryStore } from '../../stores/library-store';
import { resumePlan } from '../history/resume';

export function InterruptedRun() {
  const [runId, setRunId] = useState(activeRunId);
  const live = useIncidentStore((s) => s.status !== 'idle');
  const historyStatus = useHistoryStore((s) => s.status);
  const loadHistory = useHistoryStore((s) => s.load);
  const closeRun = useHistoryStore((s) => s.closeRun);
  const run = useHistoryStore((s) =>
    runId === undefined
      ? undefined
      : s.runs.find((r) => r.record.id === runId && r.record.status === 'in-progress'),
  );
  const entries = useLibraryStore((s) => s.entries);
  const show = useAppStore((s) => s.show);
  const resetUi = useConsoleUi((s) => s.reset);

  useEffect(() => {
    if (runId !== undefined && !live && historyStatus === 'idle') void loadHistory();
  }, [runId, live, historyStatus, loadHistory]);

  // Nothing saved under that id (closed before the first save) or already finished: forget it.
  useEffect(() => {
    if (runId !== undefined && historyStatus === 'ready' && !run) {
      forgetActiveRun(runId);
      setRunId(undefined);
    }
  }, [runId, historyStatus, run]);

  if (!run || live) return null;
  const plan = resumePlan(run.record, entries);
  const dismiss = () => {
    forgetActiveRun(run.record.id);
    setRunId(undefined);
  };
  return (
    <section className="interrupted-run" role="region" aria-label="Interrupted run">
      <p>
        Your run of <strong>{run.record.scenarioTitle}</strong> was interrupted at T+
        {clock(run.record.simTime)} ({run.record.steps.length} step{run.record.steps.length === 1 ? '' : 's'}{' '}
        saved).
        {plan.ok && plan.warning ? <span className="warn-text small"> {plan.warning}</span> : null}
        {!plan.ok ? <span className="warn-text small"> {plan.reason}</span> : null}
      </p>
      <div className="row-inline">
        {plan.ok ? (
          <button
            className="primary"
            onClick={() => {
              dismiss();
              resetUi();
              useIncidentStore.getState().start(plan.scenario, plan.text, { resume: run.record });
              show({ source: plan.entry.source, file: plan.entry.file });
            }}
          >
            Resume
          </button>
        ) : null}
        <button
          onClick={() => {
            dismiss();
            void closeRun(run.file);
          }}
        >
          Close it as abandoned
        </button>
        <button className="link" onClick={dismiss}>
          Not now (it stays in History)
        </button>
      </div>
    </section>
  );
}
