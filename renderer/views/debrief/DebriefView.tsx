/**
 * The debrief of the run that just ended: the score and why, the key charts with the trainee's
 * steps over the hidden truth, a timeline of both, the ideal response beside the trainee's, when
 * each SLO broke and recovered, and exports (postmortem draft as Markdown, metrics as CSV).
 */
import { useMemo, useState } from 'react';
import Markdown from '../shared/Markdown';
import type { Scenario } from '../../../simulator/scenario/schema';
import type { Score } from '../../../simulator/scoring/types';
import { gradeClass } from '../../lib/format';
import { hostApi } from '../../platform/web-api';
import { useAppStore } from '../../stores/app-store';
import { useConsoleUi } from '../../stores/console-ui-store';
import { useIncidentStore } from '../../stores/incident-store';
import { useLibraryStore } from '../../stores/library-store';
import { UnsavedRunNotice } from '../saves/UnsavedRuns';
import { DebriefCharts } from './DebriefCharts';
import { metricsCsv } from '../../../simulator/series/csv';
import { metricsFileName } from './metrics-csv';
import { saveTracesOtlp } from '../incident/traces/otlp-export';
import { Hindsight } from './Hindsight';
import { investigation, lookText, looksSummary, type Investigation } from './investigation';
import { causeLabel } from '../../../simulator/scenario/causes';
import { postmortemFileName, postmortemMarkdown } from './postmortem';
import { AlertCoverageSection } from '../coverage/AlertCoverageSection';
import { burn, count, points, span, tplus, wallClock } from './run-format';
import {
  brokenSeconds,
  buildTimeline,
  compareWithIdeal,
  idealReplaySentence,
  EFFECT_LABEL,
  ENDING_SENTENCE,
  sloPeriods,
  type IdealComparison,
  type RunFacts,
  type SloPeriods,
  type TimelineEntry,
} from './run-model';
import './debrief.css';

export function DebriefView() {
  const status = useIncidentStore((s) => s.status);
  const score = useIncidentStore((s) => s.score);
  const scenario = useIncidentStore((s) => s.scenario);
  // A finished run from History is being replayed to its end (its record is not in progress).
  const replaying = useIncidentStore(
    (s) =>
      s.status !== 'ended' &&
      s.status !== 'idle' &&
      s.record !== undefined &&
      s.record.status !== 'in-progress',
  );
  if (replaying) {
    return (
      <section className="placeholder debrief-empty">
        <h1>Debrief</h1>
        <p className="muted">Replaying the saved run to rebuild its charts and score…</p>
      </section>
    );
  }
  if (status !== 'ended' || !score || !scenario) return <EmptyDebrief live={status === 'running'} />;
  return <Debrief score={score} scenario={scenario} />;
}

function EmptyDebrief({ live }: { live: boolean }) {
  const go = useAppStore((s) => s.go);
  return (
    <section className="placeholder debrief-empty">
      <h1>Debrief</h1>
      <p className="muted">
        {live
          ? 'A run is in progress. Finish or abandon it to see its score, timeline and postmortem.'
          : 'Finish or abandon a run to see its score, timeline and postmortem.'}
      </p>
      <div className="row">
        {live ? (
          <button className="primary" onClick={() => go('incident')}>
            Back to the incident
          </button>
        ) : null}
        <button onClick={() => go('history')}>Open History</button>
      </div>
    </section>
  );
}

