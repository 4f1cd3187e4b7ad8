/**
 * Per-tick simulation state as struct-of-arrays (one Float64Array per quantity, indexed by node or
 * edge). Allocated once at creation; step() only writes into these arrays.
 */
import { CACHE, DATABASE, DNS, LB, QUEUE, SERVICE, type Model } from './compile';
import { FIT_CACHE_STRIDE } from './capacity/quantile-fit';
import { keyspaceState, type KeyspaceState } from './cache-keyspace';
import { CapacityWork } from './capacity/work';
import { QUIET_SINCE_START } from './delay-line';
import { DiskState } from './disk-model';
import { RoutingState } from './routing';

/** Pending replica batches per node (cold starts in progress); overflowing batches merge into the last. */
export const BATCHES = 8;

/** Cohorts of ordinary replicas a service's probes run in (probes.ts), each at its own phase. */
export const COHORTS = 4;
/** Probe units per node: the cohorts, then the replicas a replica-scoped fault hits. */
export const PROBE_UNITS = COHORTS + 1;

/** Slots per node of State.tailCache. */
export const TAIL_CACHE_STRIDE = 6;

export class State {
  // demand and flow (node)
  readonly arrRate: Float64Array; // offered, incl. retries (request_rate)
  readonly rejRate: Float64Array; // rejected at the door or overflowing the queue
  readonly procRate: Float64Array; // taken into service
  readonly backlog: Float64Array; // requests / messages waiting
  readonly mu: Float64Array; // max throughput (computed in the capacity pass, used next tick)
  readonly failShare: Float64Array; // share of arrivals that failed (callers' view)
  readonly latMean: Float64Array;
  readonly p50: Float64Array;
  readonly p95: Float64Array;
  readonly p99: Float64Array;
  /**
   * Second and third cumulants (variance, skewness x sd^3) of a node's response time, s^2 and s^3.
   * Independent parts' cumulants add, so a caller sums its calls' and fits its quantiles to the
   * total (capacity.ts), instead of adding quantiles along a chain.
   */
  readonly latVar: Float64Array;
  readonly latK3: Float64Array;
  readonly served: Float64Array; // throughput (successful completions per second)
  readonly errRatio: Float64Array;
  readonly inflight: Float64Array;
  readonly saturation: Float64Array;
  readonly cpuUtil: Float64Array;
  readonly throttled: Float64Array;
  readonly memory: Float64Array;
  readonly stretch: Float64Array; // CPU contention factor on service time (from last tick)
  readonly consumerInput: Float64Array; // messages per second handed to a consumer this tick
  readonly spare: Float64Array; // consumer capacity left for queue work (last tick)

  // transient queue (service, database, cache, loadbalancer): see queue-state.ts
  readonly inSystem: Float64Array; // L: mean number in system, the state that carries queues over time
  readonly rhoEff: Float64Array; // L expressed as a utilisation (stationary M/M/c/K with mean L)
  readonly qBusy: Float64Array; // mean busy servers at rhoEff
  readonly pWait: Float64Array; // P[every server busy] at rhoEff
  readonly pBlock: Float64Array; // P[queue full] at rhoEff
  readonly nVar: Float64Array; // Var[N], the state's second moment (0: the stationary spread at L)
  readonly qArr: Float64Array; // waiting count an arriving request's wait follows (queue-state.ts QARR)
  readonly servers: Float64Array; // servers c (threads, connections) as of the last capacity pass
  readonly hold: Float64Array; // hold time per request (own + downstream) as of the last capacity pass
  readonly holdS: Float64Array; // ownTime's S when `hold` was computed (before CPU contention)
  readonly holdK: Float64Array; // how much CPU contention stretched that S (final S / ownTime's S)
  // The `hold` the queue step uses, relaxed towards the capacity pass's value (Aitken's dynamic
  // relaxation, capacity/coupling.ts): that value, its last residual and relaxation factor.
  readonly dUsed: Float64Array;
  readonly dResid: Float64Array;
  readonly dOmega: Float64Array;
  readonly dRun: Uint8Array; // ticks in a row the residual kept its sign (capped)
  readonly sTick: Float64Array; // the own service time this tick (ownTime's output)
  readonly sTickPass: Float64Array; // the capacity pass (st.passes) sTick was computed for (-1: none)
  readonly cpuCap: Float64Array; // throughput the CPU allows (Infinity: no CPU bound)
  readonly pulledBusy: Float64Array; // threads busy with jobs pulled from a queue this tick
  // The odd replicas of a service (a fault on some of its replicas, replica-mix.ts): their own
  // queue state; the arrays above then hold the other replicas' group.
  readonly oInSystem: Float64Array;
  readonly oRhoEff: Float64Array;
  readonly oBusy: Float64Array;
  readonly oBacklog: Float64Array;
  readonly oPWait: Float64Array;
  readonly oPBlock: Float64Array;
  readonly oHold: Float64Array; // hold time on an odd replica (last capacity pass)
  readonly oShare: Float64Array; // share of the admitted requests the odd replicas took this tick

