/**
 * The reference half of docs/authoring-scenarios.md, generated from the zod schema (through its
 * JSON Schema), the engine's fault and action catalogs and the metric catalog, so the docs cannot
 * drift from what the validator and the engine accept. `npm run schema` rewrites the section
 * between the markers; a test fails when it is stale.
 */
import { ACTION_CATALOG } from '../engine/actions';
import type { ParamDoc } from '../engine/catalog-types';
import { FAULT_CATALOG } from '../engine/faults';
import { PROM_FAMILIES } from '../prom/catalog';
import { METRICS } from '../engine/metric-names';
import { buildJsonSchema } from './json-schema';
import { CAUSES } from './causes';
import { OMITTED_KEYWORD, durationText } from './defaults';

export const REFERENCE_BEGIN = '<!-- BEGIN GENERATED REFERENCE (npm run schema) -->';
export const REFERENCE_END = '<!-- END GENERATED REFERENCE -->';

type JsonSchema = Record<string, unknown>;

function props(schema: JsonSchema | undefined): [string, JsonSchema][] {
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties);
}

function isDuration(s: JsonSchema): boolean {
  const any = s.anyOf as JsonSchema[] | undefined;
  return (
    !!any &&
    any.some((a) => a.type === 'string' && typeof a.pattern === 'string' && a.pattern.includes('ms|s|m|h'))
  );
}

/** 1,440 or 0.5; a tiny bound (LIMITS.minPositive) as 1e-9, which toLocaleString shows as 0. */
const num = (n: number): string => (n !== 0 && Math.abs(n) < 1e-3 ? String(n) : n.toLocaleString('en-US'));

/** Every number has a realistic maximum (schema.ts LIMITS); the reference states it. */
function withMax(type: string, s: JsonSchema): string {
  const max = s.maximum;
  if (typeof max !== 'number') return type;
  if (typeof s.minimum === 'number' && s.minimum < 0) return `${type} ${num(s.minimum)} to ${num(max)}`;
  return `${type} ≤ ${num(max)}`;
}

function typeText(s: JsonSchema): string {
  if (isDuration(s)) return 'duration ≤ 24h';
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.enum) && s.enum.length > 8) return 'string (see the table below)';
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonSchema[]).map(typeText).join(' \\| ');
  if (Array.isArray(s.oneOf)) return 'node (one of the kinds below)';
  switch (s.type) {
    case 'array':
      if (Array.isArray(s.items)) return `[${(s.items as JsonSchema[]).map(typeText).join(', ')}]`;
      return `list of ${typeText((s.items ?? {}) as JsonSchema)}`;
    case 'object':
      return s.properties ? 'object' : 'map';
    case 'integer':
      return withMax('integer', s);
    case 'number': {
      const min = s.minimum ?? s.exclusiveMinimum;
      const max = s.maximum;
      if (min === 0 && max === 1) return 'number 0-1';
      if (typeof s.minimum === 'number' && s.minimum > 0 && typeof max === 'number')
        // "1e-9 to 1,440": a hyphen after 1e-9 would read as part of the number.
        return `number ${num(s.minimum)}${s.minimum < 1e-3 ? ' to ' : '-'}${num(max)}`;
      return withMax(s.exclusiveMinimum === 0 ? 'number > 0' : 'number', s);
    }
    default:
      return String(s.type ?? 'any');
  }
}

function defaultText(s: JsonSchema, required: boolean): string {
  if (s.default !== undefined) {
    const d = s.default;
    // As an author writes it: 20ms, 30s, 4h (the JSON Schema holds seconds).
    if (typeof d === 'number' && isDuration(s)) return `\`${durationText(d)}\``;
    // An object's defaults are its fields' own, listed in its table.
    if (d !== null && typeof d === 'object' && !Array.isArray(d) && Object.keys(d).length > 0)
      return "its fields' defaults";
    return `\`${JSON.stringify(d)}\``;
  }
  const omittedText = s[OMITTED_KEYWORD];
  if (typeof omittedText === 'string') return `*${omittedText}*`;
  if (required) return '**required**';
  // An optional list that must not be empty when given has no empty default: absent means something.
  if (s.type === 'array' && !(typeof s.minItems === 'number' && s.minItems > 0)) return '`[]`';
  return '—';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fieldTable(schema: JsonSchema | undefined, skip: readonly string[] = []): string {
  const required = new Set((schema?.required ?? []) as string[]);
  const rows = props(schema)
    .filter(([name]) => !skip.includes(name))
    .map(([name, s]) => {
      const description = typeof s.description === 'string' ? s.description : '';
      return `| \`${name}\` | ${typeText(s)} | ${defaultText(s, required.has(name))} | ${cell(description)} |`;
    });
  return ['| Field | Type | Default | Description |', '|---|---|---|---|', ...rows].join('\n');
}

function paramText(name: string, doc: ParamDoc): string {
  const bits: string[] = [doc.type];
  if (doc.default !== undefined) bits.push(`default \`${JSON.stringify(doc.default)}\``);
  if (doc.required) bits.push('**required**');
  if (doc.min !== undefined && doc.max !== undefined) bits.push(`${doc.min}-${doc.max}`);
  else if (doc.min !== undefined) bits.push(`≥ ${doc.min}`);
  else if (doc.max !== undefined) bits.push(`≤ ${doc.max}`);
  if (doc.oneOf) bits.push(doc.oneOf.map((v) => `\`"${v}"\``).join(' or '));
  return `\`${name}\` (${bits.join(', ')}): ${doc.description}`;
}

function paramsCell(params: Readonly<Record<string, ParamDoc>>): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return '—';
  return cell(entries.map(([name, doc]) => paramText(name, doc)).join('<br>'));
}