function Debrief({ score, scenario }: { score: Score; scenario: Scenario }) {
  const steps = useIncidentStore((s) => s.steps);
  const fullEvents = useIncidentStore((s) => s.fullEvents);
  const buffer = useIncidentStore((s) => s.buffer);
  const traceCount = useIncidentStore((s) => s.traces.length);
  const record = useIncidentStore((s) => s.record);
  const endedAtStore = useIncidentStore((s) => s.endedAt);
  const endedAt = endedAtStore ?? score.measures.endedAt;

  const facts: RunFacts = useMemo(
    () => ({ scenario, score, steps, events: fullEvents ?? [], endedAt }),
    [scenario, score, steps, fullEvents, endedAt],
  );
  const timeline = useMemo(() => buildTimeline(facts), [facts]);
  const ideal = useMemo(() => compareWithIdeal(facts), [facts]);
  const looked = useMemo(
    () => investigation(scenario, steps, fullEvents ?? []),
    [scenario, steps, fullEvents],
  );
  const slos = useMemo(() => sloPeriods(scenario, buffer, endedAt), [scenario, buffer, endedAt]);

  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  async function save(name: string, build: () => string, what: string) {
    try {
      const saved = await hostApi().saveFile(name, build());
      setMessage(saved ? { text: `${what} saved as ${name}.` } : { text: `${what}: export cancelled.` });
    } catch (error) {
      setMessage({
        text: `Could not export the ${what.toLowerCase()}: ${(error as Error).message}`,
        error: true,
      });
    }
  }

  const exportPostmortem = () =>
    save(
      postmortemFileName(scenario.id, record?.startedAt),
      () => postmortemMarkdown({ ...facts, record, slos }),
      'Postmortem draft',
    );
  const exportTraces = async () => {
    const { traces, tracesDropped } = useIncidentStore.getState();
    const text = await saveTracesOtlp(traces, tracesDropped, scenario.id);
    setMessage({ text, error: text.startsWith('Could not') });
  };
  const exportCsv = () => {
    if (!buffer) return;
    void save(metricsFileName(record?.id ?? scenario.id), () => metricsCsv(buffer), 'Metrics CSV');
  };

  return (
    <div className="pad debrief" data-testid="debrief">
      <header className="debrief-head">
        <div className="debrief-title">
          <h1>{scenario.title}</h1>
          <p className="lead">{ENDING_SENTENCE[score.ending]}</p>
          <p className="muted small">
            Ended at {tplus(endedAt)} simulated
            {record ? ` · started ${wallClock(record.startedAt)} · run ${record.id}` : ''}
          </p>
        </div>
        <div className="debrief-score" aria-label={`Score ${score.total} of 100, grade ${score.grade}`}>
          <span className="debrief-total">
            {score.total}
            <span className="debrief-max">/100</span>
          </span>
          <span className={gradeClass(score.grade)}>{score.grade}</span>
        </div>
      </header>

      <div className="row debrief-actions">
        <button className="primary" onClick={() => void exportPostmortem()}>
          Export postmortem (Markdown)
        </button>
        <button onClick={exportCsv} disabled={!buffer}>
          Export metrics (CSV)
        </button>
        <button
          onClick={() => void exportTraces()}
          disabled={traceCount === 0}
          title="The run's sampled traces as OTLP/JSON (loads in Jaeger or Grafana Tempo)"
        >
          Export traces (OTLP)
        </button>
        <RetryButton />
        <BackButton />
        {message ? (
          <span role="status" className={message.error ? 'error-text small' : 'muted small'}>
            {message.text}
          </span>
        ) : null}
      </div>

      <UnsavedRunNotice runId={record?.id} />

      <Breakdown score={score} />
      <InstructorFaults score={score} />
      <KeyNumbers score={score} endedAt={endedAt} />

      <h2>The run, with what really happened</h2>
      <DebriefCharts
        buffer={buffer}
        slos={slos}
        breaches={score.measures.sloBreaches}
        endedAt={endedAt}
        timeline={timeline}
      />

      <h2>Timeline</h2>
      <Timeline entries={timeline} />

      <h2>What the ideal response was</h2>
      <Ideal comparison={ideal} />
      {idealReplaySentence(facts.score.measures.ideal) ? (
        <p className="debrief-ideal-replay" data-testid="ideal-replay">
          {idealReplaySentence(facts.score.measures.ideal)}
        </p>
      ) : null}
      <div className="debrief-root-cause">
        <h3>
          Root cause: {scenario.rootCause.category} on <code>{scenario.rootCause.node}</code>
        </h3>
        {scenario.rootCause.causes ? (
          <p className="muted small">
            Accepted as: {scenario.rootCause.causes.map(causeLabel).join(' or ')}
            {scenario.rootCause.nodes?.length ? ` (also on ${scenario.rootCause.nodes.join(', ')})` : ''}.
          </p>
        ) : null}
        <Hindsight scenario={scenario} />
        <InvestigationSentence looked={looked} />
        {scenario.rootCause.explanation ? (
          <div className="markdown">
            <Markdown>{scenario.rootCause.explanation}</Markdown>
          </div>
        ) : null}
        {scenario.faults.some((f) => f.note) ? (
          <ul className="debrief-fault-notes">
            {scenario.faults
              .filter((f) => f.note)
              .map((f, i) => (
                <li key={i}>
                  <span className="mono">{tplus(f.at)}</span> {f.type} on <code>{f.target}</code>: {f.note}
                </li>
              ))}
          </ul>
        ) : null}
      </div>

      <h2>When the SLOs broke and recovered</h2>
      <SloMoments slos={slos} score={score} endedAt={endedAt} holdFor={scenario.objectives.holdFor} />

      <AlertCoverageSection scenario={scenario} />
    </div>
  );
}

