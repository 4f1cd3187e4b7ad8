/**
 * Issue 14 item 11: no edge passes behind a node it does not connect. Every built-in's topology,
 * drawn as the console draws it (handles on the node sides, dagre's waypoints between), is
 * sampled along each edge; no sample may fall inside another node's box.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_FILES, loadBuiltin } from '../../../../simulator/test-support/builtin-run';
import { routedPath, sampleRoute, type Point } from './edge-route';
import { buildFlow } from './flow';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';

/** A small margin inside the box: grazing a corner is not "passing behind" it. */
const INSET = 6;

function crossings(file: string, useRoutes: boolean): string[] {
  const { nodes, edges } = buildFlow(loadBuiltin(file));
  const at = new Map(nodes.map((n) => [n.id, n.position]));
  const out: string[] = [];
  for (const e of edges) {
    const s = at.get(e.source)!;
    const t = at.get(e.target)!;
    const points: Point[] = [
      { x: s.x + NODE_WIDTH, y: s.y + NODE_HEIGHT / 2 },
      ...(useRoutes ? (e.data?.route ?? []) : []),
      { x: t.x, y: t.y + NODE_HEIGHT / 2 },
    ];
    for (const n of nodes) {
      if (n.id === e.source || n.id === e.target) continue;
      const hit = sampleRoute(points).some(
        (p) =>
          p.x > n.position.x + INSET &&
          p.x < n.position.x + NODE_WIDTH - INSET &&
          p.y > n.position.y + INSET &&
          p.y < n.position.y + NODE_HEIGHT - INSET,
      );
      if (hit) out.push(`${e.source} -> ${e.target} passes behind ${n.id}`);
    }
  }
  return out;
}

describe('topology edges', () => {
  it.each(BUILTIN_FILES)('%s: no edge passes behind a node it does not connect', (file) => {
    expect(crossings(file, true)).toEqual([]);
  });

  it('drawn straight from handle to handle, some built-in edges would (what the routes fix)', () => {
    const straight = BUILTIN_FILES.flatMap((f) => crossings(f, false));
    expect(straight.length).toBeGreaterThan(0);
  });

  it('the routed path goes through its waypoints, with its label in the middle', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 100, y: 50 },
      { x: 200, y: 50 },
    ];
    const { path, labelX, labelY } = routedPath(points);
    expect(path).toBe('M0,0 C50,0 50,50 100,50 C150,50 150,50 200,50');
    expect([labelX, labelY]).toEqual([100, 50]);
  });
});
