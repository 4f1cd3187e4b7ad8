import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRILL_DIR } from '../simulator/test-support/drills';
import { main } from './main';
import { capture } from './testing';

const drill = join(DRILL_DIR, 'checkout-before-sale.json');
const dir = mkdtempSync(join(tmpdir(), 'outage-lab-drill-'));
const script = join(dir, 'script.json');
writeFileSync(
  script,
  JSON.stringify({
    steps: [
      { test: 'ramp-to-4x' },
      { change: { type: 'resize-database', target: 'orders-db' } },
      { change: { type: 'scale', target: 'checkout', params: { replicas: 4 } } },
      { wait: '1d' },
      { test: 'hold-3x' },
    ],
  }),
);

describe('outage-lab drill', () => {
  it('prints each k6 summary with its bottlenecks, each change with its cost, and the score', async () => {
    const { io, out, err } = capture();
    expect(await main(['drill', drill, '--script', script], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/\[0m\] load test "ramp-to-4x" \(costs 2h 15m\)/);
    expect(text).toMatch(/ {3}✗ http_req_failed\.+: \d+\.\d\d%/);
    expect(text).toMatch(/bottlenecks: orders-db CPU at 1\.\dx, then /);
    expect(text).toMatch(
      /change: orders-db to db\.r6g\.xlarge \(4 vCPU\) .*in place at 1d 2h 15m\n {2}cost \+\$182\/month -> \$1,144\/month \(budget \$1,600\)/,
    );
    expect(text).toMatch(/load test "hold-3x"[\s\S]*✓ http_req_failed/);
    expect(text).toMatch(/headroom: \d\.\d\dx the peak within the SLOs \(goal 3x\)/);
    expect(text).toMatch(/score: \d+\/100 \([A-F]\)/);
    expect(err.join('\n')).toMatch(/checkout-before-sale: 5 step\(s\) played/);
  });

  it('is what `run` does with a drill and --actions; --json (run: --format json) prints it as data', async () => {
    const a = capture();
    const b = capture();
    expect(await main(['drill', drill, '--script', script, '--json'], a.io)).toBe(0);
    expect(await main(['run', drill, '--actions', script, '--format', 'json'], b.io)).toBe(0);
    expect(b.out).toEqual(a.out);
    const json = JSON.parse(a.out[0]!) as {
      steps: { kind: string }[];
      debrief: { score: { total: number } };
    };
    expect(json.steps.map((s) => s.kind)).toEqual(['test', 'change', 'change', 'wait', 'test']);
    expect(json.debrief.score.total).toBeGreaterThan(0);
  });

  it('names the JSON path of a bad script step, and --strict fails on a refused step', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([{ test: 'nope' }, { change: { type: 'scale' } }, { wait: 1, test: 'x' }]),
    );
    const { io, err } = capture();
    expect(await main(['drill', drill, '--script', bad], io)).toBe(1);
    expect(err.join('\n')).toMatch(
      /bad\.json: \[0\]\.test: the drill offers no test "nope" \("ramp-to-4x", "hold-3x"\)/,
    );
    expect(err.join('\n')).toMatch(/\[1\]\.change\.target/);
    expect(err.join('\n')).toMatch(/\[2\]: a step is one object with exactly one of/);
    const refused = join(dir, 'refused.json');
    writeFileSync(refused, JSON.stringify([{ change: { type: 'restart', target: 'checkout' } }]));
    const r = capture();
    expect(await main(['drill', drill, '--script', refused, '--strict'], r.io)).toBe(1);
    expect(r.out.join('\n')).toMatch(/step 1 refused: restart on checkout is not among this drill's changes/);
  });

  it('--ideal adds the cheapest configuration the search finds to reach the goal', async () => {
    const { io, out } = capture();
    const otp = join(DRILL_DIR, 'otp-sms-login-surge.json');
    expect(await main(['drill', otp, '--ideal'], io)).toBe(0);
    expect(out.join('\n')).toMatch(
      /the ideal answer \(cheapest the search found to 3x\): more sender threads per pod .*: \d\.\d\dx for \$\d+\/month/,
    );
  });

  it('validate checks drills against the drill format', async () => {
    const { io, out } = capture();
    expect(await main(['validate', drill], io)).toBe(0);
    expect(out).toEqual([`${drill}: ok (readiness drill)`]);
    const broken = join(dir, 'broken-drill.json');
    writeFileSync(broken, JSON.stringify({ kind: 'drill', drillVersion: 1, id: 'x' }));
    const bad = capture();
    expect(await main(['validate', broken], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/broken-drill\.json: peak: /);
  });

  it('rejects an invalid drill with its JSON paths', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ kind: 'drill', drillVersion: 1, id: 'x' }));
    const { io, err } = capture();
    expect(await main(['drill', broken], io)).toBe(1);
    expect(err.join('\n')).toMatch(/broken\.json: nodes: /);
    expect(err.join('\n')).toMatch(/broken\.json: budget: /);
  });
});
