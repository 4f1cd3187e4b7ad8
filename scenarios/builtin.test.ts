/**
 * Every built-in scenario, played through the engine (no UI):
 * - without a response the cascade appears in the metrics in the right order, a page fires and the
 *   SLOs are broken at the end;
 * - the scripted `solution` (acknowledge, declare, actions at their times) restores every SLO within
 *   the scenario's mitigation target and holds it for `holdFor`;
 * - the plausible wrong actions, taken instead, leave the SLOs broken.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioAlerts } from '../simulator/alerting/rules';
import { createSimulation, type Simulation } from '../simulator/engine/index';
import type { Pace, Scenario, TimedStep } from '../simulator/scenario/schema';
import { formatErrors, parseScenarioText } from '../simulator/scenario/validate';
import { runSteps, solutionSteps } from '../simulator/runs/replay';
import { firstPage, sloStretch } from '../simulator/check/run-times';

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');

function load(file: string): Scenario {
  const result = parseScenarioText(readFileSync(dir + file, 'utf8'), file);
  if (!result.ok) throw new Error(formatErrors(result.errors, file));
  return result.scenario;
}

/** Runs the scenario with timed steps; returns the simulation at the end. */
function play(scenario: Scenario, steps: readonly TimedStep[]): Simulation {
  const sim = createSimulation(scenario);
  runSteps(sim, solutionSteps(scenario, steps));
  return sim;
}

interface SloReport {
  /** Simulated second after which every SLO held until the end (NaN if the last tick breaks one). */
  readonly recoveredAt: number;
  /** Last value of each SLO metric. */
  readonly final: Record<string, number>;
  readonly firstPage: number;
}

function sloReport(scenario: Scenario, sim: Simulation): SloReport {
  const { metrics } = sim;
  const idx = scenario.objectives.slos.map((slo) => {
    const i = metrics.find(slo.metric, slo.node);
    expect(i, `series ${slo.metric}{node="${slo.node}"}`).toBeGreaterThanOrEqual(0);
    return i;
  });
  const final: Record<string, number> = {};
  scenario.objectives.slos.forEach(
    (slo, k) => (final[`${slo.metric}{${slo.node}}`] = metrics.latest(idx[k]!)),
  );
  // the same scan as outage-lab check and the editor's preview (run-times.ts)
  const { holdsFrom } = sloStretch(scenario, metrics, sim.tickSeconds);
  return { recoveredAt: holdsFrom ?? NaN, final, firstPage: firstPage(scenario, sim.events) ?? NaN };
}

