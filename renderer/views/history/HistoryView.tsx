/**
 * Every saved run, grouped by scenario and newest first, with its score and response times; the
 * personal best per scenario; records that could not be read (kept on disk, never deleted); runs
 * in progress to resume or close; two runs of one scenario compared side by side; finished drills,
each reopening its drill.
 */
import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useConsoleUi } from '../../stores/console-ui-store';
import {
  groupByScenario,
  useHistoryStore,
  type HistoryDrillRun,
  type HistoryRun,
  type PersonalBest,
  type ScenarioGroup,
} from '../../stores/history-store';
import { useIncidentStore } from '../../stores/incident-store';
import { useLibraryStore } from '../../stores/library-store';
import { span, tplus, wallClock } from '../debrief/run-format';
import { actionsTaken, compareRuns } from './compare';
import { resumePlan, reviewPlan } from './resume';
import { UnsavedRunsList } from '../saves/UnsavedRuns';
import { pendingSaveOf, usePendingSaves } from '../../stores/pending-saves-store';
import { withPendingSaves } from './unsaved-overlay';
import { formatMoney } from '../../../simulator/drill/cost';
import { BUILTIN_DRILLS } from '../../stores/drill-library';
import { drillOpenPlan } from './open-drill';
import './history.css';

const STATUS_LABEL: Record<HistoryRun['record']['status'], string> = {
  'in-progress': 'in progress',
  mitigated: 'mitigated',
  resolved: 'resolved',
  abandoned: 'abandoned',
  timeout: 'timed out',
};

