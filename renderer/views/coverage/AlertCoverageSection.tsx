/**
 * "Would the alerts have caught it?": the debrief's and the editor preview's view of
 * `outage-lab alerts check`. The scenario's own rules by default, or a team's Prometheus rule
 * file (and a name mapping) picked from disk; the check runs in a Web Worker.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ScenarioCoverage } from '../../../simulator/coverage/summarize';
import type { Scenario } from '../../../simulator/scenario/schema';
import { clock, seconds } from '../../lib/format';
import type { CoverageProblem, CoverageRequest } from './alert-coverage';
import { checkCoverageInWorker } from './coverage-client';
import './alert-coverage.css';

type Source = 'scenario' | 'file';
interface PickedFile {
  readonly name: string;
  readonly text: string;
}
type State =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; coverage: ScenarioCoverage; rules: number; source: string; stale: boolean }
  | { phase: 'problems'; problems: readonly CoverageProblem[] }
  | { phase: 'error'; message: string };

const OUTCOME_LABEL: Record<ScenarioCoverage['outcome'], string> = {
  caught: 'Caught',
  missed: 'Missed',
  'no-breach': 'No SLO broke',
};

/** The verdict without its "caught: " / "missed: " (the badge says it), as a sentence. */
function sentence(verdict: string): string {
  const rest = verdict.replace(/^(caught|missed): /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1) + '.';
}

async function readPicked(event: ChangeEvent<HTMLInputElement>): Promise<PickedFile | undefined> {
  const file = event.target.files?.[0];
  return file ? { name: file.name, text: await file.text() } : undefined;
}

export function AlertCoverageSection({
  scenario,
  heading: Heading = 'h2',
}: {
  scenario: Scenario | undefined;
  heading?: 'h2' | 'h3';
}) {
  const [source, setSource] = useState<Source>('scenario');
  const [rules, setRules] = useState<PickedFile>();
  const [mapping, setMapping] = useState<PickedFile>();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  const ranFor = useRef<Scenario | undefined>(undefined);

  // A finished report describes the scenario it ran on: an edit marks it stale, a running check
  // is cancelled; leaving cancels it.
  useEffect(() => {
    if (ranFor.current === undefined || ranFor.current === scenario) return;
    controller.current?.abort();
    controller.current = undefined;
    setState((s) =>
      s.phase === 'done' ? { ...s, stale: true } : s.phase === 'running' ? { phase: 'idle' } : s,
    );
  }, [scenario]);
  useEffect(() => () => controller.current?.abort(), []);

  const canRun = scenario !== undefined && state.phase !== 'running' && (source === 'scenario' || rules);
  const run = () => {
    if (!scenario || !canRun) return;
    const c = new AbortController();
    controller.current = c;
    ranFor.current = scenario;
    setState({ phase: 'running' });
    const request: CoverageRequest = {
      scenario,
      ...(source === 'file' && rules ? { rules } : {}),
      ...(source === 'file' && mapping ? { mapping } : {}),
    };
    checkCoverageInWorker(request, c.signal).then(
      (reply) => {
        if (controller.current !== c) return;
        controller.current = undefined;
        setState(
          reply.ok
            ? {
                phase: 'done',
                coverage: reply.coverage,
                rules: reply.rules,
                source: reply.source,
                stale: false,
              }
            : { phase: 'problems', problems: reply.problems },
        );
      },
      (error: Error) => {
        if (controller.current === c) controller.current = undefined;
        if (error.name !== 'AbortError') setState({ phase: 'error', message: error.message });
      },
    );
  };

  return (
    <section className="alert-coverage" data-testid="alert-coverage" aria-labelledby="alert-coverage-title">
      <Heading id="alert-coverage-title">Would the alerts have caught it?</Heading>
      <p className="muted small">
        Plays the scenario with no response (and with its scripted fix), scrapes it every 15 s as Prometheus
        would, and evaluates alerting rules over it: when each fired after the hidden fault, whether a page
        came before an SLO broke, and the rules that never fired or flapped. The same check as{' '}
        <code>outage-lab alerts check</code>.
      </p>
      <div className="row alert-coverage-form">
        <label>
          Rules{' '}
          <select
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            data-testid="alert-coverage-source"
          >
            <option value="scenario">This scenario&apos;s alerting rules</option>
            <option value="file">A Prometheus rule file…</option>
          </select>
        </label>
        {source === 'file' ? (
          <>
            <label>
              Rule file{' '}
              <input
                type="file"
                accept=".yml,.yaml,.json"
                data-testid="alert-coverage-rules"
                onChange={(e) => void readPicked(e).then(setRules)}
              />
            </label>
            <label title="Their metric and label names -> ours, as alerts check --map">
              Name mapping (optional){' '}
              <input
                type="file"
                accept=".yml,.yaml,.json"
                data-testid="alert-coverage-mapping"
                onChange={(e) => void readPicked(e).then(setMapping)}
              />
            </label>
          </>
        ) : null}
        <button
          type="button"
          className="primary"
          onClick={run}
          disabled={!canRun}
          data-testid="alert-coverage-run"
        >
          {state.phase === 'running' ? 'Checking…' : 'Check the alerts'}
        </button>
      </div>
      <Result state={state} />
    </section>
  );
}

