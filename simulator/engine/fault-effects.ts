/**
 * Fault timeline: scenario faults and instructor injections become active at `at`, end after
 * `duration` or when an action clears them. Whenever the active set changes the per-node effect
 * arrays are folded again (rare, so this may allocate); the tick loop only reads those arrays.
 */
import type { FaultType } from '../scenario/schema';
import { withArticle } from '../scenario/article';
import type { ParamValue } from './catalog-types';
import { checkParams } from './catalog-types';
import { parseEdgeTarget } from './actions';
import { CLIENT, KIND_CODES, QUEUE, SERVICE, type Model } from './compile';
import { FAULT_CATALOG, faultParam } from './faults';
import type { Emit } from './lifecycle';
import { killReplicas } from './lifecycle';
import { flushKeys } from './cache-keyspace';
import { syncOdd } from './probes';
import type { State } from './state';

export interface ActiveFault {
  readonly id: string;
  readonly type: FaultType;
  readonly target: string;
  /** Node index, or edge index for network-degradation. */
  readonly index: number;
  readonly at: number;
  end: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly note?: string;
  state: 'scheduled' | 'active' | 'over';
}

export interface FaultSpec {
  readonly id?: string;
  readonly type: FaultType;
  readonly target: string;
  readonly at: number;
  readonly duration?: number;
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly note?: string;
}

/** Resolves and checks a fault's target and parameters; returns the target index or an error sentence. */
export function resolveFaultTarget(model: Model, spec: FaultSpec): { index: number } | { error: string } {
  const doc = FAULT_CATALOG[spec.type];
  if (!doc) return { error: `unknown fault type "${String(spec.type)}"` };
  if (doc.appliesTo.includes('edge')) {
    const edge = parseEdgeTarget(spec.target);
    const k = edge ? model.edgeIndex.get(`${edge.from}->${edge.to}`) : undefined;
    if (k === undefined)
      return { error: `${spec.type} targets an edge written "from->to"; no edge "${spec.target}" exists` };
    const bad = checkParams(doc.params, spec.params);
    return bad ? { error: `${spec.type} on ${spec.target}: ${bad}` } : { index: k };
  }
  const i = model.index.get(spec.target);
  if (i === undefined) return { error: `no node "${spec.target}" to apply ${spec.type} to` };
  const kind = KIND_CODES[model.kind[i]!]!;
  if (!doc.appliesTo.includes(kind)) {
    return {
      error: `${spec.type} does not apply to ${spec.target}, ${withArticle(kind)} (it applies to ${doc.appliesTo.join(', ')})`,
    };
  }
  if (doc.requires === 'disk' && model.disk.slot[i]! < 0)
    return { error: `${spec.type} needs a volume: ${spec.target} has no disk (give the node a "disk")` };
  if (doc.requires === 'region' && model.routing.region[i]! < 0)
    return { error: `${spec.type} takes down a region: ${spec.target} has no "region"` };
  const bad = checkParams(doc.params, spec.params);
  return bad ? { error: `${spec.type} on ${spec.target}: ${bad}` } : { index: i };
}

export class FaultTimeline {
  readonly faults: ActiveFault[] = [];
  private nextChange = Infinity;
  private counter = 0;

  constructor(
    private readonly model: Model,
    private readonly st: State,
    private readonly emit: Emit,
  ) {}

  add(spec: FaultSpec): { ok: true; fault: ActiveFault } | { ok: false; error: string } {
    const resolved = resolveFaultTarget(this.model, spec);
    if ('error' in resolved) return { ok: false, error: resolved.error };
    const fault: ActiveFault = {
      id: spec.id ?? `fault-${++this.counter}`,
      type: spec.type,
      target: spec.target,
      index: resolved.index,
      at: spec.at,
      end: spec.duration !== undefined ? spec.at + spec.duration : Infinity,
      params: spec.params ?? {},
      note: spec.note,
      state: 'scheduled',
    };
    this.faults.push(fault);
    if (fault.at < this.nextChange) this.nextChange = fault.at;
    return { ok: true, fault };
  }

