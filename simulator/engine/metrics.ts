/**
 * Metric ring buffer. One row per tick holding every series; a row is filled by copying contiguous
 * slices of the state arrays (nodes are grouped by kind, so a metric's series for one kind are one
 * slice). Recording a tick is a handful of TypedArray.set calls and allocates nothing.
 */
import type { MetricArena, MetricStore, SeriesInfo } from './api';
import { KIND_CODES, type Model } from './compile';
import { METRICS } from './metric-names';
import type { State } from './state';

/** Slices at least this long are copied with TypedArray.set, shorter ones by a loop. */
const SET_MIN = 64;

/** Which state (or, for settings actions change in place, parameter) array feeds each metric. */
function sourceOf(model: Model, st: State, name: string): Float64Array | undefined {
  switch (name) {
    case 'request_rate':
      return st.arrRate;
    case 'throughput':
      return st.served;
    case 'error_ratio':
      return st.errRatio;
    case 'latency_p50':
      return st.p50;
    case 'latency_p95':
      return st.p95;
    case 'latency_p99':
      return st.p99;
    case 'latency_mean':
      return st.latMean;
    case 'inflight':
      return st.inflight;
    case 'saturation':
      return st.saturation;
    case 'cpu_utilization':
      return st.cpuUtil;
    case 'cpu_throttled_ratio':
      return st.throttled;
    case 'memory_mb':
      return st.memory;
    case 'replicas_ready':
      return st.readyInRotation;
    case 'replicas_desired':
      return st.desired;
    case 'replicas_starting':
      return st.coldStarting;
    case 'replicas_unready':
      return st.unready;
    case 'replicas_waiting_backoff':
      return st.waiting;
    case 'liveness_probe_failures_total':
      return st.livenessFailures;
    case 'readiness_probe_failures_total':
      return st.readinessFailures;
    case 'liveness_probe_failing':
      return st.livenessFailing;
    case 'readiness_probe_failing':
      return st.readinessFailing;
    case 'restarts_total':
      return st.restarts;
    case 'replicas_waiting_image':
      return st.imageWaiting;
    case 'scrape_ok':
      return st.scrapeOk;
    case 'queue_depth':
      return st.backlog;
    case 'queue_memory_mb':
      return st.queueMem;
    case 'queue_oldest_seconds':
      return st.oldest;
    case 'enqueue_rate':
      return st.enqRate;
    case 'dequeue_rate':
      return st.deqRate;
    case 'db_connections':
      return st.dbConn;
    case 'db_max_connections':
      return model.maxConnections;
    case 'max_memory_mb':
      return model.maxMemoryMb;
    case 'db_slow_queries':
      return st.slowActive;
    case 'cache_hit_ratio':
      return st.hitEff;
    case 'cache_evictions_rate':
      return st.evictRate;
    case 'cache_keys':
      return st.keyspace.keysNow;
    case 'dns_queries_rate':
      return st.dnsQueries;
    case 'dns_failure_ratio':
      return st.dnsFail;
    case 'edge_request_rate':
      return st.eRate;
    case 'edge_error_ratio':
      return st.eP;
    case 'edge_retry_rate':
      return st.eRetry;
    // Disks: compact arrays by slot (disk-model.ts).
    case 'disk_avail_mb':
      return st.disk.availMb;
    case 'disk_size_mb':
      return st.disk.sizeMb;
    case 'disk_write_iops':
      return st.disk.writeIops;
    case 'disk_io_utilization':
      return st.disk.ioUtil;
    case 'disk_io_wait_seconds':
      return st.disk.ioWait;
    case 'disk_wal_retained_mb':
      return st.disk.walMb;
    // Weighted routing: compact arrays by weighted call (routing.ts).
    case 'route_traffic_share':
      return st.routing.share;
    case 'route_target_healthy':
      return st.routing.healthy;
  }
  return undefined;
}

/** A MetricArena that keeps one buffer and grows it when a larger store asks. */
export function metricArena(): MetricArena {
  let buffer = new Float64Array(0);
  return {
    take(length) {
      if (buffer.length < length) buffer = new Float64Array(length);
      return buffer.subarray(0, length);
    },
  };
}

export class RingMetricStore implements MetricStore {
  readonly series: SeriesInfo[] = [];
  readonly capacity: number;
  length = 0;
  firstTick = 0;
  private readonly width: number;
  private readonly data: Float64Array;
  private readonly segSrc: Float64Array[] = [];
  private readonly segDst: number[] = [];
  private readonly lookup = new Map<string, number>();
  private nextTick = 0;
  /** How many non-finite values record() replaced (NaN by 0, +-Infinity by +-MAX_VALUE). */
  nonFinite = 0;

