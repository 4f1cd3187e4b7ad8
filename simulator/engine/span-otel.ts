/**
 * How a sampled span reads in OpenTelemetry's model: which process writes it (service.name), its
 * kind, name, semantic-convention attributes and status message. The engine records numbers per
 * span (traces.ts); this turns them into what an OTel SDK would have exported, only when traces
 * are read.
 *
 * Who writes what, as instrumentation does in production: a service or load balancer answers with
 * a SERVER span of its own (http.route, http.response.status_code); PostgreSQL, Redis and
 * third-party APIs are not instrumented, so a query, a cache read or an outbound call is the
 * caller's CLIENT span (db.system, db.statement for a slow query, server.address); an enqueue
 * (LPUSH) or any fire-and-forget call is the caller's PRODUCER span (messaging.system,
 * messaging.operation); a call that never got an answer (DNS, pool, breaker, reset, timeout) is
 * the caller's CLIENT span, its status message the caller's error. The root is the client's
 * (the users' browser or load generator) CLIENT span.
 */
import type { SpanAttribute, SpanKind } from './api';
import { CACHE, CLIENT, DATABASE, DNS, EXTERNAL, LB, QUEUE, type Model } from './compile';
import {
  CALL_BREAKER,
  CALL_CALLEE,
  CALL_DNS,
  CALL_RESET,
  CALL_SHED,
  CALL_STALE,
  CALL_TIMEOUT,
  CALL_TOO_MANY_CLIENTS,
  REJECT_LIMITED,
} from './failure-causes';
import {
  callMessage,
  nodeErrorMessage,
  REPLY_DOWNSTREAM,
  REPLY_DOWNSTREAM_TIMEOUT,
  REPLY_HUNG,
  REPLY_NOSPACE,
  REPLY_OOM,
  REPLY_OWN,
  REPLY_REJECT,
} from './log-text';

/** The ordinary query a request runs (psql's pg_stat_activity shows the same text). */
export const ORDINARY_QUERY = 'SELECT * FROM orders WHERE id = $1';
/** The report query behind the slow-query faults. */
export const REPORT_QUERY =
  "SELECT date_trunc('day', o.created_at), sum(i.amount) FROM orders o JOIN order_items i ON i.order_id = o.id GROUP BY 1";
/** A query at least this slow gets its db.statement (as with log_min_duration_statement = 100ms). */
export const SLOW_STATEMENT_SECONDS = 0.1;

/** One span as the engine recorded it (traces.ts). */
export interface SpanRecord {
  /** The node the span is about (the caller for a call that never reached its callee). */
  readonly node: number;
  /** The call (edge) it stands for; -1 for the root. */
  readonly edge: number;
  readonly error: boolean;
  /** CALL_* when the call failed before the callee answered, else 0. */
  readonly why: number;
  /** REPLY_* the node answered with when it failed, and the reject reason. */
  readonly reply: number;
  readonly reason: number;
  /** For a refusal, the limit as it was then (threads or rate limit); else the span's duration. */
  readonly value: number;
  readonly duration: number;
  /** A fire-and-forget call (not an enqueue). */
  readonly async: boolean;
  /** The database had slow queries running then. */
  readonly slow: boolean;
  /** A consumer processing a message of the queue its edge enqueued into. */
  readonly consumer: boolean;
}

export interface OtelSpan {
  readonly service: string;
  readonly kind: SpanKind;
  readonly name: string;
  readonly attributes: Record<string, SpanAttribute>;
  readonly statusMessage?: string;
  /** The HTTP status the span saw (0: none, e.g. a query or a call without an answer). */
  readonly httpStatus: number;
}

