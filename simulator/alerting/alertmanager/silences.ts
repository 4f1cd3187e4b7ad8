/**
 * Alertmanager silences (prometheus.io/docs/alerting/latest/alertmanager/#silences): matchers, a
 * time window [startsAt, endsAt), who created it and why. An alert is silenced while a silence in
 * force has matchers that all match its labels; a silenced alert still fires in Prometheus and
 * still inhibits others, it only does not notify.
 */
import { parseMatcher, type RouteMatcher } from '../route';
import { allMatch, type Labels } from './routes';

/** Longest silence a trainee may set from the console: a day, the longest run. */
export const SILENCE_MAX_SECONDS = 24 * 3600;
export const SILENCE_MATCHERS_MAX = 20;

export interface Silence {
  readonly id: string;
  /** The matchers as written, e.g. `alertname="CheckoutErrors"`. */
  readonly matchers: readonly string[];
  readonly compiled: readonly RouteMatcher[];
  /** Simulated seconds. */
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

export interface SilenceInput {
  readonly matchers: readonly string[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

export type SilenceResult = { ok: true; silence: Silence } | { ok: false; error: string };

/** Checks a silence as Alertmanager's API does: matchers that parse, a comment, an end after the start. */
export function makeSilence(id: string, input: SilenceInput): SilenceResult {
  if (input.matchers.length === 0) return { ok: false, error: 'a silence needs at least one matcher' };
  if (input.matchers.length > SILENCE_MATCHERS_MAX)
    return { ok: false, error: `a silence has at most ${SILENCE_MATCHERS_MAX} matchers` };
  const compiled: RouteMatcher[] = [];
  for (const [i, text] of input.matchers.entries()) {
    const parsed = parseMatcher(text);
    if (!parsed.ok) return { ok: false, error: `matchers[${i}]: ${parsed.error}` };
    compiled.push(parsed.matcher);
  }
  // Alertmanager refuses a silence that would match every alert (all matchers match "").
  if (compiled.every((m) => allMatch([m], {})))
    return { ok: false, error: 'the matchers would silence every alert: name at least one label value' };
  if (input.comment.trim() === '') return { ok: false, error: 'a silence needs a comment saying why' };
  if (!(input.endsAt > input.startsAt)) return { ok: false, error: 'a silence must end after it starts' };
  return {
    ok: true,
    silence: {
      id,
      matchers: [...input.matchers],
      compiled,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdBy: input.createdBy,
      comment: input.comment,
    },
  };
}

export const silenceActive = (s: Silence, t: number): boolean => s.startsAt <= t && t < s.endsAt;

/** The first silence in force at `t` that mutes these labels. */
export function silencedBy(silences: readonly Silence[], labels: Labels, t: number): Silence | undefined {
  for (const s of silences) if (silenceActive(s, t) && allMatch(s.compiled, labels)) return s;
  return undefined;
}