function Result({ state }: { state: State }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'running')
    return (
      <p role="status" className="muted small">
        Playing the scenario and evaluating the rules…
      </p>
    );
  if (state.phase === 'error')
    return (
      <p role="alert" className="error-text small">
        The check failed: {state.message}
      </p>
    );
  if (state.phase === 'problems')
    return (
      <ul
        role="alert"
        className="error-text small alert-coverage-problems"
        data-testid="alert-coverage-problems"
      >
        {state.problems.map((p, i) => (
          <li key={i}>
            {p.file}
            {p.line !== undefined ? `:${p.line}` : ''}
            {p.path ? ` ${p.path}` : ''}: {p.message}
          </li>
        ))}
      </ul>
    );
  const c = state.coverage;
  return (
    <div className="alert-coverage-result" data-testid="alert-coverage-result">
      {state.stale ? (
        <p className="muted small">
          The scenario changed since this check; run it again for current numbers.
        </p>
      ) : null}
      <p>
        <span className={`badge alert-coverage-${c.outcome}`} data-testid="alert-coverage-outcome">
          {OUTCOME_LABEL[c.outcome]}
        </span>{' '}
        <span data-testid="alert-coverage-verdict">{sentence(c.verdict)}</span>
      </p>
      <p className="muted small">
        {state.rules} alerting rule{state.rules === 1 ? '' : 's'} from {state.source}; hidden fault at T+
        {clock(c.onset)}
        {c.sloBroken !== null
          ? `, first SLO broke at T+${clock(c.sloBroken)} with no response`
          : ', no SLO broke'}
        .
      </p>
      {c.fired.length > 0 ? (
        <table className="data-table alert-coverage-fired">
          <thead>
            <tr>
              <th>Alert</th>
              <th>Severity</th>
              <th>First firing</th>
              <th>After the fault</th>
              <th>Times fired</th>
              <th>With the fix</th>
            </tr>
          </thead>
          <tbody>
            {c.fired.map((f) => (
              <tr key={`${f.group}/${f.alert}`}>
                <td>
                  <code>{f.alert}</code>
                  {f.page ? <span className="badge alert-coverage-page">page</span> : null}
                </td>
                <td>{f.severity || '—'}</td>
                <td className="mono">T+{clock(f.firstFiring)}</td>
                <td className="mono">
                  {f.detectionDelay === null ? 'only before it' : seconds(f.detectionDelay)}
                </td>
                <td className="mono">{f.firings}</td>
                <td>
                  {c.firingAfterFix === null
                    ? '—'
                    : c.firingAfterFix.includes(f.alert)
                      ? 'still firing'
                      : 'resolved'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No rule fired.</p>
      )}
      {c.neverFired.length > 0 ? (
        <>
          <h4>Never fired</h4>
          <ul className="alert-coverage-silent">
            {c.neverFired.map((r) => (
              <li key={`${r.group}/${r.alert}`}>
                <code>{r.alert}</code> <span className="muted">({r.severity || 'no severity'})</span>:{' '}
                {r.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.flapping.length > 0 ? (
        <>
          <h4>Flapping</h4>
          <ul className="alert-coverage-flapping">
            {c.flapping.map((r) => (
              <li key={r.alert}>
                <code>{r.alert}</code> fired {r.firings} times
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
