import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../../simulator/scenario/validate';
import { buildFlow } from './flow';

const dir = fileURLToPath(new URL('../../../../scenarios/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');

describe('buildFlow on the built-in scenarios', () => {
  it.each(files)('%s reads left to right', (file) => {
    const result = parseScenarioText(readFileSync(dir + file, 'utf8'), file);
    if (!result.ok) return; // the library's own test reports invalid files
    const scenario = result.scenario;
    const { nodes, edges } = buildFlow(scenario);
    expect(nodes.map((n) => n.id).sort()).toEqual(scenario.nodes.map((n) => n.id).sort());
    const x = new Map(nodes.map((n) => [n.id, n.position.x]));
    const kind = new Map(scenario.nodes.map((n) => [n.id, n.kind]));
    // Every call, enqueue and consumption points rightwards.
    for (const e of edges) {
      if (e.data?.mode === 'lookup') continue;
      expect(x.get(e.source), `${e.id}`).toBeLessThan(x.get(e.target) ?? Number.NaN);
    }
    // Clients form the first column.
    const clientX = Math.max(...nodes.filter((n) => kind.get(n.id) === 'client').map((n) => n.position.x));
    for (const n of nodes) if (kind.get(n.id) !== 'client') expect(n.position.x).toBeGreaterThan(clientX);
    // Every edge has a type the view knows; node types are the kinds.
    expect(edges.every((e) => e.type === 'live')).toBe(true);
    expect(nodes.every((n) => n.type === kind.get(n.id))).toBe(true);
  });

  it('adds consumer and DNS lookup edges once', () => {
    const { edges } = buildFlow({
      nodes: [
        { id: 'api', kind: 'service' } as never,
        { id: 'q', kind: 'queue', consumers: ['worker'] } as never,
        { id: 'worker', kind: 'service' } as never,
        { id: 'dns', kind: 'dns' } as never,
      ],
      edges: [
        { from: 'api', to: 'q', mode: 'async', dns: 'dns' } as never,
        { from: 'api', to: 'worker', mode: 'sync', dns: 'dns' } as never,
      ],
    });
    expect(edges.map((e) => e.id).sort()).toEqual([
      'async:api->q',
      'consumer:q->worker',
      'lookup:api->dns',
      'sync:api->worker',
    ]);
  });
});