  // replicas (service, dns)
  readonly ready: Float64Array;
  readonly starting: Float64Array;
  readonly desired: Float64Array;
  readonly restarts: Float64Array;
  readonly batchAt: Float64Array; // n * BATCHES
  readonly batchCount: Float64Array;
  readonly leakMb: Float64Array;
  /** When each pending batch's containers start (after CrashLoopBackOff); ready at batchAt. */
  readonly batchStart: Float64Array;
  /** Bit mask of the probe units (probes.ts) a batch brings back when it is ready. */
  readonly batchUnits: Float64Array;
  /** Replicas running but out of rotation: their readiness probe fails (probes.ts). */
  readonly unready: Float64Array;
  /** Replicas waiting out CrashLoopBackOff before their container starts (also in `starting`). */
  readonly waiting: Float64Array;
  /** Replicas in their cold start (starting - waiting): what replicas_starting reports. */
  readonly coldStarting: Float64Array;
  /** Per batch (n * BATCHES): 1 while its new pods still have to pull their image (image-pull.ts). */
  readonly batchPull: Uint8Array;
  /** Per batch: failed pulls in a row, the ImagePullBackOff level. */
  readonly batchPullFails: Float64Array;
  /**
   * Stalled rollouts (image-pull.ts): their surge pods waiting for the image, summed over the
   * rollouts under way (each keeps its own back-off in its closure).
   */
  readonly rolloutPullWaiting: Float64Array;
  /** Replicas waiting for their image (ImagePullBackOff): new pods and a stalled rollout's surge. */
  readonly imageWaiting: Float64Array;
  /** Simulated second of the node's last failed image pull (-Infinity: none): ErrImagePull until the back-off shows. */
  readonly pullFailedAt: Float64Array;
  /** 1 while Prometheus scrapes the node successfully, 0 while its scrapes fail (scrape-path.ts). */
  readonly scrapeOk: Float64Array;
  /** Crashes in a row (OOM kills, crash loops, failed liveness) not yet forgiven: the back-off level. */
  readonly crashLevel: Float64Array;
  /** When the back-off level resets: 10 min after replicas last came back (Infinity: not running fine). */
  readonly crashResetAt: Float64Array;
  /** The back-off of the last crash (s) and when its replicas start again. */
  readonly backoffSeconds: Float64Array;
  readonly backoffUntil: Float64Array;
  /** 1 when a crash this tick started a back-off the lifecycle pass has not announced yet. */
  readonly backoffNotice: Uint8Array;
  /** Probe failures counted per replica since the start. */
  readonly livenessFailures: Float64Array;
  readonly readinessFailures: Float64Array;
  /** Replicas whose liveness / readiness probe is failing now (a streak short of or past its threshold). */
  readonly livenessFailing: Float64Array;
  readonly readinessFailing: Float64Array;
  /** A replica-scoped fault's replica count (fault-effects.ts); fOddCount is what serves of them. */
  readonly fOddWant: Float64Array;
  // Probe units (probes.ts), n * PROBE_UNITS.
  readonly uDown: Uint8Array; // 1 while the unit's containers restart
  readonly uOut: Uint8Array; // 1 while the unit is out of rotation
  readonly uOutCount: Float64Array; // replicas it took out of rotation
  readonly uLiveNext: Float64Array; // next liveness / readiness probe
  readonly uReadyNext: Float64Array;
  readonly uLiveFails: Float64Array; // consecutive failures / successes
  readonly uReadyFails: Float64Array;
  readonly uReadyOks: Float64Array;
  readonly probeSeconds: Float64Array; // the last probe's response time
  /** The unit's own back-off level and reset time (the kubelet keeps one per pod). */
  readonly uCrashLevel: Float64Array;
  readonly uCrashResetAt: Float64Array;

