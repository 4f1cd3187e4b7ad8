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
    faults: [{ at: '2m', target: 'api', type: 'cpu-hog' }],
  };
}

const deepText = (key: string, depth: number) => `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;

describe('validator depth limit', () => {
  it('returns a path-bearing error for a fault type nested 5,000 deep instead of overflowing', () => {
    const text = JSON.stringify(base()).replace('"type":"cpu-hog"', `"type":${deepText('type', 5000)}`);
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
