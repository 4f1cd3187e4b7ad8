/**
 * Closed forms the simulator is checked against (and, through des/cases.ts, the engine too). Written
 * independently of simulator/engine/queueing.ts on purpose: an oracle that shares code with the
 * thing it checks would share its bugs. Time unit: seconds; mu is per thread.
 */

/** Erlang B by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Probability an arrival waits in M/M/c with offered load a = lambda/mu (Erlang C); 1 if a >= c. */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Smallest t in [lo, hi] with f(t) <= 0 for a decreasing f (bisection; robust, 1e-12 relative). */
function invertDecreasing(f: (t: number) => number, lo: number, hi: number): number {
  while (f(hi) > 0) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface MMc {
  c: number;
  lambda: number;
  mu: number;
  rho: number;
  /** P[wait > 0]. */
  pWait: number;
  meanWait: number;
  meanResponse: number;
  /** Mean number waiting (Lq) and in system (L). */
  lq: number;
  l: number;
  /** P[Wq > t] = C e^{-(c mu - lambda) t}. */
  waitSurvival(t: number): number;
  waitQuantile(q: number): number;
  /** Sojourn T = Wq + S: P[T > t] is a mixture of Exp(mu) (no wait) and Wq + S (waited). */
  responseSurvival(t: number): number;
  responseQuantile(q: number): number;
}

/** Steady-state M/M/c (FIFO). Requires lambda < c mu. */
export function mmc(c: number, lambda: number, mu: number): MMc {
  const a = lambda / mu;
  if (!(a < c)) throw new Error(`mmc: unstable (lambda ${lambda} >= c mu ${c * mu})`);
  const pWait = erlangC(c, a);
  const theta = c * mu - lambda;
  const meanWait = pWait / theta;
  const waitSurvival = (t: number): number => (t < 0 ? 1 : pWait * Math.exp(-theta * t));
  const responseSurvival = (t: number): number => {
    if (t <= 0) return 1;
    const em = Math.exp(-mu * t);
    // Waited customers: W ~ Exp(theta) plus S ~ Exp(mu); hypoexponential (or Erlang-2 if theta = mu).
    const g =
      Math.abs(theta - mu) < 1e-12 * mu
        ? (1 + mu * t) * em
        : (theta * em - mu * Math.exp(-theta * t)) / (theta - mu);
    return (1 - pWait) * em + pWait * g;
  };
  return {
    c,
    lambda,
    mu,
    rho: a / c,
    pWait,
    meanWait,
    meanResponse: meanWait + 1 / mu,
    lq: lambda * meanWait,
    l: lambda * (meanWait + 1 / mu),
    waitSurvival,
    waitQuantile: (q) => (pWait <= 1 - q ? 0 : Math.log(pWait / (1 - q)) / theta),
    responseSurvival,
    responseQuantile: (q) => invertDecreasing((t) => responseSurvival(t) - (1 - q), 0, 1 / mu),
  };
}

export interface MMcK {
  /** Stationary P[N = n], n = 0..K. */
  p: Float64Array;
  /** P[arrival rejected] = p_K (PASTA). */
  blocking: number;
  lambdaAdmitted: number;
  l: number;
  lq: number;
  /** Mean wait / response of admitted requests, by Little's law on admitted traffic. */
  meanWait: number;
  meanResponse: number;
}

/** Steady-state M/M/c/K: K in system at most (in service + waiting). Any load, K finite. */
export function mmck(c: number, K: number, lambda: number, mu: number): MMcK {
  if (!(K >= c)) throw new Error('mmck: K must be >= c');
  const a = lambda / mu;
  // Unnormalised weights by their ratios p_n / p_{n-1} = a / min(n, c), rescaled to avoid overflow.
  const p = new Float64Array(K + 1);
  p[0] = 1;
  let total = 1;
  for (let n = 1; n <= K; n++) {
    p[n] = (p[n - 1]! * a) / Math.min(n, c);
    total += p[n]!;
    if (total > 1e250) {
      for (let i = 0; i <= n; i++) p[i]! /= total;
      total = 1;
    }
  }
  let l = 0;
  let lq = 0;
  for (let n = 0; n <= K; n++) {
    p[n]! /= total;
    l += n * p[n]!;
    lq += Math.max(0, n - c) * p[n]!;
  }
  const blocking = p[K]!;
  const lambdaAdmitted = lambda * (1 - blocking);
  return {
    p,
    blocking,
    lambdaAdmitted,
    l,
    lq,
    meanWait: lq / lambdaAdmitted,
    meanResponse: l / lambdaAdmitted,
  };
}

/**
 * Transient distribution of an M/M/1/K queue: P[N(t) = n] from N(0) ~ p0 (default empty), by RK4 on
 * the Kolmogorov forward equations. The generator's spectral radius is at most 2(lambda+mu), so a step
 * of 0.1/(lambda+mu) keeps RK4 stable and its error below 1e-8 on the slow modes that matter.
 */
export function mm1kTransient(
  K: number,
  lambda: number,
  mu: number,
  t: number,
  p0?: Float64Array,
): Float64Array {
  let p = p0 ? Float64Array.from(p0) : new Float64Array(K + 1);
  let next = new Float64Array(K + 1);
  if (!p0) p[0] = 1;
  const deriv = (x: Float64Array, out: Float64Array): void => {
    for (let n = 0; n <= K; n++) {
      const inflow = (n > 0 ? lambda * x[n - 1]! : 0) + (n < K ? mu * x[n + 1]! : 0);
      const outflow = ((n < K ? lambda : 0) + (n > 0 ? mu : 0)) * x[n]!;
      out[n] = inflow - outflow;
    }
  };
  const steps = Math.max(1, Math.ceil((t * (lambda + mu)) / 0.1));
  const h = t / steps;
  const k1 = new Float64Array(K + 1);
  const k2 = new Float64Array(K + 1);
  const k3 = new Float64Array(K + 1);
  const k4 = new Float64Array(K + 1);
  const tmp = new Float64Array(K + 1);
  for (let s = 0; s < steps; s++) {
    deriv(p, k1);
    for (let n = 0; n <= K; n++) tmp[n] = p[n]! + (h / 2) * k1[n]!;
    deriv(tmp, k2);
    for (let n = 0; n <= K; n++) tmp[n] = p[n]! + (h / 2) * k2[n]!;
    deriv(tmp, k3);
    for (let n = 0; n <= K; n++) tmp[n] = p[n]! + h * k3[n]!;
    deriv(tmp, k4);
    for (let n = 0; n <= K; n++) next[n] = p[n]! + (h / 6) * (k1[n]! + 2 * k2[n]! + 2 * k3[n]! + k4[n]!);
    [p, next] = [next, p];
  }
  return p;
}

/**
 * Mean response of requests ARRIVING at time t to an M/M/1/K queue started empty, among those
 * admitted: an arrival seeing n < K (PASTA) leaves after n + 1 exponential services.
 */
export function mm1kArrivalResponse(K: number, lambda: number, mu: number, t: number): number {
  const p = mm1kTransient(K, lambda, mu, t);
  let num = 0;
  for (let n = 0; n < K; n++) num += (p[n]! * (n + 1)) / mu;
  return num / (1 - p[K]!);
}

/**
 * Sum of independent exponentials with the given rates (repeats allowed): the latency of a chain of
 * synchronous calls at negligible load. Survival by uniformization of the phase-type chain, which,
 * unlike the textbook partial-fraction formula, needs no distinct rates and never cancels.
 */
export function hypoexponential(rates: readonly number[]): {
  mean: number;
  survival(t: number): number;
  quantile(q: number): number;
} {
  const m = rates.length;
  const big = Math.max(...rates);
  const survival = (t: number): number => {
    if (t <= 0) return 1;
    // Phase i moves on with probability rates[i]/big per uniformized jump, else stays.
    let v = new Float64Array(m);
    v[0] = 1;
    const lt = big * t;
    let logw = -lt; // log Poisson(0; lt)
    let surv = 0;
    let mass = 0;
    for (let k = 0; k < 100000; k++) {
      let alive = 0;
      for (let i = 0; i < m; i++) alive += v[i]!;
      const w = Math.exp(logw);
      surv += w * alive;
      mass += w;
      if ((k > lt && 1 - mass < 1e-14) || alive < 1e-300) break;
      const next = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const move = rates[i]! / big;
        next[i]! += v[i]! * (1 - move);
        if (i + 1 < m) next[i + 1]! += v[i]! * move;
      }
      v = next;
      logw += Math.log(lt) - Math.log(k + 1);
    }
    return Math.min(1, surv);
  };
  const mean = rates.reduce((s, r) => s + 1 / r, 0);
  return { mean, survival, quantile: (q) => invertDecreasing((t) => survival(t) - (1 - q), 0, mean) };
}

