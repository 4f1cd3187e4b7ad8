/**
 * Pins what the validator reads from the schema (the fields known at each path, for did-you-mean)
 * so that reading the schema through its JSON Schema instead of zod's internals changes nothing.
 * Paths are normalized: a node's index becomes its kind, any other index '*'.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_FILES, readBuiltinJson } from '../test-support/builtin-run';
import { knownKeysAt, validateScenario } from './validate';

type Path = (string | number)[];

function objectPaths(value: unknown, path: Path, out: Path[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => objectPaths(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') {
    out.push(path);
    for (const [k, v] of Object.entries(value)) objectPaths(v, [...path, k], out);
  }
}

function normalized(root: Record<string, unknown>, path: Path): string {
  return path
    .map((k, i) => {
      if (typeof k !== 'number') return k;
      if (i === 1 && path[0] === 'nodes') return `[${String((root.nodes as { kind?: unknown }[])[k]?.kind)}]`;
      return '[*]';
    })
    .join('.');
}

describe('fields known at each path (did-you-mean)', () => {
  it('are pinned for every object path of every built-in', () => {
    const known: Record<string, string[]> = {};
    for (const file of BUILTIN_FILES) {
      const root = readBuiltinJson(file);
      const paths: Path[] = [];
      objectPaths(root, [], paths);
      for (const p of paths) known[normalized(root, p)] ??= knownKeysAt(root, p);
    }
    const sorted = Object.fromEntries(Object.entries(known).sort(([a], [b]) => a.localeCompare(b)));
    expect(sorted).toMatchSnapshot();
  });

  it('are none for an unknown node kind, and follow the kind otherwise', () => {
    const root = {
      nodes: [
        { id: 'a', kind: 'servce' },
        { id: 'b', kind: 'cache' },
      ],
    };
    expect(knownKeysAt(root, ['nodes', 0])).toEqual([]);
    expect(knownKeysAt(root, ['nodes', 1])).toContain('policy');
    expect(knownKeysAt(root, ['objectives'])).toEqual(['slos', 'holdFor', 'selfHeals']);
  });

  it('give these messages for unknown fields', () => {
    const result = validateScenario({
      schemaVersion: 1,
      id: 'x',
      title: 'X',
      difficulty: 'beginner',
      duration: '10m',
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 10, zzqx: 1 }] },
        { id: 'api', kind: 'service', replica: 2, autoscaler: { metric: 'cpu', target: 0.5, mx: 4 } },
      ],
      edges: [{ from: 'users', to: 'api', timout: '1s' }],
      faults: [],
      alerts: [{ name: 'A', expr: 'error_ratio{node="api"} > 0.1', severity: 'P1', rout: 'page' }],
      rootCause: { node: 'api', category: 'bug', categories: ['bug', 'load'], nde: 'x' },
      objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }], hold: '1m' },
      zzqx: true,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toMatchSnapshot();
  });
});
