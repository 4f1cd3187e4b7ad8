import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenarioText } from '../scenario/validate';
import { clientRate } from './client-rate';
import { compile, type Model } from './compile';
import { makeScenario } from './testing';

type Stages = { duration: number | string; target: number }[];

function rates(client: Record<string, unknown>, times: readonly number[]): number[] {
  const model = compile(
    makeScenario({
      nodes: [{ id: 'users', kind: 'client', ...client } as ScenarioInput['nodes'][number]],
      duration: '2h',
    }),
  );
  return rateAt(model, model.index.get('users')!, times);
}

function rateAt(model: Model, i: number, times: readonly number[]): number[] {
  const out = new Float64Array(model.n);
  return times.map((t) => (clientRate(model, i, t, out), out[i]!));
}

describe('client traffic stages (k6 ramping-arrival-rate)', () => {
  it('ramps the first stage from startRate to its target', () => {
    const stages: Stages = [{ duration: '1m', target: 100 }];
    expect(rates({ startRate: 0, stages }, [0, 30, 60, 90])).toEqual([0, 50, 100, 100]);
    expect(rates({ startRate: 20, stages }, [0, 30, 60])).toEqual([20, 60, 100]);
  });

  it('ramps each later stage from the previous target; a zero-length stage jumps', () => {
    const stages: Stages = [
      { duration: '1m', target: 100 },
      { duration: '2m', target: 40 },
      { duration: 0, target: 300 },
      { duration: '1m', target: 300 },
    ];
    expect(rates({ startRate: 10, stages }, [0, 60, 120, 179, 180, 200, 300])).toEqual([
      10, 100, 70, 40.5, 300, 300, 300,
    ]);
  });

  it('holds the first stage flat at its target when startRate is omitted (the documented default)', () => {
    expect(rates({ stages: [{ duration: '1m', target: 100 }] }, [0, 30, 60])).toEqual([100, 100, 100]);
  });

  it('refuses a negative startRate with its JSON path', () => {
    const result = parseScenarioText(
      JSON.stringify({
        ...makeScenarioInput(),
        nodes: [{ id: 'users', kind: 'client', startRate: -1, stages: [{ duration: '1m', target: 1 }] }],
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('nodes[0].startRate');
  });
});

function makeScenarioInput() {
  return {
    schemaVersion: 1,
    id: 'x',
    title: 'x',
    difficulty: 'beginner',
    duration: '5m',
    edges: [],
    rootCause: { node: 'users', category: 'a', categories: ['a', 'b'] },
    objectives: { slos: [{ node: 'users', metric: 'error_ratio', max: 0.01 }] },
  };
}

/**
 * The traffic function before startRate (kept here verbatim in substance): the first stage is
 * held flat at its own target, later stages ramp from the previous target; diurnal on top.
 */
function oldRate(
  stages: { duration: number; target: number }[],
  diurnal: boolean,
  duration: number,
  t: number,
) {
  let rate = stages[stages.length - 1]!.target;
  let prevEnd = 0;
  let prevTarget = stages[0]!.target;
  for (const s of stages) {
    const end = prevEnd + s.duration;
    if (t < end) {
      const span = end - prevEnd;
      rate = prevTarget + (s.target - prevTarget) * (span > 0 ? (t - prevEnd) / span : 1);
      break;
    }
    prevEnd = end;
    prevTarget = s.target;
  }
  return diurnal && duration > 0 ? rate * (1 - 0.25 * Math.cos((2 * Math.PI * t) / duration)) : rate;
}

describe('built-in scenarios keep their traffic', () => {
  const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');

  it.each(files)('%s: every client states startRate and its curve is unchanged', (file) => {
    const text = readFileSync(dir + file, 'utf8');
    const raw = JSON.parse(text) as { nodes: { kind: string; startRate?: unknown }[] };
    // migrated explicitly: none relies on the default for an omitted startRate
    for (const node of raw.nodes.filter((n) => n.kind === 'client'))
      expect(node.startRate).toBeTypeOf('number');
    const result = parseScenarioText(text, file);
    if (!result.ok) throw new Error(file);
    const scenario = result.scenario;
    const model = compile(scenario);
    const times: number[] = [];
    for (let t = 0; t <= scenario.duration + 120; t += 0.5) times.push(t);
    for (const node of scenario.nodes) {
      if (node.kind !== 'client') continue;
      const now = rateAt(model, model.index.get(node.id)!, times);
      const before = times.map((t) => oldRate(node.stages, node.shape === 'diurnal', scenario.duration, t));
      expect(now).toEqual(before);
    }
  });
});
