/**
 * The words of each component (logs.ts formats records with these on demand): PostgreSQL, Redis,
 * CoreDNS, Envoy and HTTP services each in their own dialect; a caller names its callee and the
 * error it received.
 */
import { CACHE, DATABASE, DNS, EXTERNAL, LB, QUEUE, SERVICE, type Model } from './compile';
import {
  CALL_BREAKER,
  CALL_CALLEE,
  CALL_DNS,
  CALL_RESET,
  CALL_SHED,
  CALL_STALE,
  CALL_TIMEOUT,
  CALL_TOO_MANY_CLIENTS,
  REJECT_DOWN,
  REJECT_LIMITED,
} from './failure-causes';

// What a failing node answered.
export const REPLY_OWN = 1; // its own error
export const REPLY_REJECT = 2; // it turned the request away (reason: REJECT_*)
export const REPLY_OOM = 3; // Redis at maxmemory, noeviction
export const REPLY_DOWNSTREAM = 4; // its own call failed
export const REPLY_DOWNSTREAM_TIMEOUT = 5; // its own call timed out
export const REPLY_HUNG = 6; // nothing (the caller times out)
export const REPLY_NOSPACE = 7; // its volume is full: a write failed

const OOM = "OOM command not allowed when used memory > 'maxmemory'";
/** PostgreSQL extending a table on a full volume. */
const PG_NOSPACE = 'could not extend file "base/16384/16397": No space left on device';

const ms = (seconds: number) => Math.max(1, Math.round(seconds * 1000));

/** A success line as the kind of component would log it (a database does not log "GET /"). */
export function servedMessage(model: Model, node: number, seconds: number): string {
  switch (model.kind[node]) {
    case DATABASE:
      return `duration: ${(seconds * 1000).toFixed(3)} ms  execute <unnamed>: SELECT ... WHERE id = $1`;
    case CACHE:
      return `GET hit ${(seconds * 1000).toFixed(3)}ms`;
    case QUEUE:
      return `LPUSH ok ${ms(seconds)}ms`;
    case DNS:
      return `[INFO] "A IN ${hostOf(model, node)}. udp 50 false 512" NOERROR qr,aa,rd ${seconds.toFixed(6)}s`;
    case EXTERNAL:
      return `outbound POST ${model.ids[node]} 200 ${ms(seconds)}ms`;
    case LB:
      return `"GET / HTTP/1.1" 200 - ${ms(seconds)}ms`;
    default:
      return `GET / 200 ${ms(seconds)}ms`;
  }
}

/** A name a resolver answers for: the first callee it resolves (or the cluster's API). */
function hostOf(model: Model, d: number): string {
  const first = model.dnsStart[d]!;
  const name = first < model.dnsStart[d + 1]! ? model.ids[model.to[model.dnsEdges[first]!]!]! : 'kubernetes';
  return `${name}.default.svc.cluster.local`;
}

/**
 * Node `i`'s own line about a request it failed: `reply` REPLY_OWN / REPLY_REJECT / REPLY_OOM.
 * `value`: the request's duration, or for a refusal the limit as it was then (threads per
 * replica, or the rate limit), so a later action does not rewrite old lines.
 */
export function nodeErrorMessage(
  model: Model,
  i: number,
  reply: number,
  reason: number,
  value: number,
): string {
  switch (model.kind[i]) {
    case DATABASE:
      if (reply === REPLY_NOSPACE) return `ERROR:  ${PG_NOSPACE}`;
      if (reply === REPLY_REJECT)
        return reason === REJECT_DOWN
          ? 'FATAL:  the database system is in recovery mode'
          : 'FATAL:  sorry, too many clients already';
      return 'ERROR:  could not serialize access due to concurrent update';
    case CACHE:
      if (reply === REPLY_OOM) return `-${OOM}`;
      return reply === REPLY_REJECT
        ? '-ERR max number of clients reached'
        : '-LOADING Redis is loading the dataset in memory';
    case DNS:
      return `[ERROR] plugin/errors: 2 ${hostOf(model, i)}. A: read udp: i/o timeout`;
    case LB:
      return reply === REPLY_REJECT
        ? `"GET / HTTP/1.1" 503 UO upstream connect error or disconnect/reset before headers. reset reason: overflow`
        : `"GET / HTTP/1.1" 500 - ${ms(value)}ms`;
    case SERVICE:
      if (reply === REPLY_REJECT) {
        if (reason === REJECT_LIMITED) return `rate limit of ${value} rps exceeded, rejecting with 429`;
        return `thread pool exhausted (${Math.round(value)} threads busy, queue full), rejecting with 503`;
      }
      if (reply === REPLY_NOSPACE)
        return `POST / 500 ${ms(value)}ms: write /var/lib/app/tmp/upload-0001: no space left on device`;
      return `GET / 500 ${ms(value)}ms: unhandled exception in request handler`;
    default:
      return `request failed: 500 Internal Server Error`;
  }
}