/**
 * Exact mean wait of a request ARRIVING at time t to an M/M/c queue (unbounded, truncated at
 * `nmax` in system), from N(0) ~ p0: E[(N(t) - c + 1)+] / (c mu) (FIFO; PASTA), sampled every
 * `every` seconds over [0, duration], by RK4 on the Kolmogorov forward equations (step at most
 * 0.1 / (lambda + c mu), as mm1kTransient). The noise-free reference for step experiments.
 */
export function mmcTransientWait(
  c: number,
  p0: Float64Array,
  lambda: number,
  mu: number,
  duration: number,
  every: number,
): Float64Array {
  const K = p0.length - 1;
  const p = Float64Array.from(p0);
  const k1 = new Float64Array(K + 1);
  const k2 = new Float64Array(K + 1);
  const k3 = new Float64Array(K + 1);
  const k4 = new Float64Array(K + 1);
  const tmp = new Float64Array(K + 1);
  const deriv = (x: Float64Array, out: Float64Array): void => {
    for (let n = 0; n <= K; n++) {
      const inflow = (n > 0 ? lambda * x[n - 1]! : 0) + (n < K ? mu * Math.min(n + 1, c) * x[n + 1]! : 0);
      out[n] = inflow - ((n < K ? lambda : 0) + mu * Math.min(n, c)) * x[n]!;
    }
  };
  const sub = Math.ceil((every * (lambda + c * mu)) / 0.1);
  const h = every / sub;
  const nOut = Math.round(duration / every);
  const out = new Float64Array(nOut + 1);
  for (let o = 0; o <= nOut; o++) {
    let w = 0;
    for (let n = c; n < K; n++) w += p[n]! * (n - c + 1);
    out[o] = w / (c * mu);
    for (let s = 0; s < sub && o < nOut; s++) {
      deriv(p, k1);
      for (let n = 0; n <= K; n++) tmp[n] = p[n]! + (h / 2) * k1[n]!;
      deriv(tmp, k2);
      for (let n = 0; n <= K; n++) tmp[n] = p[n]! + (h / 2) * k2[n]!;
      deriv(tmp, k3);
      for (let n = 0; n <= K; n++) tmp[n] = p[n]! + h * k3[n]!;
      deriv(tmp, k4);
      for (let n = 0; n <= K; n++) p[n] = p[n]! + (h / 6) * (k1[n]! + 2 * k2[n]! + 2 * k3[n]! + k4[n]!);
    }
  }
  return out;
}

/** Stationary M/M/c distribution on 0..nmax (truncated, renormalised); rho = 0 gives the empty queue. */
export function mmcStationary(c: number, lambda: number, mu: number, nmax: number): Float64Array {
  const p = new Float64Array(nmax + 1);
  p[0] = 1;
  for (let n = 1; n <= nmax; n++) p[n] = (p[n - 1]! * lambda) / (mu * Math.min(n, c));
  let s = 0;
  for (let n = 0; n <= nmax; n++) s += p[n]!;
  for (let n = 0; n <= nmax; n++) p[n] = p[n]! / s;
  return p;
}
