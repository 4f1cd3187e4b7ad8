/**
 * Store subscriptions for the topology's live numbers. Each selector returns a small string, so a
 * node or edge re-renders only when what it shows changes, not on every snapshot.
 */
import { useMemo } from 'react';
import { scenarioAlerts } from '../../../../simulator/alerting/rules';
import type { AlertState, NodeLive as EngineNodeLive } from '../../../../simulator/engine/api';
import { metricDef } from '../../../../simulator/engine/metric-names';
import type { Scenario, ScenarioNode } from '../../../../simulator/scenario/schema';
import { metricValue } from '../../../lib/format';
import { cardValue } from './format';
import type { MetricBuffer } from '../../../sim/metric-buffer';
import { useIncidentStore } from '../../../stores/incident-store';
import { alertNodeMap, classifyHealth, edgeHealth, nodeAlertLevel, type Health } from './health';
import { CARD_METRICS, healthSeries, seriesIndices, type HealthSeries } from './metrics';

const SEP = '\u0001';
const alertMaps = new WeakMap<Scenario, Map<string, string[]>>();

export function alertMapFor(scenario: Scenario): Map<string, string[]> {
  let map = alertMaps.get(scenario);
  if (!map) {
    map = alertNodeMap(scenarioAlerts(scenario));
    alertMaps.set(scenario, map);
  }
  return map;
}

/**
 * A node's live state in a snapshot's list (scenario order, so `index` is the node's position in
 * scenario.nodes); undefined before the first snapshot.
 */
export function liveNodeAt(
  nodes: readonly EngineNodeLive[],
  index: number,
  id: string,
): EngineNodeLive | undefined {
  const n = nodes[index];
  return n?.id === id ? n : nodes.find((x) => x.id === id);
}

/** Queue fill: memory over the live maxmemory (an expand-queue action raises it). */
export function nodeCapacity(hs: HealthSeries, live: EngineNodeLive | undefined): number {
  return live?.maxMemoryMb ?? hs.capacity;
}

export function formatMetric(metric: string, value: number): string {
  return metricValue(value, metricDef(metric)?.unit);
}

const latest = (buffer: MetricBuffer, index: number) => (index >= 0 ? buffer.latest(index) : Number.NaN);

export function nodeHealth(
  buffer: MetricBuffer,
  hs: HealthSeries,
  node: string,
  alerts: readonly AlertState[],
  alertMap: ReadonlyMap<string, readonly string[]>,
  capacity = hs.capacity,
): Health {
  let errorRatio = Number.NaN;
  for (const i of hs.errors) {
    const v = buffer.latest(i);
    if (Number.isFinite(v)) errorRatio = Number.isNaN(errorRatio) ? v : Math.max(errorRatio, v);
  }
  let saturation = latest(buffer, hs.saturation);
  const fill = latest(buffer, hs.fill) / capacity;
  if (Number.isFinite(fill)) saturation = Number.isFinite(saturation) ? Math.max(saturation, fill) : fill;
  return classifyHealth({ errorRatio, saturation, alert: nodeAlertLevel(node, alerts, alertMap) });
}

function useNodeSeries(buffer: MetricBuffer | undefined, node: ScenarioNode | undefined) {
  return useMemo(() => {
    if (!buffer || !node) return undefined;
    const find = (metric: string, id: string) => buffer.find(metric, id);
    return { card: seriesIndices(find, node.id, CARD_METRICS[node.kind]), health: healthSeries(find, node) };
  }, [buffer, node]);
}

export interface NodeLive {
  readonly values: readonly string[];
  readonly health: Health;
}

/** Formatted card numbers and health of one node, re-rendering only when they change. */
export function useNodeLive(id: string): NodeLive {
  const scenario = useIncidentStore((s) => s.scenario);
  const buffer = useIncidentStore((s) => s.buffer);
  const index = useMemo(() => scenario?.nodes.findIndex((n) => n.id === id) ?? -1, [scenario, id]);
  const node = scenario?.nodes[index];
  const series = useNodeSeries(buffer, node);
  const key = useIncidentStore((s) => {
    if (!s.buffer || !series || !node || !scenario) return '';
    const parts = series.card.map((i, k) =>
      cardValue(CARD_METRICS[node.kind][k]?.metric ?? '', latest(s.buffer!, i)),
    );
    const capacity = nodeCapacity(series.health, liveNodeAt(s.liveNodes, index, id));
    parts.push(nodeHealth(s.buffer, series.health, id, s.alerts, alertMapFor(scenario), capacity));
    return parts.join(SEP);
  });
  return useMemo(() => {
    if (!key) return { values: [], health: 'unknown' };
    const parts = key.split(SEP);
    const health = (parts.pop() ?? 'unknown') as Health;
    return { values: parts, health };
  }, [key]);
}

export interface EdgeLive {
  readonly label: string;
  readonly health: Health;
}

/** Rate and error ratio of a call edge (or the queue's dequeue rate for a consumer edge). */
export function useEdgeLive(from: string, to: string, mode: string): EdgeLive {
  const buffer = useIncidentStore((s) => s.buffer);
  const series = useMemo(() => {
    if (!buffer) return undefined;
    if (mode === 'consumer') return { rate: buffer.find('dequeue_rate', from), error: -1 };
    // A lookup edge has no rate of its own: it shows the resolver's failure ratio when it fails.
    if (mode === 'lookup') return { rate: -1, error: buffer.find('dns_failure_ratio', to) };
    return {
      rate: buffer.find('edge_request_rate', from, { to }),
      error: buffer.find('edge_error_ratio', from, { to }),
    };
  }, [buffer, from, to, mode]);
  const key = useIncidentStore((s) => {
    if (!s.buffer || !series) return '';
    const rate = latest(s.buffer, series.rate);
    const error = latest(s.buffer, series.error);
    const health = mode === 'consumer' ? 'unknown' : edgeHealth(error);
    let label = Number.isFinite(rate) ? cardValue('edge_request_rate', rate) : '';
    if (mode === 'lookup') {
      label =
        health === 'warn' || health === 'crit' ? `DNS ${cardValue('dns_failure_ratio', error)} fail` : '';
    } else if (Number.isFinite(error) && error >= 0.001) {
      label += ` · ${cardValue('edge_error_ratio', error)} err`;
    }
    return `${label}${SEP}${health}`;
  });
  return useMemo(() => {
    const [label = '', health = 'unknown'] = key.split(SEP);
    return { label, health: health as Health };
  }, [key]);
}