  /** Activates and expires faults due at time t. Cheap when nothing is due. */
  update(t: number): void {
    if (t < this.nextChange) return;
    let changed = false;
    let next = Infinity;
    for (const f of this.faults) {
      if (f.state === 'scheduled' && f.at <= t) {
        f.state = 'active';
        changed = true;
        this.onset(f, t);
      }
      if (f.state === 'active' && f.end <= t) {
        f.state = 'over';
        changed = true;
        this.emit('fault-cleared', this.nodeOf(f), `${f.type} on ${f.target} ended`, true);
      }
      if (f.state === 'scheduled' && f.at < next) next = f.at;
      if (f.state === 'active' && f.end < next) next = f.end;
    }
    this.nextChange = next;
    if (changed) this.fold();
  }

  /** Ends active faults of the given types on a target (an action fixed them). */
  clear(target: string, types: readonly FaultType[], t: number, where?: (f: ActiveFault) => boolean): number {
    let cleared = 0;
    for (const f of this.faults) {
      if (f.state === 'over' || !types.includes(f.type)) continue;
      if (where ? !where(f) : f.target !== target) continue;
      if (f.state === 'active') {
        this.emit('fault-cleared', this.nodeOf(f), `${f.type} on ${f.target} cleared`, true);
        cleared++;
      }
      f.state = 'over';
      f.end = Math.min(f.end, t);
    }
    this.nextChange = Math.min(this.nextChange, t);
    this.fold();
    return cleared;
  }

  isActive(target: string, type: FaultType): boolean {
    return this.faults.some((f) => f.state === 'active' && f.type === type && f.target === target);
  }

  private nodeOf(f: ActiveFault): number {
    return f.type === 'network-degradation' ? this.model.from[f.index]! : f.index;
  }

  private onset(f: ActiveFault, t: number): void {
    const { model, st } = this;
    const i = f.index;
    const text = f.note ? `${f.type} on ${f.target}: ${f.note}` : `${f.type} on ${f.target}`;
    this.emit('fault', this.nodeOf(f), text, true);
    switch (f.type) {
      case 'crash': {
        const count = faultParam('crash', f.params, 'replicas', st.ready[i]!);
        if (!f.params.loop) killReplicas(model, st, i, count, t);
        break;
      }
      case 'bad-deploy': {
        const version = typeof f.params.version === 'string' ? f.params.version : `${model.versions[i]}-bad`;
        const previous = model.versions[i]!;
        model.versions[i] = version;
        this.previousVersion.set(i, previous);
        this.emit('deploy', i, `Deployed ${model.ids[i]} ${version} (was ${previous})`, false);
        break;
      }
      case 'slow-queries':
        st.slowRespawnAt[i] = t;
        break;
      case 'replication-slot': {
        // WAL retained before the run started (the slot has been inactive for a while).
        const d = model.disk.slot[i]!;
        const room = Math.max(0, model.disk.sizeMb[d]! - st.disk.usedMb(d));
        st.disk.walMb[d]! += Math.min(room, faultParam('replication-slot', f.params, 'retainedGb') * 1024);
        break;
      }
      case 'cache-flush': {
        flushKeys(model.keyspace, st.keyspace, i, faultParam('cache-flush', f.params, 'share', 1));
        const before = st.hitEff[i]!;
        st.hitEff[i] = before * (1 - faultParam('cache-flush', f.params, 'share', 1));
        break;
      }
    }
  }

  /** Version a service ran before its last deploy (for rollback). */
  readonly previousVersion = new Map<number, string>();

