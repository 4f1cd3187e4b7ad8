/**
 * The postmortem draft exported from the debrief: Markdown a lead can paste into a wiki. Built from
 * the scenario (root cause, action items), the score (impact, what went well / to improve) and the
 * run's timeline in simulated time. Pure: the same run always gives the same text.
 */
import type { SimEvent } from '../../../simulator/engine/api';
import type { RunRecord, RunStep } from '../../../simulator/runs/record';
import type { Scenario } from '../../../simulator/scenario/schema';
import type { Score } from '../../../simulator/scoring/types';
import { IMPACT_LABELS, STATUS_PAGE_LABELS } from '../../../simulator/scenario/communication';
import {
  brokenSeconds,
  buildTimeline,
  ENDING_SENTENCE,
  EFFECT_LABEL,
  type SloPeriods,
  type TimelineEntry,
} from './run-model';
import { burn, count, points, span, tplus } from './run-format';
import { causeLabel } from '../../../simulator/scenario/causes';
import { NOTEBOOK_LABEL } from '../../../simulator/runs/notebook';

export interface PostmortemInput {
  readonly scenario: Scenario;
  readonly score: Score;
  readonly steps: readonly RunStep[];
  /** Every event of the run, hidden fault onsets included. */
  readonly events: readonly SimEvent[];
  /** Simulated second the run ended. */
  readonly endedAt: number;
  /** The saved record (run id, wall-clock start); optional. */
  readonly record?: Pick<RunRecord, 'id' | 'startedAt' | 'endedAt'>;
  /** Per-SLO break / recovery periods (from the metric buffer); optional. */
  readonly slos?: readonly SloPeriods[];
}

/**
 * Escapes what Markdown would read as formatting inside inline text and table cells: backslashes,
 * backticks, asterisks, brackets, pipes, an underscore that is not inside a word (snake_case stays
 * readable) and a `<` that could open an HTML tag.
 */
export function mdInline(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*[\]|])/g, '\\$1')
    .replace(/_/g, (match, offset: number, all: string) =>
      /[A-Za-z0-9]/.test(all[offset - 1] ?? '') && /[A-Za-z0-9]/.test(all[offset + 1] ?? '') ? match : '\\_',
    )
    .replace(/<(?=[A-Za-z/!?])/g, '\\<');
}

const LANE_LABEL: Record<TimelineEntry['lane'], string> = {
  trainee: 'Responder',
  truth: 'Cause (hidden during the run)',
  system: 'System',
  comms: 'Communication',
};

function timelineLine(entry: TimelineEntry): string {
  const tags: string[] = [];
  if (entry.effect) tags.push(EFFECT_LABEL[entry.effect]);
  if (entry.measured) tags.push(entry.measured);
  const tag = tags.length ? ` _(${tags.join(', ')})_` : '';
  return `- **${tplus(entry.t)}** · ${LANE_LABEL[entry.lane]}: ${mdInline(entry.text)}${tag}`;
}

interface Lessons {
  readonly well: string[];
  readonly improve: string[];
}

