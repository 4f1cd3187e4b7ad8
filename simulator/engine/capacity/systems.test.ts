/**
 * Each system of the capacity pass on its own: a small compiled scenario, inputs written into the
 * state and work arrays, one system run over the node's (or edge's) position, outputs checked
 * against the formula or the queueing result they implement. The pass as a whole is checked by
 * the engine's behaviour tests (mechanisms, accuracy against the DES, the built-ins).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { State } from '../state';
import { makeScenario, type TopologyInput } from '../testing';
import { cacheCpus, databaseCpus, serviceCpus } from './cpu';
import { downstreamSums } from './downstream';
import { attemptFailures, attemptTimes } from './edge-attempt';
import { breakers, retryCalls } from './edge-retries';
import { delayLines, timeoutShares } from './edge-timeout';
import { LATENCY_CAP } from './constants';
import { nodeLatencies } from './latency';
import { cacheMemories, nodeOutcomes, occupancies } from './outcome';
import { ownServices } from './own-service';
import { queueWaits, responseQuantiles, waitDispersions } from './wait';
import { capacityLevels, KIND_SLOTS, SLOTS } from './work';

const users: TopologyInput['nodes'][number] = {
  id: 'users',
  kind: 'client',
  stages: [{ duration: '1h', target: 100 }],
};

function setup(input: TopologyInput) {
  const model = compile(makeScenario(input));
  const st = new State(model);
  const w = st.work;
  const node = (id: string) => model.index.get(id)!;
  const pos = (id: string) => w.order.indexOf(node(id));
  const edge = (key: string) => model.edgeIndex.get(key)!;
  const epos = (key: string) => w.edgeOrder.indexOf(edge(key));
  return { model, st, w, node, pos, edge, epos };
}

/** users -> a -> b (an external), with edge options on a -> b. */
const chain = (edge: Record<string, unknown> = {}, a: Record<string, unknown> = {}) =>
  setup({
    nodes: [users, { id: 'a', kind: 'service', ...a }, { id: 'b', kind: 'external', latency: 0.05 }],
    edges: [
      { from: 'users', to: 'a' },
      { from: 'a', to: 'b', ...edge },
    ],
  });