  // kind-specific
  readonly slowActive: Float64Array;
  readonly slowRespawnAt: Float64Array; // Infinity = killed for good
  readonly dbConn: Float64Array;
  /** Database: connections its callers' pools hold open (capped at maxConnections). */
  readonly pooledOpen: Float64Array;
  /** Database: share of the pooled connections asked for that it refused ("too many clients"). */
  readonly connRefused: Float64Array;
  readonly failoverUntil: Float64Array;
  readonly cacheMem: Float64Array;
  readonly hitEff: Float64Array;
  /** Caches: the keys in the cache, their expiries and the misses' backing-store reads (cache-keyspace.ts). */
  readonly keyspace: KeyspaceState;
  readonly evictRate: Float64Array;
  readonly queueMem: Float64Array;
  readonly oldest: Float64Array;
  readonly enqRate: Float64Array;
  readonly deqRate: Float64Array;
  readonly dnsQueries: Float64Array;
  readonly dnsFail: Float64Array; // per-query drop/timeout probability
  readonly localHit: Float64Array; // node-local DNS cache share
  readonly stopped: Uint8Array;
  /** What replicas_ready reports: ready replicas, or 0 while a failing readiness probe holds them out. */
  readonly readyInRotation: Float64Array;
  /** Readiness (deep health checks): 1 while every replica is out of rotation. */
  readonly outOfRotation: Uint8Array;
  /** When the probe started failing / succeeding again (-1: it is not). */
  readonly probeFailingSince: Float64Array;
  readonly probeOkSince: Float64Array;
  readonly asNext: Float64Array;
  readonly asRecentMax: Float64Array;
  readonly asRecentAt: Float64Array;
  /**
   * A trainee's manual scale of an autoscaled service since the HPA's last decision: the count
   * they asked for (-1: none), the count before their first such scale, when they commanded it and
   * the tick it landed on (the HPA decides at its next sync after that tick).
   */
  readonly asManual: Float64Array;
  readonly asManualFrom: Float64Array;
  readonly asManualSince: Float64Array;
  readonly asManualAt: Float64Array;
  /** 1 while the HPA is idle because its target was scaled to zero. */
  readonly asOff: Uint8Array;

  /** Client resend: failed requests waiting to be sent again, and the resends of this tick (per second). */
  readonly resendBacklog: Float64Array;
  readonly resendRate: Float64Array;

  // conservation counters (requests)
  readonly offeredTotal: Float64Array;
  readonly servedTotal: Float64Array;
  readonly failedTotal: Float64Array;

  // edges
  readonly eRate: Float64Array; // attempts per second reaching the callee
  readonly eRetry: Float64Array; // of which retries (attempts after the first)
  readonly ePoison: Float64Array; // share of the attempts that carry a poison payload
  readonly eP: Float64Array; // per-attempt failure probability (read by next tick's retries)
  readonly eFinal: Float64Array; // failure probability of one call after retries
  readonly eShed: Float64Array; // share of calls cut by pool / rate limit / open breaker
  readonly eTimedOut: Float64Array; // share of the calls that time out this tick (started a timeout ago)
  readonly cbState: Uint8Array; // 0 closed, 1 open, 2 half-open
  readonly cbUntil: Float64Array;
  readonly cbForced: Uint8Array; // 0 auto, 1 forced open
  readonly lbSeen: Float64Array; // ready replicas a load balancer believes its backend has
  /**
   * Per-edge delay lines (delay-line.ts): the share of calls that timed out, by the tick the calls
   * started; edge e's slots are model.timeoutLineStart[e] .. [e + 1] - 1. Replaced with the
   * offsets when a set-timeout lengthens a line (lengthenLine).
   */
  timeoutLine: Float64Array;
  /**
   * Per edge, the last pass that wrote a non-zero share into its delay line. A line that has held
   * only zeros for its whole length is neither read nor written (most edges never time out, and
   * the lines of a large graph do not fit in cache); it is cleared when it wakes.
   */
  readonly timeoutLast: Int32Array;
  /**
   * Per node, TAIL_CACHE_STRIDE slots: the service time, P(wait) and wait-tail rate the response
   * quantiles were last solved for, then the three quantiles (p50, p95, p99, before the queue-limit
   * clamp): a node in steady state reuses them, a drifting one warm-starts Newton from them.
   */
  readonly tailCache: Float64Array;
  /** Per node, FIT_CACHE_STRIDE slots: the last quantile fit's inputs and results (capacity/quantile-fit.ts). */
  readonly fitCache: Float64Array;
  /** The capacity pass's working values and visiting order (capacity/work.ts). */
  readonly work: CapacityWork;
  /** Capacity passes run so far (the first, at creation, fills the delay lines). */
  passes = 0;
  readonly lbNext: Float64Array;

