/**
 * Who is in the incident channel and what they will say: the scenario's authored stakeholders and
 * messages plus, unless the author turned it off, a default cast derived from the scenario (so
 * every built-in gets sensible stakeholders without authoring):
 *
 * - the support lead, when the first (client-facing) SLO has been broken for a minute;
 * - the engineering manager, after 20 minutes of silence since the acknowledgement or the last
 *   update ("What's the ETA?");
 * - the VP of engineering, when that SLO has been broken for 15 minutes.
 */
import { formatDuration } from '../scenario/duration';
import {
  defaultCommunication,
  type Communication,
  type StakeholderMessage,
  type StakeholderRole,
} from '../scenario/communication';
import type { Scenario } from '../scenario/schema';

export interface CastMember {
  readonly id: string;
  readonly name: string;
  readonly role: StakeholderRole;
  /** True for a member of the default cast. */
  readonly derived: boolean;
}

export type MessageTrigger =
  | { readonly type: 'at'; readonly at: number }
  | {
      readonly type: 'when';
      readonly metric: string;
      readonly node: string;
      readonly op: '>' | '<';
      readonly value: number;
      readonly for: number;
    }
  | { readonly type: 'silence'; readonly after: number };

export interface PlannedMessage {
  readonly from: string;
  readonly text: string;
  readonly kind: StakeholderMessage['kind'];
  readonly trigger: MessageTrigger;
  readonly derived: boolean;
}

export interface CommsPlan {
  readonly cast: readonly CastMember[];
  readonly messages: readonly PlannedMessage[];
}

/** The silence after which the default engineering manager asks for an ETA. */
export const DEFAULT_SILENCE = 1200;

export const DEFAULT_CAST: readonly CastMember[] = [
  { id: 'support', name: 'Priya (Support lead)', role: 'support', derived: true },
  { id: 'manager', name: 'Sam (Engineering manager)', role: 'manager', derived: true },
  { id: 'exec', name: 'Alex (VP Engineering)', role: 'executive', derived: true },
];

/** The scenario's communication section, with defaults when it has none. */
export function communicationOf(scenario: Scenario): Communication {
  return scenario.communication ?? defaultCommunication();
}

/** The status page components: the author's, else the SLO nodes (first appearance order). */
export function statusComponents(scenario: Scenario): string[] {
  const authored = communicationOf(scenario).components;
  if (authored.length > 0) return [...authored];
  return [...new Set(scenario.objectives.slos.map((s) => s.node))];
}

function triggerOf(message: StakeholderMessage): MessageTrigger {
  if (message.when) return { type: 'when', ...message.when };
  if (message.silence !== undefined) return { type: 'silence', after: message.silence };
  return { type: 'at', at: message.at ?? 0 };
}

function defaultMessages(scenario: Scenario): PlannedMessage[] {
  const slo = scenario.objectives.slos[0];
  const out: PlannedMessage[] = [];
  if (slo) {
    const symptom =
      slo.metric === 'error_ratio'
        ? `customers are getting errors from ${slo.node}`
        : slo.metric === 'queue_oldest_seconds'
          ? `customers say their ${slo.node} jobs are not going through`
          : `customers say ${slo.node} is very slow`;
    const broken = { metric: slo.metric, node: slo.node, op: '>' as const, value: slo.max };
    out.push({
      from: 'support',
      text: `Support here: tickets are coming in, ${symptom}. Are we aware? What can I tell them?`,
      kind: 'info',
      trigger: { type: 'when', ...broken, for: 60 },
      derived: true,
    });
    out.push({
      from: 'exec',
      text: `This has been customer-facing for 15 minutes. What severity is it, and who is on it? I need a line for the exec channel.`,
      kind: 'pressure',
      trigger: { type: 'when', ...broken, for: 900 },
      derived: true,
    });
  }
  out.push({
    from: 'manager',
    text: `It has been ${formatDuration(DEFAULT_SILENCE)} since the last update. What's the ETA?`,
    kind: 'pressure',
    trigger: { type: 'silence', after: DEFAULT_SILENCE },
    derived: true,
  });
  return out;
}

/** The cast and the messages of a scenario's incident channel. */
export function commsPlan(scenario: Scenario): CommsPlan {
  const section = communicationOf(scenario);
  const cast: CastMember[] = section.stakeholders.map((s) => ({ ...s, derived: false }));
  const authored: PlannedMessage[] = section.messages.map((m) => ({
    from: m.from,
    text: m.text,
    kind: m.kind,
    trigger: triggerOf(m),
    derived: false,
  }));
  if (!section.defaultCast) return { cast, messages: authored };
  // The default cast joins; an authored stakeholder with the same id replaces its default.
  for (const member of DEFAULT_CAST) if (!cast.some((c) => c.id === member.id)) cast.push(member);
  return { cast, messages: [...authored, ...defaultMessages(scenario)] };
}

/** The cast member a message comes from (a stand-in when the id is unknown). */
export function memberOf(plan: CommsPlan, id: string): CastMember {
  return plan.cast.find((c) => c.id === id) ?? { id, name: id, role: 'other', derived: false };
}