export function HistoryView() {
  const status = useHistoryStore((s) => s.status);
  const error = useHistoryStore((s) => s.error);
  const actionError = useHistoryStore((s) => s.actionError);
  const runs = useHistoryStore((s) => s.runs);
  const corrupt = useHistoryStore((s) => s.corrupt);
  const drills = useHistoryStore((s) => s.drills);
  const load = useHistoryStore((s) => s.load);
  const pending = usePendingSaves((s) => s.pending);
  const shown = useMemo(() => withPendingSaves(runs, pending), [runs, pending]);
  const groups = useMemo(() => groupByScenario(shown), [shown]);

  useEffect(() => {
    // Runs are written by the incident store (autosave, end of run): read them afresh on each visit.
    void load();
  }, [load]);

  return (
    <div className="pad history" data-testid="history">
      <header className="history-head">
        <div>
          <h1>History</h1>
          <p className="muted">
            Every run you finished, abandoned or left in progress, newest first. Tick two runs of one scenario
            to compare them.
          </p>
        </div>
        <button onClick={() => void load()} disabled={status === 'loading'}>
          Reload
        </button>
      </header>
      <UnsavedRunsList />
      {status === 'error' ? <p className="error-text">Could not list the runs: {error}</p> : null}
      {actionError ? (
        <p className="error-text" role="alert">
          {actionError}
        </p>
      ) : null}
      {status === 'loading' && shown.length === 0 ? <p className="muted">Loading runs…</p> : null}
      {status === 'ready' && shown.length === 0 && corrupt.length === 0 && drills.length === 0 ? (
        <p className="muted">No runs yet. Finish a scenario from the library and it will be listed here.</p>
      ) : null}
      <Comparison />
      {groups.map((group) => (
        <Group key={group.scenarioId} group={group} />
      ))}
      {drills.length > 0 ? <DrillRuns drills={drills} /> : null}
      {corrupt.length > 0 ? (
        <section className="history-corrupt" aria-label="Records that could not be read">
          <h2>Records that could not be read</h2>
          <p className="muted small">
            These files stay in the runs folder untouched; fix or remove them by hand if you wish.
          </p>
          <ul>
            {corrupt.map((c) => (
              <li key={c.file}>
                <code>{c.file}</code>
                <span className="error-text">{c.error}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Finished readiness drills, newest first: score, headroom, cost, the tests and the changes. */
function DrillRuns({ drills }: { drills: readonly HistoryDrillRun[] }) {
  return (
    <section className="history-group" aria-label="Readiness drills" data-testid="history-drills">
      <header className="history-group-head">
        <h3>Readiness drills</h3>
        <span className="muted small">
          {drills.length} drill{drills.length === 1 ? '' : 's'}
        </span>
      </header>
      <table className="data-table history-table">
        <thead>
          <tr>
            <th scope="col">Drill</th>
            <th scope="col">Finished</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              Headroom
            </th>
            <th scope="col" className="num">
              Monthly
            </th>
            <th scope="col">Real peak</th>
            <th scope="col">Load tests</th>
            <th scope="col">Changes</th>
            <th scope="col" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {drills.map(({ file, record: r }) => (
            <tr key={file} data-testid="history-drill-row">
              <td title={r.drillId}>{r.drillTitle || r.drillId}</td>
              <td>{wallClock(r.endedAt)}</td>
              <td className="num">
                {r.score.total} ({r.score.grade})
              </td>
              <td className="num">
                {r.headroom.toFixed(2)}x / {r.goal}x
              </td>
              <td className={r.monthly > r.budget ? 'num error-text' : 'num'}>
                {formatMoney(r.monthly, r.currency)} / {formatMoney(r.budget, r.currency)}
              </td>
              <td>{r.peakHeld ? 'held' : 'broke an SLO'}</td>
              <td>
                {r.tests.length === 0
                  ? 'none'
                  : r.tests
                      .map(
                        (t) =>
                          `${t.name} (${t.passed ? 'passed' : 'failed'}${t.bottleneck ? `; ${t.bottleneck}` : ''})`,
                      )
                      .join(', ')}
              </td>
              <td>
                {r.changes.length === 0
                  ? 'none'
                  : r.changes.map((c) => (c.late ? `${c.label} (late)` : c.label)).join(', ')}
              </td>
              <td>
                <OpenDrillAction record={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Opens a fresh session of the drill a record was played on (built-in or the user's, by id). */
function OpenDrillAction({ record }: { record: HistoryDrillRun['record'] }) {
  const entries = useLibraryStore((s) => s.entries);
  const openDrill = useAppStore((s) => s.openDrill);
  const [problem, setProblem] = useState<string>();
  const plan = drillOpenPlan(record, BUILTIN_DRILLS, entries);
  const open = () => {
    if (plan.ok) openDrill(plan.ref);
    else setProblem(plan.reason);
  };
  return (
    <span className="row-inline">
      <button onClick={open} title={plan.ok ? (plan.warning ?? 'Play this drill again') : plan.reason}>
        Open drill
      </button>
      {problem ? (
        <span className="error-text small" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}

function Group({ group }: { group: ScenarioGroup }) {
  const best = useHistoryStore((s) => s.bests[group.scenarioId]);
  return (
    <section className="history-group" aria-label={group.title}>
      <header className="history-group-head">
        <h3>{group.title}</h3>
        <span className="muted small">{group.scenarioId}</span>
        <span className="muted small">
          {group.runs.length} run{group.runs.length === 1 ? '' : 's'}
        </span>
        {best ? <span className="best-badge">★ Best: {`${best.total} (${best.grade})`}</span> : null}
      </header>
      <table className="data-table history-table">
        <thead>
          <tr>
            <th scope="col" aria-label="Compare" />
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              TTA
            </th>
            <th scope="col" className="num">
              TTD
            </th>
            <th scope="col" className="num">
              TTM
            </th>
            <th scope="col" className="num">
              Actions
            </th>
            <th scope="col" className="num">
              Reached
            </th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {group.runs.map((run) => (
            <RunRow key={run.file} run={run} best={best} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RunRow({ run, best }: { run: HistoryRun; best: PersonalBest | undefined }) {
  const selected = useHistoryStore((s) => s.selected.includes(run.file));
  const toggleSelect = useHistoryStore((s) => s.toggleSelect);
  const { record } = run;
  const unsaved = usePendingSaves(pendingSaveOf(record.id));
  const isBest = best?.file === run.file;
  const actions = record.steps.filter((s) => s.kind === 'action').length;
  return (
    <>
      <tr className={`${isBest ? 'is-best' : ''} ${selected ? 'is-selected' : ''}`} data-file={run.file}>
        <td>
          <input
            type="checkbox"
            checked={selected}
            onChange={() => toggleSelect(run.file)}
            aria-label={`Compare the run started ${wallClock(record.startedAt)}`}
          />
        </td>
        <td>{wallClock(record.startedAt)}</td>
        <td>
          <span className={`status-badge status-${record.status}`}>{STATUS_LABEL[record.status]}</span>
          {unsaved ? (
            <span className="warn-text small" title={unsaved.error}>
              {' '}
              not saved yet
            </span>
          ) : null}
        </td>
        <td className="num">
          {record.score ? (
            <>
              <strong>{record.score.total}</strong> <span className="muted">({record.score.grade})</span>
              {isBest ? (
                <span className="best-star" title="Personal best" aria-label="Personal best">
                  {' '}
                  ★
                </span>
              ) : null}
            </>
          ) : (
            <span className="muted">–</span>
          )}
        </td>
        <td className="num">{span(record.summary.tta)}</td>
        <td className="num">{span(record.summary.ttd)}</td>
        <td className="num">{span(record.summary.ttm)}</td>
        <td className="num">{actions}</td>
        <td className="num mono">{tplus(record.simTime)}</td>
        <td className="history-row-actions">
          {record.status === 'in-progress' ? <InProgressActions run={run} /> : <ReviewAction run={run} />}
        </td>
      </tr>
      {run.notes.length > 0 ? (
        <tr className="history-notes">
          <td />
          <td colSpan={9} className="muted small">
            Read from format {run.fromVersion}: {run.notes.join(' ')}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * Opens the debrief of a finished run by replaying its saved steps to the end: the engine is
 * deterministic, so the charts and the score are the run's own.
 */
function ReviewAction({ run }: { run: HistoryRun }) {
  const entries = useLibraryStore((s) => s.entries);
  const otherRunLive = useIncidentStore((s) => s.status === 'running' || s.status === 'starting');
  const go = useAppStore((s) => s.go);
  const [problem, setProblem] = useState<string>();
  const plan = reviewPlan(run.record, entries);
  const review = () => {
    if (!plan.ok) {
      setProblem(plan.reason);
      return;
    }
    if (
      otherRunLive &&
      !window.confirm('A run is in progress; replaying this one stops it (its last autosave is kept).')
    ) {
      return;
    }
    useIncidentStore.getState().start(plan.scenario, plan.text, { review: run.record });
    go('debrief');
  };
  return (
    <span className="row-inline">
      <button
        onClick={review}
        title={plan.ok ? (plan.warning ?? 'Replay this run and open its debrief') : plan.reason}
      >
        Debrief
      </button>
      {problem ? <span className="error-text small">{problem}</span> : null}
    </span>
  );
}

function InProgressActions({ run }: { run: HistoryRun }) {
  const live = useIncidentStore(
    (s) =>
      s.record?.id === run.record.id &&
      (s.status === 'starting' || s.status === 'running' || s.status === 'ending'),
  );
  const otherRunLive = useIncidentStore((s) => s.status === 'running' || s.status === 'starting');
  const entries = useLibraryStore((s) => s.entries);
  const closeRun = useHistoryStore((s) => s.closeRun);
  const show = useAppStore((s) => s.show);
  const go = useAppStore((s) => s.go);
  const resetUi = useConsoleUi((s) => s.reset);
  const [confirm, setConfirm] = useState<string[]>();
  const [problem, setProblem] = useState<string>();
  const [closing, setClosing] = useState(false);

  if (live) {
    return (
      <span className="row-inline">
        <span className="muted small">Running now</span>
        <button onClick={() => go('incident')}>Open</button>
      </span>
    );
  }

  const plan = resumePlan(run.record, entries);
  const resume = () => {
    if (!plan.ok) return;
    resetUi();
    useIncidentStore.getState().start(plan.scenario, plan.text, { resume: run.record });
    show({ source: plan.entry.source, file: plan.entry.file });
  };
  const askResume = () => {
    if (!plan.ok) {
      setProblem(plan.reason);
      return;
    }
    const warnings = [
      ...(plan.warning ? [plan.warning] : []),
      ...(otherRunLive
        ? ['Another run is in progress; resuming this one stops it (its last autosave is kept).']
        : []),
    ];
    if (warnings.length) setConfirm(warnings);
    else resume();
  };

  if (confirm) {
    return (
      <div className="history-confirm" role="alertdialog" aria-label="Resume this run?">
        {confirm.map((w) => (
          <p key={w} className="warn-text small">
            {w}
          </p>
        ))}
        <span className="row-inline">
          <button className="primary" onClick={resume}>
            Resume anyway
          </button>
          <button onClick={() => setConfirm(undefined)}>Cancel</button>
        </span>
      </div>
    );
  }

  return (
    <span className="row-inline">
      <button className="primary" onClick={askResume} title={plan.ok ? undefined : plan.reason}>
        Resume
      </button>
      <button
        disabled={closing}
        title="Mark the run abandoned (no score); the record stays on disk"
        onClick={() => {
          setClosing(true);
          void closeRun(run.file).finally(() => setClosing(false));
        }}
      >
        Close
      </button>
      {problem ? <span className="error-text small">{problem}</span> : null}
    </span>
  );
}

function Comparison() {
  const selected = useHistoryStore((s) => s.selected);
  const runs = useHistoryStore((s) => s.runs);
  const clear = useHistoryStore((s) => s.clearSelection);
  const picked = useMemo(
    () =>
      selected
        .map((f) => runs.find((r) => r.file === f))
        .filter((r): r is HistoryRun => r !== undefined)
        .sort((x, y) => Date.parse(x.record.startedAt) - Date.parse(y.record.startedAt)),
    [selected, runs],
  );
  if (picked.length === 0) return null;
  if (picked.length === 1) {
    return (
      <p className="history-compare-hint muted small">
        One run selected: tick another run of {picked[0]?.record.scenarioTitle} to compare.{' '}
        <button className="link" onClick={clear}>
          Clear
        </button>
      </p>
    );
  }
  const [a, b] = picked as [HistoryRun, HistoryRun];
  const rows = compareRuns(a.record, b.record);
  const actionsA = actionsTaken(a.record);
  const actionsB = actionsTaken(b.record);
  return (
    <section className="history-compare" aria-label="Comparison">
      <header className="history-group-head">
        <h3>Comparison: {a.record.scenarioTitle}</h3>
        <button onClick={clear}>Clear</button>
      </header>
      <table className="data-table history-table compare-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Earlier run</th>
            <th scope="col">Later run</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.label}</th>
              <td className={row.better === 'a' ? 'better' : undefined}>{row.a}</td>
              <td className={row.better === 'b' ? 'better' : undefined}>{row.b}</td>
            </tr>
          ))}
          <tr data-key="actions">
            <th scope="row">Actions taken</th>
            <td>
              <ActionList items={actionsA} />
            </td>
            <td>
              <ActionList items={actionsB} />
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function ActionList({ items }: { items: readonly string[] }) {
  if (items.length === 0) return <span className="muted">none</span>;
  return (
    <ol className="compare-actions">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ol>
  );
}
