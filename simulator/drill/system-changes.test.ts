import { describe, expect, it } from 'vitest';
import { builtinDrill, drillText } from '../test-support/drills';
import { DrillSession, type TestReport } from './session';
import { applySystemChange, type System } from './system-changes';
import { validateDrill } from './validate';
import type { Drill } from './schema';

/** A built-in drill with more offered changes (and cost-model sections), validated. */
function withChanges(file: string, changes: unknown[], cost: Record<string, unknown> = {}): Drill {
  const json = JSON.parse(drillText(file)) as { changes: unknown[]; cost: Record<string, unknown> };
  json.changes.push(...changes);
  Object.assign(json.cost, cost);
  const result = validateDrill(json);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.drill;
}

const checkout = builtinDrill('checkout-before-sale.json');
const ramp = checkout.tests.find((t) => t.name === 'ramp-to-4x')!;
const dbCpu = (r: TestReport) => r.bottlenecks.find((b) => b.node === 'orders-db' && b.resource === 'CPU');

describe('applySystemChange', () => {
  const system: System = checkout;

  it('add-cache: the callers call the cache, and one fill edge goes on to the node', () => {
    const next = applySystemChange(system, { type: 'add-cache', target: 'checkout->orders-db' });
    if ('error' in next) throw new Error(next.error);
    const cache = next.nodes.find((n) => n.id === 'orders-db-cache');
    expect(cache).toMatchObject({ kind: 'cache', hitRatio: 0.8, maxMemoryMb: 1024, policy: 'allkeys-lru' });
    const into = (id: string) => next.edges.filter((e) => e.to === id).map((e) => e.from);
    expect(into('orders-db-cache')).toEqual(['checkout']);
    // catalog-cache's calls were not named, so they still reach the database directly.
    expect(into('orders-db').sort()).toEqual(['catalog-cache', 'orders-db-cache']);
    const fill = next.edges.find((e) => e.from === 'orders-db-cache')!;
    expect(fill).toMatchObject({ callsPerRequest: 1, timeout: 1 });
    expect(fill.pool).toBeUndefined();
    expect(system.nodes).toHaveLength(5); // the input is left alone
  });

  it("add-read-replica: splits each caller's queries by readShare onto a reader of N replicas", () => {
    const next = applySystemChange(system, {
      type: 'add-read-replica',
      target: 'orders-db',
      params: { readShare: 0.75, replicas: 2 },
    });
    if ('error' in next) throw new Error(next.error);
    expect(next.nodes.find((n) => n.id === 'orders-db-replica')).toMatchObject({
      kind: 'database',
      cpuCores: 4,
      maxConnections: 300,
    });
    const calls = (from: string, to: string) =>
      next.edges.find((e) => e.from === from && e.to === to)?.callsPerRequest;
    expect(calls('checkout', 'orders-db')).toBeCloseTo(0.75);
    expect(calls('checkout', 'orders-db-replica')).toBeCloseTo(2.25);
    expect(calls('catalog-cache', 'orders-db-replica')).toBeCloseTo(0.75);
    // The pool is per endpoint: the reader gets its own.
    expect(next.edges.find((e) => e.to === 'orders-db-replica' && e.from === 'checkout')!.pool).toBe(20);
  });

  it('raise-quota sets the rate limit, and refuses a lower one or a node without a quota', () => {
    const otp = builtinDrill('otp-sms-login-surge.json');
    const next = applySystemChange(otp, { type: 'raise-quota', target: 'sms-provider' });
    if ('error' in next) throw new Error(next.error);
    expect(next.nodes.find((n) => n.id === 'sms-provider')).toMatchObject({ rateLimit: 800 });
    expect(
      applySystemChange(otp, { type: 'raise-quota', target: 'sms-provider', params: { rateLimit: 300 } }),
    ).toEqual({ error: "the quota of 'sms-provider' is already 400 requests/s" });
    expect(applySystemChange(otp, { type: 'raise-quota', target: 'auth-api' })).toEqual({
      error: "'auth-api' is a service; raise-quota applies to external nodes",
    });
  });

  it('refuses a new id that exists, and a call that is not there', () => {
    expect(
      applySystemChange(system, { type: 'add-cache', target: 'orders-db', params: { id: 'checkout' } }),
    ).toMatchObject({ error: expect.stringMatching(/'checkout' already exists/) });
    expect(applySystemChange(system, { type: 'add-cache', target: 'storefront->orders-db' })).toEqual({
      error: 'no sync call storefront->orders-db',
    });
  });
});

