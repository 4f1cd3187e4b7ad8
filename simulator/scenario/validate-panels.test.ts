import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateScenario } from './validate';

/** A built-in (users, storefront, product-api, recommendations, product-db) with the given panels. */
function withPanels(panels: unknown): unknown {
  const file = fileURLToPath(new URL('../../scenarios/thread-exhaustion.json', import.meta.url));
  return { ...(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>), panels };
}

function errors(panels: unknown): { path: string; message: string }[] {
  const result = validateScenario(withPanels(panels));
  return result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message }));
}

describe('scenario panels', () => {
  it('accepts PromQL panels and fills the defaults', () => {
    const result = validateScenario(
      withPanels([
        {
          title: 'Storefront 5xx ratio',
          queries: [
            {
              expr: 'sum by (service) (rate(http_requests_total{code="500"}[1m])) / sum by (service) (rate(http_requests_total[1m]))',
              legend: '{{service}}',
            },
          ],
          unit: 'ratio',
          thresholds: [{ value: 0.05, label: 'page' }],
        },
        { title: 'DB connections', queries: [{ expr: 'pg_stat_activity_count' }], node: 'product-db' },
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.panels?.[0]?.thresholds).toEqual([{ value: 0.05, color: 'red', label: 'page' }]);
    expect(result.scenario.panels?.[1]?.unit).toBe('count');
  });

  it('reports a PromQL parse error with its column at the query path', () => {
    expect(
      errors([{ title: 'x', queries: [{ expr: 'up' }, { expr: 'sum(rate(http_requests_total[5m])' }] }]),
    ).toEqual([
      // The column once: the parser's message already carries it.
      { path: 'panels[0].queries[1].expr', message: 'PromQL: unexpected end of input (column 34)' },
    ]);
  });

  it('refuses a range vector, an unknown metric and an unknown node, each at its path', () => {
    expect(
      errors([
        { title: 'a', queries: [{ expr: 'http_requests_total[5m]' }] },
        { title: 'b', queries: [{ expr: 'rate(http_request_total[5m])' }] },
        { title: 'c', queries: [{ expr: 'up' }], node: 'product-dbb' },
      ]),
    ).toEqual([
      {
        path: 'panels[0].queries[0].expr',
        message: 'a panel query must give an instant vector, not a range vector',
      },
      {
        path: 'panels[1].queries[0].expr',
        message: expect.stringContaining(
          "unknown metric 'http_request_total' (did you mean 'http_requests_total'?)",
        ),
      },
      { path: 'panels[2].node', message: expect.stringContaining("no node named 'product-dbb'") },
    ]);
  });

  it('refuses a panel without queries, an unknown unit or colour, with their paths', () => {
    const paths = errors([
      { title: 'a', queries: [] },
      { title: 'b', queries: [{ expr: 'up' }], unit: 'percent', thresholds: [{ value: 1, color: 'pink' }] },
    ]).map((e) => e.path);
    expect(paths).toEqual(['panels[0].queries', 'panels[1].unit', 'panels[1].thresholds[0].color']);
  });
});
