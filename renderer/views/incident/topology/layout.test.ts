import { describe, expect, it } from 'vitest';
import { layoutTopology, NODE_HEIGHT, NODE_WIDTH, tierOf, type LayoutInput } from './layout';

const x = (pos: Map<string, { x: number; y: number }>, id: string) => pos.get(id)?.x ?? Number.NaN;

describe('layoutTopology', () => {
  it('reads left to right: clients, edge, services, data', () => {
    const input: LayoutInput = {
      nodes: [
        { id: 'db', kind: 'database' },
        { id: 'api', kind: 'service' },
        { id: 'users', kind: 'client' },
        { id: 'lb', kind: 'loadbalancer' },
        { id: 'checkout', kind: 'service' },
        { id: 'cache', kind: 'cache' },
      ],
      edges: [
        { from: 'users', to: 'lb' },
        { from: 'lb', to: 'api' },
        { from: 'api', to: 'checkout' },
        { from: 'api', to: 'cache' },
        { from: 'checkout', to: 'db' },
      ],
    };
    const pos = layoutTopology(input);
    expect(x(pos, 'users')).toBeLessThan(x(pos, 'lb'));
    expect(x(pos, 'lb')).toBeLessThan(x(pos, 'api'));
    expect(x(pos, 'api')).toBeLessThan(x(pos, 'checkout'));
    expect(x(pos, 'checkout')).toBeLessThan(x(pos, 'db'));
    // Data nodes share the last column even when called from an earlier service.
    expect(x(pos, 'cache')).toBe(x(pos, 'db'));
  });

  it('puts every client in the first column, even one that calls deep into the graph', () => {
    const pos = layoutTopology({
      nodes: [
        { id: 'web', kind: 'client' },
        { id: 'batch', kind: 'client' },
        { id: 'lb', kind: 'loadbalancer' },
        { id: 'a', kind: 'service' },
        { id: 'b', kind: 'service' },
        { id: 'c', kind: 'service' },
      ],
      edges: [
        { from: 'web', to: 'lb' },
        { from: 'lb', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'batch', to: 'c' },
      ],
    });
    expect(x(pos, 'batch')).toBe(x(pos, 'web'));
    for (const id of ['lb', 'a', 'b', 'c']) expect(x(pos, 'web')).toBeLessThan(x(pos, id));
  });

  it('places queue consumers after their queue and DNS after its callers; survives cycles and strays', () => {
    const pos = layoutTopology({
      nodes: [
        { id: 'u', kind: 'client' },
        { id: 'api', kind: 'service' },
        { id: 'q', kind: 'queue', consumers: ['worker'] },
        { id: 'worker', kind: 'service' },
        { id: 'dns', kind: 'dns' },
        { id: 'ext', kind: 'external' },
        { id: 'lonely', kind: 'service' },
      ],
      edges: [
        { from: 'u', to: 'api' },
        { from: 'api', to: 'q' },
        { from: 'worker', to: 'ext', dns: 'dns' },
        { from: 'worker', to: 'api' }, // a back edge
        { from: 'api', to: 'missing' }, // ignored
      ],
    });
    expect(pos.size).toBe(7);
    expect(x(pos, 'q')).toBeLessThan(x(pos, 'worker'));
    expect(x(pos, 'worker')).toBeLessThan(x(pos, 'dns'));
    expect(x(pos, 'u')).toBeLessThan(x(pos, 'lonely'));
    for (const p of pos.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
  });

  it('does not overlap nodes in a 30-node system', () => {
    const nodes: LayoutInput['nodes'][number][] = [
      { id: 'users', kind: 'client' },
      { id: 'lb', kind: 'loadbalancer' },
    ];
    const edges: { from: string; to: string }[] = [{ from: 'users', to: 'lb' }];
    for (let i = 0; i < 20; i++) {
      nodes.push({ id: `svc${i}`, kind: 'service' });
      edges.push({ from: i < 5 ? 'lb' : `svc${i % 5}`, to: `svc${i}` });
    }
    for (let i = 0; i < 8; i++) {
      nodes.push({ id: `db${i}`, kind: 'database' });
      edges.push({ from: `svc${5 + i}`, to: `db${i}` });
    }
    const pos = [...layoutTopology({ nodes, edges }).values()];
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const a = pos[i]!;
        const b = pos[j]!;
        const overlap = Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;
        expect(overlap).toBe(false);
      }
    }
  });

  it('keeps positions the author gave for every node', () => {
    const pos = layoutTopology({
      nodes: [
        { id: 'a', kind: 'client', position: { x: 5, y: 6 } },
        { id: 'b', kind: 'service', position: { x: 300, y: 6 } },
      ],
      edges: [{ from: 'a', to: 'b' }],
    });
    expect(pos.get('a')).toEqual({ x: 5, y: 6 });
    expect(pos.get('b')).toEqual({ x: 300, y: 6 });
  });

  it('maps kinds to tiers', () => {
    expect(tierOf('client')).toBe('client');
    expect(tierOf('loadbalancer')).toBe('edge');
    expect(tierOf('queue')).toBe('app');
    expect(tierOf('dns')).toBe('data');
  });
});
