import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addEdge,
  addNode,
  autoLayout,
  blankScenario,
  copyOf,
  deleteNodes,
  renameInExpr,
  renameNode,
  type Doc,
} from './doc';
import { COALESCE_MS, HISTORY_LIMIT, useEditorStore } from './editor-store';
import { serializeScenario } from './serialize';

const THREADS = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../scenarios/thread-exhaustion.json'), 'utf8'),
) as Doc;
const store = () => useEditorStore.getState();

beforeEach(() => {
  vi.useRealTimers();
  store().open(blankScenario(), { source: 'blank' });
});

describe('editor store', () => {
  it('applies edits, validates each snapshot and marks the document dirty', () => {
    expect(store().validation.errors.length).toBeGreaterThan(0);
    expect(store().validation.byPath.has('nodes')).toBe(true);
    store().edit((d) => addNode(d, 'client')[0]);
    expect(store().validation.byPath.has('nodes')).toBe(false);
    expect(store().dirty).toBe(true);
  });

  it('undoes and redoes every edit, and a new edit clears the redo stack', () => {
    const blank = store().doc;
    store().edit((d) => addNode(d, 'service')[0]);
    const one = store().doc;
    store().edit((d) => addNode(d, 'database')[0]);
    store().undo();
    expect(store().doc).toBe(one);
    store().undo();
    expect(store().doc).toBe(blank);
    store().undo(); // nothing left: no change
    expect(store().doc).toBe(blank);
    store().redo();
    expect(store().doc).toBe(one);
    store().set(['title'], 'Other');
    expect(store().future).toHaveLength(0);
    store().redo();
    expect(store().doc?.title).toBe('Other');
  });

  it('merges keystrokes in one field into one undo step, but not edits of different fields', () => {
    vi.useFakeTimers();
    store().set(['title'], 'A');
    store().set(['title'], 'AB');
    store().set(['title'], 'ABC');
    store().set(['summary'], 'S');
    expect(store().past).toHaveLength(2);
    store().undo();
    store().undo();
    expect(store().doc?.title).toBe('New scenario');
    store().set(['title'], 'X');
    vi.advanceTimersByTime(COALESCE_MS + 1);
    store().set(['title'], 'XY');
    expect(store().past).toHaveLength(2);
  });

  it('keeps at most HISTORY_LIMIT snapshots', () => {
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store().set(['seed'], i, false);
    expect(store().past).toHaveLength(HISTORY_LIMIT);
  });

  it('is not dirty after opening a saved file or after undoing back to it', () => {
    const text = serializeScenario(THREADS);
    store().open(THREADS, { source: 'user', file: 'thread-exhaustion.json' }, text);
    expect(store().dirty).toBe(false);
    expect(store().validation.errors).toEqual([]);
    store().set(['title'], 'Changed');
    expect(store().dirty).toBe(true);
    store().undo();
    expect(store().dirty).toBe(false);
    store().redo();
    store().markSaved(serializeScenario(store().doc!), { source: 'user', file: 'x.json' });
    expect(store().dirty).toBe(false);
  });

  it('drops a selection that undo removes', () => {
    store().edit((d) => addNode(d, 'service')[0]);
    store().select({ kind: 'node', id: 'service-1' });
    expect(store().tab).toBe('node');
    store().undo();
    expect(store().selection).toBeNull();
  });
});

