/**
 * Hand-built runs for the scoring tests and the worked example in docs/scoring.md: a small scenario,
 * an event timeline builder and per-tick series with chosen SLO breaches. Pure, no engine needed.
 */
import type { EventKind, SimEvent } from '../engine/api';
import { upgradeScenarioInput, type LegacyAlertInput } from '../alerting/migrate';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema';
import type { RunSeries } from './series';

/** checkout (SLO: error_ratio <= 1%) calls a database; a bad deploy of checkout is the root cause. */
export function exampleScenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  // Written in version 1's alert shape, migrated on parse like an old file.
  const input: Omit<ScenarioInput, 'schemaVersion'> & { schemaVersion: number; alerts?: LegacyAlertInput[] } =
    {
      schemaVersion: 1,
      id: 'bad-deploy-checkout',
      title: 'A bad deploy of checkout',
      difficulty: 'beginner',
      duration: '30m',
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 100 }] },
        { id: 'checkout', kind: 'service' },
        { id: 'db', kind: 'database' },
      ],
      edges: [
        { from: 'users', to: 'checkout' },
        { from: 'checkout', to: 'db' },
      ],
      faults: [{ at: '2m', target: 'checkout', type: 'bad-deploy' }],
      alerts: [
        {
          name: 'CheckoutErrors',
          expr: 'error_ratio{node="checkout"} > 0.05',
          severity: 'P1',
          route: 'page',
        },
        { name: 'CheckoutLatency', expr: 'latency_p99{node="checkout"} > 1', severity: 'P3', route: 'chat' },
      ],
      actions: [
        { type: 'rollback', target: 'checkout', effect: 'fixes' },
        { type: 'scale', target: 'checkout', params: { replicas: 6 }, effect: 'helps' },
        { type: 'restart', target: 'checkout', effect: 'neutral' },
        { type: 'failover', target: 'db', effect: 'harmful' },
      ],
      rootCause: {
        node: 'checkout',
        category: 'bad-deploy',
        categories: ['bad-deploy', 'database', 'capacity'],
      },
      objectives: {
        slos: [{ node: 'checkout', metric: 'error_ratio', max: 0.01 }],
        holdFor: '2m',
        selfHeals: false,
      },
      scoring: { acknowledge: '2m', diagnose: '10m', mitigate: '15m' },
      hints: [{ text: 'Look at what changed.', cost: 5 }, { text: 'Compare versions.' }],
      // The technical formula's fixture; communication is scored in communication.test.ts.
      communication: { scored: false },
      ...overrides,
    };
  return scenarioSchema.parse(upgradeScenarioInput(input));
}

type EventSpec = [t: number, kind: EventKind, data?: Record<string, string | number | boolean>];

/** Builds a SimEvent timeline from terse [t, kind, data] tuples. */
export function timeline(...specs: EventSpec[]): SimEvent[] {
  return specs.map(([t, kind, data]) => ({
    t,
    kind,
    text: typeof data?.alert === 'string' ? data.alert : kind,
    hidden: kind === 'fault',
    ...(data ? { data } : {}),
  }));
}

export const page = (t: number): EventSpec => [t, 'alert-firing', { alert: 'CheckoutErrors' }];
export const ack = (t: number): EventSpec => [t, 'acknowledge'];
export const declare = (t: number, node: string, category: string): EventSpec => [
  t,
  'declare',
  { node, category },
];
export const act = (
  t: number,
  type: string,
  target: string,
  extra: Record<string, string | number | boolean> = {},
): EventSpec => [t, 'action', { type, target, ...extra }];

/**
 * Per-tick series over `seconds` seconds (1 s ticks): every tick in a `broken` [from, to) window
 * fails the SLO with `errorRatio` of `rps` requests failing; the allowance is 1% of `rps`.
 */
export function brokenSeries(
  seconds: number,
  broken: readonly (readonly [from: number, to: number])[],
  { rps = 100, errorRatio = 0.3, allowedRatio = 0.01 } = {},
): RunSeries {
  const sloOk = new Uint8Array(seconds).fill(1);
  const failed = new Float64Array(seconds);
  const allowed = new Float64Array(seconds).fill(rps * allowedRatio);
  for (const [from, to] of broken) {
    for (let t = Math.max(0, from); t < Math.min(seconds, to); t++) {
      sloOk[t] = 0;
      failed[t] = rps * errorRatio;
    }
  }
  return { tickSeconds: 1, firstTick: 0, sloOk, failed, allowed };
}

/**
 * The worked example of docs/scoring.md: the fault starts at 2m, pages at 3m; acknowledged at 6m,
 * a wrong diagnosis at 8m, a needless restart at 9m, a hint at 10m, the right diagnosis at 12m,
 * the rollback at 18m; errors stop at 19m and the SLO holds; the run ends at 21m (mitigated).
 */
export function workedExample() {
  const scenario = exampleScenario();
  const events = timeline(
    [120, 'fault', { type: 'bad-deploy' }],
    page(180),
    ack(360),
    declare(480, 'db', 'database'),
    act(540, 'restart', 'checkout'),
    [600, 'hint', { index: 0 }],
    declare(720, 'checkout', 'bad-deploy'),
    act(1080, 'rollback', 'checkout'),
  );
  const series = brokenSeries(1260, [[125, 1140]]);
  return { scenario, events, series, endedAt: 1260, ending: 'mitigated' as const };
}