/** Cascade signature: conditions that must first become true in this order (ties allowed). */
type Condition = readonly [metric: string, node: string, op: '>' | '>=', threshold: number];
const SIGNATURES: Record<string, readonly Condition[]> = {
  'redis-queue-fills': [
    ['queue_depth', 'notify-jobs', '>', 3000],
    ['queue_memory_mb', 'notify-jobs', '>=', 255],
    ['error_ratio', 'checkout', '>', 0.5],
  ],
  'slow-queries-choke-db': [
    ['db_slow_queries', 'main-db', '>', 0],
    ['cpu_utilization', 'main-db', '>=', 0.99],
    ['error_ratio', 'catalog', '>', 0.05],
    ['error_ratio', 'web', '>', 0.05],
  ],
  // storefront's errors (243 s) are its own rejections: its 240 threads are held 10 s per request
  // and its queue is full within 3 s; its timeouts come at 250 s. product-api's threads fill later
  // (254 s) because it gets calls at storefront's throughput, not at the rate storefront starts
  // them (docs/architecture.md, "Knowingly approximate").
  'thread-exhaustion': [
    ['latency_p99', 'product-api', '>', 5],
    ['error_ratio', 'storefront', '>', 0.05],
    ['saturation', 'product-api', '>=', 0.99],
  ],
  'sidecar-cpu-throttling': [
    ['cpu_throttled_ratio', 'catalog', '>', 0.25],
    ['latency_p99', 'frontend', '>', 0.25],
  ],
  'bad-deploy-rollback': [
    ['error_ratio', 'orders', '>', 0.1],
    ['error_ratio', 'gateway', '>', 0.05],
  ],
  'log-shipper-floods-dns': [
    ['dns_queries_rate', 'coredns', '>', 10000],
    ['dns_failure_ratio', 'coredns', '>', 0.05],
    ['error_ratio', 'api', '>', 0.05],
    ['error_ratio', 'frontend', '>', 0.05],
  ],
  'otp-autoscaling-wrong-signal': [
    ['latency_p99', 'sms-provider', '>', 3],
    ['saturation', 'sms-workers', '>=', 0.99],
    ['queue_oldest_seconds', 'otp-jobs', '>', 30],
  ],
  'alert-storm': [
    ['latency_p99', 'recommendations', '>', 0.5],
    ['error_ratio', 'card-vault', '>', 0.1],
    ['error_ratio', 'payments', '>', 0.05],
    ['error_ratio', 'checkout', '>', 0.05],
  ],
  'rds-capacity-bottleneck': [
    ['cpu_utilization', 'main-db', '>=', 0.99],
    ['db_connections', 'main-db', '>=', 110],
    ['error_ratio', 'main-db', '>', 0.05],
    ['error_ratio', 'web', '>', 0.02],
  ],
  // Retries now leave when a timeout fires (302 s on), but gateway's requests fail when their
  // first attempt times out, not their last, and ledger gets orders' throughput, not the calls
  // orders starts, so the storm builds after the errors (docs/architecture.md, "Knowingly
  // approximate").
  'retry-storm-metastable': [
    ['latency_p99', 'ledger', '>', 1],
    ['error_ratio', 'gateway', '>', 0.5],
    ['request_rate', 'ledger', '>', 1600],
  ],
  // The store's queue fills within seconds of the burst; Multipass's timed-out calls come back at
  // once (no backoff), so its errors and the retry load arrive in the same few ticks.
  'auth-retry-loop-overloads-redis': [
    ['latency_p99', 'sessions-redis', '>', 0.25],
    ['error_ratio', 'multipass', '>', 0.5],
    ['request_rate', 'sessions-redis', '>', 60000],
    ['error_ratio', 'api', '>', 0.5],
  ],
  // The gateway's loss comes first; web's errors follow it and jump with the loss at the peak, the
  // moment the scrapes through the gateway start failing (scrape_ok 0).
  'first-monday-graphs-go-blank': [
    ['error_ratio', 'tgw', '>', 0.1],
    ['error_ratio', 'web', '>', 0.02],
    ['error_ratio', 'web', '>', 0.25],
  ],
  'elasticsearch-shard-recovery': [
    ['cpu_utilization', 'search-cluster', '>=', 0.99],
    ['latency_p99', 'search-cluster', '>', 0.18],
    ['error_ratio', 'search-cluster', '>', 0.05],
    ['error_ratio', 'web', '>', 0.05],
  ],
  'scale-out-exhausts-db-connections': [
    ['replicas_starting', 'checkout', '>', 0],
    ['db_connections', 'orders-db', '>=', 100],
    ['error_ratio', 'checkout', '>', 0.05],
  ],
  'deep-health-check-takes-site-down': [
    ['latency_p50', 'comments-db', '>', 1],
    ['error_ratio', 'frontend', '>', 0.5],
  ],
  // The router moves West Europe's share after 3 failed checks (30 s) over the 60 s TTL, so North
  // Europe's load climbs for a minute before its CPUs pin and its queues overflow.
  'edge-failover-overloads-survivor': [
    ['error_ratio', 'edge-weu', '>', 0.5],
    ['request_rate', 'edge-neu', '>', 4000],
    ['cpu_utilization', 'edge-neu', '>=', 0.99],
    ['error_ratio', 'edge-neu', '>', 0.2],
  ],
  'replication-slot-fills-db-disk': [
    ['error_ratio', 'chat-db', '>', 0.05],
    ['error_ratio', 'web', '>', 0.2],
  ],
  'cache-stampede-db-herd': [
    ['request_rate', 'user-db', '>', 1000],
    ['cpu_utilization', 'user-db', '>=', 0.99],
    ['error_ratio', 'web', '>', 0.2],
  ],
  // The peak saturates the downsized database's cores first; its 400 connections fill within
  // seconds and the refusals fail most dashboard requests (four queries each).
  'downsized-db-daily-peak': [
    ['cpu_utilization', 'main-db', '>=', 0.99],
    ['db_connections', 'main-db', '>=', 400],
    ['error_ratio', 'web', '>', 0.5],
  ],
  // Throttling comes with the burst; the first pods are restarted 20-30 s after their queue passes
  // the probe's 1 s, and the survivors follow within seconds, which is the outage.
  'liveness-probe-crashloop': [
    ['cpu_throttled_ratio', 'state-api', '>', 0.25],
    ['restarts_total', 'state-api', '>', 0],
    ['error_ratio', 'ingest', '>', 0.5],
  ],
  'nat-gateway-choke': [
    ['latency_p99', 'fraud-api', '>', 2],
    ['saturation', 'egress-nat', '>=', 0.99],
    ['error_ratio', 'egress-nat', '>', 0.05],
    ['error_ratio', 'checkout', '>', 0.05],
  ],
};

