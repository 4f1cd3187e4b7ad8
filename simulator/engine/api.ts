/**
 * The engine's public contract: what the worker, the CLI, the scoring and the UI may rely on.
 * Implementation details (typed arrays, CSR adjacency) stay behind it.
 */
import type { ActionType, AutoscalerMetric, FaultType, Scenario } from '../scenario/schema';
import type { Team } from '../scenario/escalation';

/** A Prometheus-style series: metric name + labels, values in a ring buffer, one per tick. */
export interface SeriesInfo {
  /** Index into the metric store. */
  readonly index: number;
  /** e.g. "request_rate", "error_ratio", "latency_p99_seconds". */
  readonly metric: string;
  /** Always has `node`; edges add `to`. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface MetricStore {
  readonly series: readonly SeriesInfo[];
  /** Ticks stored so far (capped at capacity; older ones are overwritten). */
  readonly length: number;
  readonly capacity: number;
  /** Tick number of the oldest value still stored. */
  readonly firstTick: number;
  /** Finds a series by metric + node (+ optional extra labels); -1 when absent. */
  find(metric: string, node: string, extra?: Record<string, string>): number;
  /** Latest value of a series (NaN when nothing recorded yet). */
  latest(seriesIndex: number): number;
  /** Value at an absolute tick, NaN when out of the window. */
  at(seriesIndex: number, tick: number): number;
  /** Copies the stored window, oldest first, into `out` (allocates when omitted). */
  read(seriesIndex: number, out?: Float64Array): Float64Array;
  /**
   * Copies every series' value at an absolute tick into `out` (index = series index; NaN when
   * the tick is out of the window): at() for a whole row, which the alerting view reads each tick.
   */
  readTick?(tick: number, out: Float64Array): void;
  /**
   * How many NaN or infinite values the engine produced that the store replaced (NaN by 0,
   * infinities by +-MAX_VALUE) so none reaches a chart or a score: a bug in the engine, 0 when it
   * computes every metric finite itself (the fuzz harness and the tests check it).
   */
  readonly nonFinite: number;
}

export type EventKind =
  | 'fault' // hidden from the trainee until the debrief
  | 'fault-cleared'
  | 'action'
  | 'action-effective'
  | 'deploy'
  | 'scale'
  | 'restart'
  | 'image-pull' // the kubelet pulling a new pod's image: Failed, BackOff (ImagePullBackOff), Pulled
  | 'oom-kill'
  | 'readiness' // a deep health check took replicas out of rotation or put them back
  | 'alert-firing'
  | 'alert-resolved'
  | 'notification' // Alertmanager notified a receiver about a group of alerts (a page, a chat message)
  | 'silence' // a silence was created
  | 'acknowledge'
  | 'declare'
  | 'note'
  | 'hint'
  | 'investigate' // a read-only shell command the trainee ran
  | 'notebook' // a hypothesis, finding or ruled-out idea the trainee wrote down
  // Incident communication (simulator/comms): a stakeholder's message in the incident channel,
  // and the trainee's severity declaration, status updates and status page entries.
  | 'message'
  | 'severity'
  | 'status-update'
  | 'status-page'
  | 'runbook' // a runbook page the trainee opened
  // Escalation (simulator/comms/escalation.ts): the trainee paged another team, or asked a paged
  // team to take an action; the responder's posts are 'message' events with data.team.
  | 'escalate'
  | 'ask';

