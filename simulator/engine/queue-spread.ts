/**
 * The spread of a queue's number in system N, for the two-moment transient (queue-state.ts). After
 * a change in load a real queue's distribution lags its mean: rising, fewer servers sit idle than
 * the stationary distribution with the same mean says, so it drains faster and the queue builds
 * more slowly. The state carries Var[N] beside E[N]; these are the figures of a distribution with a
 * given mean and variance that the state needs: busy servers E[min(N, c)], Cov(N, min(N, c)) and
 * P[N >= c].
 *
 * The family is Katz's (P(k+1) / P(k) = (alpha + beta k) / (k + 1)): Poisson, negative binomial or
 * binomial by the variance; with c = 1 its negative binomial holds the stationary geometric. Only
 * its sums below c are needed (O(c)). Above KATZ_MAX servers, or where P(0) underflows, a normal
 * with a continuity correction stands in (no sum). The queue uses the family only as a difference
 * (at the state's variance minus at the stationary variance), so its shape errors cancel in steady
 * state.
 *
 * Doubles pass through `sp` (a double argument or result would be boxed).
 */

/** Slots of `sp`: in SM, SV; out SB, SCOV, SC. */
export const SM = 0; // mean
export const SV = 1; // variance
export const SB = 2; // E[min(N, c)]
export const SCOV = 3; // Cov(N, min(N, c))
export const SC = 4; // P[N >= c]
export const sp = new Float64Array(5);

/** Above this many servers the normal stands in for the Katz sums. */
const KATZ_MAX = 64;

/** sp[SB], sp[SCOV], sp[SC] for mean sp[SM] > 0 and variance sp[SV] > 0, with c servers. */
export function spreadFigures(c: number): void {
  const m = sp[SM]!;
  const v = sp[SV]!;
  if (c <= KATZ_MAX) {
    const beta = 1 - m / v;
    const alpha = (m * m) / v;
    let p = Math.abs(beta) < 1e-9 ? Math.exp(-alpha) : Math.exp((alpha / beta) * Math.log(1 - beta));
    if (p > 1e-280) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let k = 0; k < c; k++) {
        s0 += p;
        s1 += k * p;
        s2 += k * k * p;
        const r = (alpha + beta * k) / (k + 1);
        p = r > 0 ? p * r : 0;
      }
      const busy = s1 + c * (1 - s0);
      sp[SB] = busy;
      sp[SCOV] = s2 + c * (m - s1) - m * busy;
      sp[SC] = 1 - s0;
      return;
    }
  }
  // Normal N(m, v), servers at c - 1/2: E[min(X, c)] = m - E[(X - c)+], Cov(X, min(X, c)) = v P[X < c].
  const s = Math.sqrt(v);
  const d = (m - c + 0.5) / s;
  const upper = 0.5 * erfc(-d * Math.SQRT1_2); // P[X > c - 1/2]
  const density = Math.exp(-0.5 * d * d) * 0.3989422804014327;
  sp[SB] = m - (m - c + 0.5) * upper - s * density;
  sp[SCOV] = v * (1 - upper);
  sp[SC] = upper;
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