function firstTickWhen(sim: Simulation, [metric, node, op, threshold]: Condition): number {
  const i = sim.metrics.find(metric, node);
  expect(i, `series ${metric}{node="${node}"}`).toBeGreaterThanOrEqual(0);
  for (let t = sim.metrics.firstTick; t < sim.tick; t++) {
    const v = sim.metrics.at(i, t);
    if (op === '>' ? v > threshold : v >= threshold) return t;
  }
  return Infinity;
}

const minutes = (s: number) => (s / 60).toFixed(1);

interface PaceTimes {
  readonly symptom: number;
  readonly page: number;
  readonly outage: number;
}

/**
 * When the steps of the cascade happen, in simulated seconds: the first tick each condition holds, and
 * the first "page" alert firing at or after the symptom (earlier pages are noise, e.g. alert-storm).
 */
function paceTimes(scenario: Scenario, sim: Simulation, pace: Pace): PaceTimes {
  const at = (c: Pace['symptom']) => firstTickWhen(sim, [c.metric, c.node, c.op, c.value]) * sim.tickSeconds;
  const symptom = at(pace.symptom);
  const pages = scenarioAlerts(scenario)
    .filter((a) => a.route === 'page')
    .map((a) => a.name);
  const page =
    sim.events.find(
      (e) => e.kind === 'alert-firing' && e.t >= symptom && pages.some((name) => e.text.includes(name)),
    )?.t ?? Infinity;
  return { symptom, page, outage: at(pace.outage) };
}

type Range = readonly [min: number, max: number];

/**
 * Known gaps between the engine and a write-up's range: the looser bound the engine's value is held to
 * instead, until the engine closes the gap. The write-up's range stays in the scenario's `pace`, and the
 * gap is listed in its `pace.gaps`. Mark each entry with a comment, e.g.
 *   // gap: engine 20 s vs write-up 300-1800 s, see issue 11
 *   'some-scenario': { symptomToPage: [0, 1800] },
 * None today: every built-in unfolds within the ranges its write-up supports.
 */
const PACE_GAPS: Record<string, { symptomToPage?: Range; pageToOutage?: Range }> = {};

