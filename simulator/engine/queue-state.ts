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
import { SB, SC, SCOV, SM, sp, spreadFigures, SV } from './queue-spread';

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
export const V0 = 16; // in: Var[N] at the start of the step; 0: the stationary spread; < 0: one moment only
export const VNEW = 17; // out: Var[N] after the step (0: stationary)
export const QARR = 18; // out: the waiting count an arrival's wait follows (see step)
const VS = 19; // stationary Var[N] at io[X] (moments)
const COVS = 20; // stationary Cov(N, min(N, n)) at io[X]
const DB = 21; // busy servers beyond the stationary ones, from the spread (held over the step)
const VD0 = 22; // dV/dt at the start of a trapezoidal step (NaN: implicit Euler)
export const io = new Float64Array(23);

/** Above this many servers the Erlang B recursion starts near the load instead of at 0. */
const FULL_RECURSION_MAX = 256;
/**
 * Above this many servers Erlang B comes from its integral form in constant time (erlang-b.ts);
 * up to it the recursion costs at most about 1,000 steps, and the built-ins (at most 10,000
 * servers) keep their bit-for-bit results.
 */
const RECURSION_MAX = 16_384;

/**
 * Erlang B by (n, a), direct-mapped: a node in steady state asks for the same B several times a
 * tick (the spread's moments, then the implicit step's first residual at last tick's x) and again
 * the next tick. A hit returns the very double the recursion gave, so results stay bit-identical;
 * which entries are present changes only the speed.
 */
const MEMO_SLOTS = 2048;
const memoN = new Float64Array(MEMO_SLOTS); // 0: empty (n >= 1 is stored)
const memoA = new Float64Array(MEMO_SLOTS);
const memoB = new Float64Array(MEMO_SLOTS);
const aBits = new Float64Array(1);
const aWords = new Uint32Array(aBits.buffer);
/** Below this many servers the recursion is cheaper than the lookup. */
const MEMO_MIN_SERVERS = 8;

/** Empties the Erlang B memo (tests: the next answers are computed afresh). */
export function clearErlangBMemo(): void {
  memoN.fill(0);
}

/**
 * Erlang B(n, io[A]) into io[B] (n an integer): O(n) up to 256 servers, O(sqrt(a)) up to
 * 16,384, O(1) above; remembered by (n, a) from 8 servers up.
 */
export function erlangB(n: number): void {
  const a = io[A]!;
  if (a <= 0 || n <= 0) {
    io[B] = n <= 0 ? 1 : 0;
    return;
  }
  if (n < MEMO_MIN_SERVERS) {
    erlangBRecursion(n, a);
    return;
  }
  aBits[0] = a;
  const h = Math.imul(aWords[0]! ^ Math.imul(aWords[1]!, 0x9e3779b1) ^ n, 0x85ebca6b);
  const slot = (h ^ (h >>> 16)) & (MEMO_SLOTS - 1);
  if (memoN[slot] === n && memoA[slot] === a) {
    io[B] = memoB[slot]!;
    return;
  }
  if (n > RECURSION_MAX) io[B] = erlangBLarge(n, a);
  else erlangBRecursion(n, a);
  memoN[slot] = n;
  memoA[slot] = a;
  memoB[slot] = io[B]!;
}

/** The recursion 1/B(k) = 1 + k/a 1/B(k-1) into io[B], for 0 < a and 1 <= n <= RECURSION_MAX. */
function erlangBRecursion(n: number, a: number): void {
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
  const m1busy = io[M1]! * spreadBusy(n);
  const cap = io[CAP]!;
  const thr = m1busy < cap ? m1busy : cap;
  const dt = io[DT]!;
  return io[BUSY]! + io[LQ]! + dt * thr - io[L0]! - dt * io[LAM]! * (1 - io[PBLOCK]!);
}

/** Busy servers at io[X] with the spread's correction io[DB], within [0, min(n, L)]. */
function spreadBusy(n: number): number {
  const l = io[BUSY]! + io[LQ]!;
  const top = n < l ? n : l;
  const b = io[BUSY]! + io[DB]!;
  return b < 0 ? 0 : b > top ? top : b;
}

/**
 * Where the spread is carried: below saturation with the queue limit out of reach (x^Q < e^-30),
 * so the unbounded queue's moments hold. Elsewhere (a full or nearly full bounded queue, a CPU
 * bound) the state is the mean alone.
 */
