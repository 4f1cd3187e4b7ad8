/** Paged teams, driven by the real engine: join delays, true reports, asked actions, determinism. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { SimEvent } from '../engine/api';
import { runSteps } from '../runs/replay';
import type { RunStep } from '../runs/record';
import { involvedTeams, TEAM_CATALOG, TEAMS } from '../scenario/escalation';
import { loadBuiltin } from '../test-support/builtin-run';
import { schedule } from './escalation';
import { rootCauseFacts } from './escalation-facts';

const responderPosts = (events: readonly SimEvent[], team: string) =>
  events.filter((e) => e.kind === 'message' && e.data?.team === team);

describe('escalation', () => {
  const scenario = loadBuiltin('slow-queries-choke-db.json');

  it('the database responder joins after its default delay and reports what the engine shows then', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(360);
    const paged = sim.escalate('database', 'storefront errors, suspect main-db');
    expect(paged.ok).toBe(true);
    expect(paged.effectiveAt).toBe(360 + TEAM_CATALOG.database.joinAfter);
    sim.runUntil(360 + TEAM_CATALOG.database.joinAfter - 1);
    expect(responderPosts(sim.events, 'database')).toEqual([]);
    sim.runUntil(360 + TEAM_CATALOG.database.joinAfter + 1);
    const [report] = responderPosts(sim.events, 'database');
    expect(report?.t).toBe(360 + TEAM_CATALOG.database.joinAfter);
    expect(report?.data).toMatchObject({ from: 'database-oncall', role: 'responder', report: true });
    // The numbers are the engine's at that tick (the slow queries started at 4m).
    const m = sim.metrics;
    const at = (metric: string) => m.at(m.find(metric, 'main-db'), report!.t / scenario.tickSeconds);
    const max = sim.liveNodes().find((n) => n.id === 'main-db')!.maxConnections!;
    expect(report!.text).toContain(`main-db: ${Math.round(at('db_connections'))}/${max} connections in use`);
    expect(report!.text).toContain(`${Math.round(at('db_slow_queries'))} slow queries running`);
    expect(at('db_slow_queries')).toBeGreaterThan(0);
    expect(report!.text).toContain(`CPU ${Math.round(at('cpu_utilization') * 100)}%`);
    // Then the line the scenario scripted for this team.
    expect(responderPosts(sim.events, 'database')[1]?.text).toMatch(/^From our query log: twenty sessions/);
  });

  it('an asked action runs with the team delay after it joined, tagged with the team, and fixes the incident', () => {
    const steps: RunStep[] = [
      { at: 300, kind: 'escalate', team: 'database', text: 'main-db is slow' },
      { at: 320, kind: 'ask', team: 'database', type: 'kill-queries', target: 'main-db' },
    ];
    const sim = createSimulation(scenario);
    const results = runSteps(sim, steps, 1500);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const due = 300 + TEAM_CATALOG.database.joinAfter + TEAM_CATALOG.database.actAfter;
    expect(results[1]!.effectiveAt).toBe(due);
    const action = sim.events.find((e) => e.kind === 'action');
    expect(action).toMatchObject({
      t: due,
      data: { type: 'kill-queries', target: 'main-db', by: 'database' },
    });
    const done = responderPosts(sim.events, 'database').find((e) => e.data?.action === 'kill-queries');
    expect(done).toMatchObject({ t: due, data: { ok: true } });
    expect(sim.metrics.latest(sim.metrics.find('db_slow_queries', 'main-db'))).toBe(0);
    expect(schedule(scenario, steps)).toEqual({ joins: { database: 600 }, asks: [due] });
  });

  it('refuses an ask before the page, outside the domain, and an action no team takes', () => {
    const sim = createSimulation(scenario);
    expect(sim.ask('database', { type: 'kill-queries', target: 'main-db' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('page them first'),
    });
    sim.escalate('database', '');
    sim.escalate('vendor', '');
    expect(sim.ask('database', { type: 'restart', target: 'orders' }).message).toContain(
      "outside Database on-call's domain",
    );
    expect(sim.ask('vendor', { type: 'restart', target: 'orders' }).message).toContain('takes no actions');
    expect(sim.events.filter((e) => e.kind === 'ask').map((e) => e.data?.ok)).toEqual([false, false, false]);
    expect(
      schedule(scenario, [
        { at: 0, kind: 'ask', team: 'database', type: 'kill-queries', target: 'main-db' },
        { at: 5, kind: 'escalate', team: 'database', text: '' },
        { at: 6, kind: 'ask', team: 'database', type: 'restart', target: 'orders' },
      ]).asks,
    ).toEqual([undefined, undefined]);
  });

  it('paging twice joins once, from the first page', () => {
    const sim = createSimulation(scenario);
    sim.escalate('platform', 'a');
    sim.runUntil(60);
    expect(sim.escalate('platform', 'b').effectiveAt).toBe(TEAM_CATALOG.platform.joinAfter);
    sim.runUntil(TEAM_CATALOG.platform.joinAfter + 120);
    expect(responderPosts(sim.events, 'platform')).toHaveLength(1);
  });

  it('each team reports its own domain from the engine', () => {
    const nat = loadBuiltin('nat-gateway-choke.json');
    const steps: RunStep[] = TEAMS.map((team) => ({ at: 600, kind: 'escalate', team, text: '' }));
    const sim = createSimulation(nat);
    runSteps(sim, steps, 1800);
    const first = (team: string) => responderPosts(sim.events, team)[0]!.text;
    expect(first('network')).toMatch(/egress-nat: [\d,]+\/[\d,]+ connections \(port usage \d+%\)/);
    expect(first('vendor')).toMatch(/fraud-api: \d+% of your requests failing, p99 [\d.,]+ (s|ms)/);
    expect(first('platform')).toContain('From the cluster side');
    expect(first('database')).toContain('nothing of ours is in this system');
  });

  it('the scenario sets delays and names per team, and adds scripted lines', () => {
    const custom = loadBuiltin('slow-queries-choke-db.json');
    const withSection = {
      ...custom,
      communication: {
        ...custom.communication!,
        escalation: {
          database: { name: 'Ana (DBA)', joinAfter: 60, actAfter: 30, lines: ['pg_stat_activity attached.'] },
        },
      },
    };
    const sim = createSimulation(withSection);
    sim.escalate('database', '');
    sim.runUntil(61);
    const posts = responderPosts(sim.events, 'database');
    expect(posts.map((p) => p.data?.name)).toEqual(['Ana (DBA)', 'Ana (DBA)']);
    expect(posts[1]!.text).toBe('pg_stat_activity attached.');
  });

  it('same steps, same posts (deterministic)', () => {
    const steps: RunStep[] = [
      { at: 400, kind: 'escalate', team: 'database', text: 'x' },
      { at: 500, kind: 'ask', team: 'database', type: 'kill-queries', target: 'main-db' },
    ];
    const a = createSimulation(scenario);
    const b = createSimulation(scenario);
    runSteps(a, steps, 1200);
    runSteps(b, steps, 1200);
    expect(a.events).toEqual(b.events);
  });
});

describe('involved teams', () => {
  it('derives the teams from the root cause of each kind', () => {
    const of = (file: string) => involvedTeams(rootCauseFacts(loadBuiltin(file)));
    expect(of('slow-queries-choke-db.json')).toEqual(['database']);
    expect(of('nat-gateway-choke.json')).toEqual(['network', 'vendor']);
    expect(of('log-shipper-floods-dns.json')).toEqual(['network', 'platform']);
    expect(of('bad-deploy-rollback.json')).toEqual([]);
    expect(of('sidecar-cpu-throttling.json')).toEqual(['platform']);
    expect(of('rds-capacity-bottleneck.json')).toEqual(['database']);
  });

  it('an author can say a team is or is not involved', () => {
    expect(
      involvedTeams(
        { kinds: ['database'], causes: [] },
        { database: { involved: false, lines: [] }, vendor: { involved: true, lines: [] } },
      ),
    ).toEqual(['vendor']);
  });
});