  // fault effects (recomputed when the set of active faults changes)
  readonly fLatFactor: Float64Array;
  readonly fLatAdd: Float64Array;
  readonly fErr: Float64Array;
  readonly fSpike: Float64Array;
  readonly fConsumer: Float64Array;
  readonly fFlood: Float64Array;
  readonly fLeak: Float64Array;
  readonly fOutage: Uint8Array; // 0 none, 1 errors, 2 timeouts
  readonly fSideCpu: Float64Array;
  readonly fSideLat: Float64Array;
  readonly fCpuFactor: Float64Array;
  readonly fCrashLoop: Float64Array;
  readonly fSlowCount: Float64Array;
  readonly fSlowCpu: Float64Array;
  readonly fLoss: Float64Array; // edge
  readonly fEdgeLat: Float64Array; // edge
  /** Replicas a replica-scoped latency / error-rate fault hits (0: none); their effects below. */
  readonly fOddCount: Float64Array;
  readonly fOddLat: Float64Array;
  readonly fOddAdd: Float64Array;
  readonly fOddErr: Float64Array;
  /** poison-payload: share of requests that always fail, and the seconds each attempt holds a thread. */
  readonly fPoison: Float64Array;
  readonly fPoisonHold: Float64Array;
  /** 1 once block-payload rejects the poison at the door (a 400: not retried, no thread). */
  readonly poisonBlocked: Uint8Array;
  /** Share of this tick's arrivals that are poison attempts (demand.ts). */
  readonly poisonArr: Float64Array;
  /** Some node has a poison-payload fault: lets the edge loops skip reading their callee. */
  anyPoison = false;
  /**
   * 1 when some fault effect above differs from its default on this node (edge); 0 lets the passes
   * use the defaults without reading the effect arrays. Kept by refreshFaultFlags().
   */
  readonly faulted: Uint8Array;
  readonly eFaulted: Uint8Array;

  /** Volumes (disk-model.ts), by slot; and per node what they do to requests (0 without a disk). */
  readonly disk: DiskState;
  /** Weighted routing (routing.ts): targets' health, target and effective shares, the TTL rings. */
  readonly routing: RoutingState;
  /** Share of a node's requests that fail "No space left on device" (its writes, volume full). */
  readonly diskErr: Float64Array;
  /** Mean IO wait a request of the node adds (writes wait behind IOs beyond the IOPS). */
  readonly diskWait: Float64Array;

