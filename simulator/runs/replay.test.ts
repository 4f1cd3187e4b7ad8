import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { Simulation } from '../engine/api';
import { parseScenarioText } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import { runStepSchema, type RunStep } from './record';
import { applyStep, runSteps, solutionSteps, stepEvent } from './replay';

function builtin(name: string): Scenario {
  const result = parseScenarioText(
    readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'),
  );
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}

function allSeries(sim: Simulation): Float64Array[] {
  return sim.metrics.series.map((s) => sim.metrics.read(s.index));
}

describe('replay', () => {
  const scenario = builtin('redis-queue-fills');
  const steps = solutionSteps(scenario);

  it('the scripted solution has steps to replay', () => {
    expect(steps.some((s) => s.kind === 'action')).toBe(true);
  });

  it('re-running the same scenario, seed and timed steps is bit-identical', () => {
    const a = createSimulation(scenario);
    const b = createSimulation(scenario);
    runSteps(a, steps);
    runSteps(b, steps);
    const sa = allSeries(a);
    const sb = allSeries(b);
    expect(sa.length).toBeGreaterThan(10);
    sa.forEach((values, i) =>
      expect(Buffer.from(values.buffer).equals(Buffer.from(sb[i]!.buffer))).toBe(true),
    );
    expect(b.events).toEqual(a.events);
    expect(b.alerts).toEqual(a.alerts);
  });

  it('a different action history gives a different run (the steps matter)', () => {
    const acted = createSimulation(scenario);
    const idle = createSimulation(scenario);
    runSteps(acted, steps);
    runSteps(idle, []);
    const errors = (sim: Simulation) =>
      sim.metrics.latest(sim.metrics.find('error_ratio', scenario.objectives.slos[0]!.node));
    expect(errors(acted)).not.toBe(errors(idle));
  });

  it('records trainee steps on the timeline, and engine refusals do not throw', () => {
    const sim = createSimulation(scenario);
    const bad: RunStep[] = [
      { at: 5, kind: 'action', type: 'scale', target: 'no-such-node', params: { replicas: 3 } },
      { at: 6, kind: 'declare', node: 'x', category: 'y' },
    ];
    const [refused, declared] = runSteps(sim, bad, 10);
    expect(refused?.ok).toBe(false);
    expect(refused?.message).toMatch(/no-such-node/);
    expect(declared?.ok).toBe(true);
    expect(sim.events.some((e) => e.kind === 'declare' && e.data?.category === 'y')).toBe(true);
    expect(stepEvent({ at: 0, kind: 'note', text: 'instructor note' })?.hidden).toBe(true);
  });
});

describe('investigate steps (the read-only shell)', () => {
  it('answer from the engine, land on the timeline as visible events and change no metric', () => {
    const scenario = builtin('redis-queue-fills');
    const quiet = createSimulation(scenario);
    const curious = createSimulation(scenario);
    quiet.runUntil(600);
    curious.runUntil(600);
    const queue = scenario.nodes.find((n) => n.kind === 'queue')?.id ?? '';
    const result = applyStep(curious, {
      at: 600,
      kind: 'investigate',
      command: `redis-cli -h ${queue} LLEN ${queue}`,
    });
    expect(result.ok).toBe(true);
    expect(result.message).toBe(
      `(integer) ${Math.round(curious.metrics.latest(curious.metrics.find('queue_depth', queue)))}`,
    );
    const event = curious.events.at(-1);
    expect(event).toMatchObject({
      kind: 'investigate',
      hidden: false,
      text: `$ redis-cli -h ${queue} LLEN ${queue}`,
    });
    expect(applyStep(curious, { at: 600, kind: 'investigate', command: 'nope' })).toEqual({
      ok: false,
      message: 'bash: nope: command not found',
    });
    quiet.runUntil(900);
    curious.runUntil(900);
    expect(allSeries(curious)).toEqual(allSeries(quiet));
  });
});

describe('investigate steps of the other tools (LogQL, trace search, trace, PromQL)', () => {
  it('are put on the timeline as they were looked at, change no metric and survive the record', () => {
    const scenario = builtin('redis-queue-fills');
    const quiet = createSimulation(scenario);
    const curious = createSimulation(scenario);
    quiet.runUntil(600);
    curious.runUntil(600);
    const looks: RunStep[] = [
      { at: 600, kind: 'investigate', tool: 'logql', command: '{service="checkout"} |= "OOM"' },
      { at: 600, kind: 'investigate', tool: 'traces', command: 'status=error' },
      { at: 600, kind: 'investigate', tool: 'trace', command: 'req-595-t' },
      { at: 600, kind: 'investigate', tool: 'promql', command: 'redis_memory_used_bytes' },
    ];
    for (const step of looks) expect(applyStep(curious, step).ok).toBe(true);
    expect(curious.events.slice(-4).map((e) => e.text)).toEqual([
      'LogQL: {service="checkout"} |= "OOM"',
      'Trace search: status=error',
      'Opened trace req-595-t',
      'PromQL: redis_memory_used_bytes',
    ]);
    expect(curious.events.slice(-4).every((e) => e.kind === 'investigate' && !e.hidden)).toBe(true);
    expect(runStepSchema.array().parse(looks)).toEqual(looks);
    expect(runStepSchema.safeParse({ ...looks[0], tool: 'grep' }).success).toBe(false);
    quiet.runUntil(900);
    curious.runUntil(900);
    expect(allSeries(curious)).toEqual(allSeries(quiet));
  });
});
