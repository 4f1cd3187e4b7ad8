/**
 * Transient queueing: the pointwise-stationary fluid approximation (PSFA) of an M/M/c/K node
 * (Tipper & Sundareshan 1990; Wang, Tipper et al. 1996).
 *
 * Each queueing node carries one state variable, L = mean number in system (in service + waiting).
 * It changes only by flow: dL/dt = lambda (1 - P_K) - throughput. Throughput, the queue and the
 * blocking probability are read off the stationary M/M/c/K distribution whose mean number in system
 * equals L; its utilisation x ("rho effective") is the state expressed as a load. In steady state
 * x is the offered load, so every steady-state figure is the closed form (Erlang C for an unbounded
 * queue); after a change, L and with it the wait move at the pace flow allows, so queues take time
 * to build and to drain, and latency is continuous in lambda across rho = 1.
 *
 * The step is implicit Euler (unconditionally stable: a node with 5 ms service and 1 s ticks must
 * not oscillate) solved by safeguarded Newton on x, warm-started from last tick's x, so a node in
 * steady state costs one evaluation.
 *
 * M/M/c/K with n servers, Q queue slots (K = n + Q), offered load a = n x, Erlang B(n, a) = B.
 * Normalising so the states 0..n sum to 1 (pi_n = B), the queue states are pi_{n+m} = B x^m:
 *   Z = 1 + B g0,  g0 = sum_{m=1..Q} x^m,  g1 = sum_{m=1..Q} m x^m
 *   busy = (a (1 - B) + n B g0) / Z,  Lq = B g1 / Z,  P_K = B x^Q / Z,  P[N >= n] = B (1 + g0) / Z
 * For x > 1 everything is divided by B x^Q (y = 1 / x) so nothing overflows.
 *
 * Doubles cross function boundaries through `io` (a call that passes or returns a double boxes it,
 * an allocation per call); only small integers are passed.
 */

import { erlangBLarge } from './erlang-b';

/** Slots of `io`. */
export const X = 0; // utilisation per server (state as a load)
export const QSLOTS = 1; // queue slots Q (Infinity: unbounded)
export const BUSY = 2; // mean busy servers
export const LQ = 3; // mean number waiting
export const PBLOCK = 4; // P[N = K]: arrivals rejected
export const PWAIT = 5; // P[N >= n]: arrivals that find every server busy (blocked ones included)
const A = 6; // offered load n x
const B = 7; // Erlang B
export const LAM = 8; // arrival rate offered to the queue
export const L0 = 9; // number in system at the start of the step
export const M1 = 10; // service rate per server
export const CAP = 11; // throughput cap (CPU), Infinity if none
export const DT = 12;
export const THR = 13; // throughput after the step
export const LNEW = 14; // number in system after the step
export const ADMIT = 15; // admitted rate after the step: LAM (1 - P_K)
export const io = new Float64Array(16);

/** Above this many servers the Erlang B recursion starts near the load instead of at 0. */
const FULL_RECURSION_MAX = 256;
/**
 * Above this many servers Erlang B comes from its integral form in constant time (erlang-b.ts);
 * up to it the recursion costs at most about 1,000 steps, and the built-ins (at most 10,000
 * servers) keep their bit-for-bit results.
 */
const RECURSION_MAX = 16_384;

/**
 * Erlang B(n, io[A]) into io[B] (n an integer): O(n) up to 256 servers, O(sqrt(a)) up to
 * 16,384, O(1) above.
 */
export function erlangB(n: number): void {
  const a = io[A]!;
  if (a <= 0 || n <= 0) {
    io[B] = n <= 0 ? 1 : 0;
    return;
  }
  if (n > RECURSION_MAX) {
    io[B] = erlangBLarge(n, a);
    return;
  }
  const invA = 1 / a;
  let k = 0;
  let invB = 1; // 1 / B(0)
  if (n > FULL_RECURSION_MAX) {
    // Below the load B(k) ~ 1 - k/a, and the recursion damps an error by k/a per step: starting
    // 8 sqrt(a) below min(n, a) forgets the guess by exp(-32).
    const start = Math.floor((n < a ? n : a) - 8 * Math.sqrt(a) - 10);
    if (start > 0) {
      k = start;
      invB = a / (a - start);
    }
  }
  for (k = k + 1; k <= n; k++) {
    invB = 1 + k * invA * invB;
    if (invB > 1e300) {
      io[B] = 0;
      return;
    }
  }
  io[B] = 1 / invB;
}

/**
 * Stationary M/M/c/K figures at utilisation io[X] with io[QSLOTS] queue slots and n servers:
 * io[BUSY], io[LQ], io[PBLOCK], io[PWAIT]. An unbounded queue needs io[X] < 1.
 */
