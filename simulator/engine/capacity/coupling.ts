/**
 * The hold time across ticks. A node's queue step (demand pass) uses the hold time of the last
 * capacity pass: its callees' latency at last tick's load and its CPU throttling at last tick's
 * throughput; both follow from the throughput that step produces. When they react steeply (a
 * database near its capacity, a bounded queue near full, a CFS quota that a draining backlog
 * exhausts) this explicit, once-a-tick exchange over-shoots: a fast callee lets the caller's
 * backlog through at once, which floods the callee, whose slow (or fast-failing) answer frees the
 * caller's threads the next tick, and so on; a backlog drained at full CPU is throttled, which
 * builds the backlog again. The loop gain there is -10 to -20 per tick: a period-2 or period-4
 * limit cycle that neither the real system nor the per-request simulator has
 * (simulator/engine/coupling.test.ts: a thread pool calling a database at its capacity settles in
 * both).
 *
 * The cure is the one partitioned solvers use for the same problem (Aitken's dynamic relaxation,
 * Irons & Tuck 1969; Kuttler & Wall 2008 for coupled fluid-structure solvers): the hold the queue
 * step uses moves towards the pass's value by a factor omega, and when the residual (pass value
 * minus used value) changes sign from one tick to the next, omega is the secant estimate
 * 1 / (1 - g) of the loop gain g. On a linear loop that lands on the fixed point in one step; the
 * fixed point (the steady state) is the same whatever omega is. Residuals of one sign (a callee
 * getting steadily slower, a fault that starts) and small ones are not damped: omega returns to 1.
 */
import type { State } from '../state';

/** Smallest relaxation factor: a loop gain down to -49 is still followed within a few ticks. */
const OMEGA_MIN = 0.02;
/** Residuals under this share of the hold time are noise, not an oscillation. */
const DEADBAND = 0.01;
/** Residuals of one sign this many ticks in a row: no oscillation, omega doubles back to 1. */
const SETTLED = 3;
/** Otherwise omega grows this much per tick without a sign change. */
const RECOVER = 1.1;

/**
 * The hold time node i's next queue step uses, given this pass's hold `hld`, of which the part
 * `dm` is relaxed (seconds per request; the whole hold in the engine). Updates the node's state.
 */
export function coupledHold(st: State, i: number, hld: number, dm: number): number {
  const used = st.dUsed[i]!;
  if (!(dm > 0) && !(used > 0)) return hld;
  const r = dm - used;
  const rp = st.dResid[i]!;
  let om = st.dOmega[i]!;
  const big = r > 0 ? r > DEADBAND * hld : -r > DEADBAND * hld;
  let run = st.dRun[i]!;
  if (big && r * rp < 0) {
    // Aitken: omega_n = omega_{n-1} r_{n-1} / (r_{n-1} - r_n), in (0, omega_{n-1}) on a sign change.
    om = (om * rp) / (rp - r);
    if (om < OMEGA_MIN) om = OMEGA_MIN;
    run = 0;
  } else {
    // A run of SETTLED ticks of one sign is a callee really moving: follow it at full speed
    // again. Shorter runs are half-periods of a cycle of up to 2 x SETTLED ticks: recover slowly.
    if (!big || run >= SETTLED) om = om * 2 < 1 ? om * 2 : 1;
    else om = om * RECOVER < 1 ? om * RECOVER : 1;
    if (run < 255) run++;
  }
  st.dRun[i] = run;
  const next = used + om * r;
  st.dUsed[i] = next;
  st.dResid[i] = r;
  st.dOmega[i] = om;
  const h = hld + (next - dm);
  return h > 0 ? h : hld;
}
