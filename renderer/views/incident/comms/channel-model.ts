/**
 * The incident channel as the console shows it: the stakeholders' messages and the trainee's own
 * severity declarations, status updates and status page entries, in time order, from the run's
 * visible events; and the editable templates the composer starts from. Pure, unit-tested.
 */
import type { SimEvent } from '../../../../simulator/engine/api';
import { statusComponents } from '../../../../simulator/comms/cast';
import {
  IMPACT_LABELS,
  SEVERITIES,
  STATUS_PAGE_LABELS,
  type Impact,
  type Severity,
  type StatusPageState,
} from '../../../../simulator/scenario/communication';
import type { Scenario } from '../../../../simulator/scenario/schema';
import { TEAMS, type Team } from '../../../../simulator/scenario/escalation';

export const CHANNEL_EVENT_KINDS: ReadonlySet<string> = new Set([
  'message',
  'severity',
  'status-update',
  'status-page',
  'escalate',
  'ask',
]);

export interface ChannelEntry {
  readonly t: number;
  /**
   * 'stakeholder': someone else's message (a paged team's responder too); 'you': the trainee's
   * post; 'status': a status page entry; 'severity'; 'escalation': a page or an ask.
   */
  readonly kind: 'stakeholder' | 'you' | 'status' | 'severity' | 'escalation';
  readonly author: string;
  readonly role?: string;
  readonly text: string;
  readonly state?: StatusPageState;
  readonly impact?: Impact;
  readonly components?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function channelEntries(events: readonly SimEvent[]): ChannelEntry[] {
  const out: ChannelEntry[] = [];
  for (const e of events) {
    if (!CHANNEL_EVENT_KINDS.has(e.kind) || e.hidden) continue;
    if (e.kind === 'message') {
      out.push({
        t: e.t,
        kind: 'stakeholder',
        author: str(e.data?.name) ?? 'Stakeholder',
        role: str(e.data?.role),
        text: e.text,
      });
    } else if (e.kind === 'escalate' || e.kind === 'ask') {
      out.push({ t: e.t, kind: 'escalation', author: 'You', text: e.text });
    } else if (e.kind === 'severity') {
      out.push({ t: e.t, kind: 'severity', author: 'You', text: e.text });
    } else if (e.kind === 'status-update') {
      out.push({ t: e.t, kind: 'you', author: 'You', text: e.text });
    } else {
      out.push({
        t: e.t,
        kind: 'status',
        author: 'Status page',
        text: e.text,
        state: str(e.data?.state) as StatusPageState | undefined,
        impact: str(e.data?.impact) as Impact | undefined,
        components: str(e.data?.components),
      });
    }
  }
  return out;
}

/** The severity in effect: the last one declared, or null. */
export function currentSeverity(events: readonly SimEvent[]): Severity | null {
  let current: Severity | null = null;
  for (const e of events) {
    const sev = e.kind === 'severity' ? e.data?.severity : undefined;
    if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev)) current = sev as Severity;
  }
  return current;
}

/** The latest status page entry, or null. */
export function currentStatusPage(entries: readonly ChannelEntry[]): ChannelEntry | null {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.kind === 'status') return entries[i]!;
  return null;
}

/** Messages from stakeholders after `seen` entries (the unread badge). */
export function unread(entries: readonly ChannelEntry[], seen: number): number {
  return entries.slice(seen).filter((e) => e.kind === 'stakeholder').length;
}

/** Teams paged so far (by their first page), in order: who can be asked for an action. */
export function pagedTeams(events: readonly SimEvent[]): Team[] {
  const out: Team[] = [];
  for (const e of events) {
    const team = e.kind === 'escalate' ? e.data?.team : undefined;
    if (
      typeof team === 'string' &&
      (TEAMS as readonly string[]).includes(team) &&
      !out.includes(team as Team)
    )
      out.push(team as Team);
  }
  return out;
}

/** Templates of a status update; the trainee edits the text before posting. */
export function updateTemplates(scenario: Scenario): { readonly label: string; readonly text: string }[] {
  const what = statusComponents(scenario).join(', ') || 'the service';
  return [
    {
      label: 'Investigating',
      text: `We are investigating errors and slowness on ${what}. Impact: <who is affected>. Next update in 15 minutes.`,
    },
    {
      label: 'Identified',
      text: `Cause identified: <what broke>. We are <fix being applied>. Next update in 15 minutes.`,
    },
    {
      label: 'Mitigated',
      text: `A fix is in place (<what we did>) and ${what} is recovering. We are monitoring.`,
    },
    { label: 'Resolved', text: `${what} is back to normal since <time>. A postmortem will follow.` },
  ];
}

/** The status page text each state starts from. */
export function statusTemplate(
  state: StatusPageState,
  components: readonly string[],
  impact: Impact,
): string {
  const what = components.length ? components.join(', ') : 'some services';
  switch (state) {
    case 'investigating':
      return `We are investigating ${IMPACT_LABELS[impact].toLowerCase()} of ${what}.`;
    case 'identified':
      return `The issue affecting ${what} has been identified and a fix is being implemented.`;
    case 'monitoring':
      return `A fix has been implemented and we are monitoring the results.`;
    case 'resolved':
      return `This incident has been resolved.`;
  }
}

export function statusHeadline(entry: ChannelEntry): string {
  const state = entry.state ? STATUS_PAGE_LABELS[entry.state] : 'Update';
  const impact = entry.impact ? IMPACT_LABELS[entry.impact] : '';
  return `${state}${impact ? ` · ${impact}` : ''}${entry.components ? ` · ${entry.components}` : ''}`;
}
