/**
 * Preview: runs the scenario headless in a worker, twice (no response / scripted solution), and
 * shows when each alert first fires, each SLO metric for both runs against its objective, and a
 * verdict: winnable (the solution's SLOs hold from T+mm:ss) and losable (broken at the end
 * without a response). Below it, "Check over seeds" runs the same on many seeds (SeedCheckSection).
 */
import { memo, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { clock } from '../../../lib/format';
import { useEditorStore } from '../editor-store';
import type { PreviewResult, PreviewSeries } from '../preview';
import { previewInWorker } from '../preview-client';
import { AlertCoverageSection } from '../../coverage/AlertCoverageSection';
import { SeedCheckSection } from './SeedCheckSection';

type State =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; result: PreviewResult; stale: boolean }
  | { phase: 'error'; message: string };

const at = (t: number | null) => (t === null ? '—' : `T+${clock(t)}`);

const SloChart = memo(function SloChart({
  baseline,
  solution,
}: {
  baseline: PreviewSeries;
  solution: PreviewSeries;
}) {
  const data = useMemo(
    () =>
      baseline.points.map(([t, v], i) => ({
        t,
        none: v,
        solution: solution.points[i]?.[1],
      })),
    [baseline, solution],
  );
  return (
    <figure className="ed-chart">
      <figcaption>
        {baseline.label} <span className="ed-slo-key">- - SLO {baseline.max}</span>
        {baseline.hasDescription && (
          <span className="muted small">
            {' '}
            ({baseline.metric} of {baseline.node} ≤ {baseline.max})
          </span>
        )}
      </figcaption>
      <LineChart width={470} height={180} data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#232a35" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(t: number) => clock(t)}
          stroke="#6b7585"
          fontSize={11}
        />
        <YAxis stroke="#6b7585" fontSize={11} width={48} />
        <Tooltip
          contentStyle={{ background: '#161a21', border: '1px solid #2a313d', fontSize: 12 }}
          labelFormatter={(t) => `T+${clock(Number(t))}`}
          formatter={(v) => (typeof v === 'number' ? v.toPrecision(3) : String(v))}
        />
        {/* the solution drawn first and wider: where both runs agree, both stay visible */}
        <ReferenceLine y={baseline.max} stroke="#e3b341" strokeDasharray="4 3" ifOverflow="extendDomain" />
        <Line
          dataKey="solution"
          name="Scripted solution"
          stroke="#3fb950"
          dot={false}
          isAnimationActive={false}
          strokeWidth={3}
        />
        <Line
          dataKey="none"
          name="No response"
          stroke="#f85149"
          dot={false}
          isAnimationActive={false}
          strokeWidth={1.5}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
      </LineChart>
    </figure>
  );
});

export function PreviewPanel() {
  const scenario = useEditorStore((s) => s.validation.scenario);
  const errorCount = useEditorStore((s) => s.validation.errors.length);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [ranFor, setRanFor] = useState<unknown>(undefined);
  if (state.phase === 'done' && !state.stale && ranFor !== scenario) setState({ ...state, stale: true });

  const run = () => {
    if (!scenario) return;
    setState({ phase: 'running' });
    setRanFor(scenario);
    previewInWorker(scenario).then(
      (result) => setState({ phase: 'done', result, stale: false }),
      (error: Error) => setState({ phase: 'error', message: error.message }),
    );
  };

  return (
    <div className="ed-preview" data-testid="preview-panel">
      <div className="ed-preview-head">
        <button
          type="button"
          className="primary"
          onClick={run}
          disabled={!scenario || state.phase === 'running'}
          data-testid="preview-run"
        >
          {state.phase === 'running' ? 'Running…' : 'Run preview'}
        </button>
        {!scenario && (
          <span className="error-text small">
            Fix the {errorCount} error(s) first: the preview needs a valid scenario.
          </span>
        )}
        {state.phase === 'done' && state.stale && (
          <span className="muted small">The scenario changed since this preview.</span>
        )}
        {state.phase === 'done' && (
          <span className="muted small">{Math.round(state.result.ms)} ms for three runs</span>
        )}
      </div>
      {state.phase === 'error' && <p className="error-text">The preview failed: {state.message}</p>}
      {state.phase === 'done' && <PreviewResultView result={state.result} />}
      <SeedCheckSection scenario={scenario} />
      <AlertCoverageSection scenario={scenario} heading="h3" />
    </div>
  );
}

function PreviewResultView({ result }: { result: PreviewResult }) {
  const { baseline, solution } = result;
  return (
    <>
      <div className="ed-verdicts" data-testid="preview-verdict">
        <div className={`ed-verdict ${result.winnable ? 'ok' : 'bad'}`}>
          {result.winnable
            ? `winnable: SLOs hold from ${at(solution.holdsFrom)}`
            : result.hasSolution
              ? 'not winnable: the scripted solution does not bring the SLOs back'
              : 'not winnable: no scripted solution (Solution tab)'}
        </div>
        <div className={`ed-verdict ${result.losable ? 'ok' : 'bad'}`}>
          {result.losable
            ? 'losable: SLOs broken at the end without a response'
            : `not losable: without a response the SLOs hold from ${at(baseline.holdsFrom)}`}
        </div>
      </div>
      {result.warnings.length > 0 && (
        <ul className="ed-warning-list" data-testid="preview-warnings" aria-label="Warnings">
          {result.warnings.map((w, i) => (
            <li key={i}>
              <span className="ed-warning-tag">warning</span> {w.path && <code>{w.path}</code>} {w.message}
            </li>
          ))}
        </ul>
      )}
      <table className="ed-alert-table">
        <thead>
          <tr>
            <th>Alert</th>
            <th>First fires · no response</th>
            <th>First fires · scripted solution</th>
          </tr>
        </thead>
        <tbody>
          {baseline.alerts.map((a, i) => (
            <tr key={a.name}>
              <td>{a.name}</td>
              <td>{a.firstFiring === null ? 'never' : at(a.firstFiring)}</td>
              <td>
                {solution.alerts[i]?.firstFiring == null ? 'never' : at(solution.alerts[i]!.firstFiring)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="ed-charts">
        {baseline.slos.map((s, i) => (
          <SloChart key={i} baseline={s} solution={solution.slos[i] ?? s} />
        ))}
      </div>
    </>
  );
}