  /** Recomputes the per-node effect arrays from the active faults. */
  fold(): void {
    const { model, st } = this;
    st.fLatFactor.fill(1);
    st.fLatAdd.fill(0);
    st.fErr.fill(0);
    st.fSpike.fill(1);
    st.fConsumer.fill(1);
    st.fFlood.fill(0);
    st.fLeak.fill(0);
    st.fOutage.fill(0);
    st.fSideCpu.fill(0);
    st.fSideLat.fill(0);
    st.fCpuFactor.fill(1);
    st.fCrashLoop.fill(0);
    st.fSlowCount.fill(0);
    st.fSlowCpu.fill(0);
    st.fLoss.fill(0);
    st.fEdgeLat.fill(0);
    st.fOddCount.fill(0);
    st.fOddWant.fill(0);
    st.fOddLat.fill(1);
    st.fOddAdd.fill(0);
    st.fOddErr.fill(0);
    st.fPoison.fill(0);
    st.fPoisonHold.fill(0);
    st.disk.fLogKb.fill(0);
    st.disk.fTempMbPerSec.fill(0);
    st.disk.fSlot.fill(0);
    const both = (a: number, b: number) => 1 - (1 - a) * (1 - b);
    // A latency / error-rate fault on some replicas of a service (replica-mix.ts).
    const onReplicas = (f: ActiveFault) =>
      model.kind[f.index] === SERVICE && typeof f.params.replicas === 'number';
    for (const f of this.faults) {
      if (f.state !== 'active') continue;
      const i = f.index;
      const p = (name: string, fallback = 0) => faultParam(f.type, f.params, name, fallback);
      switch (f.type) {
        case 'latency':
          if (onReplicas(f)) {
            st.fOddWant[i] = Math.max(st.fOddWant[i]!, p('replicas'));
            st.fOddLat[i]! *= p('factor');
            st.fOddAdd[i]! += p('add');
            break;
          }
          st.fLatFactor[i]! *= p('factor');
          st.fLatAdd[i]! += p('add');
          break;
        case 'error-rate':
          if (onReplicas(f)) {
            st.fOddWant[i] = Math.max(st.fOddWant[i]!, p('replicas'));
            st.fOddErr[i] = both(st.fOddErr[i]!, p('rate'));
            break;
          }
          st.fErr[i] = both(st.fErr[i]!, p('rate'));
          break;
        case 'crash':
          if (f.params.loop) st.fCrashLoop[i]! += p('replicas', st.desired[i]!);
          break;
        case 'bad-deploy':
          st.fErr[i] = both(st.fErr[i]!, p('errorRate'));
          st.fLatFactor[i]! *= p('latencyFactor');
          st.fCpuFactor[i]! *= p('cpuFactor');
          st.fLeak[i]! += p('leakMbPerMinute');
          break;
        case 'slow-queries':
          st.fSlowCount[i]! += p('count');
          st.fSlowCpu[i] = p('cpuPerQuery');
          break;
        case 'traffic-spike':
          st.fSpike[i]! *= p('factor');
          break;
        case 'consumer-slowdown':
          if (model.kind[i] === QUEUE) {
            for (let x = model.consStart[i]!; x < model.consStart[i + 1]!; x++)
              st.fConsumer[model.consumers[x]!]! *= p('factor');
          } else st.fConsumer[i]! *= p('factor');
          break;
        case 'dns-flood':
          st.fFlood[i]! += p('qps');
          break;
        case 'memory-leak':
          st.fLeak[i]! += p('mbPerMinute');
          break;
        case 'network-degradation':
          st.fLoss[i] = both(st.fLoss[i]!, p('loss'));
          st.fEdgeLat[i]! += p('latency');
          break;
        case 'dependency-outage':
          st.fOutage[i] = f.params.mode === 'timeouts' ? 2 : 1;
          break;
        case 'sidecar-overhead':
          st.fSideCpu[i]! += p('cpuPerRequest');
          st.fSideLat[i]! += p('latency');
          break;
        case 'poison-payload':
          st.fPoison[i] = both(st.fPoison[i]!, p('share'));
          if (f.params.mode === 'timeouts') st.fPoisonHold[i] = Math.max(st.fPoisonHold[i]!, p('seconds'));
          break;
        case 'debug-logging':
          st.disk.fLogKb[model.disk.slot[i]!]! += p('kbPerRequest');
          break;
        case 'disk-fill':
          st.disk.fTempMbPerSec[model.disk.slot[i]!]! += p('mbPerMinute') / 60;
          break;
        case 'replication-slot':
          st.disk.fSlot[model.disk.slot[i]!] = 1;
          break;
        case 'region-outage': {
          // Every node of the target's region that serves requests (clients and queues excepted).
          const code = model.routing.region[i]!;
          const mode = f.params.mode ?? 'down';
          for (let j = 0; j < model.n; j++) {
            if (model.routing.region[j] !== code) continue;
            const k = model.kind[j]!;
            if (k === CLIENT || k === QUEUE) continue;
            if (mode === 'degraded') {
              st.fErr[j] = both(st.fErr[j]!, p('errorRate'));
              st.fLatFactor[j]! *= p('latencyFactor');
            } else st.fOutage[j] = mode === 'timeouts' ? 2 : 1;
          }
          break;
        }
      }
    }
    // Odd replicas out of rotation or restarting (probes.ts) serve nothing.
    for (let i = 0; i < model.n; i++) if (st.fOddWant[i]! > 0) syncOdd(st, i);
    st.refreshFaultFlags();
  }
}