const REASON_PHRASE: Readonly<Record<number, string>> = {
  200: 'OK',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** error.type for a call that failed before an answer (semantic conventions: a low-cardinality class). */
export const CALL_ERROR_TYPE: Readonly<Record<number, string>> = {
  [CALL_BREAKER]: 'circuit_breaker_open',
  [CALL_SHED]: 'pool_exhausted',
  [CALL_DNS]: 'dns_lookup_timeout',
  [CALL_RESET]: 'connection_reset',
  [CALL_STALE]: 'upstream_connect_error',
  [CALL_TOO_MANY_CLIENTS]: 'too_many_clients',
  [CALL_TIMEOUT]: 'timeout',
};

/** The HTTP status a failed HTTP node answered (REPLY_*), or 200. */
export function httpStatusOf(model: Model, i: number, error: boolean, reply: number, reason: number): number {
  if (!error) return 200;
  switch (reply) {
    case REPLY_REJECT:
      return reason === REJECT_LIMITED ? 429 : 503;
    case REPLY_DOWNSTREAM:
      return model.kind[i] === LB ? 502 : 503;
    case REPLY_DOWNSTREAM_TIMEOUT:
      return 504;
    case REPLY_HUNG:
      return 0;
    default:
      return 500;
  }
}

const phrase = (code: number) => `${code} ${REASON_PHRASE[code] ?? ''}`.trim();

/**
 * The OTel view of span `r`. `childStatus`: the HTTP status of the root's first call (the root
 * reports what its request got back); `failedCall`: the callee of its first failed child span.
 */
export function otelSpan(model: Model, r: SpanRecord, childStatus: number, failedCall = ''): OtelSpan {
  const e = r.edge;
  if (r.consumer) return consumerSpan(model, r, failedCall);
  if (e < 0) return rootSpan(model, r, childStatus);
  const caller = model.from[e]!;
  const callee = model.to[e]!;
  const callerId = model.ids[caller]!;
  const calleeId = model.ids[callee]!;
  const k = model.kind[callee];
  const peer: Record<string, SpanAttribute> = {
    'peer.service': calleeId,
    'server.address': calleeId,
    'net.peer.name': calleeId,
  };
  // A call that got no answer: the caller's span, in the caller's words.
  if (r.why !== 0 && r.why !== CALL_CALLEE) {
    const timeoutOrPool = r.why === CALL_SHED ? model.edgePool[e]! : model.timeout[e]!;
    const attributes: Record<string, SpanAttribute> = {
      ...peer,
      ...callAttributes(model, callee, r),
      'error.type': CALL_ERROR_TYPE[r.why] ?? 'error',
    };
    if (r.why === CALL_DNS) attributes['dns.resolver'] = model.ids[model.edgeDns[e]!]!;
    return {
      service: callerId,
      kind: k === QUEUE || r.async ? 'producer' : 'client',
      name: callName(model, callee, r.async),
      attributes,
      statusMessage: callMessage(model, e, r.why, 0, 0, timeoutOrPool),
      httpStatus: 0,
    };
  }
  if (r.async && k !== QUEUE) {
    return {
      service: callerId,
      kind: 'producer',
      name: callName(model, callee, true),
      attributes: { ...peer, 'messaging.operation': 'publish', 'messaging.destination.name': calleeId },
      httpStatus: 0,
    };
  }
  if (k === DATABASE || k === CACHE || k === QUEUE || k === EXTERNAL || k === DNS || k === CLIENT) {
    // Not instrumented: the caller's client (or producer) span.
    const status = k === EXTERNAL ? httpStatusOf(model, callee, r.error, r.reply, r.reason) : 0;
    const attributes = { ...peer, ...callAttributes(model, callee, r) };
    if (status > 0) attributes['http.response.status_code'] = status;
    if (r.error) attributes['error.type'] = status > 0 ? String(status) : errorTypeOfReply(r.reply);
    return {
      service: callerId,
      kind: k === QUEUE ? 'producer' : 'client',
      name: callName(model, callee, false),
      attributes,
      ...(r.error ? { statusMessage: callMessage(model, e, CALL_CALLEE, r.reply, r.reason, 0) } : {}),
      httpStatus: status,
    };
  }
  // A service or load balancer: its own SERVER span.
  const status = httpStatusOf(model, callee, r.error, r.reply, r.reason);
  const attributes: Record<string, SpanAttribute> = {
    'http.request.method': 'GET',
    'http.route': '/',
    'url.path': '/',
    'url.scheme': 'http',
    'server.address': calleeId,
    'client.address': callerId,
  };
  if (status > 0) attributes['http.response.status_code'] = status;
  if (r.error) attributes['error.type'] = status > 0 ? String(status) : 'no_response';
  return {
    service: calleeId,
    kind: 'server',
    name: 'GET /',
    attributes,
    ...(r.error ? { statusMessage: serverMessage(model, callee, r, status, failedCall) } : {}),
    httpStatus: status,
  };
}

/** A queue consumer's processing of one message, in messaging semantic conventions. */
function consumerSpan(model: Model, r: SpanRecord, failedCall: string): OtelSpan {
  const queue = model.ids[model.to[r.edge]!]!;
  const attributes: Record<string, SpanAttribute> = {
    'messaging.system': 'redis',
    'messaging.operation': 'process',
    'messaging.destination.name': queue,
  };
  if (r.error) attributes['error.type'] = failedCall ? 'downstream' : 'job_failed';
  return {
    service: model.ids[r.node]!,
    kind: 'consumer',
    name: `process ${queue}`,
    attributes,
    ...(r.error
      ? { statusMessage: failedCall ? `job failed: call to ${failedCall} failed` : 'job failed' }
      : {}),
    httpStatus: 0,
  };
}

function rootSpan(model: Model, r: SpanRecord, childStatus: number): OtelSpan {
  const status = childStatus > 0 ? childStatus : r.error ? 500 : 200;
  const first = model.outStart[r.node]!;
  const target = first < model.outStart[r.node + 1]! ? model.ids[model.to[first]!]! : model.ids[r.node]!;
  return {
    service: model.ids[r.node]!,
    kind: 'client',
    name: 'GET',
    attributes: {
      'http.request.method': 'GET',
      'url.full': `https://${target}/`,
      'server.address': target,
      'http.response.status_code': status,
      ...(r.error ? { 'error.type': String(status) } : {}),
    },
    ...(r.error ? { statusMessage: phrase(status) } : {}),
    httpStatus: status,
  };
}

/** A service's own words for the request it failed. */
function serverMessage(model: Model, i: number, r: SpanRecord, status: number, failedCall: string): string {
  if (r.reply === REPLY_OWN || r.reply === REPLY_REJECT || r.reply === REPLY_OOM || r.reply === REPLY_NOSPACE)
    return nodeErrorMessage(model, i, r.reply, r.reason, r.value);
  const call = failedCall ? `call to ${failedCall}` : 'a call it depends on';
  if (r.reply === REPLY_DOWNSTREAM_TIMEOUT) return `${phrase(status)}: ${call} timed out`;
  if (r.reply === REPLY_DOWNSTREAM) return `${phrase(status)}: ${call} failed`;
  return 'no response';
}

function errorTypeOfReply(reply: number): string {
  if (reply === REPLY_OOM) return 'OOM';
  if (reply === REPLY_NOSPACE) return 'ENOSPC';
  if (reply === REPLY_REJECT) return 'rejected';
  if (reply === REPLY_HUNG) return 'no_response';
  return 'error';
}

/** The span name an OTel instrumentation gives the call (semantic conventions per system). */
function callName(model: Model, j: number, async: boolean): string {
  const id = model.ids[j]!;
  if (async || model.kind[j] === QUEUE) return `publish ${id}`;
  switch (model.kind[j]) {
    case DATABASE:
      return `SELECT ${id}`;
    case CACHE:
      return 'GET';
    case EXTERNAL:
      return 'POST';
    case DNS:
      return `DNS query ${id}`;
    default:
      return 'GET';
  }
}

/** The system attributes of a call to node j (database, Redis, queue, third party). */
function callAttributes(model: Model, j: number, r: SpanRecord): Record<string, SpanAttribute> {
  const id = model.ids[j]!;
  switch (model.kind[j]) {
    case DATABASE: {
      const a: Record<string, SpanAttribute> = {
        'db.system': 'postgresql',
        'db.name': id,
        'db.operation': 'SELECT',
      };
      // A slow query carries its text, as a slow-query log would.
      if (r.duration >= SLOW_STATEMENT_SECONDS || r.slow) a['db.statement'] = ORDINARY_QUERY;
      return a;
    }
    case CACHE:
      return { 'db.system': 'redis', 'db.operation': 'GET' };
    case QUEUE:
      return {
        'messaging.system': 'redis',
        'messaging.operation': 'publish',
        'messaging.destination.name': id,
        'db.system': 'redis',
        'db.operation': 'LPUSH',
      };
    case EXTERNAL:
      return { 'http.request.method': 'POST', 'url.full': `https://${id}/` };
    default:
      return { 'http.request.method': 'GET' };
  }
}