describe('levels (work.ts)', () => {
  it('puts every callee in a lower level and groups each level by kind', () => {
    const { model, w, node } = chain();
    const { level } = capacityLevels(model);
    expect(level[node('b')]).toBe(0);
    expect(level[node('a')]).toBe(1);
    expect(level[node('users')]).toBe(2);
    for (let l = 0; l < w.levels; l++)
      for (let g = 0; g < SLOTS; g++)
        for (let o = w.groupStart[l * SLOTS + g]!; o < w.groupStart[l * SLOTS + g + 1]!; o++)
          expect(model.kind[w.order[o]!]).toBe(KIND_SLOTS[g]);
    expect([...w.order].sort()).toEqual([...Array(model.n).keys()]);
  });

  it('keeps an edge that closes a cycle reading the callee of the same or a later level', () => {
    const { model, node } = setup({
      nodes: [users, { id: 'a', kind: 'service' }, { id: 'b', kind: 'service' }],
      edges: [
        { from: 'users', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    });
    const { level } = capacityLevels(model);
    // a -> b is followed (b first), b -> a closes the cycle: a must not be below b.
    expect(level[node('b')]!).toBeLessThan(level[node('a')]!);
    expect(level[node('users')]!).toBeGreaterThan(level[node('a')]!);
  });
});

describe('edge systems', () => {
  it('timeoutShares: P[T > tau] log-linear between the callee quantiles, 0 beyond 20 p99', () => {
    const { model, st, w, node, epos } = chain({ timeout: 1 });
    const b = node('b');
    const x = epos('a->b');
    st.p50[b] = 0.5;
    st.p95[b] = 1;
    st.p99[b] = 2;
    timeoutShares(model, st, x, x + 1);
    expect(w.timedOut[x]).toBeCloseTo(0.05, 12); // tau = p95
    st.p50[b] = 0.01;
    st.p95[b] = 0.02;
    st.p99[b] = 0.04;
    timeoutShares(model, st, x, x + 1);
    expect(w.timedOut[x]).toBe(0); // 1 s > 20 x 40 ms
  });

  it('delayLines: the calls that time out fail a timeout later', () => {
    const { model, st, epos, edge } = chain({ timeout: 3 });
    const x = epos('a->b');
    const e = edge('a->b');
    const shares = [0, 0, 0.5, 0, 0, 0, 0, 0];
    const late: number[] = [];
    for (const share of shares) {
      st.work.timedOut[x] = share;
      delayLines(model, st, x, x + 1, 1);
      late.push(st.eTimedOut[e]!);
      st.passes++;
    }
    expect(late).toEqual([0, 0, 0, 0, 0, 0.5, 0, 0]);
  });

  it('attemptFailures: independent causes combine; an open breaker fails fast', () => {
    const { model, st, w, node, epos, edge } = chain();
    const x = epos('a->b');
    st.failShare[node('b')] = 0.1;
    st.eTimedOut[edge('a->b')] = 0.2;
    w.timedOut[x] = 0.2;
    attemptFailures(model, st, x, x + 1, 0);
    expect(w.p[x]).toBeCloseTo(1 - 0.9 * 0.8, 12);
    expect(w.calleeFail[x]).toBe(0.1);
    w.open[x] = 1;
    attemptFailures(model, st, x, x + 1, 0);
    expect([w.p[x], w.pNow[x], w.calleeFail[x]]).toEqual([1, 1, 0]);
  });

  it('attemptTimes: admitted calls wait for the callee (capped at the timeout), rejected ones a round trip', () => {
    const { model, st, w, node, epos, edge } = chain({ timeout: 0.5 });
    const x = epos('a->b');
    const b = node('b');
    st.latMean[b] = 0.2;
    st.latVar[b] = 0.04;
    st.latK3[b] = 0;
    attemptTimes(model, st, x, x + 1);
    expect(w.tA[x]).toBeCloseTo(0.2, 12);
    expect(w.aVar[x]).toBeCloseTo(0.04, 12);
    st.eShed[edge('a->b')] = 0.5; // half cut here: no time
    w.aVar[x] = 0;
    attemptTimes(model, st, x, x + 1);
    expect(w.tA[x]).toBeCloseTo(0.1, 12);
    expect(w.aVar[x]).toBeCloseTo(0.5 * (0.04 + 0.04) - 0.01, 12); // mixture
    st.latMean[b] = 2; // slower than the timeout: tau flat
    st.eShed[edge('a->b')] = 0;
    attemptTimes(model, st, x, x + 1);
    expect(w.tA[x]).toBeCloseTo(0.5, 12);
  });

  it('retryCalls: time and final failure of a call with r retries and exponential backoff', () => {
    const { model, st, w, edge, epos } = chain({ retries: 2, backoff: 0.1 });
    const x = epos('a->b');
    const p = 0.3;
    w.p[x] = p;
    w.pNow[x] = p;
    w.tA[x] = 0.05;
    retryCalls(model, st, x, x + 1);
    expect(st.eFinal[edge('a->b')]).toBeCloseTo(p ** 3, 12);
    expect(w.time[x]).toBeCloseTo(0.05 + p * (0.05 + 0.1) + p * p * (0.05 + 0.2), 12);
  });

  it('breakers: open at the threshold, half-open after openFor, closed again on success', () => {
    const { model, st, w, edge, epos } = chain({ circuitBreaker: { errorThreshold: 0.5, openFor: 30 } });
    const x = epos('a->b');
    const e = edge('a->b');
    st.eRate[e] = 10;
    w.p[x] = 0.6;
    breakers(model, st, x, x + 1, 100);
    expect(st.cbState[e]).toBe(1);
    breakers(model, st, x, x + 1, 129);
    expect(st.cbState[e]).toBe(1);
    breakers(model, st, x, x + 1, 130);
    expect(st.cbState[e]).toBe(2);
    w.p[x] = 0;
    w.calleeFail[x] = 0;
    breakers(model, st, x, x + 1, 131);
    expect(st.cbState[e]).toBe(0);
  });

  it('downstreamSums: cumulants add; 0.1 calls per request to a dead callee fail 10% of requests', () => {
    const { model, st, w, pos, edge, epos } = chain({ callsPerRequest: 0.1 });
    const o = pos('a');
    const x = epos('a->b');
    w.time[x] = 1;
    w.callVar[x] = 0;
    w.callK3[x] = 0;
    st.eFinal[edge('a->b')] = 1;
    downstreamSums(model, st, o, o + 1, x);
    expect(w.surv[o]).toBeCloseTo(0.9, 12);
    expect(w.dMean[o]).toBeCloseTo(0.1, 12);
    expect(w.dVar[o]).toBeCloseTo(0.1 * 0.9, 12); // Bernoulli(0.1) x 1 s
  });
});

describe('node systems', () => {
  it('ownServices: servers are ready replicas x threads; hold time adds the downstream', () => {
    const { model, st, w, node, pos } = chain({}, { replicas: 3, concurrency: 40, serviceTime: 0.02 });
    const o = pos('a');
    w.dMean[o] = 0.05;
    ownServices(model, st, o, o + 1);
    expect(st.ready[node('a')]).toBe(3);
    expect(w.servers[o]).toBe(120);
    expect(w.s[o]).toBeCloseTo(0.02, 12);
    expect(w.hold[o]).toBeCloseTo(0.07, 12);
  });

  it('ownServices: S once per pass, from the queue step when it ran (st.sTickPass), else its own', () => {
    const { model, st, w, node, pos } = chain({}, { serviceTime: 0.02 });
    const a = node('a');
    const o = pos('a');
    ownServices(model, st, o, o + 1); // never computed (the pass at creation): computes it
    expect(w.s[o]).toBeCloseTo(0.02, 12);
    expect(st.sTickPass[a]).toBe(st.passes);
    // The queue step of this pass left its S (a stand-in value): ownServices takes it as is.
    st.sTick[a] = 0.5;
    ownServices(model, st, o, o + 1);
    expect(w.s[o]).toBe(0.5);
    // Left by an earlier pass: computed again.
    st.passes++;
    ownServices(model, st, o, o + 1);
    expect(w.s[o]).toBeCloseTo(0.02, 12);
    // An external never goes through the queue step: its S is computed in the pass.
    const b = pos('b');
    ownServices(model, st, b, b + 1);
    expect(w.s[b]).toBeCloseTo(0.05, 12);
  });

  it('serviceCpus: the CFS quota caps throughput at cores / CPU per request', () => {
    const { model, st, w, node, pos } = chain({}, { replicas: 2, cpuLimit: 0.5, cpuPerRequest: 0.01 });
    const o = pos('a');
    st.procRate[node('a')] = 50;
    st.arrRate[node('a')] = 50;
    serviceCpus(model, st, o, o + 1);
    expect(w.cpuCap[o]).toBeCloseTo(100, 9); // 1 core / 10 ms
    expect(st.cpuUtil[node('a')]).toBeCloseTo(0.5, 12);
  });

  it('databaseCpus: slow queries take their cores first; the ordinary ones share the rest', () => {
    const { model, st, w, node, pos } = setup({
      nodes: [users, { id: 'db', kind: 'database', cpuCores: 4, cpuPerQuery: 0.002, maxConnections: 100 }],
      edges: [{ from: 'users', to: 'db' }],
    });
    const o = pos('db');
    w.servers[o] = 100;
    databaseCpus(model, st, o, o + 1);
    expect(w.cpuCap[o]).toBeCloseTo(4 / 0.002, 9); // no slow queries: all four cores
    expect(st.cpuUtil[node('db')]).toBe(0);
  });

  it('cacheCpus: utilisation of the ops capacity', () => {
    const { model, st, node, pos } = setup({
      nodes: [users, { id: 'c', kind: 'cache', opsCapacity: 1000 }],
      edges: [{ from: 'users', to: 'c' }],
    });
    st.procRate[node('c')] = 250;
    cacheCpus(model, st, pos('c'), pos('c') + 1);
    expect(st.cpuUtil[node('c')]).toBeCloseTo(0.25, 12);
  });

  it('queueWaits and responseQuantiles: M/M/1 response time is exponential with rate mu - lambda', () => {
    const { model, st, w, node, pos } = chain({}, { replicas: 1, concurrency: 1, queueLimit: 100000 });
    const a = node('a');
    const o = pos('a');
    const mu = 10;
    const rho = 0.8;
    // The stationary M/M/1 state at rho: busy rho, waiting rho^2 / (1 - rho), P[wait] = rho.
    w.servers[o] = 1;
    w.hold[o] = 1 / mu;
    w.s[o] = 1 / mu;
    w.cpuCap[o] = Infinity;
    st.qBusy[a] = rho;
    st.backlog[a] = (rho * rho) / (1 - rho);
    st.qArr[a] = st.backlog[a]!; // in steady state the arrival's waiting count is Little's Lq
    st.pWait[a] = rho;
    st.pBlock[a] = 0;
    queueWaits(model, st, o, o + 1);
    expect(w.wq[o]).toBeCloseTo(rho / (mu - mu * rho), 9); // Erlang C mean wait
    expect(st.mu[a]).toBeCloseTo(mu, 12);
    responseQuantiles(st, o, o + 1);
    const exact = (q: number) => -Math.log(1 - q) / (mu - mu * rho);
    expect(w.r50[o]).toBeCloseTo(exact(0.5), 6);
    expect(w.r95[o]).toBeCloseTo(exact(0.95), 6);
    expect(w.r99[o]).toBeCloseTo(exact(0.99), 6);
  });

  it('waitDispersions: exponential waits for Erlang C, nearly constant ones in a full queue of timeouts', () => {
    const erlang = chain({}, { replicas: 1, concurrency: 4, queueLimit: 1e9 });
    const o = erlang.pos('a');
    erlang.w.queued[o] = 1;
    erlang.w.pw[o] = 0.6;
    erlang.w.theta[o] = 20;
    erlang.w.hold[o] = 0.1;
    erlang.w.sOwn[o] = 0.1; // exponential hold: CV^2 = 1
    erlang.st.rhoEff[erlang.node('a')] = 0.8;
    waitDispersions(erlang.model, erlang.st, o, o + 1);
    expect(erlang.w.waitCv2[o]).toBeCloseTo(1, 6);

    const full = chain({}, { replicas: 1, concurrency: 10, queueLimit: 40 });
    const f = full.pos('a');
    full.w.queued[f] = 1;
    full.w.pw[f] = 1;
    full.w.theta[f] = 1 / 40;
    full.w.hold[f] = 10.01; // waits out a 10 s timeout: nearly constant
    full.w.sOwn[f] = 0.01;
    full.w.downVar[f] = 0;
    full.st.rhoEff[full.node('a')] = 50; // overloaded: the queue is full
    waitDispersions(full.model, full.st, f, f + 1);
    expect(full.w.waitCv2[f]).toBeLessThan(1e-3);
    full.w.pw[f] = 0; // nobody waits: nothing to compute
    waitDispersions(full.model, full.st, f, f + 1);
    expect(full.w.waitCv2[f]).toBe(1);
  });

  it('nodeLatencies: own time and calls add as cumulants; the whole latency has one cap', () => {
    const { st, w, node, pos } = chain();
    const a = node('a');
    const o = pos('a');
    w.s[o] = 0.1;
    w.sOwn[o] = 0.1;
    w.down[o] = 0.2;
    w.downVar[o] = 0.01;
    w.r50[o] = 0.07;
    nodeLatencies(st, o, o + 1);
    expect(st.latMean[a]).toBeCloseTo(0.3, 12);
    expect(st.latVar[a]).toBeCloseTo(0.01 + 0.01, 12);
    expect(st.p50[a]!).toBeGreaterThan(0.2);
    w.down[o] = 1e6;
    nodeLatencies(st, o, o + 1);
    expect(st.latMean[a]).toBe(LATENCY_CAP);
    expect(st.p99[a]).toBe(LATENCY_CAP);
  });

  it('cacheMemories: a full noeviction cache fails the fills of its misses; a full LRU one keeps its hit ratio', () => {
    const make = (policy: 'noeviction' | 'allkeys-lru') =>
      setup({
        nodes: [users, { id: 'c', kind: 'cache', hitRatio: 0.9, maxMemoryMb: 100, policy }],
        edges: [{ from: 'users', to: 'c' }],
      });
    for (const policy of ['noeviction', 'allkeys-lru'] as const) {
      const { model, st, w, node, pos } = make(policy);
      const c = node('c');
      const o = pos('c');
      st.cacheMem[c] = 100;
      cacheMemories(model, st, o, o + 1, 1);
      if (policy === 'noeviction') expect(w.fillOk[o]).toBeCloseTo(0.9, 12);
      else {
        expect(w.fillOk[o]).toBe(1);
        expect(st.hitEff[c]).toBeCloseTo(0.9, 12); // the working set did not grow
      }
    }
  });

  it('nodeOutcomes and occupancies: failures, served rate, in-flight by the queue state', () => {
    const { model, st, w, node, pos } = chain();
    const a = node('a');
    const o = pos('a');
    st.procRate[a] = 100;
    st.arrRate[a] = 110;
    st.rejRate[a] = 10;
    w.ownErr[o] = 0.1;
    w.surv[o] = 1;
    nodeOutcomes(model, st, o, o + 1, 1);
    expect(st.served[a]).toBeCloseTo(90, 12);
    expect(st.errRatio[a]).toBeCloseTo(20 / 110, 12);
    w.queued[o] = 1;
    w.servers[o] = 100;
    st.qBusy[a] = 40;
    st.inSystem[a] = 55;
    occupancies(model, st, o, o + 1, 1);
    expect(st.inflight[a]).toBe(55);
    expect(st.saturation[a]).toBeCloseTo(0.4, 12);
  });

  it('nodeOutcomes: a call fails with the probability an arriving call has, whatever completes this tick', () => {
    // A node holding requests for seconds completes fewer (or more) than arrive in a tick; the
    // failures among completions over the arrivals is not an attempt's failure probability (it
    // fell when more calls arrived, and the callers' retries then ran a period-2 cycle).
    const { model, st, w, node, pos } = chain();
    const a = node('a');
    const o = pos('a');
    w.ownErr[o] = 0.5;
    w.surv[o] = 1;
    for (const [arr, proc] of [
      [1500, 1000],
      [1000, 1500],
      [1000, 1000],
    ] as const) {
      st.arrRate[a] = arr;
      st.procRate[a] = proc;
      st.rejRate[a] = 100;
      nodeOutcomes(model, st, o, o + 1, 1);
      // 100 of `arr` turned away, half of the admitted fail.
      expect(st.failShare[a]).toBeCloseTo(100 / arr + (1 - 100 / arr) * 0.5, 12);
    }
  });
});
