/**
 * Applies trainee actions: validates the target and parameters against ACTION_CATALOG, then
 * schedules the effect at its realistic delay. Returns a plain sentence either way; never throws.
 */
import { AUTOSCALER_METRICS, type ActionType, type AutoscalerMetric } from '../scenario/schema';
import { flushKeys } from './cache-keyspace';
import { withArticle } from '../scenario/article';
import type { ActionCommand, ActionResult } from './api';
import { checkParams } from './catalog-types';
import { ACTION_CATALOG, parseEdgeTarget } from './actions';
import { AS_CODES, CACHE, DNS_COLD_START, KIND_CODES, type Model } from './compile';
import { delayTicks, lengthenLine } from './delay-line';
import { applyDiskAction } from './disk-actions';
import { scheduleRollout } from './image-pull';
import { applyRouteAction } from './route-actions';
import type { FaultTimeline } from './fault-effects';
import type { Emit } from './lifecycle';
import { killReplicas, cancelStarting, manualScale, setReplicas } from './lifecycle';
import { allToRotation, applyProbe, describeProbe, probeSpec } from './probes';
import type { State } from './state';

export interface ActionHost {
  readonly model: Model;
  readonly st: State;
  readonly faults: FaultTimeline;
  readonly emit: Emit;
  readonly tickSeconds: number;
  now(): number;
  /** Runs `run` at the first tick with time >= at (`quiet`: without an action-effective event). */
  schedule(at: number, node: number, text: string, run: () => void, quiet?: boolean): void;
}

/** Kubernetes' HPA sync period (--horizontal-pod-autoscaler-sync-period), for an HPA created in a run. */
const HPA_SYNC_PERIOD = 15;

