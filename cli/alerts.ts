/**
 * `outage-lab alerts check RULES.yml [--scenario FILE ... | --all] [--map MAPPING] [--json]`:
 * would a team's Prometheus alerting rules have caught each scenario's incident? Each scenario is
 * played headless (simulator/coverage), and the report says per scenario which alerts fired and
 * when, the delay after the hidden fault onset, whether a page fired before the SLO broke, and the
 * rules that never fired or flapped. Exit 0 when every scenario got its page in time, 1 when one
 * did not or an input is invalid, 2 on usage errors.
 * `outage-lab alerts export FILE`: the scenario's own alerting rules as a Prometheus rule file.
 */
import { prometheusRuleFile } from '../simulator/alerting/export';
import { checkScenarioAlerts } from '../simulator/coverage/check-scenario';
import { parseMapping, type MetricMapping } from '../simulator/coverage/mapping';
import { parseRuleFile, type RuleGroup } from '../simulator/coverage/rule-file';
import { DEFAULT_EVALUATION_MS } from '../simulator/coverage/run-rules';
import { FLAP_FIRINGS, PAGE_SEVERITIES, type ScenarioCoverage } from '../simulator/coverage/summarize';
import { formatDuration, parseDuration } from '../simulator/scenario/duration';
import type { Scenario } from '../simulator/scenario/schema';
import { parseCommandArgs, type Io } from './args';
import { builtinFiles } from './check';
import { readInputFile } from './read-input';

export const ALERTS_USAGE = `Usage: outage-lab alerts check RULES.yml [--scenario FILE ... | --all] [options]
       outage-lab alerts export FILE

export prints the alerting rules of scenario FILE as a Prometheus rule file (YAML), which
\`promtool check rules\` accepts and Prometheus loads.


Would our alerts have caught it? Evaluates a Prometheus rule file (groups of alerting and
recording rules, or a PrometheusRule object) against scenarios, headless. Each scenario runs
with no response for its duration (and with its scripted solution, to see the alerts resolve);
its metrics are read as Prometheus would have scraped them, and every group is evaluated at its
interval as Prometheus's rule manager does.
  --scenario FILE      a scenario file (repeat for several)
  --all                every built-in scenario
  --map FILE           YAML or JSON mapping of your names to ours:
                       metrics: {your_metric: our_metric}, labels: {your_label: our_label}
  --interval D         evaluation interval of groups without one (default 1m)
  --scrape-interval D  seconds between samples of the metrics (default 15s)
  --json               print the report as JSON
A page is an alert whose severity label is one of (any case):
  ${PAGE_SEVERITIES.join(', ')}.
An alert detects the incident when it went pending at or after the fault onset; a rule flaps
when one of its alerts fires ${FLAP_FIRINGS} separate times or more.
Exit codes: 0 every scenario got a page before its SLO broke (or no SLO broke), 1 a scenario was
missed or an input file is invalid, 2 usage error.`;

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  return `T+${mm}:${String(s % 60).padStart(2, '0')}`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, k) => c.padEnd(widths[k]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}

/** What tells one alert of a rule from another: its labels but the name, severity and scrape job. */
function distinctLabels(labels: Readonly<Record<string, string>>): string {
  const common = new Set(['alertname', 'severity', 'namespace', 'job']);
  const shown = Object.entries(labels).filter(([k]) => !common.has(k));
  return shown.length ? shown.map(([k, v]) => `${k}=${v}`).join(',') : '-';
}

export function formatAlertsReport(reports: readonly ScenarioCoverage[]): string {
  const out = table(
    ['SCENARIO', 'ONSET', 'SLO BROKE', 'FIRST PAGE', 'VERDICT'],
    reports.map((r) => [
      r.scenario,
      clock(r.onset),
      r.sloBroken === null ? '-' : clock(r.sloBroken),
      r.firstPage ? `${clock(r.firstPage.at)} ${r.firstPage.alert}` : '-',
      r.verdict,
    ]),
  );
  for (const r of reports) {
    out.push('', `${r.scenario}: ${r.verdict}`);
    if (r.fired.length) {
      out.push(
        ...table(
          ['ALERT', 'SEVERITY', 'FIRST FIRING', 'AFTER ONSET', 'ON', 'FIRINGS', 'AFTER FIX'],
          r.fired.map((f) => [
            f.alert,
            (f.severity || '-') + (f.page ? ' (page)' : ''),
            clock(f.firstFiring),
            f.detectionDelay === null ? 'before onset' : formatDuration(f.detectionDelay),
            distinctLabels(f.labels),
            String(f.firings),
            r.firingAfterFix === null
              ? '-'
              : r.firingAfterFix.includes(f.alert)
                ? 'still firing'
                : 'resolved',
          ]),
          '  ',
        ),
      );
    } else out.push('  no alert fired');
    if (r.flapping.length)
      out.push(
        `  flapping: ${r.flapping.map((f) => `${f.alert} (${f.firings} firings of one alert)`).join(', ')}`,
      );
    if (r.neverFired.length) {
      out.push('  never fired:');
      out.push(
        ...table(
          ['RULE', 'WHY'],
          r.neverFired.map((n) => [n.alert, n.reason]),
          '    ',
        ).slice(1),
      );
    }
    for (const rec of r.recordingRules.filter((x) => x.note))
      out.push(`  recording rule ${rec.record} wrote nothing: ${rec.note}`);
  }
  const ok = reports.filter((r) => r.outcome !== 'missed').length;
  out.push('', `${ok} of ${reports.length} scenario(s) got a page before the SLO broke (or never broke).`);
  return out.join('\n');
}

