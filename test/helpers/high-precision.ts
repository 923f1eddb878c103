// High-precision reference values derived independently of the code under test, with decimal.js at 60 digits.
import Decimal from "decimal.js";

export const HP = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
export const EULER_GAMMA = new HP("0.577215664901532860606512090082402431042159335939923598805767");
export const PI = new HP("3.14159265358979323846264338327950288419716939937510582097494");

export function factorial(n: number): Decimal {
  let result = new HP(1);
  for (let k = 2; k <= n; k++) result = result.times(k);
  return result;
}

/** ln Γ(n) for a positive integer n: ln (n − 1)!. */
export function logGammaInteger(n: number): number {
  return factorial(n - 1)
    .ln()
    .toNumber();
}

/** ln Γ(n + ½) = ln((2n)! √π / (4ⁿ n!)). */
export function logGammaHalfInteger(n: number): number {
  return factorial(2 * n)
    .times(PI.sqrt())
    .div(new HP(4).pow(n).times(factorial(n)))
    .ln()
    .toNumber();
}

/** ψ(n) = −γ + Σ_{k<n} 1/k. */
export function digammaInteger(n: number): number {
  let sum = EULER_GAMMA.neg();
  for (let k = 1; k < n; k++) sum = sum.plus(new HP(1).div(k));
  return sum.toNumber();
}

/** ψ(n + ½) = −γ − 2 ln 2 + Σ_{k=1..n} 2/(2k − 1). */
export function digammaHalfInteger(n: number): number {
  let sum = EULER_GAMMA.neg().minus(new HP(2).ln().times(2));
  for (let k = 1; k <= n; k++) sum = sum.plus(new HP(2).div(2 * k - 1));
  return sum.toNumber();
}

/** ₂F₁(a, b; c; z) by its series at 60 digits (for |z| < 1, moderate parameters). */
export function hypergeometricSeries(a: number, b: number, c: number, z: number, terms = 20000): Decimal {
  let term = new HP(1);
  let sum = new HP(1);
  const zz = new HP(z);
  for (let n = 0; n < terms; n++) {
    term = term
      .times(new HP(a).plus(n))
      .times(new HP(b).plus(n))
      .div(new HP(c).plus(n).times(n + 1))
      .times(zz);
    sum = sum.plus(term);
    if (term.abs().lt(sum.abs().times("1e-40"))) break;
  }
  return sum;
}

/** P(k, x) for integer k: 1 − e^{−x} Σ_{j<k} x^j / j!. Returns [P, Q]. */
export function erlangCdf(k: number, x: number): [number, number] {
  const xx = new HP(x);
  let term = new HP(1);
  let sum = new HP(1);
  for (let j = 1; j < k; j++) {
    term = term.times(xx).div(j);
    sum = sum.plus(term);
  }
  const q = xx.neg().exp().times(sum);
  return [new HP(1).minus(q).toNumber(), q.toNumber()];
}

export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}
