import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { main, ranDirectly } from './main';
import { capture } from './testing';

const scenario = {
  schemaVersion: 1,
  id: 'cli-test',
  title: 'CLI test',
  difficulty: 'beginner',
  duration: '5m',
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '5m', target: 20 }] },
    { id: 'api', kind: 'service' },
  ],
  edges: [{ from: 'users', to: 'api' }],
  faults: [{ at: '1m', target: 'api', type: 'error-rate', params: { rate: 0.5 } }],
  alerts: [{ name: 'ApiErrors', expr: 'error_ratio{node="api"} > 0.1', for: '30s', severity: 'P1' }],
  rootCause: { node: 'api', category: 'a bug in the new release', causes: ['bad-deploy'] },
  objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
};

describe('cli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outage-lab-cli-'));
  const file = join(dir, 'ok.json');
  writeFileSync(file, JSON.stringify(scenario));

  it('validates files: 0 when valid, 1 with every error and its path', async () => {
    const ok = capture();
    expect(await main(['validate', file], ok.io)).toBe(0);
    const badFile = join(dir, 'bad.json');
    writeFileSync(
      badFile,
      JSON.stringify({ ...scenario, nodes: [{ id: 'x', kind: 'service', replicas: -1 }] }),
    );
    const bad = capture();
    expect(await main(['validate', badFile], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/nodes\[0\]\.replicas/);
  });

  it('prints warnings with their JSON path for a valid file, and still exits 0', async () => {
    const warned = join(dir, 'warned.json');
    // 300 rps on one default replica (100 rps of CPU): over capacity with no fault
    const nodes = [
      { id: 'users', kind: 'client', stages: [{ duration: '5m', target: 300 }] },
      { id: 'api', kind: 'service', replicas: 1, autoscaler: { metric: 'queue_depth', target: 10 } },
    ];
    writeFileSync(warned, JSON.stringify({ ...scenario, nodes }));
    const c = capture();
    expect(await main(['validate', warned], c.io)).toBe(0);
    expect(c.out[0]).toMatch(/warned\.json: ok \(cli-test, 2 nodes, 3 warnings\)/);
    expect(c.err).toEqual([
      expect.stringMatching(
        /^.*warned\.json: nodes\[1\]\.autoscaler\.metric: warning: 'api' consumes no queue/,
      ),
      expect.stringMatching(/^.*warned\.json: nodes\[1\]: warning: 'api' fails \d+% of requests/),
      expect.stringMatching(
        /^.*warned\.json: alerting\.groups\[0\]\.rules\[0\]\.expr: warning: 'ApiErrors' fires at T\+/,
      ),
    ]);
    const clean = capture();
    expect(await main(['validate', file], clean.io)).toBe(0);
    expect(clean.err).toEqual([]);
  });

  it('runs a scenario to JSON with series, events and alerts, and prints a summary', async () => {
    const outFile = join(dir, 'out.json');
    const actions = join(dir, 'actions.json');
    writeFileSync(
      actions,
      JSON.stringify([{ at: '2m', type: 'scale', target: 'api', params: { replicas: 4 } }]),
    );
    const c = capture();
    expect(
      await main(['run', file, '--seed', '7', '--until', '3m', '--actions', actions, '--out', outFile], c.io),
    ).toBe(0);
    const json = JSON.parse(readFileSync(outFile, 'utf8'));
    expect(json.tickSeconds).toBe(1);
    const rate = json.series.find(
      (s: { metric: string; labels: { node: string } }) =>
        s.metric === 'request_rate' && s.labels.node === 'api',
    );
    expect(rate.values).toHaveLength(180);
    expect(json.alerts[0]).toMatchObject({ name: 'ApiErrors', status: 'firing' });
    expect(json.events.some((e: { kind: string }) => e.kind === 'action')).toBe(true);
    expect(c.out[0]).toMatch(/cli-test: 3m simulated \(180 ticks, seed 7\).*ApiErrors/);
  });

  it('writes CSV (RFC 4180, the shared writer) and refuses bad usage', async () => {
    const c = capture();
    expect(await main(['run', file, '--until', '10s', '--format', 'csv'], c.io)).toBe(0);
    const text = c.out.join('');
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^t,"[a-z_]+\{node=""[a-z]+""/);
    // sorted columns, so client_ series come before request_rate
    expect(lines[0]!.indexOf('request_rate{node=""users""}')).toBeGreaterThan(0);
    expect(lines[1]).toMatch(/^0,/);
    expect(lines).toHaveLength(1 + 10 + 1);
    expect(lines.at(-1)).toBe('');
    expect(text).not.toMatch(/[^\r]\n/);
    expect(await main(['run', file, '--format', 'xml'], capture().io)).toBe(2);
    expect(await main(['frobnicate'], capture().io)).toBe(2);
    expect(await main(['--version'], capture().io)).toBe(0);
  });

  it('writes the Prometheus view as OpenMetrics at the scrape interval and start time', async () => {
    const c = capture();
    const args = ['run', file, '--until', '2m', '--format', 'openmetrics', '--scrape-interval', '30s'];
    expect(await main([...args, '--start', '2026-03-01T12:00:00Z'], c.io)).toBe(0);
    const text = c.out.join('');
    const t0 = Date.parse('2026-03-01T12:00:00Z') / 1000;
    const ok = text
      .split('\n')
      .filter((l) => l.startsWith('http_requests_total{code="200"') && l.includes('"api"'));
    // t = 0, 30, 60, 90 s of a 120-tick run
    expect(ok.map((l) => Number(l.split(' ').at(-1)) - t0)).toEqual([0, 30, 60, 90]);
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(await main([...args, '--start', 'yesterday'], capture().io)).toBe(2);
    expect(
      await main(['run', file, '--format', 'openmetrics', '--scrape-interval', '0s'], capture().io),
    ).toBe(2);
  });

  it("writes the whole run's traces as OTLP/JSON from the start time", async () => {
    const c = capture();
    const args = ['run', file, '--until', '5m', '--format', 'otlp', '--start', '2026-03-01T12:00:00Z'];
    expect(await main(args, c.io)).toBe(0);
    const request = JSON.parse(c.out.join('')) as {
      resourceSpans: {
        resource: { attributes: { key: string; value: { stringValue: string } }[] };
        scopeSpans: { spans: { traceId: string; parentSpanId?: string; startTimeUnixNano: string }[] }[];
      }[];
    };
    const services = request.resourceSpans.map((r) => r.resource.attributes[0]!.value.stringValue);
    expect(services).toContain('users');
    const spans = request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const roots = spans.filter((s) => !s.parentSpanId);
    // One trace every 5 ticks over 300 ticks, none dropped by the live view's ring.
    expect(new Set(roots.map((s) => s.traceId)).size).toBe(60);
    const t0 = BigInt(Date.parse('2026-03-01T12:00:00Z')) * 1_000_000n;
    expect(roots.every((s) => BigInt(s.startTimeUnixNano) >= t0)).toBe(true);
    expect(roots.some((s) => BigInt(s.startTimeUnixNano) >= t0 + 290n * 1_000_000_000n)).toBe(true);
  });

  it('writes every log line of the run as logfmt or JSON lines', async () => {
    const logfmt = capture();
    expect(
      await main(['run', file, '--format', 'logfmt', '--start', '2026-03-01T12:00:00Z'], logfmt.io),
    ).toBe(0);
    const lines = logfmt.out.join('').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    expect(lines[0]).toMatch(
      /^ts=2026-03-01T12:00:\d\d\.\d{3}Z level=\w+ service=\S+ request_id=req-\d+-\w+ msg=/,
    );
    const jsonl = capture();
    expect(await main(['run', file, '--format', 'jsonl'], jsonl.io)).toBe(0);
    const rows = jsonl.out.join('').trimEnd().split('\n');
    expect(rows).toHaveLength(lines.length);
    expect(Object.keys(JSON.parse(rows[0]!) as object).slice(0, 3)).toEqual(['ts', 'level', 'service']);
  });

  it('scores a scripted response: acknowledge, declare and act at their times', async () => {
    const steps = join(dir, 'steps.json');
    writeFileSync(
      steps,
      JSON.stringify([
        { at: '2m', kind: 'acknowledge' },
        { at: '2m', kind: 'declare', node: 'api', category: 'bad-deploy' },
        { at: '2m', type: 'rollback', target: 'api' },
        { at: '2m', kind: 'severity', severity: 'SEV2' },
        { at: '2m', kind: 'status-update', text: 'Rolling back api.' },
      ]),
    );
    const out = join(dir, 'scored.json');
    const c = capture();
    expect(await main(['run', file, '--actions', steps, '--out', out], c.io)).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      score: { total: number; grade: string; components: { id: string; points: number; detail: string }[] };
    };
    expect(result.score.total).toBeGreaterThanOrEqual(0);
    // Formula 4: communication is scored (the steps file may carry communication steps).
    expect(result.score.components.find((x) => x.id === 'diagnose')?.points).toBe(20);
    expect(result.score.components.find((x) => x.id === 'communication')?.detail).toContain('Declared SEV2');
    expect(result.score.components.find((x) => x.id === 'acknowledge')?.points).toBe(15);
    expect(c.out[0]).toMatch(/score \d+\/100 \([A-F]\)/);
  });

  it('refuses a bad steps file with the index and field at fault', async () => {
    const steps = join(dir, 'bad-steps.json');
    writeFileSync(steps, JSON.stringify([{ at: '1m', kind: 'declare', node: 'api' }]));
    const c = capture();
    expect(await main(['run', file, '--actions', steps], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/\[0\]\.category/);
    writeFileSync(steps, JSON.stringify([{ at: 'soon', type: 'scale', target: 'api' }]));
    const d = capture();
    expect(await main(['run', file, '--actions', steps], d.io)).toBe(1);
    expect(d.err.join('\n')).toMatch(/\[0\]\.at must be a duration/);
  });

  it('prints per-command help and exits 0, never reading --help as a file', async () => {
    for (const command of ['validate', 'run', 'bench']) {
      for (const flag of ['--help', '-h']) {
        const c = capture();
        expect(await main([command, flag], c.io)).toBe(0);
        expect(c.out.join('\n')).toMatch(new RegExp(`^Usage: outage-lab ${command}`));
        expect(c.err).toEqual([]);
      }
    }
    // --help wins over everything else on the line, files included.
    const c = capture();
    expect(await main(['run', file, '--seed', 'x', '--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/--strict/);
    // after `--` it is a file name like any other
    const d = capture();
    expect(await main(['validate', '--', '--help'], d.io)).toBe(1);
    expect(d.err.join('\n')).toBe("cannot read scenario file '--help': no such file");
  });

  it('reports an unknown option with the command and a pointer to its help (exit 2)', async () => {
    const c = capture();
    expect(await main(['validate', '--frob', file], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(
      /outage-lab validate: .*'--frob'.*\. Try 'outage-lab validate --help'\./,
    );
    expect(await main(['run', file, '--seed'], capture().io)).toBe(2);
  });

  it('says plainly which file is missing, never a raw ENOENT', async () => {
    const missing = join(dir, 'nope.json');
    const v = capture();
    expect(await main(['validate', missing], v.io)).toBe(1);
    expect(v.err.join('\n')).toBe(`cannot read scenario file '${missing}': no such file`);
    const r = capture();
    expect(await main(['run', file, '--actions', missing], r.io)).toBe(1);
    expect(r.err.join('\n')).toBe(`cannot read actions file '${missing}': no such file`);
    const d = capture();
    expect(await main(['validate', dir], d.io)).toBe(1);
    expect(d.err.join('\n')).toBe(`cannot read scenario file '${dir}': it is a directory`);
  });

  it('reports refused actions in the JSON output with their reason; --strict exits 1', async () => {
    const steps = join(dir, 'refused.json');
    writeFileSync(
      steps,
      JSON.stringify([
        { at: '30s', type: 'scale', target: 'nowhere', params: { replicas: 2 } },
        { at: '10s', type: 'scale', target: 'api', params: { replicas: 3 } },
      ]),
    );
    const out = join(dir, 'refused-out.json');
    const c = capture();
    expect(await main(['run', file, '--until', '1m', '--actions', steps, '--out', out], c.io)).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { refused: unknown[] };
    expect(json.refused).toEqual([
      {
        index: 0,
        at: 30,
        step: { kind: 'action', at: 30, type: 'scale', target: 'nowhere', params: { replicas: 2 } },
        reason: 'There is no node "nowhere" in this system.',
      },
    ]);
    expect(c.err.join('\n')).toMatch(/action at 30s refused: There is no node "nowhere"/);
    const strict = capture();
    expect(
      await main(['run', file, '--until', '1m', '--actions', steps, '--out', out, '--strict'], strict.io),
    ).toBe(1);
    // The output is still written: a strict run fails, it does not lose the data.
    expect((JSON.parse(readFileSync(out, 'utf8')) as { refused: unknown[] }).refused).toHaveLength(1);
    const clean = capture();
    expect(await main(['run', file, '--until', '1m', '--strict', '--out', out], clean.io)).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { refused: unknown[] }).refused).toEqual([]);
  });

  it('says "an external", not "a external"', async () => {
    const withExternal = {
      ...scenario,
      nodes: [...scenario.nodes, { id: 'psp', kind: 'external' }],
      edges: [...scenario.edges, { from: 'api', to: 'psp' }],
    };
    const f = join(dir, 'external.json');
    writeFileSync(f, JSON.stringify(withExternal));
    const steps = join(dir, 'restart-external.json');
    writeFileSync(steps, JSON.stringify([{ at: '10s', type: 'restart', target: 'psp' }]));
    const out = join(dir, 'external-out.json');
    expect(await main(['run', f, '--until', '20s', '--actions', steps, '--out', out], capture().io)).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { refused: { reason: string }[] };
    expect(json.refused[0]?.reason).toMatch(/which is an external;/);
    const bad = join(dir, 'external-caller.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...withExternal, edges: [...withExternal.edges, { from: 'psp', to: 'api' }] }),
    );
    const v = capture();
    expect(await main(['validate', bad], v.io)).toBe(1);
    expect(v.err.join('\n')).toMatch(/'psp' is an external/);
    expect(v.err.join('\n')).not.toMatch(/\ba external/);
  });

  it('bench refuses an unknown --graph before measuring anything', async () => {
    const c = capture();
    expect(await main(['bench', '--graph', 'random'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/--graph must be layered, legacy or both/);
    expect(await main(['bench', '--graph'], capture().io)).toBe(2);
  });
});

describe('ranDirectly', () => {
  it('is true for tsx cli/main.ts, false when bundled into the script being run (which ran every command twice)', () => {
    const source = pathToFileURL(join(process.cwd(), 'cli/main.ts')).href;
    const bundle = pathToFileURL(join(process.cwd(), 'dist-node/cli.mjs')).href;
    expect(ranDirectly(source, 'cli/main.ts')).toBe(true);
    expect(ranDirectly(source, 'cli/entry.ts')).toBe(false);
    expect(ranDirectly(bundle, 'dist-node/cli.mjs')).toBe(false);
    expect(ranDirectly(source, undefined)).toBe(false);
  });
});
