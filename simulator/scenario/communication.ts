/**
 * The scenario's `communication` section (incident communication, issue 17): the stakeholders of
 * the incident channel and their scripted messages, the communication targets the score reads,
 * and the status page's components. Kept in its own module so the rest of the format can change
 * beside it; the catalogs below (severities, status page states, impacts) are the one definition
 * the engine, the score, the console and the debrief read.
 *
 * The schema is built by `communicationSchema(primitives)` so it shares schema.ts's duration and
 * id types without an import cycle.
 */
import { z } from 'zod';
import { DEFAULTS, omitted } from './defaults';
import { escalationSchema } from './escalation';

/** Incident severities, most severe first, with the org's definitions shown in the briefing. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Customer impact, worst first; the level each severity stands for (same index). */
export const IMPACTS = ['full-outage', 'partial-outage', 'degraded', 'none'] as const;
export type Impact = (typeof IMPACTS)[number];

export const SEVERITY_DEFINITIONS: Readonly<Record<Severity, string>> = {
  SEV1: 'Full outage of a customer-facing service: most requests fail. All hands.',
  SEV2: 'Partial outage: a significant share of customers cannot complete key actions.',
  SEV3: 'Degraded: slower or occasional errors; customers notice but can work.',
  SEV4: 'No customer impact yet: internal only, or a risk that is being watched.',
};

export const IMPACT_LABELS: Readonly<Record<Impact, string>> = {
  'full-outage': 'Full outage',
  'partial-outage': 'Partial outage',
  degraded: 'Degraded performance',
  none: 'Operational',
};

/** Status page incident states (Atlassian Statuspage's), in their usual order. */
export const STATUS_PAGE_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type StatusPageState = (typeof STATUS_PAGE_STATES)[number];
export const STATUS_PAGE_LABELS: Readonly<Record<StatusPageState, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** Stakeholder roles: a default cast draws from these; authored stakeholders pick one for the avatar. */
export const STAKEHOLDER_ROLES = [
  'support',
  'manager',
  'executive',
  'account-manager',
  'developer',
  'other',
] as const;

/** A message's nature, for the debrief (the console shows them all the same way). */
export const MESSAGE_KINDS = ['clue', 'distraction', 'pressure', 'info'] as const;

/** Default target: the first update within 10 minutes of acknowledging. */
export const DEFAULT_FIRST_UPDATE = DEFAULTS.communication.firstUpdate;
/** Default cadence per severity (seconds between updates while the incident is open). */
export const DEFAULT_CADENCE: Readonly<Record<Severity, number>> = DEFAULTS.communication.cadence;

interface Primitives {
  readonly duration: z.ZodType<number, unknown>;
  readonly id: z.ZodType<string, unknown>;
}