  constructor(model: Model, st: State, capacity: number, arena?: MetricArena) {
    this.capacity = Math.max(1, Math.floor(capacity));
    for (const def of METRICS) {
      const src = sourceOf(model, st, def.name);
      if (!src) continue;
      if (def.scope === 'disk') {
        if (model.disk.count === 0) continue;
        this.segSrc.push(src);
        this.segDst.push(this.series.length);
        for (let d = 0; d < model.disk.count; d++)
          this.add(def.name, { node: model.ids[model.disk.node[d]!]! });
        continue;
      }
      if (def.scope === 'route') {
        const rm = model.routing;
        if (rm.edges.length === 0) continue;
        this.segSrc.push(src);
        this.segDst.push(this.series.length);
        for (const e of rm.edges)
          this.add(def.name, { node: model.ids[model.from[e]!]!, to: model.ids[model.to[e]!]! });
        continue;
      }
      if (def.scope === 'image' && !model.registry.some((r) => r >= 0)) continue;
      if (def.scope === 'scrape' && model.scrapeVia.length === 0) continue;
      if (def.kinds.includes('edge')) {
        if (model.m === 0) continue;
        this.segSrc.push(src);
        this.segDst.push(this.series.length);
        for (let e = 0; e < model.m; e++) {
          this.add(def.name, { node: model.ids[model.from[e]!]!, to: model.ids[model.to[e]!]! });
        }
        continue;
      }
      for (let k = 0; k < KIND_CODES.length; k++) {
        if (!def.kinds.includes(KIND_CODES[k]!)) continue;
        const lo = model.kindStart[k]!;
        const hi = model.kindEnd[k]!;
        if (hi <= lo) continue;
        this.segSrc.push(src.subarray(lo, hi));
        this.segDst.push(this.series.length);
        for (let i = lo; i < hi; i++) this.add(def.name, { node: model.ids[i]! });
      }
    }
    this.width = this.series.length;
    this.data = arena ? arena.take(this.capacity * this.width) : new Float64Array(this.capacity * this.width);
  }

  private add(metric: string, labels: Record<string, string>): void {
    const index = this.series.length;
    this.series.push({ index, metric, labels });
    const key = `${metric}|${labels.node}|${labels.to ?? ''}`;
    if (!this.lookup.has(key)) this.lookup.set(key, index);
  }

  /**
   * Copies the current state into the next row. A short slice is copied element by element:
   * TypedArray.set costs more per call than a small scenario's whole slice.
   */
  record(): void {
    const row = (this.nextTick % this.capacity) * this.width;
    const src = this.segSrc;
    const dst = this.segDst;
    const data = this.data;
    // Last guard: a metric is never NaN or Infinity (charts, alerts, scoring and JSON exports
    // would all break). The schema's maxima keep products finite; this catches what slips through.
    // One multiply-add per value (x * 0 is NaN only for NaN and +-Infinity), in the copy loop for
    // short slices; the fix-up pass runs only if needed.
    let bad = 0;
    let badLong = false;
    for (let s = 0; s < src.length; s++) {
      const slice = src[s]!;
      const at = row + dst[s]!;
      const len = slice.length;
      if (len >= SET_MIN) {
        data.set(slice, at);
        if (hasNonFinite(data, at, at + len)) badLong = true;
      } else
        for (let k = 0; k < len; k++) {
          const v = slice[k]!;
          data[at + k] = v;
          bad += v * 0;
        }
    }
    if (bad !== 0 || badLong) this.replaceNonFinite(row, row + this.width);
    this.nextTick++;
    if (this.length < this.capacity) this.length++;
    else this.firstTick++;
  }

  private replaceNonFinite(from: number, to: number): void {
    const data = this.data;
    for (let k = from; k < to; k++) {
      const v = data[k]!;
      if (v - v !== 0) {
        data[k] = v !== v ? 0 : v > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
        this.nonFinite++;
      }
    }
  }

  find(metric: string, node: string, extra?: Record<string, string>): number {
    return this.lookup.get(`${metric}|${node}|${extra?.to ?? ''}`) ?? -1;
  }

  latest(seriesIndex: number): number {
    if (this.length === 0 || seriesIndex < 0 || seriesIndex >= this.width) return NaN;
    return this.data[((this.nextTick - 1) % this.capacity) * this.width + seriesIndex]!;
  }

  at(seriesIndex: number, tick: number): number {
    if (seriesIndex < 0 || seriesIndex >= this.width || tick < this.firstTick || tick >= this.nextTick)
      return NaN;
    return this.data[(tick % this.capacity) * this.width + seriesIndex]!;
  }

  readTick(tick: number, out: Float64Array): void {
    const width = Math.min(this.width, out.length);
    if (tick < this.firstTick || tick >= this.nextTick) {
      out.fill(NaN, 0, width);
      return;
    }
    const data = this.data;
    const row = (tick % this.capacity) * this.width;
    for (let i = 0; i < width; i++) out[i] = data[row + i]!;
  }

  read(seriesIndex: number, out?: Float64Array): Float64Array {
    const result = out ?? new Float64Array(this.length);
    const len = Math.min(this.length, result.length);
    for (let k = 0; k < len; k++) result[k] = this.at(seriesIndex, this.firstTick + k);
    return result;
  }
}

/**
 * Whether data[from..to) holds a NaN or an infinity (a boolean: a returned double would box). Four sums break the add-latency chain:
 * 135 us instead of 265 us for the 171,564 values of a 10,000-node row (about 2% of its tick).
 */
function hasNonFinite(data: Float64Array, from: number, to: number): boolean {
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let k = from;
  for (; k + 3 < to; k += 4) {
    p0 += data[k]! * 0;
    p1 += data[k + 1]! * 0;
    p2 += data[k + 2]! * 0;
    p3 += data[k + 3]! * 0;
  }
  for (; k < to; k++) p0 += data[k]! * 0;
  return p0 + p1 + p2 + p3 !== 0;
}