/** What went well and what to improve, from the score's measures against the scenario's targets. */
export function lessons(scenario: Scenario, score: Score, timeline: readonly TimelineEntry[]): Lessons {
  const m = score.measures;
  const targets = scenario.scoring;
  const well: string[] = [];
  const improve: string[] = [];

  if (m.firstPageAt === null) {
    improve.push('No page fired during the incident: the alerting did not catch it.');
  } else if (m.tta === null) {
    improve.push('The page was never acknowledged.');
  } else if (m.tta <= targets.acknowledge) {
    well.push(`The page was acknowledged in ${span(m.tta)}, within the ${span(targets.acknowledge)} target.`);
  } else {
    improve.push(`Acknowledging the page took ${span(m.tta)} against a ${span(targets.acknowledge)} target.`);
  }

  if (m.ttd === null) {
    improve.push('The root cause was not identified during the incident.');
  } else if (m.ttd <= targets.diagnose) {
    well.push(
      `The root cause was identified ${span(m.ttd)} into the incident, within the ${span(targets.diagnose)} target.`,
    );
  } else {
    improve.push(
      `Identifying the root cause took ${span(m.ttd)} against a ${span(targets.diagnose)} target.`,
    );
  }
  if (m.wrongDeclarations.length > 0) {
    const list = m.wrongDeclarations.map((d) => `"${d.category}" on ${d.node} at ${tplus(d.at)}`).join('; ');
    improve.push(
      `${m.wrongDeclarations.length} wrong diagnosis${m.wrongDeclarations.length === 1 ? '' : 'es'} before the right one: ${list}.`,
    );
  }

  if (m.ttm !== null) {
    const verdict = m.ttm <= targets.mitigate ? 'within' : 'against';
    (m.ttm <= targets.mitigate ? well : improve).push(
      `The SLOs were restored ${span(m.ttm)} into the incident, ${verdict} the ${span(targets.mitigate)} target.`,
    );
  } else if (m.selfRecovered) {
    improve.push(
      'The system recovered by itself; no action taken addressed the cause, so this was luck, not mitigation.',
    );
  } else if (m.sloBroken) {
    improve.push('The SLOs were not restored before the run ended.');
  }

  if (m.errorBudget && m.errorBudget.burned !== null) {
    const b = m.errorBudget.burned;
    if (b <= 1) well.push(`The error budget burn stayed within the allowance (${burn(b)}).`);
    else if (b >= 10)
      improve.push(
        `The incident burned ${burn(b)} the error budget allowance (${count(m.errorBudget.failed)} failed requests).`,
      );
  }

  const good = timeline.filter((e) => e.kind === 'action' && (e.effect === 'fixes' || e.effect === 'helps'));
  if (good.length > 0) {
    well.push(
      `Effective actions: ${good.map((e) => `${e.text} at ${tplus(e.t)} (${e.effect})`).join('; ')}.`,
    );
  }
  const harmful = timeline.filter((e) => e.kind === 'action' && e.effect === 'harmful');
  if (harmful.length > 0) {
    improve.push(
      `Actions that made things worse: ${harmful.map((e) => `${e.text} at ${tplus(e.t)}`).join('; ')}. Check what an action does to the failing path before taking it.`,
    );
  }
  const needless = timeline.filter(
    (e) => e.kind === 'action' && (e.effect === 'neutral' || e.effect === 'unlisted'),
  );
  if (needless.length > 0) {
    improve.push(
      `Actions that did not address the cause: ${needless.map((e) => `${e.text} at ${tplus(e.t)}`).join('; ')}.`,
    );
  }
  if (m.hintsUsed > 0) {
    improve.push(
      `${m.hintsUsed} hint${m.hintsUsed === 1 ? ' was' : 's were'} needed (-${points(m.hintCost)} points).`,
    );
  } else if (score.components.length > 0) {
    well.push('No hints were needed.');
  }
  return { well, improve };
}

function bullets(items: readonly string[], empty: string): string[] {
  return items.length ? items.map((s) => `- ${mdInline(s)}`) : [`- _${empty}_`];
}

/**
 * What the responder thought along the way: the notebook's hypotheses, findings and ruled-out
 * ideas and the hypotheses given with each declaration, in time order.
 */
function investigationNotes(steps: readonly RunStep[]): string[] {
  const lines = [...steps]
    .sort((a, b) => a.at - b.at)
    .flatMap((s) => {
      if (s.kind === 'notebook')
        return [`- ${tplus(s.at)} **${NOTEBOOK_LABEL[s.entry]}:** ${mdInline(s.text)}`];
      if (s.kind === 'declare' && s.hypothesis)
        return [
          `- ${tplus(s.at)} **Declared ${mdInline(causeLabel(s.category))} on \`${s.node}\`:** ${mdInline(s.hypothesis)}`,
        ];
      return [];
    });
  return [
    '## Investigation notes',
    '',
    ...(lines.length ? lines : ['- _No notes were written during the run._']),
  ];
}

