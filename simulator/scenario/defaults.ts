/**
 * The defaults of the scenario format that an author cannot see in the zod schema's other
 * numbers: every duration default (seconds) and every fallback the engine applies itself to a
 * field left out (Alertmanager's route timers, keep_firing_for). schema.ts declares them from here,
 * the engine's fallbacks read them from here, and the JSON Schema and the generated reference
 * show them with their unit (json-schema.ts). `defaults.test.ts` fails when a field the parser or
 * the engine fills in is shown without its default.
 */

export const DEFAULTS = {
  loadbalancer: { healthCheckInterval: 10, latency: 0.001 },
  /** A load balancer's weighted routing (Route 53: checks every 10 s, 4 s check timeout). */
  routing: { ttl: 60, checkTimeout: 4 },
  /** Kubernetes HPA's sync period. */
  autoscaler: { syncPeriod: 15 },
  sidecar: { cpuPerRequest: 0.002, latency: 0.001 },
  /** 20 ms of own work and 10 ms of CPU: with cpuLimit 1 a replica tops out at 100 rps. */
  service: { serviceTime: 0.02, cpuPerRequest: 0.01, coldStart: 30 },
  database: { queryTime: 0.005, cpuPerQuery: 0.002 },
  keyspace: { ttl: 300 },
  /** glibc's resolver timeout. */
  dns: { resolverTimeout: 5 },
  external: { latency: 0.2 },
  circuitBreaker: { openFor: 30 },
  /** AWS SDKs: 100 ms base backoff, capped at 20 s. */
  edge: { timeout: 30, backoff: 0.1, maxBackoff: 20 },
  /** Prometheus: an alert fires at the first evaluation that returns it, and stops at once. */
  alertRule: { for: 0, keepFiringFor: 0 },
  ruleGroup: { interval: 15 },
  /** Alertmanager's defaults for the root route (config.DefaultRouteOpts); children inherit. */
  route: { groupWait: 30, groupInterval: 300, repeatInterval: 4 * 3600 },
  silence: { startsAt: 0 },
  objectives: { holdFor: 120 },
  scoring: { acknowledge: 120, diagnose: 600, mitigate: 900 },
  communication: {
    /** The first update within 10 minutes of acknowledging. */
    firstUpdate: 600,
    /** Seconds between updates while the incident is open, per declared severity. */
    cadence: { SEV1: 900, SEV2: 1200, SEV3: 1800, SEV4: 3600 },
    /** A message's metric condition: sent as soon as it holds. */
    whenFor: 0,
  },
} as const;

/**
 * JSON Schema keyword (ignored by validators) for what leaving an optional field out means when
 * that is not a value: "no limit", "inherited from the root route". The reference's Default column
 * shows it.
 */
export const OMITTED_KEYWORD = 'x-omitted';

/** `.meta(omitted('no limit'))` on an optional zod field. */
export const omitted = (text: string): Record<string, string> => ({ [OMITTED_KEYWORD]: text });

/**
 * A duration as an author would write it, exactly: 0.02 -> "20ms", 300 -> "5m", 14400 -> "4h",
 * 90 -> "1m30s"; a value that is not a whole number of milliseconds stays in seconds ("0.0005s").
 */
export function durationText(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (Math.abs(ms - seconds * 1000) > 1e-6) return `${seconds}s`;
  if (ms === 0) return '0s';
  if (ms % 1000 !== 0) return ms > 1000 ? `${seconds}s` : `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return (h ? `${h}h` : '') + (m ? `${m}m` : '') + (s ? `${s}s` : '');
}