  constructor(model: Model) {
    const { n, m } = model;
    const f = () => new Float64Array(n);
    const e = () => new Float64Array(m);
    this.arrRate = f();
    this.rejRate = f();
    this.procRate = f();
    this.backlog = f();
    this.mu = f();
    this.failShare = f();
    this.latMean = f();
    this.p50 = f();
    this.p95 = f();
    this.p99 = f();
    this.latVar = f();
    this.latK3 = f();
    this.served = f();
    this.errRatio = f();
    this.inflight = f();
    this.saturation = f();
    this.cpuUtil = f();
    this.throttled = f();
    this.memory = f();
    this.stretch = f().fill(1);
    this.consumerInput = f();
    this.spare = f();
    this.inSystem = f();
    this.rhoEff = f();
    this.qBusy = f();
    this.pWait = f();
    this.pBlock = f();
    this.nVar = f();
    this.qArr = f();
    this.servers = f();
    this.hold = f();
    this.holdS = f();
    this.holdK = f().fill(1);
    this.dUsed = f();
    this.dResid = f();
    this.dOmega = f().fill(1);
    this.dRun = new Uint8Array(n);
    this.sTick = f();
    this.sTickPass = f().fill(-1);
    this.cpuCap = f().fill(Infinity);
    this.pulledBusy = f();
    this.oInSystem = f();
    this.oRhoEff = f();
    this.oBusy = f();
    this.oBacklog = f();
    this.oPWait = f();
    this.oPBlock = f();
    this.oHold = f();
    this.oShare = f();
    this.fOddCount = f();
    this.fOddLat = f().fill(1);
    this.fOddAdd = f();
    this.fOddErr = f();
    this.fPoison = f();
    this.fPoisonHold = f();
    this.poisonBlocked = new Uint8Array(n);
    this.poisonArr = f();
    this.ready = f();
    this.starting = f();
    this.desired = f();
    this.restarts = f();
    this.batchAt = new Float64Array(n * BATCHES).fill(Infinity);
    this.batchCount = new Float64Array(n * BATCHES);
    this.leakMb = f();
    this.batchStart = new Float64Array(n * BATCHES);
    this.batchUnits = new Float64Array(n * BATCHES);
    this.unready = f();
    this.waiting = f();
    this.coldStarting = f();
    this.batchPull = new Uint8Array(n * BATCHES);
    this.batchPullFails = new Float64Array(n * BATCHES);
    this.rolloutPullWaiting = f();
    this.imageWaiting = f();
    this.pullFailedAt = f().fill(-Infinity);
    this.scrapeOk = f().fill(1);
    this.crashLevel = f();
    this.crashResetAt = f().fill(Infinity);
    this.backoffSeconds = f();
    this.backoffUntil = f().fill(-1);
    this.backoffNotice = new Uint8Array(n);
    this.livenessFailures = f();
    this.readinessFailures = f();
    this.livenessFailing = f();
    this.readinessFailing = f();
    this.fOddWant = f();
    const u = n * PROBE_UNITS;
    this.uDown = new Uint8Array(u);
    this.uOut = new Uint8Array(u);
    this.uOutCount = new Float64Array(u);
    this.uLiveNext = new Float64Array(u);
    this.uReadyNext = new Float64Array(u);
    this.uLiveFails = new Float64Array(u);
    this.uReadyFails = new Float64Array(u);
    this.uReadyOks = new Float64Array(u);
    this.probeSeconds = new Float64Array(u);
    this.uCrashLevel = new Float64Array(u);
    this.uCrashResetAt = new Float64Array(u).fill(Infinity);
    this.slowActive = f();
    this.slowRespawnAt = f();
    this.dbConn = f();
    this.pooledOpen = f();
    this.connRefused = f();
    this.failoverUntil = f().fill(-1);
    this.cacheMem = f();
    this.hitEff = f();
    this.keyspace = keyspaceState(model.keyspace, n);
    this.evictRate = f();
    this.queueMem = f();
    this.oldest = f();
    this.enqRate = f();
    this.deqRate = f();
    this.dnsQueries = f();
    this.dnsFail = f();
    this.localHit = f();
    this.stopped = new Uint8Array(n);
    this.outOfRotation = new Uint8Array(n);
    this.readyInRotation = f();
    this.probeFailingSince = f().fill(-1);
    this.probeOkSince = f().fill(-1);
    this.asNext = f();
    this.asRecentMax = f();
    this.asRecentAt = f();
    this.asManual = f().fill(-1);
    this.asManualFrom = f();
    this.asManualSince = f();
    this.asManualAt = f().fill(-1);
    this.asOff = new Uint8Array(n);
    this.resendBacklog = f();
    this.resendRate = f();
    this.offeredTotal = f();
    this.servedTotal = f();
    this.failedTotal = f();
    this.eRate = e();
    this.eRetry = e();
    this.ePoison = e();
    this.eP = e();
    this.eFinal = e();
    this.eShed = e();
    this.eTimedOut = e();
    this.cbState = new Uint8Array(m);
    this.cbUntil = e();
    this.cbForced = new Uint8Array(m);
    this.lbSeen = e().fill(-1);
    this.timeoutLine = new Float64Array(model.timeoutLineStart[m]!);
    this.timeoutLast = new Int32Array(m).fill(QUIET_SINCE_START);
    this.tailCache = new Float64Array(n * TAIL_CACHE_STRIDE);
    this.fitCache = new Float64Array(n * FIT_CACHE_STRIDE).fill(NaN);
    this.work = new CapacityWork(model);
    this.lbNext = e();
    this.fLatFactor = f().fill(1);
    this.fLatAdd = f();
    this.fErr = f();
    this.fSpike = f().fill(1);
    this.fConsumer = f().fill(1);
    this.fFlood = f();
    this.fLeak = f();
    this.fOutage = new Uint8Array(n);
    this.fSideCpu = f();
    this.fSideLat = f();
    this.fCpuFactor = f().fill(1);
    this.fCrashLoop = f();
    this.fSlowCount = f();
    this.fSlowCpu = f();
    this.fLoss = e();
    this.fEdgeLat = e();
    this.faulted = new Uint8Array(n);
    this.eFaulted = new Uint8Array(m);
    this.disk = new DiskState(model.disk);
    this.routing = new RoutingState(model.routing);
    this.diskErr = f();
    this.diskWait = f();

    for (let i = 0; i < n; i++) {
      const k = model.kind[i];
      if (k === SERVICE || k === DNS) {
        this.ready[i] = model.initialReplicas[i]!;
        this.desired[i] = model.initialReplicas[i]!;
        this.asRecentMax[i] = model.initialReplicas[i]!;
      }
      if (k === QUEUE) this.backlog[i] = model.initialBacklog[i]!;
      // Until the first capacity pass: base service time, and the servers the kind starts with.
      this.hold[i] = model.serviceTime[i]!;
      this.holdS[i] = model.serviceTime[i]!;
      if (k === DATABASE || k === LB) this.servers[i] = model.maxConnections[i]!;
      else if (k === CACHE) this.servers[i] = 1;
      if (k === CACHE) {
        this.cacheMem[i] = model.initialMemory[i]!;
        this.hitEff[i] = model.hitRatio[i]!;
      }
      // First probes: initialDelaySeconds, then each unit at its own phase of the period.
      for (let x = 0; x < PROBE_UNITS; x++) {
        this.uLiveNext[i * PROBE_UNITS + x] = model.liveDelay[i]! + (model.livePeriod[i]! * x) / PROBE_UNITS;
        this.uReadyNext[i * PROBE_UNITS + x] =
          model.readyDelay[i]! + (model.readyPeriod[i]! * x) / PROBE_UNITS;
      }
      this.offeredTotal[i] = this.backlog[i]!; // an initial backlog counts as offered before t=0
      this.asNext[i] = model.asPeriod[i]!;
    }
  }

  /** Recomputes `faulted` / `eFaulted` after the fault effect arrays changed. */
  refreshFaultFlags(): void {
    this.anyPoison = this.fPoison.some((q) => q > 0);
    for (let i = 0; i < this.faulted.length; i++) {
      const clean =
        this.fLatFactor[i] === 1 &&
        this.fLatAdd[i] === 0 &&
        this.fErr[i] === 0 &&
        this.fSpike[i] === 1 &&
        this.fConsumer[i] === 1 &&
        this.fFlood[i] === 0 &&
        this.fLeak[i] === 0 &&
        this.fOutage[i] === 0 &&
        this.fSideCpu[i] === 0 &&
        this.fSideLat[i] === 0 &&
        this.fCpuFactor[i] === 1 &&
        this.fCrashLoop[i] === 0 &&
        this.fSlowCount[i] === 0 &&
        this.fSlowCpu[i] === 0 &&
        this.fPoison[i] === 0;
      this.faulted[i] = clean ? 0 : 1;
    }
    for (let e = 0; e < this.eFaulted.length; e++)
      this.eFaulted[e] = this.fLoss[e] === 0 && this.fEdgeLat[e] === 0 ? 0 : 1;
  }
}
