/**
 * node_exporter's disk families in the Prometheus view (catalog.ts): the free space and size of a
 * node's volume, its write IOs, busy time and the CPU's iowait, with node_exporter's labels; none
 * for a node without a disk.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { makeScenario } from '../engine/testing';
import { columnsOf } from '../test-support/builtin-run';
import { evaluateInstant } from './evaluate';
import { prometheusView } from './view';

const scenario = makeScenario({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 1000 }] },
    { id: 'api', kind: 'service', replicas: 4 },
    {
      id: 'db',
      kind: 'database',
      maxConnections: 300,
      cpuCores: 16,
      disk: { sizeGb: 100, usedGb: 40, writeShare: 0.5, iops: 600, logKbPerRequest: 0 },
    },
  ],
  edges: [
    { from: 'users', to: 'db', timeout: 60 },
    { from: 'users', to: 'api', callsPerRequest: 0.1 },
  ],
} as never);
const sim = createSimulation(scenario, { historyTicks: 901 });
sim.runUntil(900);
const view = prometheusView(columnsOf(sim), scenario.nodes, { scrapeSeconds: 15 });
const at = 900_000;

function value(expr: string): number[] {
  const r = evaluateInstant(view, expr, at);
  if (!r.ok) throw new Error(r.error);
  if (r.value.type !== 'vector') throw new Error(r.value.type);
  return r.value.samples.map((s) => s.value);
}

describe('disk families in the Prometheus view', () => {
  it('free space and size in bytes, on the volume node_exporter names', () => {
    const series = view.series().filter((s) => s.labels.__name__ === 'node_filesystem_size_bytes');
    expect(series.map((s) => s.labels)).toEqual([
      {
        __name__: 'node_filesystem_size_bytes',
        job: 'node',
        instance: 'db:9100',
        device: '/dev/nvme1n1',
        fstype: 'ext4',
        mountpoint: '/data',
      },
    ]);
    expect(value('node_filesystem_size_bytes{instance="db:9100"}')).toEqual([100 * 1024 ** 3]);
    expect(value('node_filesystem_avail_bytes{instance="db:9100"}')[0]).toBeCloseTo(60 * 1024 ** 3, -3);
  });

  it('a saturated volume: write IOs at the provisioned IOPS, busy all the time, CPUs in iowait', () => {
    expect(value('rate(node_disk_writes_completed_total{instance="db:9100"}[5m])')[0]).toBeCloseTo(600, 0);
    expect(value('rate(node_disk_io_time_seconds_total{instance="db:9100"}[5m])')[0]).toBeCloseTo(1, 3);
    const iowait = value('rate(node_cpu_seconds_total{mode="iowait", instance="db:9100"}[5m])')[0]!;
    expect(iowait).toBeGreaterThan(0.3);
    expect(iowait).toBeLessThanOrEqual(1);
  });

  it('no disk series for a node without a volume', () => {
    expect(value('node_filesystem_avail_bytes{instance="api:9100"}')).toEqual([]);
    expect(value('count(node_filesystem_avail_bytes)')).toEqual([1]);
  });
});