describe('system changes in a drill session', () => {
  it('a read replica takes reads off the primary: its CPU saturates later, and the replica is priced', () => {
    const drill = checkout; // offers orders-db read replicas (4 h lead time)
    const session = new DrillSession(drill);
    // checkout scaled so the database stays what limits first.
    session.change({ type: 'scale', target: 'checkout', params: { replicas: 6 } });
    const before = session.runTest(ramp) as TestReport;
    const made = session.change({
      type: 'add-read-replica',
      target: 'orders-db',
      params: { readShare: 0.6 },
    });
    expect(made).toMatchObject({ ok: true, change: { effectiveAt: before.endedAt + 4 * 3600 } });
    if (!made.ok) return;
    // Priced like the primary's class, db.r6g.large at 0.25 an hour.
    const line = made.after.lines.find((l) => l.item === 'orders-db-replica')!;
    expect(line).toMatchObject({ detail: 'db.r6g.large (2 cores)' });
    expect(line.monthly).toBeCloseTo(0.25 * 730, 6);
    expect(made.after.monthly - made.before.monthly).toBeCloseTo(0.25 * 730, 6);
    const pending = session.runTest(ramp) as TestReport;
    expect(pending.pending).toHaveLength(1);
    expect(dbCpu(pending)!.multiple).toBeCloseTo(dbCpu(before)!.multiple, 1);
    session.wait(4 * 3600);
    const after = session.runTest(ramp) as TestReport;
    // 40% of the queries stay on the primary: it saturates at about 1 / 0.4 = 2.5x the multiple.
    const ratio = (dbCpu(after)?.multiple ?? Infinity) / dbCpu(before)!.multiple;
    expect(ratio).toBeGreaterThan(2);
  });

  it('a cache in front of the database lowers its load by the hit ratio; priced under cost.caches', () => {
    const drill = withChanges(
      'checkout-before-sale.json',
      [
        {
          type: 'add-cache',
          target: 'checkout->orders-db',
          params: { id: 'orders-cache', hitRatio: 0.5, memoryMb: 2048 },
        },
      ],
      { caches: { 'catalog-cache': { perGbHour: 0.02 }, 'orders-cache': { perGbHour: 0.03 } } },
    );
    const session = new DrillSession(drill);
    session.change({ type: 'scale', target: 'checkout', params: { replicas: 6 } });
    const before = session.runTest(ramp) as TestReport;
    const made = session.change({ type: 'add-cache', target: 'checkout->orders-db' });
    expect(made.ok && made.after.lines.find((l) => l.item === 'orders-cache')).toMatchObject({
      detail: '2 GB',
      monthly: 2 * 0.03 * 730,
    });
    const after = session.runTest(ramp) as TestReport;
    expect(dbCpu(after)?.multiple ?? Infinity).toBeGreaterThan(dbCpu(before)!.multiple * 1.3);
  });

  it('a raised vendor quota moves the plan up after its lead time', () => {
    const drill = builtinDrill('otp-sms-login-surge.json'); // offers the ticket: 1,000 msg/s in 1 day
    const session = new DrillSession(drill);
    expect(session.cost().lines.find((l) => l.item === 'sms-provider')).toMatchObject({
      detail: 'Standard (400 req/s quota)',
      monthly: 0,
    });
    const made = session.change({ type: 'raise-quota', target: 'sms-provider' });
    expect(made).toMatchObject({ ok: true, change: { effectiveAt: 86_400 } });
    expect(made.ok && made.after.lines.find((l) => l.item === 'sms-provider')).toMatchObject({
      detail: 'Business (1000 req/s quota)',
      monthly: 0.25 * 730,
    });
  });

  it('refuses a system change the graph cannot take when the trainee overrides its params', () => {
    const drill = builtinDrill('otp-sms-login-surge.json');
    const session = new DrillSession(drill);
    expect(
      session.change({ type: 'raise-quota', target: 'sms-provider', params: { rateLimit: 100 } }),
    ).toEqual({ ok: false, message: "the quota of 'sms-provider' is already 400 requests/s" });
  });
});

