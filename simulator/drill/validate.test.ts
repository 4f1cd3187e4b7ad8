import { describe, expect, it } from 'vitest';
import { DRILL_FILES, drillText } from '../test-support/drills';
import { parseDrillText, validateDrill } from './validate';

interface DrillJson {
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
  changes: Record<string, unknown>[];
  slos: Record<string, unknown>[];
  peak: { clients: Record<string, unknown>[]; variation?: unknown };
  tests: { thresholds: Record<string, unknown> }[];
  cost: { databases: Record<string, unknown> };
  bottlenecks: unknown[];
  preparation: Record<string, unknown>;
  budget?: unknown;
  [key: string]: unknown;
}

const base = () => JSON.parse(drillText('checkout-before-sale.json')) as DrillJson;

function errorsOf(json: unknown): { path: string; message: string }[] {
  const result = validateDrill(json);
  return result.ok ? [] : [...result.errors];
}

describe('drill validation', () => {
  it.each(DRILL_FILES)('accepts the built-in %s', (file) => {
    const result = parseDrillText(drillText(file), file);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("checks the system with the incident validator's sentences, at the drill's paths", () => {
    const d = base();
    d.nodes[1]!.replicas = -1;
    d.edges[0]!.to = 'nowhere';
    d.changes[1]!.target = 'orders-db';
    d.slos[0]!.node = 'ghost';
    const errors = errorsOf(d);
    const paths = errors.map((e) => e.path);
    expect(paths).toContain('nodes[1].replicas');
    expect(paths).toContain('edges[0].to');
    expect(errors.find((e) => e.path === 'changes[1].target')?.message).toMatch(
      /change 'scale' cannot target 'orders-db'/,
    );
    expect(paths).toContain('slos[0].node');
    expect(paths.some((p) => p.startsWith('actions') || p.startsWith('objectives'))).toBe(false);
  });

  it("checks the drill's own sections with their JSON paths", () => {
    const d = base();
    d.peak.clients[0]!.client = 'storefront';
    d.tests[0]!.thresholds.http_req_duration = ['p99<800'];
    d.tests[1]!.thresholds.http_req_failed = ['avg<0.01'];
    d.cost.databases.storefront = { classes: [{ name: 'x', cores: 2, perHour: 1 }] };
    d.bottlenecks.push({ node: 'catalog-cache', resource: 'CPU' });
    const errors = errorsOf(d);
    const at = (path: string) => errors.find((e) => e.path === path)?.message;
    expect(at('peak.clients[0].client')).toMatch(/'storefront' is a service/);
    expect(at('nodes[0]')).toMatch(/client 'shoppers' has no expected peak/);
    expect(at('tests[0].thresholds.http_req_duration[0]')).toMatch(/not a k6 threshold.*p\(95\)<500/);
    expect(at('tests[1].thresholds.http_req_failed[0]')).toMatch(/no aggregation 'avg'; it takes rate/);
    expect(at('cost.databases.storefront')).toMatch(/is a service; cost.databases prices database nodes/);
    expect(at(`bottlenecks[${d.bottlenecks.length - 1}].resource`)).toMatch(
      /a cache has no resource 'CPU'; it has 'ops capacity'/,
    );
  });

  it('reports missing and mistyped fields by path', () => {
    const d = base();
    delete d.budget;
    d.preparation.deadline = '3 days';
    d.peak.variation = 2;
    d.extra = 1;
    const paths = errorsOf(d).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['budget', 'preparation.deadline', 'peak.variation', '']));
  });

  it('gives JSON syntax errors a line and column, and never throws on junk', () => {
    const bad = parseDrillText('{\n  "kind": "drill",\n  "id": }', 'x.json');
    expect(bad.ok ? '' : bad.errors[0]!.message).toMatch(/line 3, column/);
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(errorsOf({ kind: 'drill', nodes: deep })[0]!.message).toMatch(/nested more than/);
    const junk = [
      null,
      1,
      'x',
      [],
      { kind: 'drill' },
      { kind: 'drill', nodes: 'x', edges: 5, changes: [1], slos: {} },
    ];
    for (const j of junk) expect(validateDrill(j).ok).toBe(false);
    const d = base();
    for (const key of Object.keys(d)) {
      for (const value of [null, 0, 'x', [], {}, [null], [{}]]) {
        const copy = { ...d, [key]: value };
        expect(() => validateDrill(copy)).not.toThrow();
      }
    }
  });
});
