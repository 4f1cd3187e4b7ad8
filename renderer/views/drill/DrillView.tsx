/**
 * A readiness drill: write or pick a k6 test and run it (its end-of-test summary, bottleneck
 * sequence and the dashboards of its window), make the offered changes (with their monthly cost
 * and lead time), let preparation time pass, then run the real peak and read the debrief.
 */
import { memo, useEffect, useMemo } from 'react';
import { describeSequence } from '../../../simulator/drill/bottlenecks';
import { formatMoney } from '../../../simulator/drill/cost';
import { formatPrepDuration, type Drill } from '../../../simulator/drill/schema';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../stores/app-store';
import { useDrillStore, type LogEntry } from '../../stores/drill-store';
import Markdown from '../shared/Markdown';
import { DrillDebriefPanel } from './DrillDebriefPanel';
import { TestWindowCharts } from './TestWindowCharts';

/** Memoised: the drill view re-renders on every progress report of a running test. */
const LogItem = memo(function LogItem({
  entry,
  index,
  drill,
}: {
  entry: LogEntry;
  index: number;
  drill: Drill;
}) {
  const show = useDrillStore((s) => s.show);
  const shown = useDrillStore((s) => s.shown);
  if (entry.kind === 'refused') return <li className="error-text">Refused: {entry.message}</li>;
  if (entry.kind === 'change') {
    const { change, before, after } = entry.report;
    const delta = after.monthly - before.monthly;
    return (
      <li data-testid="drill-change">
        <strong>{change.label}</strong> at {formatPrepDuration(change.at)}
        {change.effectiveAt > change.at
          ? `, in place at ${formatPrepDuration(change.effectiveAt)}`
          : ', in place now'}
        : {delta >= 0 ? '+' : ''}
        {formatMoney(delta, drill.cost.currency)}/month, now {formatMoney(after.monthly, drill.cost.currency)}
        /month
      </li>
    );
  }
  const r = entry.report;
  return (
    <li data-testid="drill-test">
      <div>
        <strong>Load test “{r.test.name}”</strong> at {formatPrepDuration(r.startedAt)} (cost{' '}
        {formatPrepDuration(r.endedAt - r.startedAt)}){' '}
        <button onClick={() => show(index)} disabled={shown === index}>
          {shown === index ? 'Dashboards shown' : 'Show dashboards'}
        </button>
      </div>
      {r.pending.length ? (
        <p className="small muted">Not yet in place: {r.pending.map((c) => c.label).join('; ')}</p>
      ) : null}
      <pre className="k6-summary" data-testid="k6-summary">
        {r.text}
      </pre>
      <p data-testid="drill-bottlenecks">Bottlenecks: {describeSequence(r.bottlenecks)}</p>
    </li>
  );
});

/** The running load test's progress (its own subscriber: the rest of the view stays put). */
function TestProgress() {
  const testing = useDrillStore((s) => s.testing);
  if (!testing) return null;
  return (
    <p className="drill-testing" role="status" data-testid="drill-testing">
      Running “{testing.name}”…{' '}
      <progress max={1} value={testing.progress} aria-label={`Load test “${testing.name}”`} />{' '}
      {Math.round(testing.progress * 100)}%
    </p>
  );
}