/** What the callee's reply reads like in its caller's client library. */
function replyText(model: Model, j: number, reply: number, reason: number): string {
  const k = model.kind[j];
  if (k === DATABASE) {
    if (reply === REPLY_NOSPACE) return `ERROR: ${PG_NOSPACE}`;
    if (reply === REPLY_REJECT)
      return reason === REJECT_DOWN
        ? 'FATAL: the database system is in recovery mode'
        : 'FATAL: sorry, too many clients already';
    return reply === REPLY_OWN
      ? 'ERROR: could not serialize access due to concurrent update'
      : 'ERROR: canceling statement due to statement timeout';
  }
  if (k === CACHE || k === QUEUE) {
    if (reply === REPLY_OOM || k === QUEUE) return OOM;
    return reply === REPLY_REJECT
      ? 'ERR max number of clients reached'
      : 'LOADING Redis is loading the dataset in memory';
  }
  if (k === DNS) return 'SERVFAIL';
  if (k === LB && reply === REPLY_REJECT && reason !== REJECT_LIMITED)
    return '503 upstream connect error or disconnect/reset before headers. reset reason: overflow';
  switch (reply) {
    case REPLY_REJECT:
      if (reason === REJECT_LIMITED) return '429 Too Many Requests';
      return reason === REJECT_DOWN
        ? '503 Service Unavailable: no healthy upstream'
        : '503 Service Unavailable';
    case REPLY_DOWNSTREAM:
      return k === LB ? '502 Bad Gateway' : '503 Service Unavailable';
    case REPLY_DOWNSTREAM_TIMEOUT:
      return '504 Gateway Timeout';
    case REPLY_HUNG:
      return 'no response';
    default:
      return '500 Internal Server Error';
  }
}

/**
 * What a caller's client writes when its call on edge e failed for reason `why` (a CALL_*).
 * `value`: the timeout, or the pool size for a shed call, as they were when it failed.
 */
export function callMessage(
  model: Model,
  e: number,
  why: number,
  reply: number,
  reason: number,
  value: number,
): string {
  const j = model.to[e]!;
  const callee = model.ids[j]!;
  const k = model.kind[j];
  const op = k === QUEUE ? `LPUSH ${callee}` : k === DATABASE ? `query on ${callee}` : `call to ${callee}`;
  switch (why) {
    case CALL_BREAKER:
      return `circuit breaker open for ${callee}, failing fast`;
    case CALL_SHED:
      if (Number.isFinite(value))
        return `connection pool for ${callee} exhausted (${value} per replica): Connection is not available, request timed out`;
      return `client-side rate limit for ${callee} reached, call dropped`;
    case CALL_DNS: {
      const d = model.edgeDns[e]!;
      return `dial tcp: lookup ${callee}: i/o timeout (resolver ${model.ids[d]} did not answer within ${model.resolverTimeout[d]}s)`;
    }
    case CALL_RESET:
      return `${op} failed: read tcp: connection reset by peer`;
    case CALL_STALE:
      return `"GET / HTTP/1.1" 503 UF upstream connect error or disconnect/reset before headers. reset reason: connection failure (${callee})`;
    case CALL_TOO_MANY_CLIENTS:
      return `HikariPool-1 - Connection is not available: FATAL: sorry, too many clients already (${callee})`;
    case CALL_TIMEOUT:
      return `${op} timed out after ${value}s`;
    case CALL_CALLEE:
      return `${op} failed: ${replyText(model, j, reply, reason)}`;
    default:
      return `${op} failed`;
  }
}
