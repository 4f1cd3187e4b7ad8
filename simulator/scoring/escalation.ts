/**
 * The escalation rule of conduct (formula 6, docs/scoring.md "Escalation"): paging another team is
 * good conduct when the incident touches its domain and it is done early; paging teams whose
 * domain the incident does not touch ("page everyone and see") is not.
 *
 * - each team paged whose domain is not involved costs `PENALTIES.needlessPage` (once per team,
 *   however often it is paged);
 * - paging an involved team within the scenario's diagnose target from the incident start, and
 *   before the SLOs held again, earns `ESCALATION_CREDIT` back against other conduct deductions
 *   (conduct never goes above its maximum).
 *
 * Which teams are involved comes from the root cause (scenario/escalation.ts `involvedTeams`), or
 * the author's `communication.escalation.<team>.involved`.
 */
import type { SimEvent } from '../engine/api';
import { communicationOf } from '../comms/cast';
import { rootCauseFacts } from '../comms/escalation-facts';
import { involvedTeams, TEAM_CATALOG, TEAMS, type Team } from '../scenario/escalation';
import type { Scenario } from '../scenario/schema';
import { at } from './format';

/** Points given back for an early page of an involved team (one per run). */
export const ESCALATION_CREDIT = 1;

export interface EscalationNote {
  readonly team: Team;
  /** The team's first page. */
  readonly at: number;
  readonly involved: boolean;
  /** Involved and paged within the diagnose target, before the recovery. */
  readonly early: boolean;
}

const EPS = 1e-9;

function isTeam(v: unknown): v is Team {
  return typeof v === 'string' && (TEAMS as readonly string[]).includes(v);
}

export function escalationNotes(
  scenario: Scenario,
  events: readonly SimEvent[],
  incidentStart: number,
  recoveredAt: number | null,
): EscalationNote[] {
  const involved = involvedTeams(rootCauseFacts(scenario), communicationOf(scenario).escalation);
  const notes: EscalationNote[] = [];
  for (const e of events) {
    if (e.kind !== 'escalate' || !isTeam(e.data?.team)) continue;
    const team = e.data.team;
    if (notes.some((n) => n.team === team)) continue;
    const isInvolved = involved.includes(team);
    const early =
      isInvolved &&
      e.t - incidentStart <= scenario.scoring.diagnose + EPS &&
      (recoveredAt === null || e.t < recoveredAt - EPS);
    notes.push({ team, at: e.t, involved: isInvolved, early });
  }
  return notes;
}

/** The conduct line's words for the escalations (empty when nobody was paged). */
export function escalationText(notes: readonly EscalationNote[], penalty: number): string[] {
  const out: string[] = [];
  const needless = notes.filter((n) => !n.involved);
  if (needless.length)
    out.push(
      `paged ${needless.length === 1 ? 'a team' : `${needless.length} teams`} whose domain the incident did not touch (${needless
        .map((n) => `${TEAM_CATALOG[n.team].handle} at ${at(n.at)}`)
        .join(', ')}, -${penalty} each)`,
    );
  return out;
}
