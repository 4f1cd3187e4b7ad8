/**
 * Durations in scenario files: "250ms", "90s", "5m", "1h", "1h30m", or a plain number of seconds.
 * Parsed to seconds (float). Kept dependency-free so the engine, the CLI and the UI share it.
 */
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
export const DURATION_PATTERN = '^(\\d+(\\.\\d+)?(ms|s|m|h))+$';
const WHOLE = new RegExp(DURATION_PATTERN);

/** Returns seconds, or undefined when the text is not a duration. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_SECONDS[match[2] as string] ?? 0);
  }
  return total;
}

/** Formats seconds as a compact clock-like duration: 75 -> "1m15s", 0.25 -> "250ms". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 1 && seconds > 0) return `${Math.round(seconds * 1000)}ms`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return (h ? `${h}h` : '') + (m ? `${m}m` : '') + (r || (!h && !m) ? `${r}s` : '');
}
