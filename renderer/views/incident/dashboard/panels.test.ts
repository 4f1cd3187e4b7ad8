import { describe, expect, it } from 'vitest';
import type { SeriesInfo, SimEvent } from '../../../../simulator/engine/api';
import { makeScenario } from '../../../../simulator/engine/testing';
import {
  ANNOTATION_KINDS,
  asPromPanel,
  authoredPanels,
  PALETTE,
  SLO_COLOR,
  collapseAnnotations,
  distinctColors,
  dwarfs,
  nodePanels,
  overviewPanels,
} from './panels';

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

  it('each panel carries its PromQL: the overview leaves clients out but of request rate', () => {
    const [rate, errors, depth] = overviewPanels(scenario, series);
    expect(rate?.promql.map((q) => q.expr)).toEqual(['sum by (service) (rate(http_requests_total[1m]))']);
    // Only the exporters of the kinds on the panel: web and users speak HTTP, no postgres/redis query.
    expect(errors?.promql).toHaveLength(1);
    expect(errors?.promql[0]?.expr).toContain('service!~"users"');
    expect(depth?.promql).toEqual([{ expr: 'redis_key_size', legend: '{{key}}' }]);
    const web = nodePanels(scenario, series, 'web');
    expect(web.find((p) => p.key === 'request_rate')?.promql[0]?.expr).toContain('service="web"');
    // As a PromQL panel: same title, the SLO as a yellow threshold line.
    expect(asPromPanel(errors!)).toMatchObject({
      title: 'Error ratio',
      unit: 'ratio',
      thresholds: [{ value: 0.01, color: 'yellow', label: 'SLO' }],
    });
    expect(asPromPanel({ ...depth!, promql: [] })).toBeUndefined();
    // Memory is in MiB in the engine and in bytes in Prometheus: the SLO line follows.
    expect(asPromPanel({ ...depth!, unit: 'mb', slo: 2 })).toMatchObject({
      unit: 'bytes',
      thresholds: [{ value: 2 * 1024 * 1024 }],
    });
  });

  it("authored PromQL panels go to the overview, or to their node's dashboard, in file order", () => {
    const p = (title: string, node?: string) => ({
      title,
      queries: [{ expr: 'up' }],
      unit: 'count' as const,
      thresholds: [],
      ...(node ? { node } : {}),
    });
    const withPanels = { ...scenario, panels: [p('a'), p('b', 'web'), p('c')] };
    expect(authoredPanels(withPanels, undefined).map((x) => [x.panel.title, x.index])).toEqual([
      ['a', 0],
      ['c', 2],
    ]);
    expect(authoredPanels(withPanels, 'web').map((x) => x.panel.title)).toEqual(['b']);
    expect(authoredPanels(scenario, undefined)).toEqual([]);
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

describe('readable dashboards (issue 14 item 9)', () => {
  it('no two lines of a panel share a colour, even in a scenario with more nodes than colours', () => {
    const many = makeScenario({
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 10 }] },
        ...Array.from({ length: 19 }, (_, i) => ({ id: `svc-${i}`, kind: 'service' as const })),
      ],
      edges: [{ from: 'users', to: 'svc-0' }],
      objectives: { slos: [{ node: 'svc-0', metric: 'error_ratio', max: 0.01 }] },
    });
    const rates: SeriesInfo[] = many.nodes.map((n, i) => ({
      index: i,
      metric: 'request_rate',
      labels: { node: n.id },
    }));
    const [panel] = overviewPanels(many, rates);
    // Lines 0 and 12 have the same node colour: a panel showing both separates them.
    const pair = distinctColors([panel!.lines[0]!, panel!.lines[12]!]);
    expect(panel!.lines[0]!.color).toBe(panel!.lines[12]!.color);
    expect(new Set(pair.map((l) => l.color)).size).toBe(2);
    // Any 8 lines (the most a panel draws) get 8 colours; a line keeps its own when it can.
    for (let start = 0; start + 8 <= panel!.lines.length; start++) {
      const shown = distinctColors(panel!.lines.slice(start, start + 8));
      expect(new Set(shown.map((l) => l.color)).size).toBe(8);
      expect(shown[0]!.color).toBe(panel!.lines[start]!.color);
    }
  });

  it('the palette has no two near-identical colours', () => {
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    for (let i = 0; i < PALETTE.length; i++) {
      for (let j = i + 1; j < PALETTE.length; j++) {
        const [a, b] = [rgb(PALETTE[i]!), rgb(PALETTE[j]!)];
        const distance = Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
        expect(distance, `${PALETTE[i]} vs ${PALETTE[j]}`).toBeGreaterThan(60);
      }
    }
  });

  it('opens a panel on a log axis when one line dwarfs the others', () => {
    expect(dwarfs([24_000, 200, 180, 150])).toBe(true); // CoreDNS beside the apps
    expect(dwarfs([400, 200, 180])).toBe(false);
    expect(dwarfs([5000])).toBe(false);
    expect(dwarfs([5000, 0, 0])).toBe(false); // nothing else to see
  });

  it("restart markers are not drawn in the SLO line's colour, and every marker kind is named", () => {
    const colors = ANNOTATION_KINDS.map((k) => k.color);
    expect(colors).not.toContain(SLO_COLOR);
    expect(new Set(colors).size).toBe(colors.length);
    const marks = collapseAnnotations([
      { t: 10, kind: 'restart', node: 'web', text: 'Restarted web', hidden: false },
    ]);
    expect(marks).toEqual([{ t: 10, kind: 'restart', label: 'Restarted web', color: '#d0d7de' }]);
  });
});
