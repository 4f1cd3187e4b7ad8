/**
 * The readiness-drill format: a second top-level shape beside incident scenarios, told apart by
 * `"kind": "drill"`. A drill reuses the incident format's system (the same node and edge shapes,
 * SLOs, k6 stages and action catalog) and adds what a load-test-before-the-peak exercise needs:
 * the expected peak, a preparation deadline, the changes on offer with their lead times, a cost
 * model and a budget. No fault is scripted: whatever breaks under load is the lesson.
 *
 * A separate shape (not optional fields on the scenario) keeps both validators simple: a drill has
 * no alerts, faults, root cause or scripted solution, and an incident has no peak or cost.
 */
import { z } from 'zod';
import { ACTION_TYPES, LIMITS, duration, edge, id, node, slo, stage } from '../scenario/schema';
import { SYSTEM_CHANGE_TYPES } from './system-changes';

export const DRILL_FORMAT_VERSION = 1;

/** Preparation time is counted in days and hours, beyond the engine's 24 h run limit. */
export const PREP_LIMIT_SECONDS = 90 * 86_400;
const PREP_PATTERN = /^(\d+(\.\d+)?(d|h|m))+$/;
const PREP_UNITS: Record<string, number> = { d: 86_400, h: 3600, m: 60 };

/** "3d", "36h", "1d12h", "30m" or a number of seconds -> seconds; undefined when not one. */
export function parsePrepDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (!PREP_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(d|h|m)/g)) total += Number(m[1]) * PREP_UNITS[m[2]!]!;
  return total;
}

/** Seconds of preparation as "2d 4h", "3h 30m", "45m". */
export function formatPrepDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m || (!d && !h) ? `${m}m` : ''];
  return parts.filter(Boolean).join(' ');
}

export const prepDuration = z
  .union([
    z.number().nonnegative().max(PREP_LIMIT_SECONDS),
    z
      .string()
      .regex(PREP_PATTERN, 'must be a preparation time such as "3d", "36h", "1d12h" or "30m"')
      .refine((t) => (parsePrepDuration(t) ?? 0) <= PREP_LIMIT_SECONDS, 'must be at most 90d'),
  ])
  .transform((v) => parsePrepDuration(v) ?? 0)
  .describe('Preparation time: "3d", "36h", "1d12h", "30m", or a number of seconds (at most 90 days).');

const money = z.number().nonnegative().max(LIMITS.quantity);
const rate = z.number().nonnegative().max(LIMITS.rate);

export const peakClient = z.strictObject({
  client: id.describe('The client node whose traffic this shape is.'),
  startRate: rate.optional().describe("Requests per second at the peak's start (default: the first target)."),
  stages: z
    .array(stage)
    .min(1)
    .describe('The expected peak as k6 ramping-arrival-rate stages (linear ramps between targets).'),
});

export const peak = z
  .strictObject({
    clients: z.array(peakClient).min(1).describe('The expected traffic shape of each client.'),
    variation: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        "Seeded variation of the real peak: every rate is the declared one x (1 + variation x u), u drawn uniformly from [-1, 1] with the drill's seed.",
      ),
  })
  .describe('The expected peak. At the deadline the real one arrives (seeded variation around this shape).');

export const THRESHOLD_METRICS = [
  'http_req_failed',
  'http_req_duration',
  'http_reqs',
  'iterations',
  'checks',
] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];

