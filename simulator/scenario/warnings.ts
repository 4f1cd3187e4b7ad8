/**
 * Warnings on a valid scenario: configurations that validate but are almost always a mistake,
 * each with its JSON path. They never block a file (the app and the CLI show them beside the
 * errors); simulator/check/baseline.ts adds the ones that need the engine (a service over
 * capacity at baseline, an alert that fires without any fault). Static here: an alert whose
 * `for` outlasts the scenario.
 */
import { durationText } from './defaults';
import type { ScenarioError } from './validate';
import type { Scenario } from './schema';

export type ScenarioWarning = ScenarioError;

/** Faults that bring their own traffic or act without any (a leak fills memory regardless). */
const TRAFFIC_FREE_FAULTS = new Set(['dns-flood', 'traffic-spike', 'memory-leak']);

/** Words that say nothing about a cause, ignored when matching a category against the text. */
const STOPWORDS = new Set([
  'about',
  'after',
  'their',
  'there',
  'these',
  'those',
  'which',
  'while',
  'within',
  'every',
  'under',
  'until',
  'where',
  'takes',
]);

/** Nodes some client's traffic reaches: along edges, from a queue to its consumers. */
export function reachedNodes(scenario: Scenario): Set<string> {
  const out = new Map<string, string[]>();
  const link = (a: string, b: string) => (out.get(a) ?? out.set(a, []).get(a)!).push(b);
  for (const e of scenario.edges) {
    link(e.from, e.to);
    if (e.dns) link(e.from, e.dns);
  }
  for (const n of scenario.nodes) if (n.kind === 'queue') for (const c of n.consumers) link(n.id, c);
  const seen = new Set<string>();
  const stack = scenario.nodes.filter((n) => n.kind === 'client').map((n) => n.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  return seen;
}

/**
 * The significant words of a root-cause category, as 5-letter stems ("throttle" -> "throt"):
 * long enough to mean something, not a stopword, and not a word of a node id (a sentence about
 * `sms-workers` says "workers" without giving anything away).
 */
function categoryStems(category: string, nodeWords: ReadonlySet<string>): string[] {
  const stems = category
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 5 && !STOPWORDS.has(w) && !nodeWords.has(w))
    .map((w) => w.slice(0, 5));
  return [...new Set(stems)];
}

function namesNode(text: string, id: string): boolean {
  const escaped = id.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9-])${escaped}($|[^a-z0-9-])`).test(text.toLowerCase());
}

export function scenarioWarnings(scenario: Scenario): ScenarioWarning[] {
  const warnings: ScenarioWarning[] = [];
  const reached = reachedNodes(scenario);
  const byId = new Map(scenario.nodes.map((n) => [n.id, n]));

  scenario.nodes.forEach((n, i) => {
    if (n.kind !== 'service' || n.autoscaler?.metric !== 'queue_depth') return;
    const consumes = scenario.nodes.some((q) => q.kind === 'queue' && q.consumers.includes(n.id));
    if (!consumes)
      warnings.push({
        path: `nodes[${i}].autoscaler.metric`,
        message: `'${n.id}' consumes no queue, so a queue_depth autoscaler never sees a backlog and never scales (list it in a queue's consumers, or scale on cpu, latency_p99 or inflight)`,
      });
  });

  // Even a condition true from t = 0 fires only after `for`: at or past the end it never does.
  scenario.alerting.groups.forEach((group, g) =>
    group.rules.forEach((rule, r) => {
      if (rule.for < scenario.duration) return;
      warnings.push({
        path: `alerting.groups[${g}].rules[${r}].for`,
        message: `'${rule.alert}' must hold for ${durationText(rule.for)} before it fires, but the scenario lasts ${durationText(scenario.duration)}: it can never fire; shorten its for or lengthen the scenario`,
      });
    }),
  );

  scenario.faults.forEach((f, i) => {
    if (TRAFFIC_FREE_FAULTS.has(f.type)) return;
    const node = f.target.includes('->') ? f.target.split('->')[0]! : f.target;
    if (byId.has(node) && !reached.has(node))
      warnings.push({
        path: `faults[${i}].target`,
        message: `no client's traffic reaches '${node}' (no path of edges from a client), so this ${f.type} fault changes nothing a trainee can see`,
      });
  });

  // A scenario's own list of choices tends to word the right one as the answer ("slow dependency
  // drains the queue too slowly"); the taxonomy is the same list in every scenario.
  if (!scenario.rootCause.causes) {
    warnings.push({
      path: 'rootCause',
      message:
        'the trainee chooses from this scenario\'s own categories, whose wording can give the answer away; map the cause onto the taxonomy with "causes" (e.g. ["slow-queries"]) instead',
    });
  }

  // Nothing before the run may give the answer away: a sentence of the card or the briefing that
  // names the root-cause node together with the words of its category (two of them, or the one a
  // short category has). Describing the system around the node is fine.
  const nodeWords = new Set(scenario.nodes.flatMap((n) => n.id.toLowerCase().split(/[^a-z0-9]+/)));
  const stems = categoryStems(scenario.rootCause.category, nodeWords);
  const needed = Math.min(2, stems.length);
  for (const field of ['title', 'summary', 'briefing'] as const) {
    const text = scenario[field];
    if (!text || needed === 0) continue;
    for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
      if (!namesNode(sentence, scenario.rootCause.node)) continue;
      const words = sentence.toLowerCase().split(/[^a-z0-9]+/);
      const hits = [...new Set(words.filter((w) => w.length >= 5 && stems.includes(w.slice(0, 5))))];
      const distinct = new Set(hits.map((w) => w.slice(0, 5)));
      if (distinct.size < needed) continue;
      warnings.push({
        path: field,
        message: `names the root-cause node '${scenario.rootCause.node}' together with ${hits.map((w) => `'${w}'`).join(' and ')} from its category ("${scenario.rootCause.category}"): the trainee reads it before the run, so it gives the diagnosis away`,
      });
      break;
    }
  }
  return warnings;
}
