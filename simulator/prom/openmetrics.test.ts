import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { formatValue, toOpenMetrics } from './openmetrics';
import { prometheusView } from './view';
import { BUILTIN_FILES, columnsOf, loadBuiltin } from '../test-support/builtin-run';

const promtool = spawnSync('promtool', ['--version']).status === 0;
// .ci/run installs promtool and sets REQUIRE_PROMTOOL: a missing one is a failure there, not a skip.
const runRoundTrip = promtool || process.env.REQUIRE_PROMTOOL !== undefined || process.env.CI !== undefined;
if (!runRoundTrip)
  console.warn(
    'openmetrics.test.ts: promtool is not installed (apt-get install prometheus); round trip SKIPPED',
  );

describe('OpenMetrics export', () => {
  it('writes values as Go parses them', () => {
    expect([NaN, Infinity, -Infinity, 0.1, 1e21, -3].map(formatValue)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      '0.1',
      '1e+21',
      '-3',
    ]);
  });

  it('declares each family once, counters without _total, and ends with # EOF', () => {
    const scenario = loadBuiltin('bad-deploy-rollback.json');
    const sim = createSimulation(scenario, { historyTicks: 301 });
    sim.runUntil(300);
    const text = toOpenMetrics(prometheusView(columnsOf(sim), scenario.nodes));
    const types = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    expect(new Set(types).size).toBe(types.length);
    expect(types).toContain('# TYPE http_requests counter');
    expect(types).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('# UNIT http_request_duration_seconds seconds');
    expect(text.endsWith('# EOF\n')).toBe(true);
  });

  it.runIf(runRoundTrip).each([...BUILTIN_FILES])(
    '%s round-trips through promtool tsdb create-blocks-from openmetrics',
    (file) => {
      const scenario = loadBuiltin(file);
      const seconds = 20 * 60;
      const sim = createSimulation(scenario, { historyTicks: Math.ceil(seconds / scenario.tickSeconds) + 1 });
      sim.runUntil(seconds);
      const startMs = Date.parse('2026-01-01T00:00:00Z');
      const view = prometheusView(columnsOf(sim), scenario.nodes, { startMs });
      const dir = mkdtempSync(join(tmpdir(), 'om-'));
      try {
        writeFileSync(join(dir, 'run.om'), toOpenMetrics(view));
        execFileSync(
          'promtool',
          ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'run.om'), join(dir, 'db')],
          {
            stdio: 'pipe',
          },
        );
        mkdirSync(join(dir, 'db', 'wal'), { recursive: true }); // dump opens the WAL too
        const dump = execFileSync('promtool', ['tsdb', 'dump', join(dir, 'db')], {
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
        });
        // Every sample comes back with its labels, value and millisecond timestamp.
        const back = new Map<string, number>();
        for (const line of dump.split('\n')) {
          const m = /^\{(.*)\} (\S+) (\d+)$/.exec(line);
          if (!m) continue;
          const labels = [...m[1]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)]
            .map(([, k, v]) => `${k}=${v}`)
            .sort()
            .join(',');
          back.set(`${labels}@${m[3]}`, Number(m[2]));
        }
        let samples = 0;
        for (const s of view.series()) {
          const labels = Object.entries(s.labels)
            .map(([k, v]) => `${k}=${v}`)
            .sort()
            .join(',');
          for (let p = 0; p < s.values.length; p++) {
            const got = back.get(`${labels}@${s.timestamps[p]}`);
            expect(got, `${labels} at ${s.timestamps[p]}`).toBeDefined();
            expect(got!).toBeCloseTo(s.values[p]!, 6);
            samples++;
          }
        }
        expect(back.size).toBe(samples);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