describe('document edits', () => {
  it('adds nodes with unique ids and a client with a stage', () => {
    let d = blankScenario();
    [d] = addNode(d, 'client', { x: 10.4, y: 20.6 });
    [d] = addNode(d, 'service');
    [d] = addNode(d, 'service');
    expect((d.nodes as Doc[]).map((n) => n.id)).toEqual(['client-1', 'service-1', 'service-2']);
    expect((d.nodes as Doc[])[0]).toEqual({
      id: 'client-1',
      kind: 'client',
      stages: [{ duration: '1m', target: 100 }],
      position: { x: 10, y: 21 },
    });
  });

  it('connects nodes once, never to themselves, async into queues', () => {
    let d = blankScenario();
    [d] = addNode(d, 'service');
    [d] = addNode(d, 'queue');
    d = addEdge(d, 'service-1', 'queue-1');
    d = addEdge(d, 'service-1', 'queue-1');
    d = addEdge(d, 'service-1', 'service-1');
    expect(d.edges).toEqual([{ from: 'service-1', to: 'queue-1', mode: 'async' }]);
    expect(deleteNodes(d, ['queue-1']).edges).toEqual([]);
  });

  it('renames a node and every reference to it', () => {
    const d = renameNode(THREADS, 'recommendations', 'recs');
    const text = JSON.stringify(d);
    expect(text).not.toContain('"recommendations"');
    expect(text).not.toContain('>recommendations');
    expect((d.edges as Doc[])[3]).toMatchObject({ from: 'product-api', to: 'recs' });
    expect((d.faults as Doc[])[0]!.target).toBe('recs');
    const rules = (d: Doc) => ((d.alerting as Doc).groups as Doc[])[0]!.rules as Doc[];
    expect(rules(d)[2]!.expr).toBe(
      'sum by (service, server_address) (rate(http_client_requests_total{service="product-api", server_address="recs", code=~"5.."}[1m])) / sum by (service, server_address) (rate(http_client_requests_total{service="product-api", server_address="recs"}[1m])) > 0.2',
    );
    expect((d.actions as Doc[])[0]!.target).toBe('product-api->recs');
    expect((d.rootCause as Doc).node).toBe('recs');
    expect((d.solution as Doc[])[1]!.target).toBe('recs');
    expect((d.solution as Doc[])[2]!.target).toBe('product-api->recs');
    // untouched branches are shared
    expect(d.hints).toBe(THREADS.hints);
    const s = renameNode(THREADS, 'storefront', 'shop');
    expect((s.objectives as { slos: Doc[] }).slos.map((x) => x.node)).toEqual(['shop', 'shop']);
    expect(rules(s)[0]!.expr).toBe(
      'sum by (service) (rate(http_requests_total{service="shop", code=~"5.."}[1m])) / sum by (service) (rate(http_requests_total{service="shop"}[1m])) > 0.05',
    );
  });

  it('renames queue consumers, dns references and a dns-flood source', () => {
    const d: Doc = {
      nodes: [
        { id: 'q', kind: 'queue', consumers: ['w', 'x'] },
        { id: 'w', kind: 'service' },
      ],
      edges: [{ from: 'w', to: 'q', dns: 'w' }],
      faults: [{ at: 0, target: 'dns', type: 'dns-flood', params: { source: 'w' } }],
    };
    const r = renameNode(d, 'w', 'worker');
    expect((r.nodes as Doc[])[0]!.consumers).toEqual(['worker', 'x']);
    expect((r.edges as Doc[])[0]).toEqual({ from: 'worker', to: 'q', dns: 'worker' });
    expect(((r.faults as Doc[])[0]!.params as Doc).source).toBe('worker');
    expect(renameInExpr('x{service!="a.b"} > 1', 'a.b', 'c')).toBe('x{service!="c"} > 1');
    expect(renameInExpr('x{service="a.bc"} > 1', 'a.b', 'c')).toBe('x{service="a.bc"} > 1');
    expect(renameInExpr('redis_key_size{instance="a.b:6379", key="a.b"} > 1', 'a.b', 'c')).toBe(
      'redis_key_size{instance="c:6379", key="c"} > 1',
    );
  });

  it('opens a built-in as a copy with a free id', () => {
    const copy = copyOf(THREADS, new Set(['thread-exhaustion', 'thread-exhaustion-copy']));
    expect(copy.id).toBe('thread-exhaustion-copy-2');
    expect(copy.title).toBe(`${String(THREADS.title)} (copy)`);
  });

  it('writes auto-layout positions for every node', () => {
    const d = autoLayout(THREADS);
    for (const n of d.nodes as Doc[])
      expect(n.position).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    const xs = (d.nodes as { position: { x: number } }[]).map((n) => n.position.x);
    expect(xs[0]).toBeLessThan(xs[1]!); // the client left of the storefront
  });
});
