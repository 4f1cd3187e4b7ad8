/**
 * Escalation (issue 17 item 4): the other teams the trainee can page from the console, as one
 * catalog the schema, the engine's responders, the command parser, the score and the console read.
 * A team owns a domain (node kinds, and causes from the one taxonomy in causes.ts); its responder
 * joins the incident channel some minutes after the page, reports what it sees in that domain, and
 * takes the catalog actions on nodes of that domain when asked.
 *
 * The scenario's optional `communication.escalation` section sets each team's delays and may add
 * scripted lines or say whether the team's domain is involved (by default derived from the root
 * cause, `involvedTeams`).
 */
import { z } from 'zod';
import { omitted } from './defaults';
import type { NodeKind } from './node-kinds';

export const TEAMS = ['database', 'network', 'platform', 'vendor'] as const;
export type Team = (typeof TEAMS)[number];

export interface TeamInfo {
  /** What the trainee types: `page database-oncall "..."`. */
  readonly handle: string;
  readonly label: string;
  /** The responder's name in the channel (a scenario may rename it). */
  readonly responder: string;
  /** The node kinds of its domain ('edge': the calls between services); it acts only on these. */
  readonly kinds: readonly (NodeKind | 'edge')[];
  /** Causes (causes.ts) that involve the team even when the root-cause node is outside its kinds. */
  readonly causes: readonly string[];
  /** Default seconds from the page to the responder joining, and from a request to the action. */
  readonly joinAfter: number;
  readonly actAfter: number;
}

export const TEAM_CATALOG: Readonly<Record<Team, TeamInfo>> = {
  database: {
    handle: 'database-oncall',
    label: 'Database on-call',
    responder: 'Jordan (DBA on-call)',
    kinds: ['database', 'cache', 'queue'],
    causes: ['slow-queries'],
    joinAfter: 300,
    actAfter: 120,
  },
  network: {
    handle: 'network-oncall',
    label: 'Network on-call',
    responder: 'Kim (Network on-call)',
    kinds: ['loadbalancer', 'dns', 'edge'],
    causes: ['dns', 'network', 'file-descriptors', 'certificate'],
    joinAfter: 480,
    actAfter: 180,
  },
  platform: {
    handle: 'platform-oncall',
    label: 'Platform on-call',
    responder: 'Rui (Platform on-call)',
    kinds: ['service'],
    causes: ['memory', 'cpu', 'autoscaling', 'health-check', 'noisy-neighbour'],
    joinAfter: 240,
    actAfter: 120,
  },
  vendor: {
    handle: 'vendor-support',
    label: "The vendor's support",
    responder: 'Vendor support',
    kinds: ['external'],
    causes: ['third-party'],
    joinAfter: 900,
    actAfter: 600,
  },
};

/** Reads a team from its id or handle ("database" or "database-oncall"); undefined otherwise. */
export function teamOf(word: string): Team | undefined {
  return TEAMS.find((t) => t === word || TEAM_CATALOG[t].handle === word);
}

/** The handles a trainee can type, for completion and error messages. */
export const TEAM_HANDLES: readonly string[] = TEAMS.map((t) => TEAM_CATALOG[t].handle);

interface Primitives {
  readonly duration: z.ZodType<number, unknown>;
}

export function escalationSchema({ duration }: Primitives) {
  // One shape per team, so the JSON Schema shows that team's own delays as defaults.
  const teamSchema = (t: Team) =>
    z.strictObject({
      name: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .describe('The responder as the channel shows it.')
        .meta({ default: TEAM_CATALOG[t].responder }),
      joinAfter: duration
        .optional()
        .describe('From the page to the responder joining the channel (default per team).')
        .meta({ default: TEAM_CATALOG[t].joinAfter }),
      actAfter: duration
        .optional()
        .describe('From a request (`ask`) to the action taking place, once joined (default per team).')
        .meta({ default: TEAM_CATALOG[t].actAfter }),
      involved: z
        .boolean()
        .optional()
        .describe(
          "Whether the incident touches this team's domain (the score's escalation rule); default: derived from the root cause.",
        )
        .meta(omitted('derived from the root cause')),
      lines: z
        .array(z.string().min(1).max(1000))
        .max(10)
        .default([])
        .describe('Scripted lines the responder posts after its report, e.g. what their own tools show.'),
    });
  const shape = Object.fromEntries(TEAMS.map((t) => [t, teamSchema(t).optional()])) as Record<
    Team,
    z.ZodOptional<ReturnType<typeof teamSchema>>
  >;
  return z
    .strictObject(shape)
    .default({})
    .describe(
      'Teams the trainee can page (database, network, platform, vendor): per team, its delays, scripted lines and whether the incident involves it.',
    );
}

export type Escalation = z.output<ReturnType<typeof escalationSchema>>;
export type EscalationTeam = NonNullable<Escalation[Team]>;

/** A team's settings with the catalog's defaults filled in. */
export interface TeamSettings {
  readonly team: Team;
  readonly name: string;
  readonly joinAfter: number;
  readonly actAfter: number;
  readonly lines: readonly string[];
}

export function teamSettings(escalation: Escalation | undefined, team: Team): TeamSettings {
  const authored = escalation?.[team];
  const info = TEAM_CATALOG[team];
  return {
    team,
    name: authored?.name ?? info.responder,
    joinAfter: authored?.joinAfter ?? info.joinAfter,
    actAfter: authored?.actAfter ?? info.actAfter,
    lines: authored?.lines ?? [],
  };
}

/** What involvement is derived from: the root cause's node kinds (its own node first) and causes. */
export interface RootCauseFacts {
  readonly kinds: readonly NodeKind[];
  readonly causes: readonly string[];
}

/**
 * The teams whose domain the incident touches: a root-cause node of a kind the team owns, or a
 * cause the team owns (platform's only where the root cause is not a data store), unless the
 * author says otherwise per team.
 */
export function involvedTeams(facts: RootCauseFacts, escalation?: Escalation): Team[] {
  const primary = facts.kinds[0];
  const dataStore = primary !== undefined && TEAM_CATALOG.database.kinds.includes(primary);
  return TEAMS.filter((team) => {
    const authored = escalation?.[team]?.involved;
    if (authored !== undefined) return authored;
    const info = TEAM_CATALOG[team];
    if (facts.kinds.some((k) => info.kinds.includes(k)) && team !== 'platform') return true;
    if (team === 'platform' && dataStore) return false;
    return facts.causes.some((c) => info.causes.includes(c));
  });
}