export interface SimEvent {
  readonly t: number; // simulated seconds
  readonly kind: EventKind;
  readonly node?: string;
  readonly text: string;
  /** True for events the trainee must not see before the debrief. */
  readonly hidden: boolean;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogLine {
  readonly t: number;
  readonly node: string;
  readonly level: LogLevel;
  readonly message: string;
  readonly requestId?: string;
  /**
   * What a structured logger would add (logfmt / JSON fields): `status` (HTTP), `duration_ms`,
   * `upstream` (the callee of a failed call), `error` (timeout, dns_lookup_timeout, ...),
   * `timeout_s`, `slow_queries`, `throttled_pct`, `pool_size`.
   */
  readonly fields?: Readonly<Record<string, string | number>>;
}

/** OpenTelemetry's span kinds (SpanKind in the trace API), lower case. */
export type SpanKind = 'server' | 'client' | 'producer' | 'consumer' | 'internal';
/** A span attribute's value: OTel allows strings, numbers and booleans (arrays are not used). */
export type SpanAttribute = string | number | boolean;

/**
 * One span in OpenTelemetry's model (simulator/engine/span-otel.ts says which node writes which
 * kind). `node` is the scenario node the span is about (a database for a query span), `service`
 * the `service.name` of the process that writes it (the caller for a client or producer span).
 */
export interface Span {
  readonly node: string;
  /** The span's name, e.g. "GET /", "SELECT orders-db", "publish notify-jobs". */
  readonly operation: string;
  readonly start: number; // seconds from trace start
  readonly duration: number; // seconds
  /** Status code ERROR (else UNSET: OTel instrumentation leaves a success unset). */
  readonly error: boolean;
  readonly depth: number;
  /** 8 bytes, 16 lower-case hex digits. */
  readonly spanId: string;
  /** Absent on the root span. */
  readonly parentSpanId?: string;
  readonly service: string;
  readonly kind: SpanKind;
  /** Status message, on a failed span only: the error in its writer's words. */
  readonly statusMessage?: string;
  /** Semantic-convention attributes (http.route, db.system, messaging.system, server.address...). */
  readonly attributes: Readonly<Record<string, SpanAttribute>>;
}
export interface Trace {
  /** 16 bytes, 32 lower-case hex digits; derived from the seed and the sampling tick. */
  readonly traceId: string;
  readonly requestId: string;
  readonly t: number;
  readonly root: string;
  readonly duration: number;
  readonly error: boolean;
  readonly spans: readonly Span[];
}

/** A readiness probe's state: passing, failing (replicas still in rotation), or failed long enough to take every replica out. */
export type ProbeState = 'ok' | 'failing' | 'out-of-rotation';

/**
 * What a node runs now, as deploys, rollbacks, scaling, autoscalers and actions left it (never
 * the scenario's initial values). A field is present for the kinds it applies to.
 */
export interface NodeLive {
  readonly id: string;
  /** Service: the version running (after a deploy or rollback). */
  readonly version?: string;
  /** Service, DNS: replicas wanted (the deployment's count), ready (in rotation), starting. */
  readonly replicas?: number;
  readonly ready?: number;
  readonly starting?: number;
  /** Service: threads per replica. */
  readonly threads?: number;
  /** Service: CPU cores per replica; database: cores. */
  readonly cpu?: number;
  /** Service (when it has one), DNS: the memory limit per replica in MiB, as raised during the run. */
  readonly memoryLimitMb?: number;
  /** Load balancer, database. */
  readonly maxConnections?: number;
  /** Cache, queue. */
  readonly maxMemoryMb?: number;
  /** Requests per second above which the node rejects (absent: no limit). */
  readonly rateLimit?: number;
  /** Database. */
  readonly readReplicas?: number;
  /** Service: its readiness probe. */
  readonly probe?: ProbeState;
  /** Service, DNS: replicas running but out of rotation (readiness failing), and in CrashLoopBackOff. */
  readonly unready?: number;
  readonly waitingBackoff?: number;
  /** Service, DNS: container restarts since the start (kubectl's RESTARTS). */
  readonly restarts?: number;
  /** Service: its liveness and readiness probes as configured now, and how they fare. */
  readonly livenessProbe?: ProbeLive;
  readonly readinessProbe?: ProbeLive;
  /** Service, DNS: present while crashes are not forgiven (kubelet's CrashLoopBackOff). */
  readonly crashLoop?: CrashLoopLive;
  /** Service: its HPA as patched, created or deleted during the run (absent: none now). */
  readonly autoscaler?: AutoscalerLive;
  /** Service with an imageRegistry: its image and the new pods waiting for it (image-pull.ts). */
  readonly image?: ImageLive;
}

export interface ImageLive {
  /** `<registry>/<service>:<version>`. */
  readonly ref: string;
  readonly registry: string;
  /** New pods waiting for the image (ImagePullBackOff). */
  readonly waiting: number;
  /** Simulated second of the last failed pull, if any (ErrImagePull just after it). */
  readonly lastFailedAt?: number;
}

/** A weighted record of a traffic router now: its weight (after set-route-weight, drain-region), health and share. */
export interface RouteLive {
  readonly router: string;
  readonly target: string;
  readonly weight: number;
  /** Whether the target passes its health checks (always true without health checks). */
  readonly healthy: boolean;
  /** Share of the router's requests that reach it now, as clients see it through the TTL. */
  readonly share: number;
}

/** An HPA as `kubectl get hpa` shows it now. */
export interface AutoscalerLive {
  readonly metric: AutoscalerMetric;
  readonly target: number;
  readonly min: number;
  readonly max: number;
  /** Seconds between its decisions. */
  readonly syncPeriod: number;
}

/** A probe as `kubectl describe pod` lists it, with the replicas failing it now. */
export interface ProbeLive {
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  /** Readiness only (liveness is always 1). */
  readonly successThreshold: number;
  readonly initialDelaySeconds: number;
  readonly check: 'self' | 'dependencies';
  /** Replicas whose last probe failed. */
  readonly failing: number;
  /** Failed probes since the start (one per replica probed). */
  readonly failuresTotal: number;
  /** The slowest probe response of the last round, seconds (Infinity: refused). */
  readonly lastSeconds: number;
}

export interface CrashLoopLive {
  /** Crashes in a row; the next restart waits 10 s x 2^(crashes - 1), at most 300 s. */
  readonly crashes: number;
  /** The back-off of the last crash, seconds (0: restarted at once). */
  readonly backoffSeconds: number;
  /** When replicas waiting out the back-off start again (simulated seconds), if any wait. */
  readonly nextStartAt?: number;
}

export type AlertStatus = 'inactive' | 'pending' | 'firing';
export interface AlertState {
  readonly name: string;
  readonly status: AlertStatus;
  readonly since: number; // simulated seconds the status began
  readonly value: number; // last evaluated left-hand value
  readonly severity: 'P0' | 'P1' | 'P2' | 'P3';
  readonly route: 'page' | 'chat' | 'email';
  /** Alertmanager mutes every firing alert of the rule: the silence in force (its id). */
  readonly silencedBy?: string;
  /** Alertmanager mutes every firing alert of the rule through an inhibit rule. */
  readonly inhibited?: boolean;
}

/** A silence the trainee creates from the Alerts tab (Alertmanager's "New silence"). */
export interface SilenceCommand {
  /** Alertmanager matchers, e.g. `alertname="CheckoutErrors"`. */
  readonly matchers: readonly string[];
  /** Seconds from now. */
  readonly duration: number;
  readonly comment: string;
  readonly createdBy?: string;
}

/** A trainee's (or script's, or instructor's) command. */
export interface ActionCommand {
  readonly type: ActionType;
  readonly target: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

export interface ActionResult {
  readonly ok: boolean;
  /** Plain sentence: what will happen and when, or why it cannot. */
  readonly message: string;
  /** Simulated time at which it takes effect. */
  readonly effectiveAt?: number;
}

export interface FaultCommand {
  readonly type: FaultType;
  readonly target: string;
  readonly at?: number; // default now
  readonly duration?: number;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

export interface SimulationOptions {
  readonly seed?: number; // overrides scenario.seed
  /** Ticks kept in the metric ring buffers (default: whole scenario duration). */
  readonly historyTicks?: number;
  /** Sampled logs/traces kept (ring). */
  readonly logCapacity?: number;
  readonly traceCapacity?: number;
  /**
   * Where the metric store takes its memory: a reused buffer instead of a fresh allocation, for
   * callers that run many simulations one after another (`outage-lab check`). The buffer is lent
   * to the simulation: give the same arena to a new simulation only once the previous one is no
   * longer read.
   */
  readonly metricArena?: MetricArena;
}

/** Memory lent to one simulation at a time (see SimulationOptions.metricArena; `metricArena()`). */
export interface MetricArena {
  /** `length` values, possibly holding an earlier run's: the store writes a row before reading it. */
  take(length: number): Float64Array;
}

export interface Simulation {
  readonly scenario: Scenario;
  readonly tick: number;
  /** Simulated seconds since start. */
  readonly time: number;
  readonly tickSeconds: number;
  readonly metrics: MetricStore;
  /** Advances one tick. Allocates nothing on the hot path. */
  step(): void;
  /** Steps until `time >= seconds`. */
  runUntil(seconds: number): void;
  apply(command: ActionCommand): ActionResult;
  inject(fault: FaultCommand): ActionResult;
  /** Pages another team (simulator/comms/escalation.ts): its responder joins after the team's delay. */
  escalate(team: Team, text: string): ActionResult;
  /** Asks a paged team to take a catalog action of its domain, after the team's delay. */
  ask(team: Team, command: ActionCommand): ActionResult;
  /** Creates an Alertmanager silence from now for `duration`; refused with a reason when invalid. */
  silence(command: SilenceCommand): ActionResult;
  readonly events: readonly SimEvent[];
  readonly alerts: readonly AlertState[];
  /** Recent sampled logs, oldest first; only those after `since` (simulated seconds) when given. */
  logs(since?: number): readonly LogLine[];
  /** Recent sampled traces, oldest first; only those after `since` when given. */
  traces(since?: number): readonly Trace[];
  /**
   * Random numbers the run's behaviour has drawn so far (the clients' noise): the only way the seed
   * reaches the system's state, metrics and events. The sampling of logs and traces has its own
   * stream (and trace ids hash the seed) but never feeds back, so a run that drew none is the same
   * run on every seed (outage-lab check plays it once).
   */
  readonly randomDraws: number;
  /** Every node's live configuration and rollout state, in scenario order. */
  liveNodes(): readonly NodeLive[];
  /** Every weighted call of a traffic router (routing.ts) as it stands now, in edge order. */
  liveRoutes(): readonly RouteLive[];
  /** Records a trainee/instructor event (acknowledge, declare, note, hint). */
  record(event: Omit<SimEvent, 't'>): void;
}
