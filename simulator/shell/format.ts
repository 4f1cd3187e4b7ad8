/**
 * Output helpers shared by the tools: kubectl's tabwriter columns and ages, stable generated
 * names and addresses, and the incident's wall clock. Everything is a pure function of its
 * inputs, so the same run prints the same text.
 */

/** FNV-1a 32-bit: stable names and ids from node ids, versions and indexes. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Kubernetes' safe alphabet for generated names (no vowels, no 0/1/3 lookalikes).
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** `length` characters of Kubernetes' generated-name alphabet, seeded by `seed`. */
export function safeName(seed: string, length: number): string {
  let out = '';
  let h = hash32(seed);
  for (let i = 0; i < length; i++) {
    if (i % 5 === 0) h = hash32(`${seed}/${i}`);
    out += SAFE[h % SAFE.length];
    h = Math.floor(h / SAFE.length);
  }
  return out;
}

/**
 * kubectl's column layout (text/tabwriter with minwidth 0): every column but the last is padded
 * to its widest cell plus `padding` spaces (3 for get and top, 2 in describe's sections).
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], padding = 3): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd((widths[c] ?? 0) + padding)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** Aligned `Key:  value` lines as kubectl describe prints them. */
export function fields(pairs: readonly (readonly [string, string])[], indent = ''): string {
  const width = Math.max(...pairs.map(([k]) => k.length + 1)) + 2;
  return pairs
    .map(([k, v]) => `${indent}${(k === '' ? '' : `${k}:`).padEnd(width)}${v}`.trimEnd())
    .join('\n');
}

/** kubectl's age (k8s.io/apimachinery duration.HumanDuration): 45s, 5m12s, 21m, 3h4m, 2d. */
export function age(seconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(s / 3600);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** The incident's wall clock: simulated second 0 is this instant (fixed, so output is stable). */
export const CLOCK_ORIGIN_MS = Date.UTC(2026, 5, 1, 9, 0, 0);

export function wallClock(t: number): Date {
  return new Date(CLOCK_ORIGIN_MS + Math.round(Number.isFinite(t) ? t : 0) * 1000);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 1123 with a numeric zone, as kubectl describe prints times: Mon, 01 Jun 2026 09:05:12 +0000. */
export function rfc1123(t: number): string {
  const d = wallClock(t);
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** date(1)'s format, as dig's WHEN line prints it: Mon Jun 01 09:05:12 UTC 2026. */
export function unixDate(t: number): string {
  const d = wallClock(t);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** A fixed number of decimals, never NaN or Infinity (0 instead). */
export function fixed(value: number, digits: number): string {
  return (Number.isFinite(value) ? value : 0).toFixed(digits);
}

/** A whole number, never NaN or Infinity. */
export function whole(value: number): string {
  return String(Math.round(Number.isFinite(value) ? value : 0));
}

/** Kubernetes quantity of memory in MiB: 512Mi, 2Gi. */
export function mebibytes(mb: number): string {
  const v = Math.max(0, Math.round(Number.isFinite(mb) ? mb : 0));
  return v >= 1024 && v % 1024 === 0 ? `${v / 1024}Gi` : `${v}Mi`;
}

/** Kubernetes quantity of CPU: 250m, 2. */
export function cores(value: number): string {
  const m = Math.max(0, Math.round((Number.isFinite(value) ? value : 0) * 1000));
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** A stable private address for a name: 10.<a>.<b>.<c> within `prefix`. */
export function address(prefix: string, name: string): string {
  const h = hash32(name);
  const parts = prefix.split('.').length;
  const rest = [(h >>> 16) & 0xff, (h >>> 8) & 0xff, (h & 0xfd) + 2].slice(3 - (4 - parts));
  return [prefix, ...rest].join('.');
}
