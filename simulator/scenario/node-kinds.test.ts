import { describe, expect, it } from 'vitest';
import * as codes from '../engine/compile';
import { METRICS } from '../engine/metric-names';
import {
  KIND_BY_CODE,
  KIND_CODE,
  KIND_COUNT,
  NODE_KIND_CATALOG,
  NODE_KINDS,
  REQUEST_SERVING_KINDS,
  isNodeKind,
} from './node-kinds';
import { node, scenarioSchema } from './schema';

const entries = NODE_KINDS.map((kind) => ({ kind, ...NODE_KIND_CATALOG[kind] }));

describe('the node kind catalog', () => {
  it('has unique names, labels and codes', () => {
    expect(new Set(NODE_KINDS).size).toBe(NODE_KINDS.length);
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.label)).size).toBe(entries.length);
  });

  it('numbers the kinds densely from 0, in the order NODE_KINDS lists them, within a Uint8Array', () => {
    expect(entries.map((e) => e.code)).toEqual([...Array(KIND_COUNT).keys()]);
    expect(KIND_COUNT).toBeLessThan(255);
    for (const kind of NODE_KINDS) expect(KIND_BY_CODE[KIND_CODE[kind]]).toBe(kind);
  });

  it('describes every kind in a sentence', () => {
    for (const e of entries) {
      expect(e.description.length, e.kind).toBeGreaterThan(20);
      expect(e.description.endsWith('.'), e.kind).toBe(true);
    }
  });

  it('uses ids the schema accepts as kind names', () => {
    for (const kind of NODE_KINDS) expect(kind).toMatch(/^[a-z]+$/);
    expect(isNodeKind('service')).toBe(true);
    expect(isNodeKind('toString')).toBe(false);
    expect(isNodeKind('Service')).toBe(false);
    expect(isNodeKind(2)).toBe(false);
  });
});

describe('the schema follows the catalog', () => {
  it('the node union has one shape per catalog kind, in code order', () => {
    const kinds = node.options.map((option) => option.shape.kind.value);
    expect(kinds).toEqual(NODE_KINDS);
  });

  it("each kind's shape carries the catalog description", () => {
    for (const option of node.options)
      expect(option.description).toBe(NODE_KIND_CATALOG[option.shape.kind.value].description);
  });

  it('rejects a kind the catalog does not have', () => {
    const parsed = scenarioSchema.safeParse({ nodes: [{ id: 'x', kind: 'mainframe' }] });
    expect(parsed.success).toBe(false);
  });
});

describe("the engine's codes come from the catalog", () => {
  it('KIND_CODES and the named codes match', () => {
    expect(codes.KIND_CODES).toEqual(NODE_KINDS);
    expect({
      client: codes.CLIENT,
      loadbalancer: codes.LB,
      service: codes.SERVICE,
      database: codes.DATABASE,
      cache: codes.CACHE,
      queue: codes.QUEUE,
      dns: codes.DNS,
      external: codes.EXTERNAL,
    }).toEqual(KIND_CODE);
  });
});

describe('the metric catalog follows the catalog', () => {
  it('every kind that serves requests records request, error and latency series', () => {
    expect(REQUEST_SERVING_KINDS).toEqual(NODE_KINDS.filter((k) => k !== 'client'));
    for (const name of [
      'request_rate',
      'throughput',
      'error_ratio',
      'latency_p50',
      'latency_p95',
      'latency_p99',
      'latency_mean',
    ]) {
      const def = METRICS.find((m) => m.name === name);
      expect(def, name).toBeDefined();
      for (const kind of REQUEST_SERVING_KINDS) expect(def!.kinds, `${name} on ${kind}`).toContain(kind);
    }
  });

  it('every kind records at least one series', () => {
    for (const kind of NODE_KINDS)
      expect(
        METRICS.some((m) => m.kinds.includes(kind)),
        kind,
      ).toBe(true);
  });
});