function spreadApplies(q: number): boolean {
  const x = io[X]!;
  return x > 0 && x < 1 && (q === Infinity || q * Math.log(x) < -30);
}

/**
 * io[VS], io[COVS]: Var[N] and Cov(N, min(N, n)) of the stationary M/M/c at io[X] (after
 * stationary(n), which leaves io[A] and io[B]). States 0..n sum to 1 (pi_n = B, pi_(n-1) = B n / a),
 * the queue states are B x^j: sum_(k<=n) k^2 pi_k = a^2 (1 - B - B n / a) + a (1 - B), and with
 * g_r = sum_j j^r x^j the tail adds B (n^2 g0 + 2 n g1 + g2) to E[N^2] and B (n^2 g0 + n g1) to
 * E[N min(N, n)].
 */
function moments(n: number): void {
  const x = io[X]!;
  const a = io[A]!;
  const b = io[B]!;
  const om = 1 - x;
  const g0 = x / om;
  const g1 = g0 / om;
  const g2 = (g1 * (1 + x)) / om;
  const z = 1 + b * g0;
  const carried = a * (1 - b);
  const head2 = a * a * (1 - b) - a * b * n + carried;
  const m = (carried + b * (n * g0 + g1)) / z;
  const busy = (carried + n * b * g0) / z;
  io[VS] = (head2 + b * (n * n * g0 + 2 * n * g1 + g2)) / z - m * m;
  io[COVS] = (head2 + b * (n * n * g0 + n * g1)) / z - m * busy;
}

/**
 * One implicit-Euler step of the node's state. In: io[LAM], io[L0], io[V0], io[M1], io[CAP],
 * io[DT], io[QSLOTS], and io[X] = last step's utilisation as the warm start; n servers (>= 1).
 * Out: io[X], io[BUSY], io[LQ], io[PBLOCK], io[PWAIT], io[THR], io[LNEW], io[ADMIT], io[VNEW],
 * io[QARR].
 *
 * Two moments: besides L = E[N] the state carries V = Var[N] (Var[N] is stationary when
 * io[V0] = 0). The busy servers, the queue and P[wait] are the stationary ones at mean L plus the
 * difference the spread makes, read off a two-parameter family (queue-spread.ts) at (L, V) minus
 * at (L, V_stationary(L)): zero in steady state, which stays Erlang C's exactly. V follows the
 * birth-death chain's exact second-moment equation
 *   dV/dt = lambda + mu E[min(N, n)] - 2 mu Cov(N, min(N, n)),
 * with the covariance the stationary one plus the family's difference, implicit in V (linearised)
 * so that a 5 ms service at 1 s ticks stays stable. The correction is held over the step (computed
 * at its start), so Newton costs no more than with one moment.
 *
 * io[QARR] is the waiting count that makes `QARR / throughput` the mean wait of a request ARRIVING
 * now, (Lq + P[wait]) / (n mu) in the unbounded queue (an arrival waits for the Lq ahead of it and
 * one departure among n busy servers), equal to Little's Lq / throughput in steady state but not
 * in a transient (at n = 1 it is exactly E[N] / mu); elsewhere it is Lq.
 */
export function step(n: number): void {
  const v0 = io[V0]!;
  const dt = io[DT]!;
  const stiff = io[M1]! * dt;
  if (v0 < 0 || stiff <= SUBSTEP_RATE || (io[LAM]! === 0 && io[L0]! === 0)) {
    stepOnce(n);
    return;
  }
  const k = Math.ceil(stiff / SUBSTEP_RATE);
  if (k > MAX_SUBSTEPS) {
    // Services shorter than dt / 16: their queue relaxes within a tick or two; the mean alone.
    io[V0] = -1;
    stepOnce(n);
    return;
  }
  const l0 = io[L0]!;
  const x0 = io[X]!;
  if (v0 === 0 && l0 > 0) {
    // At the stationary spread: one step tells whether it stays there (steady state: one step).
    stepOnce(n);
    if (io[VNEW]! === 0) return;
    io[L0] = l0;
    io[X] = x0;
    io[V0] = 0;
  }
  let admitted = 0;
  let served = 0;
  let wait = 0; // sum of the substeps' arrival waits QARR / busy
  io[DT] = dt / k;
  for (let j = 0; j < k; j++) {
    stepOnce(n);
    admitted += io[ADMIT]!;
    served += io[THR]!;
    if (io[BUSY]! > 0) wait += io[QARR]! / io[BUSY]!;
    io[L0] = io[LNEW]!;
    io[V0] = io[VNEW]!;
  }
  io[DT] = dt;
  io[L0] = l0;
  // Averages of k terms may round past their bound: never admit more than arrived.
  const adm = admitted / k;
  io[ADMIT] = adm < io[LAM]! ? adm : io[LAM]!;
  io[THR] = served > 0 ? served / k : 0;
  // The tick's arrivals see the substeps' waits on average.
  io[QARR] = (wait / k) * io[BUSY]!;
}