export function DrillView() {
  // Everything but the progress of a running test (TestProgress reads that).
  const s = useDrillStore(
    useShallow(({ testing, ...rest }) => ({ ...rest, running: testing !== undefined })),
  );
  const leave = useAppStore((a) => a.go);
  const file = useAppStore((a) => a.drill);
  const from = useAppStore((a) => a.view);
  const { drill, session } = s;
  // A drill opened from the library starts a fresh session.
  useEffect(() => {
    if (file) useDrillStore.getState().open(file);
  }, [file]);
  // The session is mutable; every step replaces `log`, so it keys the cost.
  const cost = useMemo(() => session?.cost(), [session, s.log]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!drill || !session || !cost) return <p className="muted pad">No drill is open.</p>;
  const money = (x: number) => formatMoney(x, drill.cost.currency);
  const shownEntry = s.shown !== undefined ? s.log[s.shown] : undefined;
  const over = s.debrief !== undefined;
  // While a load test runs in the worker, every other step waits for it.
  const busy = over || s.running;
  return (
    <div className="drill pad" data-testid="drill-view">
      <header className="view-header">
        <h1>{drill.title}</h1>
        <p data-testid="drill-status">
          Preparation: {formatPrepDuration(session.clock)} spent, {formatPrepDuration(session.remaining)} left
          before the peak · Cost {money(cost.monthly)}/month (budget {money(drill.budget.monthly)}) · Goal{' '}
          {drill.goal.headroom}x the peak
        </p>
        {from === 'history' ? (
          <button onClick={() => leave('history')}>Back to History</button>
        ) : (
          <button onClick={() => leave('library')}>Back to the library</button>
        )}
      </header>
      <section className="drill-briefing">
        <Markdown>{drill.briefing}</Markdown>
      </section>
      <div className="drill-columns">
        <section aria-labelledby="drill-test-heading">
          <h2 id="drill-test-heading">Load test (k6 ramping-arrival-rate)</h2>
          <label className="small">
            Pick a test{' '}
            <select aria-label="Pick a test" onChange={(e) => s.pickTest(e.target.value)} defaultValue="">
              <option value="" disabled>
                …
              </option>
              {drill.tests.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <textarea
            aria-label="Load test"
            className="drill-test-text"
            rows={14}
            value={s.testText}
            onChange={(e) => s.setTestText(e.target.value)}
            spellCheck={false}
          />
          {s.testError ? <p className="error-text">{s.testError}</p> : null}
          <button className="primary" onClick={() => void s.runTest()} disabled={busy}>
            Run load test
          </button>
          <TestProgress />
        </section>
        <section aria-labelledby="drill-changes-heading">
          <h2 id="drill-changes-heading">Changes</h2>
          <ul className="drill-changes">
            {drill.changes.map((c, i) => (
              <li key={`${c.type}-${c.target}`}>
                <button onClick={() => s.change(i)} disabled={busy}>
                  Make
                </button>{' '}
                {c.label ?? `${c.type} ${c.target}`}
                <span className="muted small">
                  {' '}
                  ({c.type} {c.target}
                  {Object.keys(c.params).length ? ` ${JSON.stringify(c.params)}` : ''}
                  {c.leadTime > 0 ? `; lead time ${formatPrepDuration(c.leadTime)}` : ''})
                </span>
              </li>
            ))}
          </ul>
          <p>
            <button onClick={() => s.wait(3600)} disabled={busy}>
              Wait 1h
            </button>{' '}
            <button onClick={() => s.wait(86_400)} disabled={busy}>
              Wait 1d
            </button>
          </p>
          <h3>Monthly cost</h3>
          <ul className="small">
            {cost.lines.map((l) => (
              <li key={l.item}>
                {l.item}: {l.detail}, {money(l.monthly)}
              </li>
            ))}
          </ul>
          <button className="primary" onClick={() => s.finish()} disabled={busy}>
            Run the real peak
          </button>
        </section>
      </div>
      <section aria-labelledby="drill-log-heading">
        <h2 id="drill-log-heading">Log</h2>
        {s.log.length === 0 ? <p className="muted">No test or change yet.</p> : null}
        <ol className="drill-log">
          {s.log.map((entry, i) => (
            <LogItem key={i} entry={entry} index={i} drill={drill} />
          ))}
        </ol>
      </section>
      {shownEntry?.kind === 'test' ? (
        <section aria-labelledby="drill-charts-heading">
          <h2 id="drill-charts-heading">Dashboards of “{shownEntry.report.test.name}”</h2>
          <TestWindowCharts report={shownEntry.report} drill={drill} />
        </section>
      ) : null}
      {s.debrief ? (
        <>
          <p className="muted small" role="status" data-testid="drill-saved">
            {s.saved === 'saving'
              ? 'Saving to History…'
              : s.saved === 'saved'
                ? 'Saved to History.'
                : s.saved
                  ? `Could not save to History: ${s.saved.error}`
                  : null}
          </p>
          <DrillDebriefPanel drill={drill} debrief={s.debrief} ideal={s.ideal} tests={s.log} />
        </>
      ) : null}
    </div>
  );
}
