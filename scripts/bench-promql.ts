/**
 * PromQL evaluator benchmark (not a timed test): an hour of a built-in run sampled every 15 s,
 * then range queries over the hour at a 15 s step, the kind a dashboard panel or an alert
 * backtest issues. Prints the median of 5 runs per query.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateRange } from '../simulator/prom/evaluate';
import { runSeries, sourceOf } from '../simulator/prom/testing';
import { formatErrors, parseScenarioText } from '../simulator/scenario/validate';

const SCENARIO = 'thread-exhaustion';
const file = fileURLToPath(new URL(`../scenarios/${SCENARIO}.json`, import.meta.url));
const parsed = parseScenarioText(readFileSync(file, 'utf8'), file);
if (!parsed.ok) throw new Error(formatErrors(parsed.errors, file));

const HOUR_MS = 3_600_000;
const STEP_MS = 15_000;
const series = runSeries(parsed.scenario, { minutes: 60, sampleSeconds: STEP_MS / 1000 });
const source = sourceOf(series);
const samples = series.reduce((n, s) => n + s.values.length, 0);
console.log(
  `PromQL range queries over 1 h of ${SCENARIO}: ${series.length} series, ${samples} samples, step 15 s`,
);

const QUERIES = [
  'histogram_quantile(0.99, sum by (le, node) (rate(request_duration_seconds_bucket[5m])))',
  'sum by (node) (rate(request_errors_total[5m])) / sum by (node) (rate(requests_total[5m]))',
  'max_over_time(latency_p99[10m]) > 1',
];
for (const query of QUERIES) {
  const times: number[] = [];
  let points = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = evaluateRange(source, query, 0, HOUR_MS, STEP_MS);
    times.push(performance.now() - start);
    if (!result.ok) throw new Error(`${query}: ${result.error}`);
    points = result.series.reduce((n, s) => n + s.values.length, 0);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${times[2]!.toFixed(1).padStart(8)} ms  ${String(points).padStart(6)} points  ${query}`);
}
