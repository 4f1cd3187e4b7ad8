/**
 * Go's math functions where they round differently from JavaScript's: Prometheus computes with
 * Go's, and its results are compared bit for bit (promtool 2.42 compares exactly). Ports of
 * math.Frexp, Ldexp, Log2, Log10 and Pow from the Go standard library (BSD licence).
 */

const view = new DataView(new ArrayBuffer(8));

function bits(f: number): bigint {
  view.setFloat64(0, f);
  return view.getBigUint64(0);
}

function fromBits(b: bigint): number {
  view.setBigUint64(0, b);
  return view.getFloat64(0);
}

const SMALLEST_NORMAL = 2.2250738585072014e-308;
const MASK = 0x7ffn;
const SHIFT = 52n;
const BIAS = 1023;

function isInf(v: number): boolean {
  return v === Infinity || v === -Infinity;
}

/** A subnormal scaled up into the normal range, with the exponent that undoes it. */
function normalize(x: number): [number, number] {
  return Math.abs(x) < SMALLEST_NORMAL ? [x * 2 ** 52, -52] : [x, 0];
}

/** math.Frexp: x = frac * 2^exp with |frac| in [0.5, 1). */
export function frexp(f: number): [number, number] {
  if (f === 0 || isInf(f) || Number.isNaN(f)) return [f, 0];
  const [n, e] = normalize(f);
  let x = bits(n);
  const exp = e + Number((x >> SHIFT) & MASK) - BIAS + 1;
  x &= ~(MASK << SHIFT);
  x |= BigInt(-1 + BIAS) << SHIFT;
  return [fromBits(x), exp];
}

/** math.Ldexp: frac * 2^exp. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || isInf(frac) || Number.isNaN(frac)) return frac;
  const [n, e] = normalize(frac);
  exp += e;
  let x = bits(n);
  exp += Number((x >> SHIFT) & MASK) - BIAS;
  if (exp < -1075) return frac < 0 ? -0 : 0;
  if (exp > 1023) return frac < 0 ? -Infinity : Infinity;
  let m = 1;
  if (exp < -1022) {
    exp += 53;
    m = 1 / 2 ** 53;
  }
  x &= ~(MASK << SHIFT);
  x |= BigInt(exp + BIAS) << SHIFT;
  return m * fromBits(x);
}

export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  if (frac === 0.5) return exp - 1;
  return goLog(frac) * Math.LOG2E + exp;
}

export function goLog10(x: number): number {
  return goLog(x) * Math.LOG10E;
}

function isOddInt(x: number): boolean {
  if (Math.abs(x) >= 2 ** 53) return false;
  return Number.isInteger(x) && Math.abs(x) % 2 === 1;
}

/** math.Pow: integer powers by repeated squaring, the fraction by Exp(y Log x). */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    const negZero = Object.is(x, -0);
    if (y < 0) return negZero && isOddInt(y) ? -Infinity : Infinity;
    return negZero && isOddInt(y) ? x : 0;
  }
  if (isInf(y)) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === (y === Infinity) ? 0 : Infinity;
  }
  if (isInf(x)) {
    if (x === -Infinity) return goPow(1 / x, -y);
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = goExp(yf * goLog(x));
  }
  let [x1, xe] = frexp(x);
  // yi < 2^63: walk its bits with BigInt, as Go's int64 loop does.
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** x = mantissa * 2^exponent exactly (x finite). */
function exact(x: number): [bigint, number] {
  const b = bits(x);
  const biased = Number((b >> SHIFT) & MASK);
  let m = b & ((1n << SHIFT) - 1n);
  if (biased !== 0) m |= 1n << SHIFT;
  const sign = b >> 63n === 1n ? -1n : 1n;
  return [sign * m, (biased === 0 ? 1 : biased) - BIAS - 52];
}

function bitLength(m: bigint): number {
  return (m < 0n ? -m : m).toString(2).length;
}