function readRules(file: string, io: Io): readonly RuleGroup[] | undefined {
  const read = readInputFile('rules', file);
  if ('error' in read) return (io.err(read.error), undefined);
  const parsed = parseRuleFile(read.text);
  if (parsed.ok) return parsed.groups;
  for (const e of parsed.errors)
    io.err(`${file}${e.line ? `:${e.line}` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
  return undefined;
}

function readMapping(file: string, io: Io): MetricMapping | undefined {
  const read = readInputFile('mapping', file);
  if ('error' in read) return (io.err(read.error), undefined);
  const parsed = parseMapping(read.text);
  if (parsed.ok) return parsed.mapping;
  for (const e of parsed.errors) io.err(`${file}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
  return undefined;
}

export function alerts(
  argv: string[],
  io: Io,
  loadScenario: (file: string, io: Io) => Scenario | undefined,
): number {
  const args = parseCommandArgs(
    'alerts',
    argv,
    {
      scenario: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      map: { type: 'string' },
      interval: { type: 'string' },
      'scrape-interval': { type: 'string' },
      json: { type: 'boolean' },
    },
    ALERTS_USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const usage = (message: string) => (io.err(`${message}. Try 'outage-lab alerts --help'.`), 2);
  const [sub, rulesFile, ...extra] = args.positionals;
  if (sub === 'export') {
    if (!rulesFile) return usage('outage-lab alerts export needs a scenario FILE');
    if (extra.length) return usage(`unexpected argument '${extra[0]}'`);
    const scenario = loadScenario(rulesFile, io);
    if (!scenario) return 1;
    io.out(prometheusRuleFile(scenario).trimEnd());
    return 0;
  }
  if (sub !== 'check')
    return usage(
      sub
        ? `unknown alerts command "${sub}" (try check or export)`
        : 'outage-lab alerts needs a command: check or export',
    );
  if (!rulesFile) return usage('outage-lab alerts check needs a RULES file');
  if (extra.length) return usage(`unexpected argument '${extra[0]}' (give scenarios with --scenario FILE)`);
  const files = [...(args.values.scenario ?? []), ...(args.values.all ? builtinFiles() : [])];
  if (files.length === 0) return usage('outage-lab alerts check needs --scenario FILE or --all');
  const interval =
    args.values.interval === undefined ? DEFAULT_EVALUATION_MS / 1000 : parseDuration(args.values.interval);
  if (interval === undefined || !(interval > 0))
    return usage('--interval must be a duration such as 30s or 1m');
  const scrape =
    args.values['scrape-interval'] === undefined ? 15 : parseDuration(args.values['scrape-interval']);
  if (scrape === undefined || !(scrape > 0)) return usage('--scrape-interval must be a duration such as 15s');

  const groups = readRules(rulesFile, io);
  const mapping = args.values.map === undefined ? undefined : readMapping(args.values.map, io);
  if (!groups || (args.values.map !== undefined && !mapping)) return 1;
  let invalid = 0;
  const reports: (ScenarioCoverage & { file: string })[] = [];
  for (const file of files) {
    const scenario = loadScenario(file, io);
    if (!scenario) {
      invalid++;
      continue;
    }
    const coverage = checkScenarioAlerts(scenario, groups, {
      mapping,
      scrapeSeconds: scrape,
      defaultIntervalMs: interval * 1000,
    });
    reports.push({ file, ...coverage });
  }
  const rules = groups.flatMap((g) => g.rules);
  if (args.values.json) {
    io.out(
      JSON.stringify(
        {
          rules: {
            file: rulesFile,
            groups: groups.length,
            alerting: rules.filter((r) => r.kind === 'alert').length,
            recording: rules.filter((r) => r.kind === 'record').length,
          },
          mapping: args.values.map ?? null,
          evaluation: { scrapeSeconds: scrape, defaultIntervalSeconds: interval },
          definitions: { pageSeverities: PAGE_SEVERITIES, flapFirings: FLAP_FIRINGS },
          caught: reports.filter((r) => r.outcome === 'caught').length,
          missed: reports.filter((r) => r.outcome === 'missed').length,
          scenarios: reports,
        },
        null,
        2,
      ),
    );
  } else io.out(formatAlertsReport(reports));
  return invalid > 0 || reports.some((r) => r.outcome === 'missed') ? 1 : 0;
}