function targetsText(kinds: readonly string[]): string {
  return kinds.map((k) => (k === 'edge' ? 'edge `"from->to"`' : `\`${k}\``)).join(', ');
}

/** The generated markdown (without the markers). */
export function referenceMarkdown(): string {
  const schema = buildJsonSchema();
  const top = schema as JsonSchema;
  const p = Object.fromEntries(props(top));
  const item = (name: string) => (p[name]?.items ?? {}) as JsonSchema;
  const nodeKinds = ((item('nodes').oneOf ?? item('nodes').anyOf ?? []) as JsonSchema[]).map((option) => {
    const kind = ((option.properties as Record<string, JsonSchema>).kind?.const as string) ?? '?';
    return { kind, option };
  });
  const out: string[] = [];
  const h = (level: number, text: string) => out.push(`${'#'.repeat(level)} ${text}`, '');
  const para = (text: string) => out.push(text, '');

  h(3, 'Top-level fields');
  para(fieldTable(top, []));

  h(3, 'Node kinds');
  para(
    'Every node has `id` (required, unique; letters, digits, `-`, `_`, `.`), `kind` (required), and optionally `label`, `group` and `position` (`{x, y}` for the topology view). Durations are in seconds when written as numbers. The other fields, per kind:',
  );
  for (const { kind, option } of nodeKinds) {
    h(4, `\`${kind}\``);
    if (typeof option.description === 'string') para(option.description);
    para(fieldTable(option, ['id', 'kind', 'label', 'group', 'position']));
    const nested = props(option).filter(
      ([name, s]) => name !== 'position' && s.type === 'object' && s.properties,
    );
    for (const [name, s] of nested) {
      para(`\`${name}\` (on a \`${kind}\`):`);
      para(fieldTable(s));
    }
  }

  h(3, 'Edges');
  para(fieldTable(item('edges')));
  const cb = props(item('edges')).find(([name]) => name === 'circuitBreaker')?.[1];
  if (cb) {
    para('`circuitBreaker`:');
    para(fieldTable(cb));
  }

  h(3, 'Faults');
  para(fieldTable(item('faults')));
  para('Fault types, what they target, their parameters (`params`) and the actions that end them early:');
  out.push('| Type | Applies to | What it does | Params | Ended by |', '|---|---|---|---|---|');
  for (const doc of Object.values(FAULT_CATALOG)) {
    const cleared = doc.clearedBy.length
      ? doc.clearedBy.map((a) => `\`${a}\``).join(', ')
      : '— (its duration)';
    out.push(
      `| \`${doc.type}\` | ${targetsText(doc.appliesTo)} | ${cell(doc.summary)} | ${paramsCell(doc.params)} | ${cleared} |`,
    );
  }
  out.push('');

  h(3, 'Actions');
  para(fieldTable(item('actions')));
  para(
    "Action types. *Delay* is the default time between the command and its effect (override it with `delay`); a restart, scale-up or rollout then also waits for the target's `coldStart`. *Destructive* actions lose work or capacity on purpose.",
  );
  out.push(
    '| Type | Applies to | Delay | Destructive | What it does | Params |',
    '|---|---|---|---|---|---|',
  );
  for (const doc of Object.values(ACTION_CATALOG)) {
    out.push(
      `| \`${doc.type}\` | ${targetsText(doc.appliesTo)} | ${doc.defaultDelay} s | ${doc.destructive ? 'yes' : 'no'} | ${cell(doc.summary)} | ${paramsCell(doc.params)} |`,
    );
  }
  out.push('');

  const alerting = p.alerting as JsonSchema;
  const sub = (s: JsonSchema | undefined, name: string) =>
    ((s?.properties as Record<string, JsonSchema> | undefined)?.[name] ?? {}) as JsonSchema;
  const groups = sub(alerting, 'groups').items as JsonSchema;
  const rule = sub(groups, 'rules').items as JsonSchema;
  const route = sub(alerting, 'route');
  h(3, 'Alerting');
  para(fieldTable(alerting));
  para('Each rule group (`alerting.groups[]`):');
  para(fieldTable(groups));
  para('Each alerting rule (`rules[]`):');
  para(fieldTable(rule));
  para('`labels`:');
  para(fieldTable(sub(rule, 'labels')));
  para('`annotations`:');
  para(fieldTable(sub(rule, 'annotations')));
  para('`route`:');
  para(fieldTable(route));
  para('Each child route (`route.routes[]`):');
  para(fieldTable(sub(route, 'routes').items as JsonSchema));
  para('Each inhibit rule (`alerting.inhibit_rules[]`):');
  para(fieldTable(sub(alerting, 'inhibit_rules').items as JsonSchema));
  para('Each silence (`alerting.silences[]`):');
  para(fieldTable(sub(alerting, 'silences').items as JsonSchema));
  para(
    'Alert expressions read the Prometheus series of the run (`outage-lab run FILE --format openmetrics` lists them): ' +
      PROM_FAMILIES.filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i)
        .map((f) => `\`${f.type === 'histogram' ? `${f.name}_bucket` : f.name}\``)
        .join(', ') +
      '.',
  );

  h(3, 'Metrics');
  para(
    "The engine's own series, which SLOs, dashboards and version 1 alert expressions read. Every series has a `node` label; edge series also have `to` (the callee). A metric can only be read on the node kinds that record it.",
  );
  out.push('| Metric | Unit | Recorded for | Meaning |', '|---|---|---|---|');
  for (const m of METRICS) {
    out.push(
      `| \`${m.name}\` | ${m.unit} | ${m.kinds.map((k) => `\`${k}\``).join(', ')} | ${cell(m.help)} |`,
    );
  }
  out.push('');

  const objectives = p.objectives as JsonSchema;
  h(3, 'Objectives');
  para(fieldTable(objectives));
  para('Each entry of `slos`:');
  para(fieldTable(((objectives.properties as Record<string, JsonSchema>).slos?.items ?? {}) as JsonSchema));

  h(3, 'Root cause');
  para(fieldTable(p.rootCause));
  para(
    'The cause taxonomy: the trainee declares one of these in every scenario; `causes` lists the ones this scenario accepts.',
  );
  const causeRows = CAUSES.map(
    (c) => `| \`${c.id}\` | ${cell(c.label)} | ${cell(c.group)} | ${cell(c.means)} |`,
  );
  para(['| Cause | Label | Group | Means |', '| --- | --- | --- | --- |', ...causeRows].join('\n'));

  h(3, 'Scoring targets');
  para(fieldTable(p.scoring));

  h(3, 'Hints');
  para(fieldTable(item('hints')));

  h(3, 'Solution steps');
  para(fieldTable(item('solution')));

  h(3, 'Postmortem');
  para(fieldTable(p.postmortem));

  const pace = p.pace as JsonSchema;
  h(3, 'Pace');
  para(
    "Optional: how fast the cascade unfolds in the public incident the scenario is based on. The built-ins' tests run each scenario without a response and check that the time from the first symptom to the first page, and from that page to the full outage, fall within these ranges.",
  );
  para(fieldTable(pace));
  para('`symptom` and `outage`:');
  para(fieldTable(((pace.properties as Record<string, JsonSchema>).symptom ?? {}) as JsonSchema));

  // Incident communication (simulator/scenario/communication.ts): optional, in its own section.
  const comms = p.communication as JsonSchema;
  const commsProps = (comms.properties ?? {}) as Record<string, JsonSchema>;
  h(3, 'Communication');
  para(
    'Optional: the incident channel\'s stakeholders and their scripted messages, and the communication targets. See "Incident communication" above.',
  );
  para(fieldTable(comms));
  para('Each entry of `stakeholders`:');
  para(fieldTable((commsProps.stakeholders?.items ?? {}) as JsonSchema));
  para('Each entry of `messages` (exactly one of `at`, `when`, `silence`):');
  const message = (commsProps.messages?.items ?? {}) as JsonSchema;
  para(fieldTable(message));
  para('`when`:');
  para(fieldTable(((message.properties as Record<string, JsonSchema>).when ?? {}) as JsonSchema));
  para('Each entry of `deploys`:');
  para(fieldTable((commsProps.deploys?.items ?? {}) as JsonSchema));

  h(3, 'Runbooks');
  para('Optional: runbook pages shipped with the scenario. See "Runbooks" above.');
  para(fieldTable(item('runbooks')));

  const panel = item('panels');
  const panelProps = (panel.properties ?? {}) as Record<string, JsonSchema>;
  h(3, 'Panels');
  para('Optional: dashboard panels written as PromQL. See "Dashboard panels" above.');
  para(fieldTable(panel));
  para('Each entry of `queries`:');
  para(fieldTable((panelProps.queries?.items ?? {}) as JsonSchema));
  para('Each entry of `thresholds`:');
  para(fieldTable((panelProps.thresholds?.items ?? {}) as JsonSchema));

  return out.join('\n').trimEnd();
}

/** Replaces the generated section of the doc; returns the text unchanged when the markers are missing. */
export function withReference(doc: string): string {
  const begin = doc.indexOf(REFERENCE_BEGIN);
  const end = doc.indexOf(REFERENCE_END);
  if (begin < 0 || end < begin) return doc;
  return `${doc.slice(0, begin + REFERENCE_BEGIN.length)}\n\n${referenceMarkdown()}\n\n${doc.slice(end)}`;
}