export function communicationSchema({ duration, id }: Primitives) {
  const condition = z.strictObject({
    metric: z.string().min(1).describe('Metric name, e.g. "error_ratio", "queue_depth", "latency_p99".'),
    node: id.describe('The node whose series is read.'),
    op: z.enum(['>', '<']).default('>').describe('Above (">") or below ("<") value.'),
    value: z.number().min(-1e9).max(1e9).describe('Threshold.'),
    for: duration
      .default(DEFAULTS.communication.whenFor)
      .describe('How long the condition must hold before the message is sent (default 0: at once).'),
  });
  const stakeholder = z.strictObject({
    id: id.describe('Referenced by messages[].from, e.g. "support".'),
    name: z.string().min(1).max(80).describe('Shown in the channel, e.g. "Dana (Support lead)".'),
    role: z.enum(STAKEHOLDER_ROLES).default('other').describe('What they do; sets the avatar.'),
  });
  const deploy = z
    .strictObject({
      node: id.describe('The service a bad-deploy fault deploys.'),
      version: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .describe("The version it deploys (the fault's params.version); absent: any deploy of the node.")
        .meta(omitted('any deploy of the node')),
      author: z.string().min(1).max(80).describe('Who shipped it, e.g. "maria.k".'),
      commit: z
        .string()
        .min(1)
        .max(40)
        .optional()
        .describe('Short commit hash (default: derived).')
        .meta(omitted('derived from the node and version')),
      message: z.string().min(1).max(200).describe('Commit message.'),
      pr: z.string().min(1).max(120).optional().describe('PR link text, e.g. "orders#2231".'),
    })
    .describe('One deploy as the change log shows it.');
  const message = z
    .strictObject({
      from: id.describe('A stakeholder id (yours, or one of the default cast: support, manager, exec).'),
      text: z.string().min(1).max(1000).describe('What they post in the channel.'),
      kind: z
        .enum(MESSAGE_KINDS)
        .default('info')
        .describe('For the debrief: a real "clue", a "distraction", "pressure" (asks for news) or "info".'),
      at: duration.optional().describe('Trigger: at this simulated time.'),
      when: condition
        .optional()
        .describe('Trigger: when the metric is above/below the value for the given time.'),
      silence: duration
        .optional()
        .describe(
          'Trigger: when the trainee has posted no update for this long since acknowledging (or since their last update); once per silence.',
        ),
    })
    .describe('One scripted message; exactly one of at, when and silence triggers it.');
  return z
    .strictObject({
      scored: z
        .boolean()
        .default(true)
        .describe('Whether the score has a communication component (off for pure-diagnosis drills).'),
      defaultCast: z
        .boolean()
        .default(true)
        .describe(
          'Whether the default stakeholders (support lead, engineering manager, VP engineering) post too.',
        ),
      firstUpdate: duration
        .default(DEFAULT_FIRST_UPDATE)
        .describe(
          'Target time from acknowledging to the first status update or status page entry (default 10m).',
        ),
      cadence: z
        .strictObject({
          SEV1: duration.default(DEFAULT_CADENCE.SEV1),
          SEV2: duration.default(DEFAULT_CADENCE.SEV2),
          SEV3: duration.default(DEFAULT_CADENCE.SEV3),
          SEV4: duration.default(DEFAULT_CADENCE.SEV4),
        })
        .default({ ...DEFAULT_CADENCE })
        .describe(
          'Longest gap between updates while the incident is open, per declared severity (default SEV1 15m, SEV2 20m, SEV3 30m, SEV4 1h).',
        ),
      components: z
        .array(z.string().min(1).max(80))
        .max(20)
        .default([])
        .describe('Status page components (default: the SLO nodes).'),
      stakeholders: z.array(stakeholder).max(20).default([]).describe('Who is in the incident channel.'),
      deploys: z
        .array(deploy)
        .max(50)
        .default([])
        .describe("How the change log (the console's #deploys) shows the scenario's deploys."),
      messages: z.array(message).max(100).default([]).describe('What they post, and when.'),
      escalation: escalationSchema({ duration }),
    })
    .describe('Incident communication: stakeholders, their messages, and the communication targets.');
}

export type CommunicationSchema = ReturnType<typeof communicationSchema>;
export type Communication = z.output<CommunicationSchema>;
export type Stakeholder = Communication['stakeholders'][number];
export type StakeholderMessage = Communication['messages'][number];
export type StakeholderRole = (typeof STAKEHOLDER_ROLES)[number];

/** The section's defaults, for a scenario without one. */
export function defaultCommunication(): Communication {
  return {
    scored: true,
    defaultCast: true,
    firstUpdate: DEFAULT_FIRST_UPDATE,
    cadence: { ...DEFAULT_CADENCE },
    components: [],
    stakeholders: [],
    deploys: [],
    messages: [],
    escalation: {},
  };
}

/** The impact a severity stands for, and back. */
export function impactOfSeverity(severity: Severity): Impact {
  return IMPACTS[SEVERITIES.indexOf(severity)]!;
}
export function severityOfImpact(impact: Impact): Severity {
  return SEVERITIES[IMPACTS.indexOf(impact)]!;
}

/**
 * Runbook pages shipped with a scenario (Markdown), linked from the alerts and services they cover;
 * the console's Runbooks panel searches them and opening one is a run step. Steps may be outdated
 * or wrong on purpose: real runbooks rot.
 */
export function runbooksSchema({ id }: Pick<Primitives, 'id'>) {
  return z
    .array(
      z.strictObject({
        id: id.describe('Referenced by the run step that opens it, e.g. "orders-errors".'),
        title: z.string().min(1).max(120).describe('Shown in the panel and the debrief.'),
        markdown: z.string().max(20_000).describe('The page, in Markdown.'),
        alerts: z.array(z.string().min(1)).default([]).describe('Alert names whose page links here.'),
        services: z.array(id).default([]).describe('Node ids whose panel links here.'),
      }),
    )
    .max(50)
    .describe('Runbook pages (Markdown) the console shows in its Runbooks panel.');
}
export type Runbook = z.output<ReturnType<typeof runbooksSchema>>[number];
