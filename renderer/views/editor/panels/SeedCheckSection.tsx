/**
 * "Check over seeds" in the editor's Preview: the scenario on seeds 1..N (no response, and the
 * scripted solution) on a pool of Web Workers, with the numbers and flags of `outage-lab check`.
 * A run is cancelled when the scenario changes and when the panel closes.
 */
import { useEffect, useRef, useState } from 'react';
import { clock } from '../../../lib/format';
import { FLAG_SHARE, spreadText, type CheckReport } from '../../../../simulator/check/report';
import type { Scenario } from '../../../../simulator/scenario/schema';
import { DEFAULT_CHECK_SEEDS, MAX_CHECK_SEEDS } from '../seed-check';
import { checkSeedsInWorkers } from '../seed-check-client';

type State =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done'; report: CheckReport; ms: number; stale: boolean }
  | { phase: 'cancelled'; reason: string }
  | { phase: 'error'; message: string };

const pct = (x: number) => `${(x * 100).toFixed(x === 0 || x === 1 ? 0 : 1)}%`;
const time = (t: number | null) => (t === null ? '—' : clock(t));
const score = (v: number | null) => (v === null ? '—' : String(Math.round(v)));
/** A few seeds to try, not all of them. */
const someSeeds = (seeds: readonly number[]) =>
  seeds.slice(0, 5).join(', ') + (seeds.length > 5 ? ` and ${seeds.length - 5} more` : '');