describe.each(files)('%s', (file) => {
  const scenario = load(file);

  it('without a response: the cascade appears in order, a page fires, the SLOs are broken at the end', () => {
    const sim = play(scenario, []);
    const report = sloReport(scenario, sim);
    expect(report.firstPage, 'a page fires').toBeLessThan(scenario.duration);
    expect(Number.isNaN(report.recoveredAt), `SLOs broken at the end: ${JSON.stringify(report.final)}`).toBe(
      true,
    );
    const signature = SIGNATURES[scenario.id] ?? [];
    const times = signature.map((c) => firstTickWhen(sim, c));
    times.forEach((t, k) => expect(t, `${signature[k]!.join(' ')} happens`).toBeLessThan(Infinity));
    for (let k = 1; k < times.length; k++) {
      expect(
        times[k]!,
        `${signature[k]!.join(' ')} not before ${signature[k - 1]!.join(' ')}`,
      ).toBeGreaterThanOrEqual(times[k - 1]!);
    }
    console.info(
      `${scenario.id}: no response: first page at ${minutes(report.firstPage)} min; end ${JSON.stringify(report.final)}`,
    );
  });

  it('the scripted solution restores the SLOs within the target and holds them', () => {
    const sim = play(scenario, scenario.solution);
    const report = sloReport(scenario, sim);
    expect(Number.isNaN(report.recoveredAt), `SLOs hold at the end: ${JSON.stringify(report.final)}`).toBe(
      false,
    );
    expect(scenario.duration - report.recoveredAt, 'held for holdFor').toBeGreaterThanOrEqual(
      scenario.objectives.holdFor,
    );
    expect(report.recoveredAt - report.firstPage, 'within the mitigation target').toBeLessThanOrEqual(
      scenario.scoring.mitigate,
    );
    console.info(
      `${scenario.id}: solution: first page at ${minutes(report.firstPage)} min, SLOs hold from ${minutes(report.recoveredAt)} min; end ${JSON.stringify(report.final)}`,
    );
  });

  it('the plausible wrong actions leave the SLOs broken', () => {
    const wrong = scenario.actions.filter((a) => a.effect === 'harmful' || a.effect === 'neutral');
    expect(wrong.length).toBeGreaterThan(0);
    const start = scenario.solution.find((s) => s.kind === 'action')?.at ?? scenario.duration / 3;
    const steps: TimedStep[] = wrong.map((a, k) => ({
      at: start + 60 * k,
      kind: 'action',
      type: a.type,
      target: a.target,
    }));
    const sim = play(scenario, steps);
    const report = sloReport(scenario, sim);
    expect(Number.isNaN(report.recoveredAt), `SLOs still broken: ${JSON.stringify(report.final)}`).toBe(true);
  });

  it('the cascade unfolds at the pace of its write-up', () => {
    const pace = scenario.pace;
    expect(pace, 'the scenario states the pace of its cascade').toBeDefined();
    if (!pace) return;
    const sim = play(scenario, []);
    const { symptom, page, outage } = paceTimes(scenario, sim, pace);
    expect(symptom, `first symptom ${pace.symptom.metric}{${pace.symptom.node}} happens`).toBeLessThan(
      Infinity,
    );
    expect(page, 'a page fires after the first symptom').toBeLessThan(Infinity);
    expect(outage, `full outage ${pace.outage.metric}{${pace.outage.node}} happens`).toBeLessThan(Infinity);
    const gap = PACE_GAPS[scenario.id] ?? {};
    expect(pace.gaps.length > 0, "a gap held to a looser bound is listed in the scenario's pace.gaps").toBe(
      scenario.id in PACE_GAPS,
    );
    const check = (what: 'symptomToPage' | 'pageToOutage', value: number) => {
      const [min, max] = gap[what] ?? pace[what];
      expect(value, `${what} ${value} s within [${min}, ${max}] s`).toBeGreaterThanOrEqual(min);
      expect(value, `${what} ${value} s within [${min}, ${max}] s`).toBeLessThanOrEqual(max);
    };
    check('symptomToPage', page - symptom);
    check('pageToOutage', outage - page);
    console.info(
      `${scenario.id}: pace: symptom ${symptom} s, page ${page} s (+${page - symptom} s), outage ${outage} s (${outage - page >= 0 ? '+' : ''}${outage - page} s from the page)`,
    );
  });
});

