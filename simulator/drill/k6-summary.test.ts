import { describe, expect, it } from 'vitest';
import { latencyQuantile } from '../engine/latency-sample';
import { builtinDrill } from '../test-support/drills';
import { formatK6Duration, formatK6Summary, mixtureQuantile } from './k6-summary';
import { rateAt, testShape } from './load-shape';
import { DrillSession, type TestReport } from './session';
import { loadTest } from './schema';

describe('http_req_duration quantiles', () => {
  it("of one tick are the engine's own quantiles", () => {
    const tick = { w: 10, p50: 0.02, p95: 0.08, p99: 0.2 };
    expect(mixtureQuantile([tick], 0.5)).toBeCloseTo(0.02, 6);
    expect(mixtureQuantile([tick], 0.95)).toBeCloseTo(0.08, 6);
    expect(mixtureQuantile([tick], 0.99)).toBeCloseTo(0.2, 6);
    expect(mixtureQuantile([tick], 0.9)).toBeCloseTo(latencyQuantile(0.02, 0.08, 0.2, 0.9), 6);
    // The bounds of the distribution: a third of the median, three times the p99.
    expect(mixtureQuantile([tick], 0)).toBeCloseTo(0.02 / 3, 9);
    expect(mixtureQuantile([tick], 1)).toBeCloseTo(0.6, 9);
  });

  it('weigh each tick by its requests', () => {
    const fast = { w: 90, p50: 0.01, p95: 0.01, p99: 0.01 };
    const slow = { w: 10, p50: 1, p95: 1, p99: 1 };
    // 90% of the requests are at most 10 ms; the slow tenth starts at a third of a second.
    expect(mixtureQuantile([fast, slow], 0.5)).toBeLessThanOrEqual(0.0101);
    expect(mixtureQuantile([fast, slow], 0.95)).toBeGreaterThan(0.33);
    expect(mixtureQuantile([{ ...slow, w: 0 }], 0.5)).toBe(0);
  });
});

describe("k6's duration format", () => {
  it.each([
    [0.8125, '812.5µs'],
    [102.374, '102.37ms'],
    [100.2, '100.2ms'],
    [1240, '1.24s'],
    [63_000, '1m3s'],
    [0, '0s'],
  ])('%s ms -> %s', (ms, text) => expect(formatK6Duration(ms)).toBe(text));
});

describe('a load test against the checkout drill', () => {
  const drill = builtinDrill('checkout-before-sale.json');
  const light = loadTest.parse({
    name: 'light',
    startRate: 100,
    stages: [
      { duration: '2m', target: 300 },
      { duration: '3m', target: 300 },
    ],
    thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(99)<800', 'p(99.9)<2000'] },
  });
  const report = new DrillSession(drill).runTest(light) as TestReport;

  it('counts the iterations the ramp offers (within the client noise)', () => {
    const shape = testShape(light);
    let planned = 0;
    for (let t = 0; t < 300; t++) planned += rateAt(shape, t);
    expect(report.summary.iterations / planned).toBeGreaterThan(0.97);
    expect(report.summary.iterations / planned).toBeLessThan(1.03);
    expect(report.summary.failed / report.summary.iterations).toBeLessThan(0.001);
  });

  it("reads the duration off the client's latency series and passes light thresholds", () => {
    const p99 = report.window.client.find((s) => s.metric === 'latency_p99' && s.node === 'shoppers')!;
    const last = p99.values[299]! * 1000;
    // Steady load: the window's p99 is near the last tick's, the median below it.
    expect(report.summary.duration['p(99)']! / last).toBeGreaterThan(0.8);
    expect(report.summary.duration['p(99)']! / last).toBeLessThan(1.25);
    expect(report.summary.duration.med!).toBeLessThan(report.summary.duration['p(99)']!);
    expect(report.summary.thresholds.map((t) => t.ok)).toEqual([true, true, true]);
    expect(report.summary.trendStats).toEqual([
      'avg',
      'min',
      'med',
      'max',
      'p(90)',
      'p(95)',
      'p(99)',
      'p(99.9)',
    ]);
  });

  it("prints k6's end-of-test summary", () => {
    const text = formatK6Summary(report.summary);
    expect(text).toMatch(
      /^ {3}✓ http_req_duration\.{14}: avg=\S+ min=\S+ med=\S+ max=\S+ p\(90\)=\S+ p\(95\)=\S+ p\(99\)=/m,
    );
    expect(text).toMatch(/^ {3}✓ http_req_failed\.{16}: 0\.\d\d% +✓ \d+ +✗ \d+$/m);
    expect(text).toMatch(/^ {5}iterations\.{21}: \d+ +\d+(\.\d+)?\/s$/m);
    expect(text).not.toMatch(/ERRO/);
  });

  it('fails a threshold the system cannot meet, as k6 does', () => {
    const strict = loadTest.parse({ ...light, thresholds: { http_req_duration: ['p(50)<1'] } });
    const failed = new DrillSession(drill).runTest(strict) as TestReport;
    expect(failed.summary.thresholds[0]).toMatchObject({ ok: false, source: 'p(50)<1' });
    expect(failed.text).toMatch(/^ {3}✗ http_req_duration/m);
    expect(failed.text).toMatch(/thresholds on metrics 'http_req_duration' have been crossed/);
  });
});
