/**
 * The escalation commands of the console's command line (issue 17 item 4):
 *
 *   page TEAM ["what you tell them"]        e.g. page database-oncall "checkout errors, suspect orders-db"
 *   ask TEAM ACTION TARGET [name=value ...]  e.g. ask database-oncall kill-queries orders-db
 *
 * TEAM is a handle (database-oncall, network-oncall, platform-oncall, vendor-support) or a team id;
 * ACTION a catalog action type, TARGET a node or a call ("from->to") of the team's domain. Pure:
 * the result is the run step to send, or one sentence saying what is wrong with suggestions.
 */
import { ACTION_CATALOG } from '../engine/actions';
import { outsideDomain } from '../comms/escalation';
import { TEAM_CATALOG, TEAM_HANDLES, teamOf, type Team } from '../scenario/escalation';
import { ACTION_TYPES, type ActionType, type Scenario } from '../scenario/schema';
import { closest } from '../scenario/suggest';
import { tokenize } from '../shell/tokenize';

export const ESCALATION_TOOLS = ['page', 'ask'] as const;

export type EscalationRequest =
  | { readonly kind: 'escalate'; readonly team: Team; readonly text: string }
  | {
      readonly kind: 'ask';
      readonly team: Team;
      readonly type: ActionType;
      readonly target: string;
      readonly params?: Readonly<Record<string, string | number | boolean>>;
    };

export type EscalationParse =
  | { readonly ok: true; readonly step: EscalationRequest; readonly canonical: string }
  | { readonly ok: false; readonly error: string; readonly suggestions?: readonly string[] };

export const isEscalationLine = (line: string): boolean =>
  (ESCALATION_TOOLS as readonly string[]).includes(line.trimStart().split(/\s+/)[0] ?? '');

/** The actions a team can take in this system, as `ask` lines (one per action and target). */
export function teamActions(scenario: Scenario, team: Team): string[] {
  const targets = [...scenario.nodes.map((n) => n.id), ...scenario.edges.map((e) => `${e.from}->${e.to}`)];
  const out: string[] = [];
  for (const type of ACTION_TYPES) {
    const doc = ACTION_CATALOG[type];
    for (const target of targets) {
      if (outsideDomain(scenario, team, type, target)) continue;
      const required = Object.entries(doc.params)
        .filter(([, p]) => p.required)
        .map(([name]) => ` ${name}=`);
      out.push(`${TEAM_CATALOG[team].handle} ${type} ${target}${required.join('')}`);
    }
  }
  return out;
}

function value(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

const quote = (text: string) => `"${text.replace(/(["\\])/g, '\\$1')}"`;

export function parseEscalationCommand(line: string, scenario: Scenario): EscalationParse {
  const tokens = tokenize(line);
  if (!tokens.ok) return { ok: false, error: tokens.error };
  const [tool, handle, ...rest] = tokens.words;
  if (tool !== 'page' && tool !== 'ask')
    return { ok: false, error: 'escalation commands are page and ask', suggestions: ['page ', 'ask '] };
  if (handle === undefined)
    return {
      ok: false,
      error: `${tool}: which team? ${TEAM_HANDLES.join(', ')}`,
      suggestions: TEAM_HANDLES.map((h) => `${tool} ${h} `),
    };
  const team = teamOf(handle);
  if (!team) {
    const near = closest(handle, TEAM_HANDLES);
    return {
      ok: false,
      error: `${tool}: no team "${handle}"${near ? ` (did you mean ${near}?)` : ''}; teams: ${TEAM_HANDLES.join(', ')}`,
      suggestions: near ? [`${tool} ${near} `] : TEAM_HANDLES.map((h) => `${tool} ${h} `),
    };
  }
  const h = TEAM_CATALOG[team].handle;
  if (tool === 'page') {
    const text = rest.join(' ').trim().slice(0, 2000);
    return {
      ok: true,
      step: { kind: 'escalate', team, text },
      canonical: `page ${h}${text ? ` ${quote(text)}` : ''}`,
    };
  }
  const mine = teamActions(scenario, team);
  const [type, target, ...assignments] = rest;
  if (type === undefined || !(ACTION_TYPES as readonly string[]).includes(type)) {
    const near = type === undefined ? undefined : closest(type, ACTION_TYPES);
    return {
      ok: false,
      error:
        type === undefined
          ? `ask ${h}: which action? e.g. ${mine[0] ? `ask ${mine[0]}` : `${TEAM_CATALOG[team].label} takes no actions`}`
          : `ask ${h}: unknown action "${type}"${near ? ` (did you mean ${near}?)` : ''}`,
      suggestions: mine.slice(0, 6).map((m) => `ask ${m}`),
    };
  }
  const action = type as ActionType;
  if (target === undefined)
    return {
      ok: false,
      error: `ask ${h} ${action}: on which node?`,
      suggestions: mine.filter((m) => m.split(' ')[1] === action).map((m) => `ask ${m}`),
    };
  const why = outsideDomain(scenario, team, action, target);
  if (why)
    return { ok: false, error: `ask ${h}: ${why}`, suggestions: mine.slice(0, 6).map((m) => `ask ${m}`) };
  const params: Record<string, string | number | boolean> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) return { ok: false, error: `ask ${h} ${action}: "${a}" is not name=value` };
    params[a.slice(0, eq)] = value(a.slice(eq + 1));
  }
  const has = Object.keys(params).length > 0;
  return {
    ok: true,
    step: { kind: 'ask', team, type: action, target, ...(has ? { params } : {}) },
    canonical: `ask ${h} ${action} ${target}${assignments.length ? ` ${assignments.join(' ')}` : ''}`,
  };
}

/** Completions of a partly typed page or ask line (the next word). */
export function completeEscalationCommand(line: string, scenario: Scenario, limit = 30): string[] {
  const words = line.trimStart().split(/\s+/);
  const tool = words[0];
  if (words.length === 1)
    return ESCALATION_TOOLS.filter((t) => t.startsWith(tool ?? '') && t !== tool).map((t) => `${t} `);
  if (tool !== 'page' && tool !== 'ask') return [];
  if (words.length === 2)
    return TEAM_HANDLES.filter((h) => h.startsWith(words[1]!) && h !== words[1]).map((h) => `${tool} ${h} `);
  if (tool === 'page') return [];
  const team = teamOf(words[1]!);
  if (!team) return [];
  const typed = words.slice(1).join(' ');
  return teamActions(scenario, team)
    .filter((m) => m.startsWith(typed) && m !== typed)
    .slice(0, limit)
    .map((m) => `ask ${m}`);
}