describe('retry-storm-metastable.json: the overload outlives its trigger', () => {
  it("long after the blip ends, the ledger still receives many times the merchants' rate and the gateway fails", () => {
    const scenario = load('retry-storm-metastable.json');
    const blip = scenario.faults[0]!;
    const over = blip.at + (blip.duration ?? 0);
    const sim = play(scenario, []);
    const bottom = sim.metrics.find('request_rate', 'ledger');
    const top = sim.metrics.find('request_rate', 'gateway');
    const errors = sim.metrics.find('error_ratio', 'gateway');
    // From two minutes after the storage stall ended until the end of the run.
    for (let t = Math.ceil((over + 120) / sim.tickSeconds); t < sim.tick; t++) {
      expect(sim.metrics.at(bottom, t), `ledger rate at ${t}s`).toBeGreaterThan(5 * sim.metrics.at(top, t));
      expect(sim.metrics.at(errors, t), `gateway errors at ${t}s`).toBeGreaterThan(0.5);
    }
  });
});

describe('auth-retry-loop-overloads-redis.json: the retry loop outlives the burst', () => {
  it('long after the identity burst ends, Redis still gets several times its capacity and the API fails', () => {
    const scenario = load('auth-retry-loop-overloads-redis.json');
    const burst = scenario.faults.find((f) => f.id === 'identity-burst')!;
    const over = burst.at + (burst.duration ?? 0);
    const sim = play(scenario, []);
    const redis = sim.metrics.find('request_rate', 'sessions-redis');
    const retries = sim.metrics.find('edge_retry_rate', 'multipass', { to: 'sessions-redis' });
    const errors = sim.metrics.find('error_ratio', 'api');
    for (let t = Math.ceil((over + 120) / sim.tickSeconds); t < sim.tick; t++) {
      expect(sim.metrics.at(redis, t), `Redis commands at ${t}s`).toBeGreaterThan(3 * 20000);
      // Most of what Redis gets is retries: the first attempts are only 1,600 x 4 = 6,400 per second.
      expect(sim.metrics.at(retries, t), `retries at ${t}s`).toBeGreaterThan(0.8 * sim.metrics.at(redis, t));
      expect(sim.metrics.at(errors, t), `api errors at ${t}s`).toBeGreaterThan(0.5);
    }
  });
});

describe('cache-stampede-db-herd.json: the herd outlives the flush', () => {
  it('without a response the cache stays cold, the database saturated, and keys filled together expire together', () => {
    const scenario = load('cache-stampede-db-herd.json');
    const flush = scenario.faults[0]!.at;
    const ttl = 900;
    const sim = play(scenario, []);
    const hit = sim.metrics.find('cache_hit_ratio', 'profile-cache');
    const cpu = sim.metrics.find('cpu_utilization', 'user-db');
    const db = sim.metrics.find('request_rate', 'user-db');
    // From two minutes after the flush to the end the hit ratio never gets back to 0.9 (warm: 0.98).
    for (let t = Math.ceil((flush + 120) / sim.tickSeconds); t < sim.tick; t++) {
      expect(sim.metrics.at(hit, t), `hit ratio at ${t}s`).toBeLessThan(0.9);
      expect(sim.metrics.at(cpu, t), `user-db CPU at ${t}s`).toBeGreaterThan(0.95);
    }
    // One TTL after the flush, the keys filled in its first seconds expire together: a second burst.
    const before = sim.metrics.at(db, flush + ttl - 30);
    let peak = 0;
    for (let t = flush + ttl - 5; t < flush + ttl + 10; t++) peak = Math.max(peak, sim.metrics.at(db, t));
    expect(peak).toBeGreaterThan(3 * before);
  });
});

