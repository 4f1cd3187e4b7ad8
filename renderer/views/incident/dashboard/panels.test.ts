import { describe, expect, it } from 'vitest';
import type { SeriesInfo, SimEvent } from '../../../../simulator/engine/api';
import { makeScenario } from '../../../../simulator/engine/testing';
import { collapseAnnotations, nodePanels, overviewPanels } from './panels';

const scenario = makeScenario({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 10 }] },
    { id: 'web', kind: 'service' },
    { id: 'jobs', kind: 'queue', consumers: [] },
  ],
  edges: [{ from: 'users', to: 'web' }],
  objectives: { slos: [{ node: 'web', metric: 'error_ratio', max: 0.01 }] },
});
const series: SeriesInfo[] = [
  { index: 0, metric: 'request_rate', labels: { node: 'users' } },
  { index: 1, metric: 'request_rate', labels: { node: 'web' } },
  { index: 2, metric: 'error_ratio', labels: { node: 'users' } },
  { index: 3, metric: 'error_ratio', labels: { node: 'web' } },
  { index: 4, metric: 'queue_depth', labels: { node: 'jobs' } },
  { index: 5, metric: 'edge_request_rate', labels: { node: 'users', to: 'web' } },
];

describe('dashboard panels', () => {
  it('overview: one line per node, clients only on request rate, SLO line where one applies', () => {
    const panels = overviewPanels(scenario, series);
    expect(panels.map((p) => p.key)).toEqual(['request_rate', 'error_ratio', 'queue_depth']);
    expect(panels[0]?.lines.map((l) => l.label)).toEqual(['users', 'web']);
    expect(panels[1]?.lines.map((l) => l.label)).toEqual(['web']);
    expect(panels[1]?.slo).toBe(0.01);
    expect(panels[0]?.slo).toBeUndefined();
  });

  it("a node's dashboard shows every metric it records, never edge series", () => {
    const panels = nodePanels(scenario, series, 'users');
    expect(panels.map((p) => p.key)).toEqual(['request_rate', 'error_ratio']);
  });

  it('collapses crash-loop annotations but keeps every trainee action and hides hidden events', () => {
    const ev = (t: number, kind: SimEvent['kind'], node = 'web', hidden = false): SimEvent => ({
      t,
      kind,
      node,
      text: kind,
      hidden,
    });
    const out = collapseAnnotations([
      ev(10, 'oom-kill'),
      ev(40, 'oom-kill'),
      ev(50, 'fault', 'web', true),
      ev(60, 'action'),
      ev(61, 'action'),
      ev(70, 'oom-kill'),
      ev(75, 'oom-kill', 'api'),
      ev(80, 'alert-firing'),
      ev(400, 'oom-kill'),
    ]);
    expect(out.map((a) => `${a.t}:${a.label}`)).toEqual([
      '10:oom-kill',
      '60:action',
      '61:action',
      '75:oom-kill',
      '400:oom-kill',
    ]);
  });
});
