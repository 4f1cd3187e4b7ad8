/**
 * Pins a sha256 of whole runs of the built-ins: every metric series (every tick, bit for bit), the
 * rules' console state after every tick (status, since, value, silenced, inhibited), every log line
 * and trace as the engine writes them, the event timeline (alerts, notifications, actions) and the
 * live nodes at the end. Speed work on the engine or the PromQL evaluator must leave every one of
 * these bits as they were: a digest that changes means a result changed, not just the speed.
 *
 * The digests were computed before the speed work of issue 11's targets; when a change is meant to
 * change results (a model fix), update them in the same commit and say why. Updated once since:
 * the live nodes gained each service's live HPA (`autoscaler`), which changed the three built-ins
 * with an HPA (checked: with that field left out they matched the old digests).
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layeredScenario } from '../simulator/engine/bench';
import { createSimulation, type Simulation } from '../simulator/engine/index';
import type { RunStep } from '../simulator/runs/record';
import { applyStep, solutionSteps } from '../simulator/runs/replay';
import type { Scenario } from '../simulator/scenario/schema';
import { formatErrors, parseScenarioText } from '../simulator/scenario/validate';

const dir = fileURLToPath(new URL('.', import.meta.url));

function load(file: string): Scenario {
  const result = parseScenarioText(readFileSync(dir + file, 'utf8'), file);
  if (!result.ok) throw new Error(formatErrors(result.errors, file));
  return result.scenario;
}

/** `since`: the simulated time before the step; the tick's lines are stamped with it. */
function hashTick(hash: Hash, sim: Simulation, since: number): void {
  const after = since - sim.tickSeconds / 2;
  for (const a of sim.alerts)
    hash.update(
      `${a.name}|${a.status}|${a.since}|${a.value}|${a.silencedBy ?? ''}|${a.inhibited ?? false}\n`,
    );
  hash.update(JSON.stringify(sim.logs(after)));
  hash.update(JSON.stringify(sim.traces(after)));
}

/** Plays `steps` as runs/replay.ts's runSteps does, hashing after every tick; then the whole run. */
function digest(scenario: Scenario, steps: readonly RunStep[], end = scenario.duration): string {
  const hash = createHash('sha256');
  const sim = createSimulation(scenario);
  const ordered = [...steps].sort((a, b) => a.at - b.at);
  let next = 0;
  for (;;) {
    while (next < ordered.length && sim.time >= Math.min(ordered[next]!.at, end) - 1e-9) {
      hash.update(JSON.stringify(applyStep(sim, ordered[next++]!)));
    }
    if (sim.time >= end - 1e-9) break;
    const since = sim.time;
    sim.step();
    hashTick(hash, sim, since);
  }
  const { metrics } = sim;
  const row = new Float64Array(metrics.length);
  for (const s of metrics.series) {
    hash.update(`${s.metric}${JSON.stringify(s.labels)}`);
    metrics.read(s.index, row);
    hash.update(new Uint8Array(row.buffer));
  }
  hash.update(`nonFinite ${metrics.nonFinite}`);
  hash.update(JSON.stringify(sim.events));
  hash.update(JSON.stringify(sim.liveNodes()));
  return hash.digest('hex').slice(0, 16);
}

/** [file, with the scripted solution?, digest]: every built-in solved, five left without a response. */
const PINNED: readonly (readonly [string, boolean, string])[] = [
  ['alert-storm.json', true, 'e0012c7466d100a3'],
  ['auth-retry-loop-overloads-redis.json', true, '471a6bdc66720760'],
  ['bad-deploy-rollback.json', true, '2ad2ff2485034040'],
  ['cache-stampede-db-herd.json', true, '3f1745eb78e1f6d9'],
  ['deep-health-check-takes-site-down.json', true, 'f29697091ec1891b'],
  ['downsized-db-daily-peak.json', true, '46b2e2efb7ef0bc5'],
  ['edge-failover-overloads-survivor.json', true, '6f7234c36c48d1fc'],
  ['first-monday-graphs-go-blank.json', true, 'bbbf8f1d78dc5deb'],
  ['elasticsearch-shard-recovery.json', true, '6e91a6287421dd35'],
  ['liveness-probe-crashloop.json', true, '7436bc16c6a91240'],
  ['log-shipper-floods-dns.json', true, 'c669049df757fb6d'],
  ['nat-gateway-choke.json', true, 'bba559854809bda4'],
  ['otp-autoscaling-wrong-signal.json', true, '6f6cdce5c2645ca2'],
  ['rds-capacity-bottleneck.json', true, '8d61cfa65b7a7fd0'],
  ['redis-queue-fills.json', true, '637f47efdc4256c6'],
  ['replication-slot-fills-db-disk.json', true, '0b7c2bec5042bae4'],
  ['retry-storm-metastable.json', true, '0970921ac96b60a2'],
  ['scale-out-exhausts-db-connections.json', true, '6898a815fd68fc05'],
  ['sidecar-cpu-throttling.json', true, 'd8e2bf5f4498452a'],
  ['slow-queries-choke-db.json', true, 'ae694aeda2a565ad'],
  ['thread-exhaustion.json', true, '297e27021deab759'],
  ['alert-storm.json', false, '83d5881048db8a75'],
  ['retry-storm-metastable.json', false, '16edf53443ab6925'],
  ['scale-out-exhausts-db-connections.json', false, '18fee97beeb301f4'],
  ['otp-autoscaling-wrong-signal.json', false, '708b45aab5a040cd'],
  ['edge-failover-overloads-survivor.json', false, '3f534e3e560b0121'],
];

describe('whole-run digests of the built-ins', () => {
  it.each(PINNED)('%s (solution: %s) is bit-identical', (file, solved, pinned) => {
    const scenario = load(file);
    const steps = solved ? solutionSteps(scenario) : [];
    expect(digest(scenario, steps)).toBe(pinned);
  });

  it('the 1,000-node benchmark graph (10 simulated minutes) is bit-identical', () => {
    expect(digest(layeredScenario(1000), [], 600)).toBe('786a5ee7ae9e1c78');
  });

  it('the digest sees a one-bit change in a run', () => {
    const scenario = load('thread-exhaustion.json');
    const a = digest(scenario, []);
    expect(digest(scenario, [])).toBe(a);
    expect(digest({ ...scenario, seed: scenario.seed + 1 }, [])).not.toBe(a);
  });
});
