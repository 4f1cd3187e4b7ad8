/**
 * M/M/c queueing formulas (Erlang C). The engine's queues now come from the transient state in
 * queue-state.ts (its own Erlang B); of this file the capacity pass uses normalCdf (CFS
 * throttling), and erlangC / responseQuantile serve as the closed forms the tests check against
 * (the pass inlines the same response-quantile Newton).
 *
 * With c servers, arrival rate lambda, mean hold time s (mu = 1/s) and offered load a = lambda*s:
 *   Erlang B by recursion:  B(0) = 1,  B(k) = a B(k-1) / (k + a B(k-1))
 *   Erlang C (P[wait]):     C = c B / (c - a (1 - B))                      (a < c)
 *   mean wait:              Wq = C s / (c - a)
 *   wait tail:              P[Wq > t] = C exp(-theta t),  theta = c mu - lambda
 *   response T = Wq + S, S ~ Exp(mu):
 *     P[T > t] = (1 - C) e^{-mu t} + C (theta e^{-mu t} - mu e^{-theta t}) / (theta - mu)
 */

/** Above this many servers Erlang C uses a normal (Halfin-Whitt) approximation instead of the O(c) recursion. */
const EXACT_MAX_SERVERS = 256;

/** Probability that an arrival waits (Erlang C). `c` servers (>= 1), `a` offered load in Erlangs. */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  const n = Math.floor(c);
  if (n <= EXACT_MAX_SERVERS) {
    // 1/B(k) = 1 + (k/a) / B(k-1): one multiply-add per step, no division inside the loop.
    const invA = 1 / a;
    let invB = 1;
    for (let k = 1; k <= n; k++) {
      invB = 1 + k * invA * invB;
      if (invB > 1e300) return 0; // B underflows: nobody waits
    }
    const b = 1 / invB;
    return (n * b) / (n - a * (1 - b));
  }
  // Halfin-Whitt: beta = (1 - rho) sqrt(c); C ~ [1 + beta Phi(beta) / phi(beta)]^-1.
  const beta = (1 - a / c) * Math.sqrt(c);
  if (beta > 8) return 0;
  const phi = Math.exp(-0.5 * beta * beta) * 0.3989422804014327;
  return 1 / (1 + (beta * normalCdf(beta)) / phi);
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/**
 * q-quantile of T = W + S, where P[W > 0] = pw, W | W>0 ~ Exp(theta), S ~ Exp(1/s) (0 allowed:
 * T = W). Survival P[T > t] = (1 - pw) e^{-mu t} + pw g(t), g as in the header. Safeguarded
 * Newton on the survival function; 3-6 iterations in practice. The survival and its density share
 * their two exponentials, and nothing is called per iteration (a call would box the doubles).
 */
export function responseQuantile(q: number, pw: number, theta: number, s: number): number {
  const tail = 1 - q;
  if (pw <= 1e-9 || theta <= 0) {
    return s > 0 ? -s * Math.log(tail) : 0;
  }
  if (s <= 1e-12) return pw > tail ? Math.log(pw / tail) / theta : 0;
  const mu = 1 / s;
  const d = theta - mu;
  const equal = Math.abs(d) < 1e-9 * mu; // theta = mu: g(t) = (1 + mu t) e^{-mu t}
  // Bracket: T is at most as large as (quantile of W alone) + (quantile of S alone) at level tail/2.
  let lo = 0;
  let hi = -s * Math.log(tail / 2) + (pw > tail / 2 ? Math.log((2 * pw) / tail) / theta : 0);
  let t = Math.max(-s * Math.log(tail), pw > tail ? Math.log(pw / tail) / theta : 0);
  for (let i = 0; i < 40; i++) {
    const em = Math.exp(-mu * t);
    const et = equal ? 0 : Math.exp(-theta * t);
    const g = equal ? (1 + mu * t) * em : (theta * em - mu * et) / d;
    const f = (1 - pw) * em + pw * g - tail;
    if (f > 0) lo = t;
    else hi = t;
    if (Math.abs(f) < 1e-7 * tail) return t;
    // density = -dP/dt
    const gd = equal ? mu * mu * t * em : ((mu * theta) / d) * (em - et);
    const density = (1 - pw) * mu * em + pw * gd;
    let next = density > 0 ? t + f / density : (lo + hi) / 2;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (hi - lo < 1e-9 * (hi + 1e-12)) return next;
    t = next;
  }
  return t;
}
