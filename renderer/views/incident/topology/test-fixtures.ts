/** Shared fixtures for the console views' DOM tests: a small scenario, a filled metric buffer, a render helper. */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { LogLine, SeriesInfo, Trace } from '../../../../simulator/engine/api';
import type { Scenario } from '../../../../simulator/scenario/schema';
import { MetricBuffer } from '../../../sim/metric-buffer';

export const SCENARIO = {
  id: 'fixture',
  title: 'Fixture',
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: 60, target: 100 }] },
    { id: 'checkout', kind: 'service', replicas: 2, concurrency: 50, cpuLimit: 1, version: 'v2' },
    { id: 'orders-db', kind: 'database', maxConnections: 100, cpuCores: 4, readReplicas: 1 },
  ],
  edges: [
    { from: 'users', to: 'checkout', mode: 'sync' },
    { from: 'checkout', to: 'orders-db', mode: 'sync' },
  ],
  alerting: {
    groups: [
      {
        name: 'fixture',
        interval: 15,
        rules: [
          {
            alert: 'CheckoutErrors',
            expr: 'sum(rate(http_requests_total{service="checkout", code=~"5.."}[1m])) / sum(rate(http_requests_total{service="checkout"}[1m])) > 0.05',
            for: 60,
            labels: { severity: 'P1' },
            annotations: { summary: '' },
          },
        ],
      },
    ],
    route: { receiver: 'page', matchers: [], routes: [] },
  },
  actions: [
    { type: 'scale', target: 'checkout', params: { replicas: 8 }, effect: 'helps' },
    { type: 'restart', target: 'checkout', params: {}, effect: 'harmful' },
    { type: 'kill-queries', target: 'orders-db', params: {}, effect: 'fixes' },
  ],
  objectives: { slos: [], holdFor: 120 },
  faults: [],
} as unknown as Scenario;

const SERIES: [string, Record<string, string>, number][] = [
  ['request_rate', { node: 'checkout' }, 120],
  ['error_ratio', { node: 'checkout' }, 0.2],
  ['latency_p99', { node: 'checkout' }, 0.35],
  ['saturation', { node: 'checkout' }, 0.5],
  ['db_connections', { node: 'orders-db' }, 42],
  ['db_slow_queries', { node: 'orders-db' }, 3],
  ['error_ratio', { node: 'orders-db' }, 0],
  ['edge_request_rate', { node: 'checkout', to: 'orders-db' }, 240],
  ['edge_error_ratio', { node: 'checkout', to: 'orders-db' }, 0.3],
];

/** A buffer with `ticks` ticks of constant values. */
export function makeBuffer(ticks = 30): MetricBuffer {
  const series: SeriesInfo[] = SERIES.map(([metric, labels], index) => ({ index, metric, labels }));
  const buffer = new MetricBuffer(series, 1, 600);
  buffer.append(
    0,
    SERIES.map(([, , v]) => new Float64Array(ticks).fill(v)),
  );
  return buffer;
}

export function log(
  t: number,
  node: string,
  level: LogLine['level'],
  message: string,
  requestId?: string,
): LogLine {
  return { t, node, level, message, requestId };
}

export function trace(requestId: string, t: number, duration: number, error: boolean): Trace {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    requestId,
    t,
    root: 'checkout',
    duration,
    error,
    spans: [
      {
        node: 'checkout',
        operation: 'POST /checkout',
        start: 0,
        duration,
        error,
        depth: 0,
        spanId: 'b7ad6b7169203331',
        service: 'checkout',
        kind: 'server',
        attributes: { 'http.route': '/checkout', 'http.response.status_code': error ? 503 : 200 },
      },
      {
        node: 'orders-db',
        operation: 'INSERT orders',
        start: duration / 4,
        duration: duration / 2,
        error,
        depth: 1,
        spanId: '00f067aa0ba902b7',
        parentSpanId: 'b7ad6b7169203331',
        service: 'checkout',
        kind: 'client',
        attributes: { 'db.system': 'postgresql' },
      },
    ],
  };
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  readonly container: HTMLElement;
  rerender(): Promise<void>;
  unmount(): void;
}

export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  container.style.width = '1200px';
  container.style.height = '700px';
  document.body.appendChild(container);
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    root.render(node);
  });
  return {
    container,
    rerender: () => act(async () => root?.render(node)),
    unmount: () => {
      act(() => root?.unmount());
      container.remove();
    },
  };
}

/** Runs a state change or event inside act(). */
export async function step(fn: () => void | Promise<void>): Promise<void> {
  await act(async () => {
    await fn();
  });
}

export function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('no element to click');
  return step(() => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

export function buttonByText(root: ParentNode, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as
    HTMLButtonElement | undefined;
}
