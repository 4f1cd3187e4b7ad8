import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runShellCommand } from './run';
import { sh, shellRun } from './testing';

const builtin = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');
const W = `curl -s -o /dev/null -w '%{http_code} %{time_total}\\n' http://orders/`;

describe('curl -w in bad-deploy-rollback', () => {
  const run = shellRun(builtin('bad-deploy-rollback'));
  const bad = run.sim.scenario.faults.find((f) => f.id === 'orders-bad-release');
  if (!bad) throw new Error('scenario changed');

  /** One curl per simulated second over a minute from `from`: the status codes and times. */
  function sample(from: number): { codes: number[]; times: number[] } {
    const codes: number[] = [];
    const times: number[] = [];
    for (let t = from; t < from + 60; t++) {
      const out = sh(run.at(t), W);
      const m = /^(\d{3}) (\d+\.\d{6})$/.exec(out);
      expect(m, out).not.toBeNull();
      codes.push(Number(m?.[1]));
      times.push(Number(m?.[2]));
    }
    return { codes, times };
  }

  it('answers 200 before the bad release and fails about as often as the engine says after it', () => {
    const before = sample(100);
    expect(before.codes.every((c) => c === 200)).toBe(true);
    const ctx = run.at(bad.at + 120);
    const ratio = ctx.metric('error_ratio', 'orders');
    const after = sample(bad.at + 120);
    const failed = after.codes.filter((c) => c >= 500).length / after.codes.length;
    expect(ratio).toBeGreaterThan(0.1);
    expect(Math.abs(failed - ratio)).toBeLessThan(0.2);
    // time_total follows the node's latency quantiles (p50 .. p99 plus the DNS lookup).
    const p99 = ctx.metric('latency_p99', 'orders');
    expect(Math.max(...after.times)).toBeLessThan(p99 * 2 + 0.05);
  });

  it('is deterministic: the same line at the same second gives the same answer', () => {
    const ctx = run.at(bad.at + 200);
    expect(sh(ctx, W)).toBe(sh(ctx, W));
  });

  it("answers curl's own errors", () => {
    const ctx = run.at(bad.at + 200);
    expect(runShellCommand('curl', ctx)).toEqual({
      output: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information",
      exitCode: 2,
    });
    expect(runShellCommand('curl http://nowhere/', ctx)).toEqual({
      output: 'curl: (6) Could not resolve host: nowhere',
      exitCode: 6,
    });
    expect(sh(ctx, 'curl http://orders-db/')).toMatch(/^curl: \(7\) Failed to connect to orders-db port 80/);
    expect(sh(ctx, 'curl --bogus http://orders/')).toMatch(/^curl: option --bogus: is unknown/);
    expect(sh(ctx, 'curl -X POST http://orders/')).toMatch(/Ctrl\+K/);
  });
});