describe('validation of system changes and quotas', () => {
  const errors = (changes: unknown[], cost: Record<string, unknown> = {}) => {
    const json = JSON.parse(drillText('otp-sms-login-surge.json')) as {
      changes: unknown[];
      cost: Record<string, unknown>;
    };
    json.changes.push(...changes);
    Object.assign(json.cost, cost);
    const result = validateDrill(json);
    return result.ok ? [] : result.errors;
  };

  it('names the JSON path of a bad target, parameter or new id', () => {
    expect(
      errors([
        { type: 'add-cache', target: 'otp-queue' },
        { type: 'add-read-replica', target: 'sms-provider', params: { readShare: 0.5 } },
        { type: 'add-read-replica', target: 'auth-api' },
        { type: 'raise-quota', target: 'sms-provider', params: { rateLimit: 200 } },
        { type: 'add-cache', target: 'sms-provider', params: { id: 'auth-api' } },
        { type: 'add-cache', target: 'auth-api->sms-provider' },
      ]),
    ).toEqual([
      {
        path: 'changes[6].target',
        message: "'otp-queue' is a queue; add-cache applies to service or database or external nodes",
      },
      {
        path: 'changes[7].target',
        message: "'sms-provider' is an external; add-read-replica applies to database nodes",
      },
      { path: 'changes[8].params', message: expect.stringMatching(/"readShare" is required/) },
      {
        path: 'changes[8].target',
        message: "'auth-api' is a service; add-read-replica applies to database nodes",
      },
      { path: 'changes[9].params.rateLimit', message: 'must be above the current quota (400 requests/s)' },
      { path: 'changes[10].params.id', message: expect.stringMatching(/'auth-api' already exists/) },
      { path: 'changes[11].target', message: 'no sync call auth-api->sms-provider' },
    ]);
  });

  it("keeps the incident validator's paths on the catalog changes after a system change", () => {
    const result = errors([
      { type: 'raise-quota', target: 'sms-provider' },
      { type: 'scale', target: 'nowhere', params: { replicas: 2 } },
    ]);
    expect(result.map((e) => e.path)).toEqual(['changes[7].target']);
  });

  it('checks cost.quotas: an external with a rate limit, plans with their paths', () => {
    const result = errors([], {
      quotas: {
        'auth-api': { plans: [{ name: 'x', rateLimit: 10, perHour: 1 }] },
        'sms-provider': { plans: [{ name: 'x', rateLimit: 0, perHour: -1 }] },
      },
    });
    expect(result.map((e) => e.path).sort()).toEqual([
      'cost.quotas["sms-provider"].plans[0].perHour',
      'cost.quotas["sms-provider"].plans[0].rateLimit',
    ]);
    expect(
      errors([], { quotas: { 'auth-api': { plans: [{ name: 'x', rateLimit: 10, perHour: 1 }] } } }),
    ).toEqual([
      {
        path: 'cost.quotas["auth-api"]',
        message: "'auth-api' is a service; cost.quotas prices external nodes",
      },
    ]);
  });

  it('accepts prices for the nodes offered changes add', () => {
    expect(
      errors([{ type: 'add-cache', target: 'sms-provider', params: { id: 'sms-dedupe' } }], {
        caches: { 'otp-queue': { perGbHour: 0.05 }, 'sms-dedupe': { perGbHour: 0.05 } },
      }),
    ).toEqual([]);
  });
});
