import { describe, expect, it } from 'vitest';
import type { ScenarioPanel } from '../../../../simulator/scenario/panels';
import {
  BUILTIN_FILES,
  columnsOf,
  loadBuiltin,
  runBuiltin,
} from '../../../../simulator/test-support/builtin-run';
import { viewCache } from '../explore/run-query';
import { pinPanel } from '../../../stores/explore-store';
import { MAX_PANEL_LINES, legendText, panelThresholds, runPanel } from './query-panel';

const { scenario, sim } = runBuiltin('redis-queue-fills.json', 1500);
const view = viewCache(scenario.nodes)(columnsOf(sim));

const panel = (queries: ScenarioPanel['queries'], extra: Partial<ScenarioPanel> = {}): ScenarioPanel => ({
  title: 'test',
  queries,
  unit: 'count',
  thresholds: [],
  ...extra,
});

describe('PromQL panels', () => {
  it('names series by the legend format, Grafana style, or as Prometheus prints them', () => {
    const labels = { __name__: 'http_requests_total', service: 'checkout', code: '500' };
    expect(legendText('{{service}} {{ code }}', labels)).toBe('checkout 500');
    expect(legendText('{{missing}}x', labels)).toBe('x');
    expect(legendText(undefined, labels)).toBe('http_requests_total{code="500", service="checkout"}');
  });

  it('draws every query of a panel over the window as one set of lines with their latest values', () => {
    const result = runPanel(
      view,
      panel([
        { expr: 'redis_memory_used_bytes', legend: 'used {{instance}}' },
        { expr: 'redis_memory_max_bytes', legend: 'max' },
      ]),
      600,
      1500,
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.lines.map((l) => l.label)).toEqual(['used notify-jobs:6379', 'max']);
    const [times, used, max] = result.data;
    expect(times[0]).toBe(600);
    expect(times.at(-1)).toBe(1500);
    expect(used).toHaveLength(times.length);
    // The queue fills to its maxmemory: the used line ends at the max line.
    expect(result.lines[1]!.latest).toBe(max!.at(-1));
    expect(result.lines[0]!.latest).toBeGreaterThan(0.9 * result.lines[1]!.latest);
    expect(new Set(result.lines.map((l) => l.color)).size).toBe(2);
  });

  it('keeps the lines with the highest peaks, and says which query failed', () => {
    const many = runPanel(
      view,
      panel([
        { expr: 'sum by (service, code) (rate(http_requests_total[1m]))' },
        { expr: 'http_server_active_requests' },
      ]),
      0,
      1500,
    );
    if (!many.ok) throw new Error(many.error);
    expect(many.lines).toHaveLength(MAX_PANEL_LINES);
    expect(many.hidden).toBeGreaterThan(0);
    const bad = runPanel(view, panel([{ expr: 'up' }, { expr: 'sum(rate(up[5m])' }]), 0, 600);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^Query 2: /);
    const empty = runPanel(view, panel([{ expr: 'up{job="nope"}' }]), 0, 600);
    expect(empty).toEqual({ ok: true, data: [[]], lines: [], hidden: 0 });
  });

  it('resolves threshold colours by name; a pinned query is a one-query panel', () => {
    expect(panelThresholds(panel([], { thresholds: [{ value: 5, color: 'yellow', label: 'cap' }] }))).toEqual(
      [{ value: 5, color: '#e3b341', label: 'cap' }],
    );
    expect(pinPanel('up')).toEqual({ title: 'up', queries: [{ expr: 'up' }], unit: 'count', thresholds: [] });
    expect(pinPanel('x'.repeat(80)).title).toHaveLength(58);
  });

  it('every authored panel of the built-ins draws data over its run', () => {
    const withPanels = BUILTIN_FILES.filter((f) => (loadBuiltin(f).panels ?? []).length > 0);
    expect(withPanels.length).toBeGreaterThanOrEqual(2);
    for (const file of withPanels) {
      const run = runBuiltin(file, 1200);
      const source = viewCache(run.scenario.nodes)(columnsOf(run.sim));
      for (const p of run.scenario.panels ?? []) {
        const result = runPanel(source, p, 0, 1200);
        if (!result.ok) throw new Error(`${file} ${p.title}: ${result.error}`);
        expect(result.lines.length, `${file} ${p.title}`).toBe(p.queries.length);
        for (const line of result.lines)
          expect(Number.isFinite(line.latest), `${file} ${line.label}`).toBe(true);
      }
    }
  });
});
