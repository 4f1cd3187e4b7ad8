/**
 * Evidence follows causality, in every built-in: played with its faults and no response, the error
 * log lines and the failing spans during the incident come from, and blame, only the root-cause
 * node or a node on a call path that really failed (its own error ratio or latency moved), never
 * a healthy bystander. Same scenario, seed and steps: the same logs and traces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../simulator/engine/index';
import type { Scenario } from '../simulator/scenario/schema';
import { formatErrors, parseScenarioText } from '../simulator/scenario/validate';

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');

function load(file: string): Scenario {
  const result = parseScenarioText(readFileSync(dir + file, 'utf8'), file);
  if (!result.ok) throw new Error(formatErrors(result.errors, file));
  return result.scenario;
}

function play(scenario: Scenario): Simulation {
  const sim = createSimulation(scenario, { logCapacity: 200_000, traceCapacity: 20_000 });
  sim.runUntil(scenario.duration);
  return sim;
}

/** Largest value of a series over ticks [from, to). */
function peak(sim: Simulation, metric: string, node: string, from: number, to: number): number {
  const i = sim.metrics.find(metric, node);
  if (i < 0) return NaN;
  let max = -Infinity;
  for (let t = from; t < to; t++) max = Math.max(max, sim.metrics.at(i, t));
  return max;
}

/**
 * The root cause and every node whose own error ratio rose by more than 1 point, or whose p99
 * latency rose by half, during the incident (first fault to the end) over the calm before it.
 */
function implicated(scenario: Scenario, sim: Simulation, incidentTick: number): Set<string> {
  const out = new Set([scenario.rootCause.node]);
  const calm = [Math.min(30, incidentTick - 1), incidentTick] as const;
  for (const node of scenario.nodes) {
    const errBefore = peak(sim, 'error_ratio', node.id, ...calm);
    const errDuring = peak(sim, 'error_ratio', node.id, incidentTick, sim.tick);
    const p99Before = peak(sim, 'latency_p99', node.id, ...calm);
    const p99During = peak(sim, 'latency_p99', node.id, incidentTick, sim.tick);
    if (errDuring > errBefore + 0.01 || p99During > p99Before * 1.5 + 0.005) out.add(node.id);
  }
  return out;
}

/** Node ids a message names as a whole word (ids contain dashes, so a dash does not end a word). */
function named(message: string, ids: readonly string[]): string[] {
  return ids.filter((id) =>
    new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(message),
  );
}

/**
 * The nodes a line blames: a failed DNS lookup blames its resolver (the name looked up is only the
 * address that could not be resolved); any other line every node it names.
 */
function blamed(message: string, ids: readonly string[]): string[] {
  const lookup = /lookup \S+ .*resolver (\S+)/.exec(message);
  return lookup ? [lookup[1]!] : named(message, ids);
}

describe.each(files)('%s', (file) => {
  const scenario = load(file);
  const ids = scenario.nodes.map((n) => n.id);
  const incident = Math.min(...scenario.faults.map((f) => f.at));
  const sim = play(scenario);
  const incidentTick = Math.round(incident / sim.tickSeconds);
  const allowed = implicated(scenario, sim, incidentTick);
  const errors = sim.logs().filter((l) => l.level === 'error' && l.t >= incident);
  const failedSpans = sim
    .traces()
    .filter((t) => t.t >= incident)
    .flatMap((t) => t.spans.filter((s) => s.error).map((s) => ({ trace: t.requestId, span: s })));

  it('logs errors and failing spans during the incident when requests fail', () => {
    // Latency-only incidents (a throttled sidecar, a slow provider behind a queue) fail nothing.
    const failing =
      peak(sim, 'error_ratio', scenario.objectives.slos[0]!.node, incidentTick, sim.tick) > 0.05;
    expect(errors.length > 0 && failedSpans.length > 0).toBe(failing);
  });

  it('every error line is written by, and blames, the root cause or a node whose metrics moved', () => {
    const wrong = errors
      .filter((l) => !allowed.has(l.node) || blamed(l.message, ids).some((id) => !allowed.has(id)))
      .map((l) => `${l.t}s ${l.node}: ${l.message}`);
    expect(wrong.slice(0, 10), `implicated: ${[...allowed].join(', ')}`).toEqual([]);
  });

  it("a caller reports a callee's error only when the callee really failed then", () => {
    const replied = /^(?:call to|LPUSH|query on) (\S+) failed: (?!read tcp)/;
    const wrong = errors
      .map((l) => ({ l, callee: replied.exec(l.message)?.[1] }))
      .filter(({ l, callee }) => {
        if (!callee) return false;
        const i = sim.metrics.find('error_ratio', callee);
        return !(sim.metrics.at(i, Math.round(l.t / sim.tickSeconds)) >= 0.005);
      })
      .map(({ l }) => `${l.t}s ${l.node}: ${l.message}`);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('every failing span is on the root cause or a node whose metrics moved', () => {
    const wrong = failedSpans
      .filter(({ span }) => !allowed.has(span.node))
      .map(({ trace, span }) => `${trace} ${span.node} ${span.operation}`);
    expect(wrong.slice(0, 10), `implicated: ${[...allowed].join(', ')}`).toEqual([]);
  });

  it('child spans lie inside their parent (a consumer after its enqueue), and durations vary', () => {
    for (const trace of sim.traces()) {
      const stack: { depth: number; end: number; start: number }[] = [];
      for (const s of trace.spans) {
        while (stack.length > 0 && stack[stack.length - 1]!.depth >= s.depth) stack.pop();
        const parent = stack[stack.length - 1];
        if (parent && s.kind === 'consumer') {
          // The message is processed after it was enqueued, whenever a worker picks it up.
          expect(s.start, `${trace.requestId} ${s.operation}`).toBeGreaterThanOrEqual(parent.end - 1e-9);
        } else if (parent) {
          expect(s.start, `${trace.requestId} ${s.operation}`).toBeGreaterThanOrEqual(parent.start - 1e-9);
          expect(s.start + s.duration, `${trace.requestId} ${s.operation}`).toBeLessThanOrEqual(
            parent.end + 1e-9,
          );
        }
        expect(Number.isFinite(s.duration) && s.duration >= 0).toBe(true);
        stack.push({ depth: s.depth, start: s.start, end: s.start + s.duration });
      }
    }
    // A node's success lines sample the tick's latency distribution: not one constant duration.
    const served = new Map<string, string[]>();
    for (const l of sim.logs().filter((x) => x.level === 'info'))
      served.set(l.node, [...(served.get(l.node) ?? []), l.message]);
    for (const [node, lines] of served) {
      if (lines.length < 20) continue;
      expect(new Set(lines).size, `${node}: ${lines.slice(0, 3).join(' | ')}`).toBeGreaterThan(5);
    }
  });

  it('is deterministic: same scenario and seed, same logs and traces', () => {
    const again = createSimulation(scenario, { logCapacity: 200_000, traceCapacity: 20_000 });
    again.runUntil(Math.min(scenario.duration, incident + 120));
    const n = again.logs().length;
    const early = sim.logs().slice(0, n);
    expect(again.logs()).toEqual(early);
  });
});