/**
 * Customer impact: what the run measured on the client-facing (SLO) nodes beside what customers
 * were told on the status page, and the severity declared against the one the impact called for.
 */
function customerImpact(input: PostmortemInput, breachTotal: number): string[] {
  const { score, steps, endedAt } = input;
  const m = score.measures;
  const comms = m.communication;
  const out = ['## Customer impact', ''];
  const measured = comms ? IMPACT_LABELS[comms.peakImpact] : m.sloBroken ? 'SLOs broken' : 'none';
  out.push(
    mdInline(
      `Measured: worst impact ${measured.toLowerCase()}, SLOs broken for ${span(breachTotal)}` +
        (m.errorBudget ? `, ${count(m.errorBudget.failed)} failed requests.` : '.'),
    ),
  );
  if (comms) {
    out.push(
      '',
      mdInline(
        comms.severity
          ? `Severity declared: ${comms.severity}${comms.severity === comms.expectedSeverity ? ', matching the measured impact' : `; the measured impact made it ${comms.expectedSeverity}`}.`
          : `No severity was declared; the measured impact made it ${comms.expectedSeverity}.`,
      ),
    );
  }
  const published = steps.filter(
    (s): s is Extract<RunStep, { kind: 'status-page' }> => s.kind === 'status-page' && s.at <= endedAt + 1e-6,
  );
  out.push('', 'What customers were told (status page):', '');
  if (published.length === 0) out.push('- _Nothing was published on the status page._');
  for (const p of published) {
    const head = `${STATUS_PAGE_LABELS[p.state]}, ${IMPACT_LABELS[p.impact].toLowerCase()}${p.components.length ? ` (${p.components.join(', ')})` : ''}`;
    out.push(`- **${tplus(p.at)}** ${mdInline(head)}${p.text ? `: ${mdInline(p.text)}` : ''}`);
  }
  return out;
}

