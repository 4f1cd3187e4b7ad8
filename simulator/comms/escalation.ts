/**
 * Paged teams in the engine (issue 17 item 4). A `page` makes the team's responder join the
 * incident channel `joinAfter` later and post what it sees in its domain, read from the engine at
 * that moment (responder-report.ts), then the scenario's scripted lines for it. An `ask` has the
 * responder run a catalog action on a node of its domain `actAfter` after the request (or after it
 * joins, whichever is later); the action goes through `Simulation.apply` like the trainee's own, so
 * the score counts it, tagged `data.by` with the team.
 *
 * `schedule` is the one rule for when things happen, shared with the score's counterfactual
 * replays (which must order an asked action by when it ran, not when it was asked). The director
 * allocates only when a responder posts or acts, never on a quiet tick.
 */
import type { ActionCommand, ActionResult, SimEvent } from '../engine/api';
import { ACTION_CATALOG } from '../engine/actions';
import { communicationOf } from './cast';
import { TEAM_CATALOG, TEAMS, teamSettings, type Team, type TeamSettings } from '../scenario/escalation';
import type { ActionType, Scenario } from '../scenario/schema';
import { formatDuration } from '../scenario/duration';
import type { RunStep } from '../runs/record';

const EPS = 1e-9;

/** The first tick at or after `t` (steps apply there). */
export function onTick(t: number, tickSeconds: number): number {
  return Math.ceil(t / tickSeconds - EPS) * tickSeconds;
}

export function settingsOf(scenario: Scenario): Readonly<Record<Team, TeamSettings>> {
  const section = communicationOf(scenario).escalation;
  return Object.fromEntries(TEAMS.map((t) => [t, teamSettings(section, t)])) as Record<Team, TeamSettings>;
}

/**
 * Why a team cannot do this action on this target (undefined: it can): the action must apply to
 * the target's kind, and the target must be in the team's domain. Pure, for the parser too.
 */
export function outsideDomain(
  scenario: Scenario,
  team: Team,
  type: ActionType,
  target: string,
): string | undefined {
  const info = TEAM_CATALOG[team];
  const doc = ACTION_CATALOG[type];
  if (!doc) return `unknown action "${type}"`;
  const edge = /^([^>]+)->(.+)$/.exec(target);
  const kind = edge ? 'edge' : scenario.nodes.find((n) => n.id === target)?.kind;
  if (kind === undefined) return `there is no node "${target}" in this system`;
  const mine = Object.keys(ACTION_CATALOG).filter((a) =>
    ACTION_CATALOG[a as ActionType].appliesTo.some((k) => info.kinds.includes(k)),
  );
  if (mine.length === 0)
    return `${info.label} takes no actions in your system; they can only report what they see`;
  if (!info.kinds.includes(kind))
    return `${target} is ${kind === 'edge' ? 'a call' : `a ${kind}`}, outside ${info.label}'s domain (${info.kinds.join(', ')})`;
  if (!doc.appliesTo.includes(kind))
    return `${type} does not apply to ${target} (${doc.appliesTo.join(', ')})`;
  return undefined;
}

/**
 * When each team joins (its first page + joinAfter) and when each accepted ask runs, from the
 * steps alone. `asks[i]` is undefined for an ask the director refuses (not paged yet, outside the
 * domain). Times are on ticks, as the engine applies them.
 */
export function schedule(
  scenario: Scenario,
  steps: readonly RunStep[],
): { joins: Partial<Record<Team, number>>; asks: (number | undefined)[] } {
  const settings = settingsOf(scenario);
  const dt = scenario.tickSeconds;
  const joins: Partial<Record<Team, number>> = {};
  const pagedAt: Partial<Record<Team, number>> = {};
  const asks: (number | undefined)[] = [];
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  for (const { s } of ordered) {
    const t = onTick(s.at, dt);
    if (s.kind === 'escalate') {
      if (pagedAt[s.team] === undefined) {
        pagedAt[s.team] = t;
        joins[s.team] = onTick(t + settings[s.team].joinAfter, dt);
      }
    }
  }
  for (const s of steps) {
    if (s.kind !== 'ask') continue;
    const t = onTick(s.at, dt);
    const paged = pagedAt[s.team];
    if (paged === undefined || paged > t + EPS || outsideDomain(scenario, s.team, s.type, s.target)) {
      asks.push(undefined);
      continue;
    }
    asks.push(onTick(Math.max(t, joins[s.team]!) + settings[s.team].actAfter, dt));
  }
  return { joins, asks };
}