export function SeedCheckSection({ scenario }: { scenario: Scenario | undefined }) {
  const [seeds, setSeeds] = useState(String(DEFAULT_CHECK_SEEDS));
  const [state, setState] = useState<State>({ phase: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  const ranFor = useRef<Scenario | undefined>(undefined);

  // An edit cancels a running check (its numbers would describe another scenario) and marks a
  // finished one stale; leaving the panel cancels it.
  useEffect(() => {
    if (ranFor.current === undefined || ranFor.current === scenario) return;
    if (controller.current) {
      controller.current.abort();
      controller.current = undefined;
      setState({ phase: 'cancelled', reason: 'The scenario changed, so the check was cancelled.' });
    } else setState((s) => (s.phase === 'done' && !s.stale ? { ...s, stale: true } : s));
  }, [scenario]);
  useEffect(() => () => controller.current?.abort(), []);

  const n = Number(seeds);
  const validSeeds = Number.isInteger(n) && n >= 1 && n <= MAX_CHECK_SEEDS;

  const run = () => {
    if (!scenario || !validSeeds) return;
    const c = new AbortController();
    controller.current = c;
    ranFor.current = scenario;
    const started = performance.now();
    setState({ phase: 'running', done: 0, total: n });
    checkSeedsInWorkers(
      scenario,
      n,
      (done, total) => {
        if (!c.signal.aborted) setState({ phase: 'running', done, total });
      },
      c.signal,
    ).then(
      (report) => {
        if (controller.current === c) controller.current = undefined;
        setState({ phase: 'done', report, ms: performance.now() - started, stale: false });
      },
      (error: Error) => {
        if (controller.current === c) controller.current = undefined;
        if (error.name !== 'AbortError') setState({ phase: 'error', message: error.message });
      },
    );
  };
  const cancel = () => {
    controller.current?.abort();
    controller.current = undefined;
    setState({ phase: 'cancelled', reason: 'Cancelled.' });
  };

  return (
    <section className="ed-seed-check" data-testid="seed-check" aria-labelledby="seed-check-title">
      <h3 id="seed-check-title">Check over seeds</h3>
      <p className="muted small">
        Runs the scenario on seeds 1..N, with no response and with the scripted solution, as{' '}
        <code>outage-lab check</code> does, and flags it when waiting wins or the solution fails on more than{' '}
        {FLAG_SHARE * 100}% of seeds.
      </p>
      <div className="ed-preview-head">
        <label className="ed-seed-count">
          Seeds{' '}
          <input
            type="number"
            min={1}
            max={MAX_CHECK_SEEDS}
            value={seeds}
            onChange={(e) => setSeeds(e.target.value)}
            disabled={state.phase === 'running'}
            aria-invalid={!validSeeds}
            data-testid="seed-check-count"
          />
        </label>
        {state.phase === 'running' ? (
          <button type="button" onClick={cancel} data-testid="seed-check-cancel">
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={run}
            disabled={!scenario || !validSeeds}
            data-testid="seed-check-run"
          >
            Check {validSeeds ? n : ''} seeds
          </button>
        )}
        {!validSeeds && <span className="error-text small">1 to {MAX_CHECK_SEEDS} seeds.</span>}
        {state.phase === 'running' && (
          <span className="ed-seed-progress" data-testid="seed-check-progress">
            <progress max={state.total} value={state.done} /> {state.done}/{state.total} seeds
          </span>
        )}
        {state.phase === 'done' && (
          <span className="muted small">
            {state.report.seeds} seeds in {(state.ms / 1000).toFixed(1)} s
          </span>
        )}
        {state.phase === 'done' && state.stale && (
          <span className="muted small">The scenario changed since this check.</span>
        )}
      </div>
      {state.phase === 'cancelled' && <p className="muted small">{state.reason}</p>}
      {state.phase === 'error' && <p className="error-text">The check failed: {state.message}</p>}
      {state.phase === 'done' && <SeedCheckReport report={state.report} />}
    </section>
  );
}

function SeedCheckReport({ report: r }: { report: CheckReport }) {
  const { winnableWithoutResponse: waits, solutionFails: fails } = r.flaggedSeeds;
  const waitFlag = waits.length / r.seeds > FLAG_SHARE;
  const failFlag = fails.length / r.seeds > FLAG_SHARE;
  return (
    <>
      <div className="ed-verdicts" data-testid="seed-check-verdict">
        {!waitFlag && !failFlag && (
          <div className="ed-verdict ok">
            passes on {r.seeds} seeds: waiting wins on {pct(r.winnableWithoutResponse)}, the solution
            mitigates on {pct(r.solutionMitigates)}
          </div>
        )}
        {waitFlag && (
          <div className="ed-verdict bad">
            winnable without a response on {pct(r.winnableWithoutResponse)} of seeds (more than{' '}
            {FLAG_SHARE * 100}%): seeds {someSeeds(waits)}
          </div>
        )}
        {failFlag && (
          <div className="ed-verdict bad">
            the solution does not mitigate on {pct(1 - r.solutionMitigates)} of seeds (more than{' '}
            {FLAG_SHARE * 100}%): seeds {someSeeds(fails)}
          </div>
        )}
        {(waitFlag || failFlag) && (
          <p className="muted small">
            To reproduce: <code>outage-lab run FILE --seed {waitFlag ? waits[0] : fails[0]}</code>
          </p>
        )}
        {r.sameOnEverySeed && (
          <p className="muted small" data-testid="seed-check-same">
            Every seed gave the same outcome: the seed only draws the clients&apos; noise (and log and trace
            sampling), and without noise every run is the same.
          </p>
        )}
      </div>
      <table className="ed-alert-table" data-testid="seed-check-table">
        <thead>
          <tr>
            <th>Over {r.seeds} seeds</th>
            <th>Share of seeds</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>No response: the first page fires</td>
            <td>{pct(r.pageFires)}</td>
          </tr>
          <tr>
            <td>No response: the SLOs break</td>
            <td>{pct(r.sloBreaks)}</td>
          </tr>
          <tr className={waitFlag ? 'ed-flagged' : undefined}>
            <td>No response: the SLOs hold at the end anyway</td>
            <td>{pct(r.winnableWithoutResponse)}</td>
          </tr>
          <tr className={failFlag ? 'ed-flagged' : undefined}>
            <td>Scripted solution: mitigates within the target</td>
            <td>{pct(r.solutionMitigates)}</td>
          </tr>
        </tbody>
        <thead>
          <tr>
            <th>Spread</th>
            <th>p10 / p50 / p90 (range)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Time to first page (no response)</td>
            <td>{spreadText(r.timeToFirstPage, time)}</td>
          </tr>
          <tr>
            <td>Time to mitigate (scripted solution)</td>
            <td>{spreadText(r.timeToMitigate, time)}</td>
          </tr>
          <tr>
            <td>Score (scripted solution)</td>
            <td>{spreadText(r.solutionScore, score)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
