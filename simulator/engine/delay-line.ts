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
 * timeout, or MAX_DELAY_TICKS when `resizable[e]` (an edge an offered set-timeout action may
 * lengthen at run time). A line of length 0 (tau < dt / 2) delays nothing.
 */
export function delayLineStarts(timeout: Float64Array, dt: number, resizable: Uint8Array): Int32Array {
  const m = timeout.length;
  const start = new Int32Array(m + 1);
  for (let e = 0; e < m; e++)
    start[e + 1] = start[e]! + (resizable[e] === 1 ? MAX_DELAY_TICKS : delayTicks(timeout[e]!, dt));
  return start;
}