/** The Markdown postmortem draft of one ended run. */
export function postmortemMarkdown(input: PostmortemInput): string {
  const { scenario, score, steps, events, endedAt, record, slos } = input;
  const m = score.measures;
  const timeline = buildTimeline({ scenario, score, steps, events, endedAt });
  const { well, improve } = lessons(scenario, score, timeline);
  // The fault on the root-cause node, not the first fault: that may be a red herring (a harmless deploy).
  const rootFault =
    events.find((e) => e.kind === 'fault' && e.node === scenario.rootCause.node) ??
    events.find((e) => e.kind === 'fault');
  const breachTotal = brokenSeconds(m.sloBreaches, endedAt);
  const sloNodes = [...new Set(scenario.objectives.slos.map((s) => s.node))];
  const out: string[] = [];

  out.push(`# Postmortem: ${mdInline(scenario.title)}`, '');
  out.push(
    `_Draft generated by Outage Lab from a training run${record ? ` (run \`${record.id}\`, started ${record.startedAt})` : ''}. Times are simulated, from the start of the run (T+mm:ss)._`,
    '',
  );

  out.push('## Summary', '');
  const summary: string[] = [];
  summary.push(
    m.sloBroken
      ? `The SLOs of ${sloNodes.join(', ')} broke at ${tplus(m.sloBreaches[0]?.from ?? m.incidentStart)} and were broken for ${span(breachTotal)} in total.`
      : `The SLOs of ${sloNodes.join(', ')} held throughout the run.`,
  );
  summary.push(
    `Root cause: ${scenario.rootCause.category} on ${scenario.rootCause.node}${rootFault ? ` (${rootFault.node === scenario.rootCause.node ? 'root-cause fault' : 'first fault'} at ${tplus(rootFault.t)})` : ''}.`,
  );
  summary.push(
    `Response: acknowledged after ${span(m.tta)}, diagnosed after ${span(m.ttd)}, mitigated after ${span(m.ttm)}.`,
  );
  summary.push(`Outcome: ${ENDING_SENTENCE[score.ending]} Score ${score.total}/100 (grade ${score.grade}).`);
  out.push(mdInline(summary.join(' ')), '');

  out.push('## Impact', '');
  out.push('| Measure | Value |', '| --- | --- |');
  out.push(
    `| Time with SLOs broken | ${span(breachTotal)}${m.sloBreaches.some((b) => b.to === null) ? ' (still broken at the end)' : ''} |`,
  );
  if (m.errorBudget) {
    out.push(`| Failed requests | ${count(m.errorBudget.failed)} |`);
    out.push(`| Failures the SLOs allow over the same window | ${count(m.errorBudget.allowance)} |`);
    out.push(`| Error budget burned | ${burn(m.errorBudget.burned)} the allowance |`);
  } else {
    out.push('| Failed requests | not measured |');
  }
  out.push(`| Time to acknowledge (TTA) | ${span(m.tta)} |`);
  out.push(`| Time to diagnose (TTD) | ${span(m.ttd)} |`);
  out.push(`| Time to mitigate (TTM) | ${span(m.ttm)} |`);
  out.push('');
  if (slos && slos.length > 0) {
    out.push('Per objective:', '');
    for (const s of slos) {
      const periods = s.periods.length
        ? s.periods
            .map(
              (p) =>
                `broke ${tplus(p.from)}, ${p.to === null ? 'still broken at the end' : `recovered ${tplus(p.to)}`}`,
            )
            .join('; ')
        : s.series < 0
          ? 'not measured'
          : 'held throughout';
      out.push(`- ${mdInline(s.name)}: ${mdInline(periods)}`);
    }
    out.push('');
  }

  out.push(...customerImpact(input, breachTotal), '');

  out.push('## Timeline', '');
  out.push(...timeline.map(timelineLine), '');

  out.push('## Root cause', '');
  out.push(`**${mdInline(scenario.rootCause.category)}** on \`${scenario.rootCause.node}\`.`, '');
  if (scenario.rootCause.causes) {
    out.push(`Cause category: ${scenario.rootCause.causes.map(causeLabel).join(' or ')}.`, '');
  }
  if (scenario.rootCause.explanation.trim()) out.push(scenario.rootCause.explanation.trim(), '');
  const notes = scenario.faults.filter((f) => f.note);
  if (notes.length) {
    out.push(...notes.map((f) => `- ${tplus(f.at)} ${f.type} on \`${f.target}\`: ${f.note}`), '');
  }

  out.push(...investigationNotes(steps), '');

  out.push('## What went well', '');
  out.push(...bullets(well, 'Nothing stood out.'), '');
  out.push('## What to improve', '');
  out.push(...bullets(improve, 'Nothing: a clean response.'), '');

  out.push('## Action items', '');
  out.push(
    ...(scenario.postmortem.actionItems.length
      ? scenario.postmortem.actionItems.map((item) => `- [ ] ${item}`)
      : ['- [ ] _Add follow-ups that prevent a recurrence._']),
    '',
  );

  out.push('## Score', '');
  out.push('| Component | Points | Max | Why |', '| --- | ---: | ---: | --- |');
  for (const c of score.components) {
    out.push(`| ${mdInline(c.label)} | ${points(c.points)} | ${points(c.max)} | ${mdInline(c.detail)} |`);
  }
  out.push(`| **Total** | **${score.total}** | 100 | Grade ${score.grade} |`, '');
  return out.join('\n');
}

/** A file name for the draft: "postmortem-redis-queue-fills-2025-01-31.md". */
export function postmortemFileName(scenarioId: string, startedAt?: string): string {
  const date =
    startedAt && Number.isFinite(Date.parse(startedAt))
      ? new Date(startedAt).toISOString().slice(0, 10)
      : 'run';
  return `postmortem-${scenarioId}-${date}.md`;
}