export const loadTest = z
  .strictObject({
    name: z.string().min(1).max(80).describe('How the test is named in reports and scripts.'),
    client: id
      .optional()
      .describe(
        "The client whose traffic the test drives (default: the peak's first client); the other clients follow at the same multiple of their own peak.",
      ),
    startRate: rate.default(0).describe("Iterations per timeUnit at the start (k6's startRate)."),
    timeUnit: duration.default(1).describe('The period targets are counted in (k6 timeUnit, default 1s).'),
    stages: z
      .array(stage)
      .min(1)
      .describe("k6 ramping-arrival-rate stages: linear ramps from startRate through each stage's target."),
    thresholds: z
      .partialRecord(z.enum(THRESHOLD_METRICS), z.array(z.string().min(1).max(80)).min(1))
      .default({})
      .describe(
        'k6 thresholds, e.g. {"http_req_failed": ["rate<0.01"], "http_req_duration": ["p(99)<500"]} (durations in ms).',
      ),
    summaryTrendStats: z
      .array(z.string())
      .optional()
      .describe(
        'Trend columns printed for http_req_duration (k6 summaryTrendStats; default avg, min, med, max, p(90), p(95), plus any p(N) a threshold names).',
      ),
  })
  .describe('A k6-style load test (executor ramping-arrival-rate).');

export const offeredChange = z.strictObject({
  type: z
    .enum([...ACTION_TYPES, ...SYSTEM_CHANGE_TYPES])
    .describe(
      'The catalog action (scale, resize-database, set-cache-maxmemory, ...) or a system change (add-cache, add-read-replica, raise-quota).',
    ),
  target: z.string().describe('Node id, or "from->to" for an edge action.'),
  params: z
    .record(z.string(), z.union([z.number(), z.string(), z.boolean()]))
    .default({})
    .describe('Default parameters; a script or the trainee may override them.'),
  label: z.string().max(120).optional().describe('How the change reads in reports.'),
  leadTime: prepDuration
    .default(0)
    .describe('Preparation time before the change is in place (a database class change, a quota increase).'),
});

const perHour = money.describe('Price per hour.');

export const costModel = z
  .strictObject({
    currency: z.string().min(1).max(8).default('USD').describe('Shown beside every price.'),
    hoursPerMonth: z.number().min(1).max(744).default(730).describe('Hours in a billing month.'),
    services: z
      .record(
        id,
        z.strictObject({
          perReplicaHour: money.describe('Price of one replica for an hour (services and DNS resolvers).'),
          perCoreHour: money.default(0).describe('Added per CPU core of each replica (raise-cpu-limit).'),
        }),
      )
      .default({})
      .describe('Per service or DNS node id.'),
    databases: z
      .record(
        id,
        z.strictObject({
          classes: z
            .array(
              z.strictObject({
                name: z.string().min(1).max(40).describe('e.g. "db.r6g.xlarge".'),
                cores: z.number().min(0.5).max(LIMITS.cpuCores).describe('Cores of the class.'),
                perHour,
              }),
            )
            .min(1)
            .describe('Instance classes, priced; the database costs its smallest class with enough cores.'),
        }),
      )
      .default({})
      .describe('Per database node id.'),
    caches: z
      .record(id, z.strictObject({ perGbHour: money.describe('Price per GB of maxmemory per hour.') }))
      .default({})
      .describe('Per cache or queue node id (priced on maxmemory).'),
    usage: z
      .record(
        id,
        z.strictObject({
          perMillionRequests: money
            .default(0)
            .describe('Price per million requests served (an API, remote-write samples).'),
          perRequest: money.default(0).describe('Price per request served (an SMS message).'),
          perGb: money.default(0).describe('Price per GB ingested (a log or metrics pipeline).'),
          kbPerRequest: z
            .number()
            .positive()
            .max(LIMITS.sizeKb)
            .optional()
            .describe(
              "KB each request carries, for perGb (default: a queue's messageSizeKb; required otherwise).",
            ),
        }),
      )
      .default({})
      .describe(
        "Per-use prices per node that serves requests: billed on the node's throughput at the expected peak (the declared shape, no variation) for peakHoursPerMonth hours.",
      ),
    peakHoursPerMonth: z
      .number()
      .min(0)
      .max(744)
      .optional()
      .describe(
        'Hours a month that run at the expected peak, for the per-use prices (default: hoursPerMonth, every hour like the peak).',
      ),
    quotas: z
      .record(
        id,
        z.strictObject({
          plans: z
            .array(
              z.strictObject({
                name: z.string().min(1).max(40).describe('e.g. "Standard", "Enterprise 1,500 msg/s".'),
                rateLimit: rate.min(1).describe('Requests per second the plan allows.'),
                perHour,
              }),
            )
            .min(1)
            .describe(
              "The vendor's plans, priced; the node costs its cheapest plan whose quota covers its rate limit.",
            ),
        }),
      )
      .default({})
      .describe(
        'Per external node id: what its rate-limit quota costs (raise-quota moves to a larger plan).',
      ),
    fixed: z
      .array(z.strictObject({ name: z.string().min(1).max(80), perHour }))
      .default([])
      .describe('Fixed items: NAT gateways, load balancers, ...'),
  })
  .describe('What the configuration costs. Nodes the model does not list cost nothing.');