/** Within a tick the spread's correction is explicit: one substep per 4 / mu of service at most. */
const SUBSTEP_RATE = 1;
const MAX_SUBSTEPS = 16;
/**
 * The family reads a spread at most this many times the stationary one. After a long overload
 * Var[N] is the overload's (it diffuses at lambda + c mu); near the end of the drain the family
 * would put most of that mass at 0 and stall the drain (uncapped: t90 14% late at c = 4 against
 * the exact law; at 1.5: 1% early, 8% at c = 1).
 */
const SPREAD_MAX = 1.5;

function stepOnce(n: number): void {
  const lam = io[LAM]!;
  const l0 = io[L0]!;
  const dt = io[DT]!;
  const m1 = io[M1]!;
  const q = io[QSLOTS]!;
  const unbounded = q === Infinity;
  const v0 = io[V0]!;
  io[VNEW] = 0;
  io[DB] = 0;
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
    io[QARR] = 0;
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
      io[QARR] = 0;
      return;
    }
  }
  // The spread's correction at the start of the step, at last step's utilisation.
  let v = 0; // Var[N] at the start (0: not carried)
  let dCov = 0;
  let dC = 0;
  if (v0 >= 0 && l0 > 0 && spreadApplies(q)) {
    stationary(n);
    moments(n);
    const vs = io[VS]!;
    v = v0 > 0 ? v0 : vs;
    if (vs > 0 && Math.abs(v - vs) > 1e-9 * vs) {
      sp[SM] = l0;
      sp[SV] = v < SPREAD_MAX * vs ? v : SPREAD_MAX * vs;
      spreadFigures(n);
      const b1 = sp[SB]!;
      const cov1 = sp[SCOV]!;
      const c1 = sp[SC]!;
      sp[SV] = vs;
      spreadFigures(n);
      io[DB] = b1 - sp[SB]!;
      dCov = cov1 - sp[SCOV]!;
      dC = c1 - sp[SC]!;
    }
  }
  // Where the spread is carried the step is the trapezoidal rule (second order: implicit Euler's
  // lag at 0.1 s ticks is as large as the spread's effect): half the step's flow at its start,
  // half at its end, with the spread's correction at the end from a first pass (Heun).
  const trap = v > 0 && m1 * dt <= SUBSTEP_RATE;
  let net0 = 0;
  let adm0 = 0; // the admission rate at the start
  let w0 = 0; // the arrival wait at the start (x n mu)
  if (trap) {
    const busy0 = spreadBusy(n);
    const pw0 = io[PWAIT]! + dC;
    w0 = io[BUSY]! + io[LQ]! - busy0 + (pw0 < 0 ? 0 : pw0 > 1 ? 1 : pw0);
    const b0 = m1 * busy0;
    adm0 = lam * (1 - io[PBLOCK]!);
    net0 = adm0 - (b0 < io[CAP]! ? b0 : io[CAP]!);
    // io[COVS] is still the start's (moments above).
    io[VD0] = lam * (1 - io[PBLOCK]!) + b0 - 2 * m1 * (io[COVS]! + dCov);
  } else io[VD0] = NaN;
  const x0 = io[X]!;
  for (let pass = 0; ; pass++) {
    io[X] = x0;
    if (trap) {
      io[L0] = l0 + 0.5 * dt * net0;
      io[DT] = 0.5 * dt;
      solve(n, lam, l0 + 0.5 * dt * net0, 0.5 * dt, m1, unbounded);
      io[L0] = l0;
      io[DT] = dt;
    } else solve(n, lam, l0, dt, m1, unbounded);
    // The spread's busy servers (and the queue they take from), P[wait] with them.
    const busy = spreadBusy(n);
    io[LQ] = io[LQ]! + io[BUSY]! - busy;
    io[BUSY] = busy;
    const pw = io[PWAIT]! + dC;
    io[PWAIT] = pw < io[PBLOCK]! ? io[PBLOCK]! : pw > 1 ? 1 : pw;
    const m1busy = m1 * busy;
    const cap = io[CAP]!;
    io[THR] = m1busy < cap ? m1busy : cap;
    io[ADMIT] = lam * (1 - io[PBLOCK]!);
    // By flow, not G(x): requests are conserved exactly whatever the solver's tolerance.
    let net = trap ? 0.5 * (net0 + io[ADMIT]! - io[THR]!) : io[ADMIT]! - io[THR]!;
    let l = l0 + dt * net;
    if (!(l > 0)) {
      // The servers would finish more than the system holds: they finish what it holds.
      l = 0;
      net = -l0 / dt;
    }
    io[LNEW] = l;
    io[QARR] = io[LQ]!;
    const spread = v > 0 && m1busy <= cap && spreadApplies(q);
    if (spread) {
      spreadStep(n, v, dCov, l0);
      // Requests arriving during the step wait, on average, the mean of its ends' waits.
      if (trap && busy > 0) io[QARR] = 0.5 * ((w0 * busy) / n + io[QARR]!);
    }
    if (!trap || pass > 0 || !spread || !(io[VNEW]! > 0)) {
      // The step's mean rates: what was admitted and what left, so that L0 + dt (ADMIT - THR) is
      // LNEW exactly. (Admissions at the end's rate with the throughput as the remainder went
      // negative, and its clamp at 0 created requests, when blocking rose within a step.)
      const adm = trap ? 0.5 * (adm0 + io[ADMIT]!) : io[ADMIT]!;
      io[ADMIT] = adm;
      io[THR] = adm - net;
      return;
    }
    // Second pass: the correction at the end of the first pass's step.
    const vs = io[VS]!;
    sp[SM] = io[LNEW]!;
    sp[SV] = io[VNEW]! < SPREAD_MAX * vs ? io[VNEW]! : SPREAD_MAX * vs;
    spreadFigures(n);
    const b1 = sp[SB]!;
    const c1 = sp[SC]!;
    sp[SV] = vs;
    spreadFigures(n);
    io[DB] = b1 - sp[SB]!;
    dC = c1 - sp[SC]!;
  }
}