describe('downsized-db-daily-peak.json: only a vertical resize fixes it', () => {
  const scenario = load('downsized-db-daily-peak.json');
  const at = scenario.solution.find((s) => s.kind === 'action')!.at;
  /** Mean of web's error ratio from `from` to the end. */
  const meanErrors = (sim: Simulation, from: number) => {
    const i = sim.metrics.find('error_ratio', 'web');
    let sum = 0;
    for (let t = from; t < sim.tick; t++) sum += sim.metrics.at(i, t);
    return sum / (sim.tick - from);
  };
  const step = (type: string, target: string, params?: Record<string, unknown>): TimedStep[] => [
    { at, kind: 'action', type, target, ...(params ? { params } : {}) } as TimedStep,
  ];

  it('more web instances raise the failure share: each polls the database whatever its traffic', () => {
    const from = at + 600;
    const none = meanErrors(play(scenario, []), from);
    const scaled = meanErrors(play(scenario, step('scale', 'web', { replicas: 16 })), from);
    expect(none).toBeGreaterThan(0.3);
    expect(scaled).toBeGreaterThan(none + 0.1);
  });

  it('the resize takes effect only after the modification completes, then holds the peak', () => {
    const sim = play(scenario, step('resize-database', 'main-db', { cores: 8, maxConnections: 800 }));
    const effective = sim.events.find((e) => e.kind === 'action-effective' && e.text.includes('main-db'))!;
    // RDS applies an instance class change in about 10 minutes, not at once.
    expect(effective.t - at).toBeGreaterThanOrEqual(540);
    expect(meanErrors(sim, effective.t + 120)).toBeLessThan(0.005);
    const cpu = sim.metrics.find('cpu_utilization', 'main-db');
    expect(sim.metrics.latest(cpu)).toBeLessThan(0.95);
  });
});

describe('liveness-probe-crashloop.json: the probe, not the burst, keeps it down', () => {
  const scenario = load('liveness-probe-crashloop.json');
  const burst = scenario.faults[0]!;
  const over = burst.at + (burst.duration ?? 0);

  it('without the liveness probe the same burst passes within minutes', () => {
    const noProbe: Scenario = {
      ...scenario,
      nodes: scenario.nodes.map((n) => (n.kind === 'service' ? { ...n, livenessProbe: undefined } : n)),
    };
    const sim = play(noProbe, []);
    const errors = sim.metrics.find('error_ratio', 'ingest');
    for (let t = over + 600; t < sim.tick; t++)
      expect(sim.metrics.at(errors, t), `t=${t}`).toBeLessThan(0.01);
    expect(sim.metrics.latest(sim.metrics.find('restarts_total', 'state-api'))).toBe(0);
  });

  it('with it, the pods crash-loop long after the burst and every return meets the backlog', () => {
    const sim = play(scenario, []);
    const backoffs = sim.events
      .filter((e) => e.data?.reason === 'BackOff')
      .map((e) => e.data!.backoff as number);
    // The kubelet's back-off keeps doubling: the pods never run for 10 minutes in a row.
    expect(Math.max(...backoffs)).toBe(300);
    const kills = sim.events.filter((e) => e.data?.reason === 'Liveness probe failed');
    expect(kills.filter((e) => e.t > over + 900).length).toBeGreaterThan(0);
    // The agents resend what failed: while state-api is down they send about twice their own rate.
    const agents = sim.metrics.find('request_rate', 'agents');
    expect(sim.metrics.at(agents, over + 600)).toBeGreaterThan(1.7 * 1000);
  });
});