function RetryButton() {
  const scenario = useIncidentStore((s) => s.scenario);
  const text = useIncidentStore((s) => s.scenarioText);
  const start = useIncidentStore((s) => s.start);
  const entry = useLibraryStore((s) =>
    scenario ? s.entries.find((e) => e.scenario?.id === scenario.id && e.text === text) : undefined,
  );
  const resetUi = useConsoleUi((s) => s.reset);
  const show = useAppStore((s) => s.show);
  const go = useAppStore((s) => s.go);
  if (!scenario) return null;
  return (
    <button
      onClick={() => {
        resetUi();
        start(scenario, text ?? '');
        if (entry) show({ source: entry.source, file: entry.file });
        else go('incident');
      }}
    >
      Retry
    </button>
  );
}

function BackButton() {
  const go = useAppStore((s) => s.go);
  return <button onClick={() => go('library')}>Back to library</button>;
}

function Breakdown({ score }: { score: Score }) {
  return (
    <table className="data-table debrief-table debrief-breakdown">
      <caption className="sr-only">Score breakdown</caption>
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col" className="num">
            Points
          </th>
          <th scope="col" aria-label="Bar" />
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {score.components.map((c) => {
          const share = c.max > 0 ? Math.max(0, Math.min(1, c.points / c.max)) : 0;
          const penalty = c.max === 0 && c.points < 0;
          return (
            <tr key={c.id} data-component={c.id}>
              <th scope="row">{c.label}</th>
              <td className={`num ${penalty ? 'bad' : ''}`}>
                {points(c.points)}
                <span className="muted"> / {points(c.max)}</span>
              </td>
              <td className="bar-cell">
                {c.max > 0 ? (
                  <span className="bar" aria-hidden>
                    <span
                      className={share >= 0.999 ? 'bar-fill full' : share < 0.5 ? 'bar-fill low' : 'bar-fill'}
                      style={{ width: `${share * 100}%` }}
                    />
                  </span>
                ) : null}
              </td>
              <td>{c.detail}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="num">
            <strong>{score.total}</strong>
            <span className="muted"> / 100</span>
          </td>
          <td />
          <td>Grade {score.grade}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The instructor's injections the score left out (scoring/instructor-faults.ts). */
function InstructorFaults({ score }: { score: Score }) {
  const faults = score.measures.instructorFaults;
  if (!faults || faults.length === 0) return null;
  return (
    <p className="debrief-instructor-faults small" data-testid="instructor-faults">
      Not counted against you: the instructor injected{' '}
      {faults.map((f) => `${f.type} on ${f.target} at ${tplus(f.at)}`).join(', ')}, which was not yours to
      fix. The error budget, the SLO recovery and the times above come from a replay of your run without{' '}
      {faults.length === 1 ? 'it' : 'them'}.
    </p>
  );
}

function KeyNumbers({ score, endedAt }: { score: Score; endedAt: number }) {
  const m = score.measures;
  const tiles: [string, string, string?][] = [
    ['Time to acknowledge', span(m.tta), m.firstPageAt === null ? 'no page fired' : undefined],
    ['Time to diagnose', span(m.ttd), `${m.wrongDeclarations.length} wrong declaration(s)`],
    ['Time to mitigate', span(m.ttm), m.selfRecovered ? 'recovered by itself: not credited' : undefined],
    ['SLOs broken for', span(brokenSeconds(m.sloBreaches, endedAt))],
    [
      'Failed requests',
      m.errorBudget ? count(m.errorBudget.failed) : '–',
      m.errorBudget ? `allowance ${count(m.errorBudget.allowance)}` : undefined,
    ],
    ['Error budget burned', burn(m.errorBudget?.burned)],
  ];
  return (
    <dl className="debrief-tiles">
      {tiles.map(([label, value, note]) => (
        <div key={label} className="debrief-tile">
          <dt>{label}</dt>
          <dd>
            {value}
            {note ? <span className="muted small">{note}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function EffectBadge({ entry }: { entry: TimelineEntry }) {
  if (entry.kind === 'action' && entry.effect) {
    return (
      <>
        <span className={`effect effect-${entry.effect}`}>{EFFECT_LABEL[entry.effect]}</span>
        {entry.measured ? <span className="muted small"> {entry.measured}</span> : null}
      </>
    );
  }
  if (entry.kind === 'message' && entry.messageKind) {
    return (
      <span className={`effect ${entry.messageKind === 'clue' ? 'effect-fixes' : 'effect-neutral'}`}>
        {entry.messageKind}
      </span>
    );
  }
  if (entry.kind === 'declare') {
    return (
      <span className={entry.correct ? 'effect effect-fixes' : 'effect effect-harmful'}>
        {entry.correct ? 'right' : 'wrong'}
      </span>
    );
  }
  return null;
}

function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <table className="data-table debrief-table debrief-timeline">
      <thead>
        <tr>
          <th scope="col" className="time">
            Time
          </th>
          <th scope="col">You</th>
          <th scope="col">What really happened (hidden truth and system)</th>
          <th scope="col">Communication</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => {
          const cell = (
            <>
              <span className={`lane-dot lane-${e.kind}${e.effect ? ` dot-${e.effect}` : ''}`} aria-hidden />
              {e.text} <EffectBadge entry={e} />
            </>
          );
          return (
            <tr key={i} className={`lane-row lane-${e.lane}`} data-kind={e.kind}>
              <td className="time mono">{tplus(e.t)}</td>
              <td>{e.lane === 'trainee' ? cell : null}</td>
              <td className={e.lane === 'truth' ? 'truth' : undefined}>
                {e.lane === 'truth' || e.lane === 'system' ? cell : null}
              </td>
              <td className="comms">{e.lane === 'comms' ? cell : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Ideal({ comparison }: { comparison: IdealComparison }) {
  if (comparison.rows.length === 0 && comparison.extra.length === 0) {
    return <p className="muted">This scenario has no scripted ideal response.</p>;
  }
  return (
    <>
      {comparison.rows.length ? (
        <table className="data-table debrief-table debrief-ideal">
          <thead>
            <tr>
              <th scope="col" className="time">
                Ideal at
              </th>
              <th scope="col">Ideal step</th>
              <th scope="col" className="time">
                You at
              </th>
              <th scope="col">What you did</th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row, i) => (
              <tr key={i} className={row.yours ? undefined : 'missing'}>
                <td className="time mono">{tplus(row.ideal.at)}</td>
                <td>{row.text}</td>
                <td className="time mono">{row.yours ? tplus(row.yours.t) : '–'}</td>
                <td>{row.yours ? row.yours.text : <span className="bad">Not done</span>}</td>
                <td className="num">
                  {row.delta === undefined
                    ? '–'
                    : row.delta <= 0
                      ? `${span(-row.delta)} earlier`
                      : `${span(row.delta)} later`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {comparison.extra.length ? (
        <>
          <h3 className="debrief-sub">Actions you took that the ideal response does not</h3>
          <ul className="debrief-extra">
            {comparison.extra.map((e, i) => (
              <li key={i}>
                <span className="mono">{tplus(e.t)}</span> {e.text} <EffectBadge entry={e} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function SloMoments({
  slos,
  score,
  endedAt,
  holdFor,
}: {
  slos: readonly SloPeriods[];
  score: Score;
  endedAt: number;
  holdFor: number;
}) {
  const m = score.measures;
  return (
    <div className="debrief-slos">
      <ul>
        {slos.map((s, i) => (
          <li key={i}>
            <strong>{s.name}</strong>{' '}
            {s.series < 0 ? (
              <span className="muted">not measured</span>
            ) : s.periods.length === 0 ? (
              <span className="ok">held throughout</span>
            ) : (
              <ul>
                {s.periods.map((p, j) => (
                  <li key={j}>
                    <span className="bad">broke at {tplus(p.from)}</span>
                    {', '}
                    {p.to === null ? (
                      <span className="bad">still broken when the run ended</span>
                    ) : (
                      <span className="ok">
                        recovered at {tplus(p.to)} ({span(p.to - p.from)})
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <p className="muted small">
        {m.recoveredAt !== null
          ? `Every SLO held for the hold time (${span(holdFor)}) from ${tplus(m.recoveredAt)}${m.ttm === null ? ' (not credited: no action addressed the cause)' : ''}.`
          : m.sloBroken
            ? `The SLOs had not held for the hold time by the end of the run (${tplus(endedAt)}).`
            : 'The SLOs never broke during the run.'}
      </p>
    </div>
  );
}

/** Where the trainee looked, beside where the answer was (not scored). */
function InvestigationSentence({ looked }: { looked: Investigation }) {
  if (looked.commands === 0) return null;
  const clue =
    looked.firstClueAt !== undefined ? ` It first showed the problem at ${tplus(looked.firstClueAt)}.` : '';
  return (
    <p className="debrief-investigation" data-testid="investigation">
      You looked at the system with {looksSummary(looked.byTool)}.{' '}
      {looked.firstLook ? (
        <>
          You first looked at <code>{looked.node}</code> at {tplus(looked.firstLook.t)} (
          <code>
            {looked.firstLook.tool === 'shell'
              ? looked.firstLook.command
              : lookText(looked.firstLook.command, looked.firstLook.tool)}
          </code>
          ).
        </>
      ) : (
        <>
          None of them looked at <code>{looked.node}</code>.
        </>
      )}
      {clue}
    </p>
  );
}