export interface EscalationHost {
  readonly scenario: Scenario;
  readonly time: number;
  readonly tickSeconds: number;
  /** Puts an event on the timeline at the current time. */
  push(event: Omit<SimEvent, 't'>): void;
  /** Applies the action as the trainee's would be, its `action` event tagged `data.by: team`. */
  apply(command: ActionCommand, team: Team): ActionResult;
  /** The responder's report (responder-report.ts), read now. */
  report(team: Team): string;
}

interface PendingAsk {
  readonly due: number;
  readonly team: Team;
  readonly command: ActionCommand;
}

export class EscalationDirector {
  private readonly settings: Readonly<Record<Team, TeamSettings>>;
  /** Per team (TEAMS order): when it joins (NaN: not paged), whether it has. */
  private readonly joinAt = new Float64Array(TEAMS.length).fill(NaN);
  private readonly joined = new Uint8Array(TEAMS.length);
  private readonly pending: PendingAsk[] = [];

  constructor(private readonly host: EscalationHost) {
    this.settings = settingsOf(host.scenario);
  }

  /** The trainee pages a team; the responder joins `joinAfter` later (once, however often paged). */
  page(team: Team, text: string): ActionResult {
    const k = TEAMS.indexOf(team);
    const info = TEAM_CATALOG[team];
    const s = this.settings[team];
    const first = Number.isNaN(this.joinAt[k]!);
    if (first) this.joinAt[k] = onTick(this.host.time + s.joinAfter, this.host.tickSeconds);
    const message = first
      ? `Paged ${info.handle}: ${s.name} usually joins within ${formatDuration(s.joinAfter)}.`
      : `Paged ${info.handle} again${this.joined[k] ? '' : ` (they are on their way)`}.`;
    this.host.push({
      kind: 'escalate',
      text: text ? `Paged ${info.handle}: ${text}` : `Paged ${info.handle}`,
      hidden: false,
      data: { team, handle: info.handle, text, repeat: !first },
    });
    return { ok: true, message, effectiveAt: this.joinAt[k]! };
  }

  /** The trainee asks a paged team to take an action of its domain. */
  ask(team: Team, command: ActionCommand): ActionResult {
    const k = TEAMS.indexOf(team);
    const info = TEAM_CATALOG[team];
    const line = `${command.type} ${command.target}`;
    const refuse = (why: string): ActionResult => {
      this.host.push({
        kind: 'ask',
        text: `Asked ${info.handle} to ${line}: refused, ${why}`,
        hidden: false,
        data: { team, type: command.type, target: command.target, ok: false },
      });
      return { ok: false, message: `Cannot ask ${info.handle}: ${why}.` };
    };
    if (Number.isNaN(this.joinAt[k]!)) return refuse(`page them first (page ${info.handle} "...")`);
    const outside = outsideDomain(this.host.scenario, team, command.type, command.target);
    if (outside) return refuse(outside);
    const s = this.settings[team];
    const due = onTick(Math.max(this.host.time, this.joinAt[k]!) + s.actAfter, this.host.tickSeconds);
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.due > due) i--;
    this.pending.splice(i, 0, { due, team, command });
    this.host.push({
      kind: 'ask',
      text: `Asked ${info.handle} to ${line}`,
      hidden: false,
      data: { team, type: command.type, target: command.target, due, ...(command.params ?? {}) },
    });
    const when = this.joined[k]
      ? `in ${formatDuration(due - this.host.time)}`
      : `once they join, around T+${formatDuration(due)}`;
    return { ok: true, message: `${s.name} will ${line} ${when}.`, effectiveAt: due };
  }

  /** One tick at time `t`, before the engine's passes (as the actions the trainee scheduled). */
  evaluate(t: number): void {
    for (let k = 0; k < TEAMS.length; k++) {
      if (this.joined[k] || !(this.joinAt[k]! <= t + EPS)) continue;
      this.joined[k] = 1;
      this.join(TEAMS[k]!);
    }
    while (this.pending.length > 0 && this.pending[0]!.due <= t + EPS) this.act(this.pending.shift()!);
  }

  private say(team: Team, text: string, extra: Record<string, string | number | boolean> = {}): void {
    const s = this.settings[team];
    this.host.push({
      kind: 'message',
      text,
      hidden: false,
      data: { from: TEAM_CATALOG[team].handle, name: s.name, role: 'responder', team, ...extra },
    });
  }

  private join(team: Team): void {
    this.say(team, this.host.report(team), { report: true });
    for (const line of this.settings[team].lines) this.say(team, line);
  }

  private act(p: PendingAsk): void {
    const result = this.host.apply(p.command, p.team);
    const line = `${p.command.type} ${p.command.target}`;
    this.say(p.team, result.ok ? `Done: ${result.message}` : `I could not ${line}: ${result.message}`, {
      action: p.command.type,
      target: p.command.target,
      ok: result.ok,
    });
  }
}
