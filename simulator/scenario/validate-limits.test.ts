import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../json-depth';
import { parseScenarioText, validateScenario } from './validate';

/** A minimal valid scenario with one fault. */
function base(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'limits',
    title: 'Limits',
    difficulty: 'beginner',
    duration: '10m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 100 }] },
      { id: 'api', kind: 'service' },
    ],
    edges: [{ from: 'users', to: 'api' }],
    faults: [{ at: '2m', target: 'api', type: 'latency' }],
    rootCause: { node: 'api', category: 'x', categories: ['x', 'y'] },
    objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
  };
}

const deepText = (key: string, depth: number) => `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;

describe('validator depth limit', () => {
  it('returns a path-bearing error for a fault type nested 5,000 deep instead of overflowing', () => {
    const text = JSON.stringify(base()).replace('"type":"latency"', `"type":${deepText('type', 5000)}`);
    const result = parseScenarioText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.path).toMatch(/^faults\[0\]\.type\.type\.type/);
    expect(result.errors[0]!.message).toContain(`more than ${MAX_JSON_DEPTH} levels`);
    expect(result.errors[0]!.message).not.toContain('please report it');
  });

  it('does the same for an action type reached through an object (no text involved)', () => {
    let deep: unknown = 'restart';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const result = validateScenario({ ...base(), actions: [{ id: 'a', type: deep }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.path).toMatch(/^actions\[0\]\.type\[0\]\[0\]/);
  });
});

describe('realistic maxima', () => {
  const errorsOf = (patch: (s: Record<string, unknown>) => void) => {
    const scenario = base();
    patch(scenario);
    const result = validateScenario(scenario);
    return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it.each([
    ['duration 1e9', (s: Record<string, unknown>) => (s.duration = 1e9), /^duration: /],
    ['duration "100000h"', (s: Record<string, unknown>) => (s.duration = '100000h'), /^duration: .*24h/],
    ['tickSeconds 1e-9', (s: Record<string, unknown>) => (s.tickSeconds = 1e-9), /^tickSeconds: /],
    [
      'too many ticks',
      (s: Record<string, unknown>) => Object.assign(s, { duration: '24h', tickSeconds: 0.1 }),
      /^duration: makes 864000 ticks/,
    ],
    [
      'a rate of 1e307',
      (s: Record<string, unknown>) =>
        ((s.nodes as { stages: unknown }[])[0]!.stages = [{ duration: 60, target: 1e307 }]),
      /^nodes\[0\]\.stages\[0\]\.target: /,
    ],
    [
      // Found by the fuzzer once it set numbers to extreme values: startRate had no maximum.
      'a start rate of 1.8e308',
      (s: Record<string, unknown>) =>
        ((s.nodes as Record<string, unknown>[])[0]!.startRate = Number.MAX_VALUE),
      /^nodes\[0\]\.startRate: /,
    ],
    [
      // Also the fuzzer's: a database with 5e-324 cores divided by it and produced Infinity.
      'a positive quantity of 5e-324',
      (s: Record<string, unknown>) =>
        ((s.nodes as Record<string, unknown>[])[1]!.cpuLimit = Number.MIN_VALUE),
      /^nodes\[1\]\.cpuLimit: .*1e-9/,
    ],
    [
      'a fault parameter of 1e307',
      (s: Record<string, unknown>) => ((s.faults as { params?: unknown }[])[0]!.params = { factor: 1e307 }),
      /^faults\[0\]\.params\.factor: /,
    ],
    [
      'replicas 1e9',
      (s: Record<string, unknown>) => ((s.nodes as Record<string, unknown>[])[1]!.replicas = 1e9),
      /^nodes\[1\]\.replicas: /,
    ],
  ])('refuses %s with its JSON path', (_name, patch, expected) => {
    const errors = errorsOf(patch);
    expect(
      errors.some((e) => expected.test(e)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('accepts the largest values of the limits', () => {
    expect(errorsOf((s) => Object.assign(s, { duration: '24h', tickSeconds: 1 }))).toEqual([]);
  });
});

describe('long values in messages', () => {
  it('quotes a 4 MB reference shortened, so the message stays readable', () => {
    const scenario = base();
    scenario.edges = [{ from: 'users', to: 'x'.repeat(4_000_000) }];
    const result = validateScenario(scenario);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.path === 'edges[0].to' && e.message.startsWith('no node'));
    expect(error?.message).toMatch(/^no node named 'x{60}\.\.\. \(4000000 characters\)'/);
    for (const e of result.errors) expect(e.message.length).toBeLessThan(500);
  });
});
