/**
 * The differential test against real Prometheus: series from a built-in run (plus hand-made edge
 * cases) and our evaluator's answers to several hundred expressions go into a `promtool test
 * rules` file; promtool 2.42 evaluates the same expressions with Prometheus's engine and must
 * agree on every one. Without promtool the test is skipped with the reason, except under CI,
 * where a missing promtool fails it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenarioText } from '../scenario/validate';
import { evaluateAlertRule, firingAt } from './alert-rules';
import { FUNCTION_SIGNATURES } from './function-catalog';
import { ALERT_EVAL_TIMES, DIFFERENTIAL_ALERTS, differentialCases } from './promtool-cases';
import { promtoolTestFile } from './promtool-file';
import { edgeCaseSeries, runSeries, sourceOf, viewSeries } from './testing';

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const hasPromtool = promtool.status === 0;
// .ci/run installs promtool and sets REQUIRE_PROMTOOL: there a missing one fails the test.
const inCI = Boolean(process.env.CI) || Boolean(process.env.REQUIRE_PROMTOOL);
const SKIP_REASON =
  'promtool is not installed (apt-get install -y prometheus); neither CI nor REQUIRE_PROMTOOL is set, so the differential test is skipped';
if (!hasPromtool && !inCI) console.warn(`\n*** SKIPPED promtool differential test: ${SKIP_REASON} ***\n`);

const SAMPLE_SECONDS = 15;
const MINUTES = 30;

function builtin(name: string) {
  const file = fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url));
  const parsed = parseScenarioText(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors, file));
  return parsed.scenario;
}

/** Catalog families under their exporters' names (view.ts), for the expressions SREs write on them. */
const VIEW_FAMILIES = new Set([
  'up',
  'kube_deployment_spec_replicas',
  'kube_deployment_status_replicas_available',
  'pg_settings_max_connections',
  'pg_stat_activity_count',
  'redis_memory_max_bytes',
  'redis_memory_used_bytes',
]);

/** Two built-ins' view series, with a scale-out, a pool resize and a maxmemory raise mid-run. */
function catalogSeries() {
  return [
    ...viewSeries(builtin('thread-exhaustion'), {
      minutes: MINUTES,
      names: VIEW_FAMILIES,
      steps: [
        { at: 600, command: { type: 'scale', target: 'product-api', params: { replicas: 8 } } },
        { at: 720, command: { type: 'set-pool-size', target: 'product-db', params: { size: 400 } } },
      ],
    }),
    ...viewSeries(builtin('redis-queue-fills'), {
      minutes: MINUTES,
      names: VIEW_FAMILIES,
      steps: [
        { at: 660, command: { type: 'expand-queue', target: 'notify-jobs', params: { memoryMb: 2048 } } },
      ],
    }),
  ];
}

function recordedSource() {
  const run = runSeries(builtin('thread-exhaustion'), {
    minutes: MINUTES,
    sampleSeconds: SAMPLE_SECONDS,
    metrics: ['request_rate', 'error_ratio', 'latency_p95', 'latency_p99', 'saturation', 'edge_request_rate'],
  });
  return sourceOf([
    ...run,
    ...catalogSeries(),
    ...edgeCaseSeries(SAMPLE_SECONDS * 1000, (MINUTES * 60) / SAMPLE_SECONDS),
  ]);
}

describe('differential test against promtool', () => {
  const cases = differentialCases();

  it('covers at least 300 expressions and every supported function, aggregation and operator', () => {
    expect(new Set(cases.map((c) => c.expr)).size).toBeGreaterThanOrEqual(300);
    const text = cases.map((c) => c.expr).join('\n');
    const words = [
      ...Object.keys(FUNCTION_SIGNATURES),
      ...[
        'sum',
        'avg',
        'min',
        'max',
        'count',
        'group',
        'stddev',
        'stdvar',
        'topk',
        'bottomk',
        'quantile',
        'count_values',
      ],
      ...[
        'and',
        'or',
        'unless',
        'bool',
        'on',
        'ignoring',
        'group_left',
        'group_right',
        'offset',
        'by',
        'without',
      ],
    ];
    const missing = words.filter((w) => !new RegExp(`\\b${w}\\b`).test(text));
    expect(missing).toEqual([]);
    for (const op of ['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', '=~', '!~', '@']) {
      expect(text.includes(` ${op} `) || text.includes(op), op).toBe(true);
    }
  });

  it('has a keep_firing_for rule whose gaps it bridges, so promtool checks that it matters', () => {
    const source = recordedSource();
    const firing = (name: string) => {
      const rule = DIFFERENTIAL_ALERTS.find((r) => r.alert === name)!;
      const timeline = evaluateAlertRule(source, rule, 30_000, ALERT_EVAL_TIMES.at(-1)!);
      if (!timeline.ok) throw new Error(timeline.error);
      return ALERT_EVAL_TIMES.filter((t) => firingAt(timeline.evaluations, t).length > 0).length;
    };
    expect(firing('FlappingKept')).toBeGreaterThan(firing('Flapping'));
  });

  it.skipIf(!hasPromtool && !inCI)(
    `promtool agrees with every answer (skips only when ${SKIP_REASON})`,
    () => {
      expect(hasPromtool, 'promtool must be installed when CI is set (.ci/run installs it)').toBe(true);
      const file = promtoolTestFile(recordedSource(), SAMPLE_SECONDS * 1000, cases, {
        rules: DIFFERENTIAL_ALERTS,
        evaluationIntervalMs: 30_000,
        evalTimesMs: ALERT_EVAL_TIMES,
        rulesFile: 'rules.yml',
      });
      expect(file.errors).toEqual([]);
      // The alert expectations must include firing alerts, not only empty lists.
      expect((file.yaml.match(/exp_labels/g) ?? []).length).toBeGreaterThan(100);
      const dir = mkdtempSync(join(tmpdir(), 'outage-lab-promql-'));
      try {
        const path = join(dir, 'promql.test.yml');
        writeFileSync(path, file.yaml);
        writeFileSync(join(dir, 'rules.yml'), file.rulesYaml ?? '');
        const result = spawnSync('promtool', ['test', 'rules', path], {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
        const output = `${result.stdout}\n${result.stderr}`;
        const failures = (output.match(/expr: |alertname: /g) ?? []).length;
        expect({
          status: result.status,
          failures,
          output: failures > 0 ? output.slice(0, 20_000) : '',
        }).toEqual({
          status: 0,
          failures: 0,
          output: '',
        });
        expect(output).toContain('SUCCESS');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