describe('edge-failover-overloads-survivor.json: failover moves the load, the autoscaler ceiling caps the survivor', () => {
  it('West Europe loses its share after its failed checks; North Europe stays at its 12-pod maximum and fails', () => {
    const scenario = load('edge-failover-overloads-survivor.json');
    const crash = scenario.faults[0]!.at;
    const sim = play(scenario, []);
    const share = sim.metrics.find('route_traffic_share', 'front-door', { to: 'edge-weu' });
    const healthy = sim.metrics.find('route_target_healthy', 'front-door', { to: 'edge-weu' });
    const ready = sim.metrics.find('replicas_ready', 'edge-neu');
    const errors = sim.metrics.find('error_ratio', 'edge-neu');
    expect(sim.metrics.at(share, crash - 1)).toBeCloseTo(0.6, 9);
    // Marked unhealthy at the third failed check (10 s apart), then clients follow over the 60 s TTL.
    const flip = sim.events.find((e) => e.kind === 'readiness' && e.node === 'front-door')!;
    expect(flip.t - crash).toBeGreaterThanOrEqual(20);
    expect(flip.t - crash).toBeLessThanOrEqual(40);
    expect(sim.metrics.at(healthy, flip.t)).toBe(0);
    expect(sim.metrics.at(share, flip.t + 30)).toBeGreaterThan(0.2);
    expect(sim.metrics.at(share, flip.t + 30)).toBeLessThan(0.4);
    expect(sim.metrics.at(share, flip.t + 61)).toBe(0);
    for (let t = flip.t + 240; t < sim.tick; t++) {
      expect(sim.metrics.at(ready, t), `edge-neu pods at ${t}s`).toBe(12);
      expect(sim.metrics.at(errors, t), `edge-neu errors at ${t}s`).toBeGreaterThan(0.2);
    }
  });
});

describe('first-monday-graphs-go-blank.json: the monitoring and the registry cross the failing gateway', () => {
  const scenario = load('first-monday-graphs-go-blank.json');
  const peak = scenario.faults.find((f) => f.id === 'tgw-loss-at-the-peak')!.at;

  it('the page resolves while the outage deepens, web has no samples, and the next page is held', () => {
    const sim = play(scenario, []);
    const resolved = sim.events.find(
      (e) => e.kind === 'alert-resolved' && e.data?.alert === 'WebErrorRateHigh',
    )!;
    expect(resolved.t).toBeGreaterThan(peak);
    expect(sim.metrics.at(sim.metrics.find('error_ratio', 'web'), resolved.t)).toBeGreaterThan(0.3);
    expect(sim.metrics.at(sim.metrics.find('scrape_ok', 'web'), resolved.t)).toBe(0);
    const down = sim.events.find((e) => e.kind === 'alert-firing' && e.data?.alert === 'WebTargetDown')!;
    expect(down.t).toBeGreaterThan(peak);
    // Alertmanager's later notifications wait behind the gateway: only the first page got out.
    const delivered = sim.events.filter((e) => e.kind === 'notification');
    expect(delivered.map((e) => e.t).every((t) => t < peak)).toBe(true);
  });

  it('a scale-out during the outage sits in ImagePullBackOff unless the image comes from the mirror', () => {
    const at = peak + 120;
    const stuck = play(scenario, [
      { at, kind: 'action', type: 'scale', target: 'web', params: { replicas: 16 } },
    ]);
    const waiting = stuck.metrics.find('replicas_waiting_image', 'web');
    expect(stuck.metrics.latest(waiting)).toBe(4);
    const mirrored = play(scenario, [
      { at, kind: 'action', type: 'set-image-registry', target: 'web', params: { registry: 'ecr-mirror' } },
      { at: at + 10, kind: 'action', type: 'scale', target: 'web', params: { replicas: 16 } },
    ]);
    expect(mirrored.metrics.latest(mirrored.metrics.find('replicas_waiting_image', 'web'))).toBe(0);
    expect(mirrored.metrics.latest(mirrored.metrics.find('replicas_ready', 'web'))).toBe(16);
  });
});
