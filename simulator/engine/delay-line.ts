/**
 * Per-edge delay lines for the share of calls that time out. A call that exceeds its caller's
 * timeout tau fails when the timeout expires, tau after it started: the caller's failure from
 * timeouts at tick t is the share that timed out among the calls started round(tau / dt) ticks
 * earlier. All edges share one Float64Array; edge e owns the slots start[e] .. start[e + 1] - 1
 * (CSR, laid out once when the scenario compiles) and the capacity pass reads and writes them in
 * place (capacity.ts), so a tick allocates nothing.
 */

/**
 * The longest delay a line holds, in ticks (2 minutes at 1 s ticks). A timeout beyond it fails
 * calls MAX_DELAY_TICKS after they start: such a timeout is hardly a timeout (the default is 30 s),
 * and the cap bounds the memory at 8 x MAX_DELAY_TICKS bytes per edge.
 */
export const MAX_DELAY_TICKS = 120;

/** State.timeoutLast of a line that has never held a non-zero share: quiet from the first pass. */
export const QUIET_SINCE_START = -1 - MAX_DELAY_TICKS;

/** Ticks between a call's start and its timeout: round(tau / dt), at most MAX_DELAY_TICKS. */
export function delayTicks(tau: number, dt: number): number {
  const d = Math.round(tau / dt);
  return d < MAX_DELAY_TICKS ? d : MAX_DELAY_TICKS;
}

/**
 * Slot offsets (length m + 1) of the edges' lines: each edge gets the delay of its compiled
 * timeout, or MAX_DELAY_TICKS when `resizable[e]` (an edge a listed set-timeout action may
 * lengthen at run time; others are lengthened by lengthenLine). A line of length 0 (tau < dt / 2)
 * delays nothing.
 */
export function delayLineStarts(timeout: Float64Array, dt: number, resizable: Uint8Array): Int32Array {
  const m = timeout.length;
  const start = new Int32Array(m + 1);
  for (let e = 0; e < m; e++)
    start[e + 1] = start[e]! + (resizable[e] === 1 ? MAX_DELAY_TICKS : delayTicks(timeout[e]!, dt));
  return start;
}

/**
 * Lengthens edge e's line to MAX_DELAY_TICKS, when a set-timeout action lengthens a call the
 * scenario did not lay out for it (every call can be changed, listed or not). Returns new slot
 * offsets and a new line: the other edges' slots move unchanged; e's last `len` shares keep their
 * passes (slot pass % length), and the older slots are 0, since those calls' timeouts were already
 * counted. Allocates, but only when the action takes effect. `pass` is the next capacity pass.
 */
export function lengthenLine(
  start: Int32Array,
  line: Float64Array,
  e: number,
  pass: number,
): { start: Int32Array; line: Float64Array } {
  const ls = start[e]!;
  const len = start[e + 1]! - ls;
  const grow = MAX_DELAY_TICKS - len;
  if (grow <= 0) return { start, line };
  const nextStart = start.map((s, k) => (k > e ? s + grow : s));
  const next = new Float64Array(line.length + grow);
  next.set(line.subarray(0, ls), 0);
  next.set(line.subarray(ls + len), ls + MAX_DELAY_TICKS);
  for (let age = 1; age <= len && pass - age >= 0; age++) {
    const q = pass - age;
    next[ls + (q % MAX_DELAY_TICKS)] = line[ls + (q % len)]!;
  }
  return { start: nextStart, line: next };
}
