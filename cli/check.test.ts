import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeCheck } from '../simulator/check/report';
import { checkSeed } from '../simulator/check/seed-run';
import { validateScenario } from '../simulator/scenario/validate';
import { main } from './main';
import { capture } from './testing';

/** A small incident: api fails from 1 min until rolled back; the solution rolls it back. */
const scenario = (faultDuration?: string) => ({
  schemaVersion: 1,
  id: faultDuration ? 'self-healing' : 'needs-rollback',
  title: 'Check test',
  difficulty: 'beginner',
  duration: '15m',
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '15m', target: 20 }] },
    { id: 'api', kind: 'service' },
  ],
  edges: [{ from: 'users', to: 'api' }],
  faults: [
    {
      at: '1m',
      target: 'api',
      type: 'bad-deploy',
      params: { errorRate: 0.5 },
      ...(faultDuration ? { duration: faultDuration } : {}),
    },
  ],
  alerts: [{ name: 'ApiErrors', expr: 'error_ratio{node="api"} > 0.1', for: '30s', severity: 'P1' }],
  rootCause: { node: 'api', category: 'bad-deploy', categories: ['bad-deploy', 'load'] },
  objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
  actions: [{ type: 'rollback', target: 'api', effect: 'fixes' }],
  solution: [
    { at: '3m', kind: 'acknowledge' },
    { at: '4m', kind: 'action', type: 'rollback', target: 'api' },
  ],
});

describe('outage-lab check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outage-lab-check-'));
  const good = join(dir, 'good.json');
  const heals = join(dir, 'heals.json');
  writeFileSync(good, JSON.stringify(scenario()));
  writeFileSync(heals, JSON.stringify(scenario('2m')));
  // The same with 5% noise on the clients: the seed matters, every seed is played.
  const noisy = join(dir, 'noisy.json');
  const withNoise = scenario();
  writeFileSync(
    noisy,
    JSON.stringify({
      ...withNoise,
      id: 'noisy',
      nodes: [{ ...withNoise.nodes[0], noise: 0.05 }, withNoise.nodes[1]],
    }),
  );

  it('reports the same numbers on 1 and 2 worker threads, and passes a sound scenario', async () => {
    const one = capture();
    const two = capture();
    expect(await main(['check', good, '--seeds', '3', '--jobs', '1', '--json'], one.io)).toBe(0);
    expect(await main(['check', good, '--seeds', '3', '--jobs', '2', '--json'], two.io)).toBe(0);
    const a = JSON.parse(one.out.join(''));
    const b = JSON.parse(two.out.join(''));
    expect(a.reports).toEqual(b.reports);
    expect(a.reports[0]).toMatchObject({
      scenario: 'needs-rollback',
      seeds: 3,
      pageFires: 1,
      sloBreaks: 1,
      winnableWithoutResponse: 0,
      solutionMitigates: 1,
      flags: [],
    });
  }, 120_000);

  it('flags a scenario that heals itself, with a seed to reproduce it, and exits 1', async () => {
    const c = capture();
    expect(await main(['check', heals, good, '--seeds', '2', '--jobs', '2'], c.io)).toBe(1);
    const text = c.out.join('\n');
    expect(text).toMatch(/self-healing +2 +100\.0% +100\.0% +100\.0%/);
    expect(text).toContain('! self-healing: winnable without a response on 100.0% of seeds (e.g. --seed 1)');
    expect(text).toContain('1 of 2 scenario(s) flagged.');
  }, 120_000);

  it('draws a progress bar on a terminal, ending at every seed', async () => {
    const c = capture();
    const drawn: string[] = [];
    const io = { ...c.io, progress: (s: string) => drawn.push(s) };
    expect(await main(['check', noisy, '--seeds', '2', '--jobs', '1'], io)).toBe(0);
    expect(drawn.length).toBeGreaterThan(1);
    expect(drawn.at(-1)).toBe(`\r[${'#'.repeat(30)}] 2/2 seed runs\n`);
    // and none without a terminal: the table alone
    expect(c.err.join('')).not.toContain('seed runs');
  }, 120_000);

  // 16 of the 21 built-ins have no noise: every seed is the same run, so check plays it once.
  it('plays a scenario that drew no random number once, with the report of playing every seed', async () => {
    const c = capture();
    expect(await main(['check', good, noisy, '--seeds', '4', '--jobs', '2', '--json'], c.io)).toBe(0);
    const out = JSON.parse(c.out.join(''));
    expect(out.played).toBe(1 + 4);
    const [once, drew] = out.reports;
    expect(once).toMatchObject({ scenario: 'needs-rollback', seeds: 4, seedIndependent: true });
    expect(drew).toMatchObject({ scenario: 'noisy', seeds: 4, seedIndependent: false });
    // The same report as playing each seed.
    const parsed = validateScenario(scenario());
    if (!parsed.ok) throw new Error('the test scenario does not validate');
    const played = [1, 2, 3, 4].map((seed) => checkSeed(parsed.scenario, seed));
    expect(once).toEqual(summarizeCheck('needs-rollback', played));

    const text = capture();
    expect(await main(['check', good, '--seeds', '4', '--jobs', '1'], text.io)).toBe(0);
    expect(text.out.join('\n')).toContain('1 of 1 scenario(s) drew no random number: run once');
    expect(text.err.join('')).toMatch(/^2 runs on 1 worker\(s\) .*; 3 seed\(s\) answered by a first seed/);
  }, 120_000);

  it('refuses bad usage with a pointer to the help', async () => {
    const c = capture();
    expect(await main(['check', good, '--seeds', '0'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/--seeds must be a whole number.*check --help/);
    expect(await main(['check'], capture().io)).toBe(2);
    expect(await main(['check', '--builtins', '--seeds', 'many'], capture().io)).toBe(2);
    expect(await main(['check', join(dir, 'missing.json')], capture().io)).toBe(1);
  });
});