/**
 * a * b + c rounded once, as the x86 FMA instructions compute it: the exact value in BigInt,
 * cut to 62 bits with a sticky bit, then rounded to nearest-even by Number().
 */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c;
  if (!Number.isFinite(c)) return c; // the exact product is finite
  if (a === 0 || b === 0) return a * b + c;
  const [ma, ea] = exact(a);
  const [mb, eb] = exact(b);
  const [mc, ec] = exact(c);
  let m = ma * mb;
  let e = ea + eb;
  if (mc !== 0n) {
    if (ec >= e) m += mc << BigInt(ec - e);
    else {
      m = (m << BigInt(e - ec)) + mc;
      e = ec;
    }
  }
  if (m === 0n) return a * b + c;
  const excess = bitLength(m) - 62;
  if (excess > 0) {
    const negative = m < 0n;
    let abs = negative ? -m : m;
    const sticky = (abs & ((1n << BigInt(excess)) - 1n)) !== 0n ? 1n : 0n;
    abs = (abs >> BigInt(excess)) | sticky;
    m = negative ? -abs : abs;
    e += excess;
  }
  return Number(m) * 2 ** e;
}

const LOG2E = 1.4426950408889634;
// The assembly's constants as the doubles they round to (LN2U's low 21 bits are zero).
const LN2U = 0.693147180559663;
const LN2L = 2.8235290563031577e-13;
const EXP_OVERFLOW = 7.09782712893384e2;
const TAYLOR = [
  0.0000248015873015873, 0.0001984126984126984, 0.001388888888888889, 0.008333333333333333,
  0.041666666666666664, 0.16666666666666666, 0.5, 1.0,
];

/** CVTSD2SL: to the nearest integer, ties to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * math.Exp as Go runs it on amd64 with FMA (exp_amd64.s, Shibata's method; every x86-64 CPU
 * of the last decade has FMA): exp(x) = 2^k (1 + y)^16 with y from a Taylor series of
 * (x - k ln 2) / 16.
 */
export function goExp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > EXP_OVERFLOW) return Infinity;
  const k = roundHalfEven(x * LOG2E);
  let r = fma(-LN2U, k, x);
  r = fma(-LN2L, k, r);
  r *= 0.0625;
  let y = TAYLOR[0]!;
  for (let i = 1; i < TAYLOR.length; i++) y = fma(y, r, TAYLOR[i]!);
  y = r * y;
  for (let i = 0; i < 3; i++) y = y * (y + 2);
  y = fma(y + 2, y, 1);
  let e = k + 0x3ff;
  if (e <= 0) {
    // A subnormal result: scale in two steps, as the assembly does.
    if (e < -52) return 0;
    y *= fromBits(BigInt(e + 0x3fe) << SHIFT);
    e = 1;
  }
  if (e >= 0x7ff) return Infinity;
  return y * fromBits(BigInt(e) << SHIFT);
}

const LOG_L = [
  6.66666666666673513e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1,
  1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1,
];
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;

/** math.Log as Go runs it on amd64 (log_amd64.s: FreeBSD's e_log.c algorithm, its own operation order). */
export function goLog(x: number): number {
  if (x === 0) return -Infinity;
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === Infinity) return x;
  const b = bits(x);
  let f1 = fromBits((b & ((1n << SHIFT) - 1n)) | (0x3fen << SHIFT));
  let k = Number((b >> SHIFT) & MASK) - 0x3fe;
  if (f1 <= Math.SQRT1_2) {
    k -= 1;
    f1 *= 2;
  }
  const f = f1 - 1;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const [L1, L2, L3, L4, L5, L6, L7] = LOG_L as [number, number, number, number, number, number, number];
  const t1 = s2 * (((L7 * s4 + L5) * s4 + L3) * s4 + L1);
  const t2 = s4 * ((L6 * s4 + L4) * s4 + L2);
  const R = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}