const fmt = (s: number) => (s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${Math.round(s * 10) / 10} s`);

export function applyAction(host: ActionHost, cmd: ActionCommand, delayOverride?: number): ActionResult {
  const { model, st, faults, emit } = host;
  const doc = ACTION_CATALOG[cmd?.type as ActionType];
  if (!doc) {
    return {
      ok: false,
      message: `Unknown action "${String(cmd?.type)}". Known actions: ${Object.keys(ACTION_CATALOG).join(', ')}.`,
    };
  }
  const target = typeof cmd.target === 'string' ? cmd.target : '';
  const params = cmd.params ?? {};
  let node = -1;
  let edge = -1;
  const edgeSpec = parseEdgeTarget(target);
  if (edgeSpec) {
    if (!doc.appliesTo.includes('edge')) {
      return {
        ok: false,
        message: `${cmd.type} applies to a node (${doc.appliesTo.join(', ')}), not to the call ${target}.`,
      };
    }
    const k = model.edgeIndex.get(`${edgeSpec.from}->${edgeSpec.to}`);
    if (k === undefined) return { ok: false, message: `There is no call ${target} in this system.` };
    edge = k;
  } else {
    const i = model.index.get(target);
    if (i === undefined) return { ok: false, message: `There is no node "${target}" in this system.` };
    const kind = KIND_CODES[model.kind[i]!]!;
    if (!doc.appliesTo.includes(kind)) {
      const where = doc.appliesTo
        .map((a) => (a === 'edge' ? 'a call written "from->to"' : withArticle(a)))
        .join(' or ');
      return {
        ok: false,
        message: `${cmd.type} cannot be applied to ${target}, which is ${withArticle(kind)}; it applies to ${where}.`,
      };
    }
    node = i;
  }
  const bad = checkParams(doc.params, params);
  if (bad) return { ok: false, message: `${cmd.type} ${target}: ${bad}.` };

  const t = host.now();
  const delay = delayOverride ?? doc.defaultDelay;
  const at = t + delay;
  const id = node >= 0 ? node : model.from[edge]!;
  const num = (name: string) => params[name] as number | undefined;
  const say = (message: string, effectiveAt: number): ActionResult => {
    // Scoring reads which action this was (type, target, params) from the event itself.
    emit('action', id, message, false, { type: cmd.type, target, ...params });
    return { ok: true, message, effectiveAt };
  };
  const later = (text: string, run: () => void) => host.schedule(at, id, text, run);
  const inDelay = delay > 0 ? ` in ${fmt(delay)}` : '';

  switch (cmd.type) {
    case 'scale': {
      const current = st.desired[node]!;
      const replicas = num('replicas') ?? (num('by') !== undefined ? current + num('by')! : undefined);
      if (replicas === undefined)
        return { ok: false, message: 'scale needs "replicas" (a target count) or "by" (a change).' };
      const target2 = Math.max(0, Math.round(replicas));
      later(`${target} scaled to ${target2} replicas`, () => {
        const from = st.desired[node]!;
        const now = host.now();
        setReplicas(model, st, node, target2, now);
        manualScale(model, st, node, from, target2, t, now);
        emit('scale', node, `${target} scaled from ${from} to ${target2} replicas`, false);
      });
      const up = target2 > current;
      // kubectl scale on an HPA's target: the HPA owns the count and recomputes it at its next sync.
      const hpa =
        model.asMetric[node]! > 0
          ? ` An HPA manages ${target} (min ${model.asMin[node]}, max ${model.asMax[node]}): it recomputes the count at its next sync (every ${fmt(model.asPeriod[node]!)}) and may override this.`
          : '';
      return say(
        (up
          ? `Scaling ${target} from ${current} to ${target2} replicas${inDelay}; new replicas serve after a ${fmt(model.coldStart[node]!)} cold start.`
          : `Scaling ${target} from ${current} to ${target2} replicas${inDelay}.`) + hpa,
        up ? at + model.coldStart[node]! : at,
      );
    }
    case 'set-autoscaler-bounds': {
      const min = num('min');
      const max = num('max');
      const goal = num('target');
      const metric = params.metric as AutoscalerMetric | undefined;
      // kubectl autoscale on a service without an HPA creates one (min, max and the metric needed).
      const creating = model.asMetric[node] === 0;
      if (creating && (min === undefined || max === undefined))
        return {
          ok: false,
          message: `${target} has no autoscaler (HPA) to patch; create one with min and max (kubectl autoscale), or scale it with "scale" instead.`,
        };
      if (min === undefined && max === undefined && goal === undefined && metric === undefined)
        return {
          ok: false,
          message: `${cmd.type} ${target}: give at least one of min, max, target, metric.`,
        };
      if (metric !== undefined && goal === undefined && !creating)
        return {
          ok: false,
          message: `${cmd.type} ${target}: scaling on ${metric} needs a target in its unit (the current target ${model.asTarget[node]} is for ${AUTOSCALER_METRICS[model.asMetric[node]! - 1]}).`,
        };
      for (const [name, value] of [
        ['min', min],
        ['max', max],
      ] as const) {
        if (value !== undefined && !Number.isInteger(value))
          return { ok: false, message: `${cmd.type} ${target}: ${name} must be a whole number of replicas.` };
      }
      const newMin = min ?? model.asMin[node]!;
      const newMax = max ?? model.asMax[node]!;
      if (newMin > newMax)
        return {
          ok: false,
          message: `${cmd.type} ${target}: min ${newMin} is above max ${newMax} (the HPA would have no valid count).`,
        };
      const period = model.asPeriod[node]! > 0 ? model.asPeriod[node]! : HPA_SYNC_PERIOD;
      const newMetric = metric ?? (creating ? 'cpu' : AUTOSCALER_METRICS[model.asMetric[node]! - 1]!);
      // kubectl autoscale's default target: 80% CPU.
      const newGoal = goal ?? (creating ? (newMetric === 'cpu' ? 0.8 : undefined) : model.asTarget[node]!);
      if (newGoal === undefined)
        return { ok: false, message: `${cmd.type} ${target}: an HPA on ${newMetric} needs a target.` };
      const changes: string[] = [];
      if (creating) changes.push(`created on ${newMetric} (target ${newGoal}, ${newMin}-${newMax} replicas)`);
      else {
        if (min !== undefined) changes.push(`minReplicas ${model.asMin[node]} → ${min}`);
        if (max !== undefined) changes.push(`maxReplicas ${model.asMax[node]} → ${max}`);
        if (metric !== undefined)
          changes.push(`metric ${AUTOSCALER_METRICS[model.asMetric[node]! - 1]} → ${metric}`);
        if (goal !== undefined) changes.push(`target ${model.asTarget[node]} → ${goal}`);
      }
      later(`HPA ${target} ${creating ? 'created' : 'patched'}: ${changes.join(', ')}`, () => {
        if (creating || model.asMetric[node] === 0) {
          model.asPeriod[node] = period;
          st.asNext[node] = host.now() + period;
          st.asRecentMax[node] = st.desired[node]!;
          st.asRecentAt[node] = host.now();
        }
        model.asMin[node] = newMin;
        model.asMax[node] = newMax;
        model.asMetric[node] = AS_CODES[newMetric];
        model.asTarget[node] = newGoal;
      });
      return say(
        `${creating ? 'Creating an HPA for' : 'Patching the HPA of'} ${target}${inDelay}: ${changes.join(', ')}; it applies at its next sync (every ${fmt(period)}).`,
        at,
      );
    }
    case 'delete-autoscaler': {
      if (model.asMetric[node] === 0)
        return { ok: false, message: `${target} has no autoscaler (HPA) to delete.` };
      later(`HPA ${target} deleted`, () => {
        model.asMetric[node] = 0;
        emit('scale', node, `HPA ${target} deleted: ${target} stays at ${st.desired[node]} replicas`, false);
      });
      return say(
        `Deleting the HPA of ${target}${inDelay}: it stays at ${st.desired[node]} replicas until someone scales it.`,
        at,
      );
    }
    case 'restart': {
      if (model.kind[node] === CACHE) {
        later(`${target} restarted`, () => {
          flushKeys(model.keyspace, st.keyspace, node, 1);
          st.hitEff[node] = 0;
          st.cacheMem[node] = model.initialMemory[node]!; // leaked memory freed
          emit(
            'restart',
            node,
            `${target}: restarted empty; every read misses until its keys are fetched again`,
            false,
          );
        });
        return say(
          `Restarting ${target}${inDelay}: it comes back empty, so every read goes to its backing store until the keys are fetched again (over the key TTL of ${fmt(model.keyspace.ttl[node]!)}).`,
          at,
        );
      }
      const cold = model.coldStart[node]!;
      later(`${target} restarted`, () => {
        const now = host.now();
        const starting = cancelStarting(st, node, st.starting[node]!);
        allToRotation(st, node);
        killReplicas(model, st, node, st.ready[node]!, now, false); // new pods: no back-off
        setReplicas(model, st, node, st.desired[node]!, now);
        void starting;
        st.leakMb[node] = 0;
        faults.clear(target, ['disk-fill'], now); // the runaway writer was in those pods
        emit('restart', node, `${target}: all replicas restarted`, false);
      });
      return say(
        `Restarting every replica of ${target}${inDelay}; they serve again after a ${fmt(cold)} cold start.`,
        at + cold,
      );
    }
    case 'rollback': {
      const previous = (params.version as string | undefined) ?? faults.previousVersion.get(node);
      const cold = model.coldStart[node]!;
      const current = model.versions[node]!;
      if (!previous)
        return {
          ok: false,
          message: `${target} has no previous version to roll back to (it runs ${current}).`,
        };
      scheduleRollout(host, node, at, cold, `${target} rolled back to ${previous}`, () => {
        model.versions[node] = previous;
        faults.previousVersion.delete(node);
        faults.clear(
          target,
          ['bad-deploy', 'crash', 'consumer-slowdown', 'memory-leak', 'debug-logging', 'disk-fill'],
          host.now(),
        );
        st.leakMb[node] = 0;
        emit('deploy', node, `Rolled back ${target} to ${previous} (was ${current})`, false);
      });
      return say(
        `Rolling back ${target} from ${current} to ${previous}: a rolling restart that completes in about ${fmt(delay + cold)}.`,
        at + cold,
      );
    }
    case 'kill-queries': {
      later(`long-running queries on ${target} terminated`, () => {
        const now = host.now();
        const respawns = faults.faults.filter(
          (f) => f.state === 'active' && f.type === 'slow-queries' && f.index === node,
        );
        const respawn = respawns.reduce((m, f) => Math.max(m, Number(f.params.respawn ?? 0)), 0);
        st.slowRespawnAt[node] = respawn > 0 ? now + respawn : Infinity;
        st.slowActive[node] = 0;
        if (!(respawn > 0)) faults.clear(target, ['slow-queries'], now);
        faults.clear(target, ['disk-fill'], now); // the query writing the temp files
      });
      return say(`Terminating the long-running queries on ${target}${inDelay}.`, at);
    }
    case 'failover': {
      if (model.readReplicas[node]! < 1)
        return { ok: false, message: `${target} has no read replica to promote.` };
      st.failoverUntil[node] = at; // queries fail while the replica is promoted
      later(`${target} failed over to a replica`, () => {
        model.readReplicas[node]! -= 1;
        st.slowActive[node] = 0;
        faults.clear(target, ['slow-queries', 'dependency-outage'], host.now());
        emit('action-effective', node, `${target}: a replica was promoted to primary`, false);
      });
      return say(
        `Failing ${target} over to a read replica: queries fail for about ${fmt(delay)} during the switch.`,
        at,
      );
    }
    case 'purge-queue': {
      later(`${target} purged`, () => {
        const dropped = st.backlog[node]!;
        st.backlog[node] = 0;
        st.failedTotal[node]! += dropped;
        st.oldest[node] = 0;
        emit('action-effective', node, `${target}: ${Math.round(dropped)} messages purged`, false);
      });
      return say(`Purging every waiting message in ${target}${inDelay}; they are lost.`, at);
    }
    case 'expand-queue': {
      const mb = num('memoryMb') ?? model.maxMemoryMb[node]! * 2;
      later(`${target} maxmemory raised to ${mb} MB`, () => {
        model.maxMemoryMb[node] = mb;
      });
      return say(
        `Raising the memory limit of ${target} from ${model.maxMemoryMb[node]} MB to ${mb} MB${inDelay}.`,
        at,
      );
    }
    case 'set-timeout': {
      const s = num('seconds')!;
      later(`timeout on ${target} set to ${s} s`, () => {
        model.timeout[edge] = s;
        // A call laid out for its initial timeout gets a full-length delay line when it grows past it.
        if (
          delayTicks(s, host.tickSeconds) >
          model.timeoutLineStart[edge + 1]! - model.timeoutLineStart[edge]!
        ) {
          const grown = lengthenLine(model.timeoutLineStart, st.timeoutLine, edge, st.passes);
          model.timeoutLineStart = grown.start;
          st.timeoutLine = grown.line;
        }
      });
      return say(
        `Setting the timeout on ${target} from ${model.timeout[edge]} s to ${s} s${inDelay} (config rollout).`,
        at,
      );
    }
    case 'set-retries': {
      const r = Math.round(num('retries')!);
      later(`retries on ${target} set to ${r}`, () => void (model.retries[edge] = r));
      return say(
        `Setting retries on ${target} from ${model.retries[edge]} to ${r}${inDelay} (config rollout).`,
        at,
      );
    }
    case 'set-retry-budget': {
      const b = num('budget')!;
      const was = model.retryBudget[edge]!;
      later(`retry budget on ${target} set to ${b}`, () => void (model.retryBudget[edge] = b));
      return say(
        `Setting a retry budget on ${target} (${was < Infinity ? `was ${was}` : 'none before'}) to ${b} retries per call${inDelay} (config rollout).`,
        at,
      );
    }
    case 'block-payload': {
      later(`${target} rejects the poison payload`, () => void (st.poisonBlocked[node] = 1));
      const poisoned = faults.isActive(target, 'poison-payload');
      return say(
        `Rolling out a rule that rejects the poison payload at ${target}'s ingress${inDelay}${poisoned ? '' : ' (no payload of this kind is failing there now)'}.`,
        at,
      );
    }
    case 'set-pool-size': {
      const size = num('size')!;
      if (edge >= 0) {
        later(`pool on ${target} set to ${size}`, () => void (model.edgePool[edge] = size));
        return say(`Setting the connection pool on ${target} to ${size} per caller replica${inDelay}.`, at);
      }
      if (KIND_CODES[model.kind[node]!] === 'database') {
        later(`${target} max connections set to ${size}`, () => {
          model.maxConnections[node] = size;
          model.queueLimit[node] = size;
        });
        return say(`Setting max connections of ${target} to ${size}${inDelay}.`, at);
      }
      later(`${target} threads set to ${size}`, () => void (model.concurrency[node] = size));
      return say(`Setting the thread pool of ${target} to ${size} per replica${inDelay}.`, at);
    }
    case 'set-rate-limit': {
      const rps = num('rps')!;
      const limit = rps > 0 ? rps : Infinity;
      if (edge >= 0)
        later(`rate limit on ${target}: ${rps} rps`, () => void (model.edgeRateLimit[edge] = limit));
      else later(`rate limit on ${target}: ${rps} rps`, () => void (model.rateLimit[node] = limit));
      return say(
        rps > 0
          ? `Limiting ${target} to ${rps} requests per second${inDelay}; the rest get 429.`
          : `Removing the rate limit on ${target}${inDelay}.`,
        at,
      );
    }
    case 'open-breaker':
      later(`breaker on ${target} forced open`, () => void (st.cbForced[edge] = 1));
      return say(
        `Opening the circuit breaker on ${target}${inDelay}: ${model.ids[model.from[edge]!]} stops calling ${model.ids[model.to[edge]!]}.`,
        at,
      );
    case 'close-breaker':
      later(`breaker on ${target} closed`, () => {
        st.cbForced[edge] = 0;
        st.cbState[edge] = 0;
      });
      return say(`Closing the circuit breaker on ${target}${inDelay}; it returns to automatic control.`, at);
    case 'shallow-health-check': {
      const from = model.ids[model.from[edge]!]!;
      const to = model.ids[model.to[edge]!]!;
      if (model.healthProbe[edge] !== 1)
        return { ok: false, message: `${from}'s readiness probe does not call ${to}: nothing to change.` };
      later(`${from}'s readiness probe no longer calls ${to}`, () => void (model.healthProbe[edge] = 0));
      return say(`Pointing ${from}'s readiness probe at /healthz, which does not call ${to}${inDelay}.`, at);
    }
    case 'stop-workload': {
      later(`${target} stopped`, () => {
        const now = host.now();
        if (KIND_CODES[model.kind[node]!] === 'client') st.stopped[node] = 1;
        else setReplicas(model, st, node, 0, now);
        faults.clear(target, ['traffic-spike'], now);
        faults.clear(target, ['dns-flood'], now, (f) => f.params.source === target);
        emit('action-effective', node, `${target} stopped sending traffic`, false);
      });
      return say(`Stopping the workload ${target}${inDelay}.`, at);
    }
    case 'scale-dns': {
      const replicas = Math.max(0, Math.round(num('replicas')!));
      const from = st.desired[node]!;
      later(`${target} scaled to ${replicas} replicas`, () => {
        setReplicas(model, st, node, replicas, host.now());
        emit('scale', node, `${target} scaled from ${from} to ${replicas} replicas`, false);
      });
      return say(
        `Scaling ${target} from ${from} to ${replicas} replicas${inDelay}; new resolvers answer after ${DNS_COLD_START} s.`,
        at + (replicas > from ? DNS_COLD_START : 0),
      );
    }
    case 'enable-dns-cache': {
      const hit = num('hitRatio') ?? 0.9;
      later(`node-local DNS cache enabled for ${target}`, () => void (st.localHit[node] = hit));
      return say(
        `Rolling out a node-local DNS cache in front of ${target}; it answers about ${Math.round(hit * 100)}% of lookups in ${fmt(delay)}.`,
        at,
      );
    }
    case 'raise-cpu-limit': {
      const cores = num('cores') ?? model.cpuLimit[node]! * 2;
      const cold = model.coldStart[node]!;
      scheduleRollout(
        host,
        node,
        at,
        cold,
        `${target} CPU limit raised to ${cores}`,
        () => void (model.cpuLimit[node] = cores),
      );
      return say(
        `Raising the CPU limit of ${target} from ${model.cpuLimit[node]} to ${cores} cores: a rolling restart done in about ${fmt(delay + cold)}.`,
        at + cold,
      );
    }
    case 'raise-memory-limit': {
      const mb = num('memoryMb') ?? model.memoryLimit[node]! * 2;
      const dns = KIND_CODES[model.kind[node]!] === 'dns';
      const cold = dns ? DNS_COLD_START : model.coldStart[node]!;
      scheduleRollout(host, node, at, cold, `${target} memory limit raised to ${mb} MB`, () => {
        model.memoryLimit[node] = mb;
        st.leakMb[node] = 0; // the rollout replaced every pod
        emit('action-effective', node, `${target}: every replica runs with a ${mb} MB memory limit`, false);
      });
      return say(
        `Raising the memory limit of ${target} from ${model.memoryLimit[node]} MB to ${mb} MB: a rolling restart done in about ${fmt(delay + cold)}.`,
        at + cold,
      );
    }
    case 'expand-volume':
    case 'free-disk':
    case 'set-log-level':
    case 'drop-replication-slot':
    case 'raise-iops':
      return applyDiskAction(host, cmd.type, { node, target, params, at, delay, say });
    case 'set-route-weight':
    case 'drain-region':
      return applyRouteAction(host, cmd.type, { node, edge, target, params, at, delay, say });
    case 'set-image-registry': {
      const name = String(params.registry);
      const reg = model.index.get(name);
      if (reg === undefined)
        return {
          ok: false,
          message: `set-image-registry ${target}: there is no node "${name}" to pull from.`,
        };
      if (reg === node) return { ok: false, message: `${target} cannot pull its image from itself.` };
      const cold = model.coldStart[node]!;
      const before = model.registry[node]!;
      later(`${target} pulls its image from ${name}`, () => {
        // The pod template changes at once: pods waiting for an image pull from the new registry.
        model.registry[node] = reg;
      });
      scheduleRollout(host, node, at, cold, `${target} runs the image from ${name}`, () => {
        emit(
          'action-effective',
          node,
          `${target}: every replica runs ${model.ids[reg]}/${target}:${model.versions[node]}`,
          false,
        );
      });
      return say(
        `Setting the image of ${target} to ${name}/${target}:${model.versions[node]}${before >= 0 ? ` (was ${model.ids[before]})` : ''}: new pods pull from ${name}; a rolling restart done in about ${fmt(delay + cold)}.`,
        at + cold,
      );
    }
    case 'set-probe': {
      const which = params.probe === 'readiness' ? 'readiness' : 'liveness';
      const cold = model.coldStart[node]!;
      const spec = probeSpec(model, node, which, params);
      scheduleRollout(host, node, at, cold, `${target} ${which} probe changed`, () => {
        applyProbe(model, st, node, which, spec);
        emit(
          'action-effective',
          node,
          `${target}: every replica runs with ${describeProbe(which, spec)}`,
          false,
        );
      });
      return say(
        `Rolling out ${describeProbe(which, spec)} on ${target}: a rolling restart done in about ${fmt(delay + cold)}.`,
        at + cold,
      );
    }
    case 'resize-database': {
      const cores = num('cores') ?? model.cpuLimit[node]! * 2;
      const conns =
        num('maxConnections') ?? Math.round((model.maxConnections[node]! * cores) / model.cpuLimit[node]!);
      const SWITCH_SECONDS = 30;
      later(`${target} resized to ${cores} cores, ${conns} connections`, () => {
        model.cpuLimit[node] = cores;
        model.maxConnections[node] = conns;
        model.queueLimit[node] = conns;
        st.failoverUntil[node] = host.now() + SWITCH_SECONDS; // the switch to the new instance
        emit(
          'action-effective',
          node,
          `${target} now runs on ${cores} cores with ${conns} connections`,
          false,
        );
      });
      return say(
        `Modifying ${target} to ${cores} cores and ${conns} max connections: the new instance takes over in about ${fmt(delay)}, with about ${SWITCH_SECONDS} s of failed queries at the switch.`,
        at + SWITCH_SECONDS,
      );
    }
    case 'set-cache-policy': {
      const jitter = num('ttlJitter');
      // Without parameters: coalescing on, the usual fix for a stampede.
      const coalesce = (params.coalesce as boolean | undefined) ?? (jitter === undefined ? true : undefined);
      const ks = model.keyspace;
      const changes: string[] = [];
      if (coalesce !== undefined) changes.push(`request coalescing ${coalesce ? 'on' : 'off'}`);
      if (jitter !== undefined) changes.push(`TTL jitter ${Math.round(jitter * 100)}%`);
      later(`${target} cache policy: ${changes.join(', ')}`, () => {
        if (coalesce !== undefined) ks.coalesce[node] = coalesce ? 1 : 0;
        if (jitter !== undefined) ks.jitter[node] = jitter;
        emit('action-effective', node, `${target}: ${changes.join(', ')}`, false);
      });
      return say(
        `Rolling out ${changes.join(' and ')} for ${target}${inDelay}; it applies to fills from then on.`,
        at,
      );
    }
    case 'set-cache-maxmemory': {
      const mb = num('memoryMb')!;
      later(`${target} maxmemory set to ${mb} MB`, () => void (model.maxMemoryMb[node] = mb));
      return say(
        `Setting maxmemory of ${target} from ${model.maxMemoryMb[node]} MB to ${mb} MB${inDelay}.`,
        at,
      );
    }
    case 'remove-sidecar': {
      const cold = model.coldStart[node]!;
      scheduleRollout(host, node, at, cold, `${target} runs without its sidecar`, () => {
        model.sidecarCpu[node] = 0;
        model.sidecarLatency[node] = 0;
        faults.clear(target, ['sidecar-overhead'], host.now());
      });
      return say(
        `Removing the sidecar from ${target}: a rolling restart done in about ${fmt(delay + cold)}.`,
        at + cold,
      );
    }
  }
  return { ok: false, message: `${String(cmd.type)} is not supported.` };
}
