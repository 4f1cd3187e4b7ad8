/** Small formatting helpers shared by the debrief, the postmortem draft and History. Pure. */
import { clock } from '../../lib/format';

/** Simulated time since the start of the run: 75 -> "T+01:15". */
export function tplus(t: number): string {
  return `T+${clock(t)}`;
}

/** A duration in simulated seconds, compact: 45 -> "45s", 185 -> "3m 05s", 3725 -> "1h 02m 05s". */
export function span(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m ${rest}s` : `${m}m ${rest}s`;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** 30450 -> "30,450". */
export function count(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : '–';
}

/** Error budget burn as a multiple of the allowance: 24.17 -> "24.2x". */
export function burn(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '–'
    : `${oneDecimal.format(value)}x`;
}

/** Points with at most one decimal: 11.25 -> "11.3"; -5 -> "-5". */
export function points(value: number): string {
  return oneDecimal.format(Math.round(value * 10) / 10);
}

/** An ISO wall-clock time in the user's locale, or the text as it is when it does not parse. */
export function wallClock(iso: string | undefined): string {
  if (!iso) return '–';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