export function stationary(n: number): void {
  const x = io[X]!;
  const q = io[QSLOTS]!;
  const a = n * x;
  io[A] = a;
  erlangB(n);
  const b = io[B]!;
  const carried = a * (1 - b); // busy servers over the states 0..n (normalised to sum 1)
  if (q <= 0 || b === 0) {
    // Erlang loss system, or nobody ever finds every server busy.
    io[BUSY] = carried;
    io[LQ] = 0;
    io[PBLOCK] = q <= 0 ? b : 0;
    io[PWAIT] = b;
    return;
  }
  const d = x - 1;
  if (q !== Infinity && Math.abs(d) * q < 1e-4) {
    // x = 1 (to 1e-4 relative): g0 = Q, g1 = Q (Q + 1) / 2; the general forms cancel catastrophically.
    const z = 1 + b * q;
    io[BUSY] = (carried + n * b * q) / z;
    io[LQ] = (b * q * (q + 1) * 0.5) / z;
    io[PBLOCK] = b / z;
    io[PWAIT] = (b * (1 + q)) / z;
  } else if (x < 1) {
    const xq = q === Infinity ? 0 : Math.pow(x, q);
    const om = 1 - x;
    const g0 = (x * (1 - xq)) / om;
    const g1 = q === Infinity ? x / (om * om) : (x * (1 - (q + 1) * xq + q * xq * x)) / (om * om);
    const z = 1 + b * g0;
    io[BUSY] = (carried + n * b * g0) / z;
    io[LQ] = (b * g1) / z;
    io[PBLOCK] = (b * xq) / z;
    io[PWAIT] = (b * (1 + g0)) / z;
  } else {
    // x > 1, Q finite: divide by B x^Q. h0 = sum_{j<Q} y^j = g0 / x^Q, Q h0 - h1 = g1 / x^Q.
    const y = 1 / x;
    const yq = Math.pow(y, q);
    const om = 1 - y;
    const h0 = (1 - yq) / om;
    const h1 = (y * (1 - q * Math.pow(y, q - 1) + (q - 1) * yq)) / (om * om);
    const s = Math.exp(-Math.log(b) - q * Math.log(x)); // 1 / (B x^Q), may underflow to 0
    const z = s + h0;
    io[BUSY] = (carried * s + n * h0) / z;
    io[LQ] = (q * h0 - h1) / z;
    io[PBLOCK] = 1 / z;
    io[PWAIT] = (yq + h0) / z;
  }
}

/** F(x) of the implicit step at io[X]: L(x) + dt thr(x) - L0 - dt lambda (1 - P_K(x)). */
function residual(n: number): number {
  stationary(n);
  const m1busy = io[M1]! * io[BUSY]!;
  const cap = io[CAP]!;
  const thr = m1busy < cap ? m1busy : cap;
  const dt = io[DT]!;
  return io[BUSY]! + io[LQ]! + dt * thr - io[L0]! - dt * io[LAM]! * (1 - io[PBLOCK]!);
}

/**
 * One implicit-Euler step of the node's state. In: io[LAM], io[L0], io[M1], io[CAP], io[DT],
 * io[QSLOTS], and io[X] = last step's utilisation as the warm start; n servers (>= 1).
 * Out: io[X], io[BUSY], io[LQ], io[PBLOCK], io[PWAIT], io[THR], io[LNEW], io[ADMIT].
 */
export function step(n: number): void {
  const lam = io[LAM]!;
  const l0 = io[L0]!;
  const dt = io[DT]!;
  const m1 = io[M1]!;
  const unbounded = io[QSLOTS]! === Infinity;
  if (lam === 0 && l0 === 0) {
    // Idle and nothing arrives: nothing to solve (most nodes of a large graph, most of the time).
    io[X] = 0;
    io[BUSY] = 0;
    io[LQ] = 0;
    io[PBLOCK] = 0;
    io[PWAIT] = 0;
    io[THR] = 0;
    io[LNEW] = 0;
    io[ADMIT] = 0;
    return;
  }
  // Light load: with 4 sqrt(n) idle servers to spare P[wait] < 1e-4; everyone is in service.
  if (n >= 2) {
    const l = (l0 + dt * lam) / (1 + dt * m1);
    if (n - l > 4 * Math.sqrt(n) && m1 * l <= io[CAP]!) {
      io[X] = l / n;
      io[BUSY] = l;
      io[LQ] = 0;
      io[PBLOCK] = 0;
      io[PWAIT] = 0;
      io[THR] = m1 * l;
      io[LNEW] = l;
      io[ADMIT] = lam;
      return;
    }
  }
  const scale = l0 + dt * lam + 1e-12;
  let lo = 0;
  let hi = unbounded ? 1 : Infinity;
  let x = io[X]!;
  if (!(x > 0)) x = Math.min(0.5, scale / (n + dt * m1 * n));
  if (unbounded && x >= 1) x = 0.5;
  let evaluated = false; // io holds the stationary figures at x
  let lastF = Infinity;
  for (let it = 0; it < 100; it++) {
    io[X] = x;
    const f = residual(n);
    if (Math.abs(f) <= 1e-10 * scale) {
      evaluated = true;
      break;
    }
    if (f > 0) hi = x;
    else lo = x;
    let next = NaN;
    // Newton while it converges (|F| at least halves); near x = 1 a long queue makes F so steep
    // that Newton crawls, and bisection takes over.
    if (Math.abs(f) < 0.5 * lastF) {
      const h = x * 1e-7 + 1e-12;
      const up = unbounded && x + h >= 1;
      io[X] = up ? x - h : x + h;
      const f2 = residual(n);
      const slope = up ? (f - f2) / h : (f2 - f) / h;
      if (slope > 0) next = x - f / slope;
    }
    lastF = Math.abs(f);
    if (!(next > lo && next < hi)) next = hi === Infinity ? Math.max(2 * x, x + 1) : 0.5 * (lo + hi);
    if (hi !== Infinity && hi - lo <= 1e-15 * hi) break;
    x = next;
  }
  io[X] = x;
  if (!evaluated) stationary(n);
  const m1busy = m1 * io[BUSY]!;
  const cap = io[CAP]!;
  io[THR] = m1busy < cap ? m1busy : cap;
  io[ADMIT] = lam * (1 - io[PBLOCK]!);
  // By flow, not G(x): requests are conserved exactly whatever the solver's tolerance.
  const l = l0 + dt * (io[ADMIT]! - io[THR]!);
  io[LNEW] = l > 0 ? l : 0;
}