export const drillSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path of the JSON Schema: "./drill.schema.json".'),
    kind: z.literal('drill').describe('Marks a readiness drill (an incident scenario has no kind).'),
    drillVersion: z
      .literal(DRILL_FORMAT_VERSION)
      .describe(`Version of the drill format; this build reads version ${DRILL_FORMAT_VERSION}.`),
    id: id.describe('Unique drill id, e.g. "checkout-before-sale".'),
    title: z.string().min(1).max(120).describe('Title shown in the library.'),
    summary: z.string().max(400).default('').describe('One or two sentences for the library card.'),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
    tags: z.array(z.string()).default([]),
    basedOn: z.string().optional().describe('The public write-up or talk it draws on.'),
    briefing: z.string().default('').describe('Markdown: the event ahead and what the trainee knows.'),
    seed: z
      .number()
      .int()
      .nonnegative()
      .max(2 ** 32 - 1)
      .default(1)
      .describe('Seed of the noise and of the real peak: same seed + same script = same drill.'),
    tickSeconds: z.number().min(LIMITS.minTickSeconds).max(60).default(1),
    nodes: z.array(node).min(1).describe('The system as it is today (same shapes as incident scenarios).'),
    edges: z.array(edge).default([]),
    slos: z.array(slo).min(1).describe('What "served within SLOs" means, for the headroom and the peak.'),
    peak,
    goal: z
      .strictObject({
        headroom: z
          .number()
          .min(1)
          .max(20)
          .default(3)
          .describe('Multiple of the peak to reach (full headroom points).'),
      })
      .default({ headroom: 3 }),
    preparation: z.strictObject({
      deadline: prepDuration.describe('Preparation time before the real peak arrives.'),
      perTest: prepDuration
        .default(1800)
        .describe('Preparation time each load test costs on top of its own duration (setup, analysis).'),
    }),
    changes: z
      .array(offeredChange)
      .default([])
      .describe('Changes on offer between tests (the catalog actions), with their lead times.'),
    tests: z.array(loadTest).default([]).describe('Ready-made load tests the trainee may pick.'),
    cost: costModel,
    budget: z
      .strictObject({ monthly: money.describe('Monthly budget, in the cost model currency.') })
      .describe('What the configuration may cost per month.'),
    bottlenecks: z
      .array(
        z.strictObject({
          node: id,
          resource: z.string().min(1).describe('e.g. "CPU", "connections", "rate limit".'),
        }),
      )
      .default([])
      .describe(
        "The bottleneck sequence the author expects under a ramp to past the goal (hidden until the debrief; the drill's signature test checks it).",
      ),
  })
  .describe('An Outage Lab readiness drill.');

export type DrillInput = z.input<typeof drillSchema>;
export type Drill = z.output<typeof drillSchema>;
export type LoadTest = z.output<typeof loadTest>;
export type LoadTestInput = z.input<typeof loadTest>;
export type OfferedChange = z.output<typeof offeredChange>;
export type CostModel = z.output<typeof costModel>;
export type PeakClient = z.output<typeof peakClient>;

/** Whether parsed JSON is meant as a drill (the library and the CLI route on it). */
export function isDrillJson(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'drill';
}
