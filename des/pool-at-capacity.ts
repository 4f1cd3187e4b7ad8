/**
 * A thread pool calling a database at its capacity, as the engine and as the per-request
 * simulator (simulator/engine/coupling.test.ts, and a row group of des/accuracy.ts): 256 web threads
 * (8 replicas x 32, 25 ms own work, 4 sequential calls per request) against a 4-server database
 * with room for 400 calls, at 1,615 requests/s (6,460 calls/s for 5,000/s of capacity).
 */
import { createSimulation } from '../simulator/engine/index';
import { makeScenario } from '../simulator/engine/testing';
import { simulate } from './simulate';

export const RATE = 1615; // requests/s into web: 4 calls each, 6,460 calls/s against a 5,000/s database
const WEB = { replicas: 8, threads: 32, service: 0.025, queueLimit: 100 };
const DB = { threads: 4, service: 0.0008, capacity: 400 };

export interface Window {
  webErr: number[];
  dbRate: number[];
  dbInflight: number[];
  webP50: number[];
}

export function engineWindow(dbKind: 'service' | 'database', from: number, to: number): Window {
  const db =
    dbKind === 'service'
      ? {
          id: 'db',
          kind: 'service' as const,
          replicas: 1,
          concurrency: DB.threads,
          serviceTime: DB.service,
          queueLimit: DB.capacity - DB.threads,
          cpuPerRequest: 0,
        }
      : // The same capacity as a database: 400 connections, 4 cores at 0.8 ms of CPU a query.
        {
          id: 'db',
          kind: 'database' as const,
          maxConnections: DB.capacity,
          cpuCores: DB.threads,
          queryTime: 0.004,
          cpuPerQuery: DB.service,
        };
  const sim = createSimulation(
    makeScenario({
      nodes: [
        { id: 'load', kind: 'client', stages: [{ duration: 600, target: RATE }], noise: 0 },
        {
          id: 'web',
          kind: 'service',
          replicas: WEB.replicas,
          concurrency: WEB.threads,
          serviceTime: WEB.service,
          queueLimit: WEB.queueLimit,
          cpuPerRequest: 0,
        },
        db,
      ],
      edges: [
        { from: 'load', to: 'web', timeout: 30 },
        { from: 'web', to: 'db', timeout: 5, callsPerRequest: 4 },
      ],
    }),
  );
  const m = sim.metrics;
  const ids = {
    webErr: m.find('error_ratio', 'web'),
    dbRate: m.find('request_rate', 'db'),
    dbInflight: m.find('inflight', 'db'),
    webP50: m.find('latency_p50', 'web'),
  };
  const w: Window = { webErr: [], dbRate: [], dbInflight: [], webP50: [] };
  for (let t = 1; t <= to; t++) {
    sim.runUntil(t);
    if (t <= from) continue;
    w.webErr.push(m.latest(ids.webErr));
    w.dbRate.push(m.latest(ids.dbRate));
    w.dbInflight.push(m.latest(ids.dbInflight));
    w.webP50.push(m.latest(ids.webP50));
  }
  return w;
}

export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Largest tick-to-tick change relative to the window's mean. */
export const jump = (xs: number[]): number => {
  let worst = 0;
  for (let k = 1; k < xs.length; k++) worst = Math.max(worst, Math.abs(xs[k]! - xs[k - 1]!));
  return worst / Math.abs(mean(xs));
};

export interface DesPoint {
  webErr: number;
  dbInflight: number;
  dbRate: number;
  webP50: number;
  dbRejected: number;
}

/** The DES over [30 s, 90 s): web's 256 threads pooled (least-request), clients time out at 30 s. */
export function desWindow(seed = 7): DesPoint {
  const duration = 90;
  const warmup = 30;
  const r = simulate(
    {
      nodes: [
        {
          name: 'web',
          threads: WEB.replicas * WEB.threads,
          capacity: WEB.replicas * (WEB.threads + WEB.queueLimit),
          service: { kind: 'exponential', mean: WEB.service },
          calls: [{ target: 'db', count: 4, timeout: 5 }],
        },
        {
          name: 'db',
          threads: DB.threads,
          capacity: DB.capacity,
          service: { kind: 'exponential', mean: DB.service },
        },
      ],
      entry: 'web',
      arrivalRate: RATE,
      client: { timeout: 30 },
    },
    { duration, seed, bucket: 1 },
  );
  const s = r.series;
  let arrivals = 0;
  let ok = 0;
  let dbL = 0;
  const p50: number[] = [];
  for (let b = warmup; b < duration; b++) {
    arrivals += s.arrivals[b]!;
    ok += s.throughput[b]!;
    dbL += s.inSystem[1]![b]!;
    p50.push(s.p50Response[b]!);
  }
  const n = duration - warmup;
  return {
    webErr: 1 - ok / arrivals,
    dbInflight: dbL / n,
    dbRate: (4 * ok) / n,
    webP50: mean(p50),
    dbRejected: r.nodes[1]!.rejected / r.nodes[1]!.offered,
  };
}