/** After solve and the correction: io[VNEW] (see step) and io[QARR]. */
function spreadStep(n: number, v: number, dCov: number, l0: number): void {
  const busy = io[BUSY]!;
  const lq = io[LQ]!;
  const pw = io[PWAIT]!;
  if (busy > 0) io[QARR] = ((lq + pw) * busy) / n;
  const m1 = io[M1]!;
  const dt = io[DT]!;
  const x = io[X]!;
  stationary(n); // at the new x, for its moments (io figures restored below)
  moments(n);
  io[BUSY] = busy;
  io[LQ] = lq;
  io[PWAIT] = pw;
  io[X] = x;
  const vs = io[VS]!;
  const drive = io[ADMIT]! + m1 * busy - 2 * m1 * io[COVS]!;
  if (io[DB]! === 0 && Math.abs(dt * drive) <= 1e-9 * vs) return; // stationary and staying so
  // d Cov / d V of the family at the start, for the implicit step.
  sp[SM] = l0;
  sp[SV] = v;
  spreadFigures(n);
  const cov = sp[SCOV]!;
  sp[SV] = v * 1.0001;
  spreadFigures(n);
  let g = (sp[SCOV]! - cov) / (v * 1e-4);
  if (!(g > 0)) g = 0;
  // Implicit Euler, or the trapezoidal rule with the start's rate io[VD0].
  const d0 = io[VD0]!;
  const next =
    d0 === d0
      ? (v + 0.5 * dt * (d0 + drive - 2 * m1 * dCov + 2 * m1 * g * v)) / (1 + dt * m1 * g)
      : (v + dt * (drive - 2 * m1 * dCov + 2 * m1 * g * v)) / (1 + 2 * dt * m1 * g);
  io[VNEW] = next > 1e-12 ? next : 1e-12;
}

/** The implicit step's Newton on x (see step); leaves io's stationary figures at the solution. */
function solve(n: number, lam: number, l0: number, dt: number, m1: number, unbounded: boolean): void {
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
}
