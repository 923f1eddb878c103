import { createRateTerms } from "../covariates/rate-terms.js";
import { logA0, logA0ByGaussLegendre } from "./log-likelihood.js";

/**
 * ln S and its derivatives in d, c and z for S = Σₙ (d)ₙ/(c)ₙ zⁿ (0 < d < c, 0 ≤ z < 1), the series of
 * `logA0`: term uₙ has ∂uₙ/∂d = uₙ Σ_{k<n} 1/(d+k), ∂uₙ/∂c = −uₙ Σ_{k<n} 1/(c+k), ∂uₙ/∂z = n uₙ/z. Writes
 * [∂ln S/∂d, ∂ln S/∂c, ∂ln S/∂z] into `out`; NaN if the series does not settle. @internal
 */
function logSeriesWithGradient(d: number, c: number, z: number, out: Float64Array): number {
  let term = 1;
  let sum = 1;
  let sumD = 0;
  let sumC = 0;
  let sumZ = 0;
  let harmonicD = 0;
  let harmonicC = 0;
  for (let n = 0; n < 10_000_000; n++) {
    harmonicD += 1 / (d + n);
    harmonicC += 1 / (c + n);
    term *= ((d + n) / (c + n)) * z;
    sum += term;
    sumD += term * harmonicD;
    sumC -= term * harmonicC;
    sumZ += (n + 1) * term;
    if ((n + 1) * term <= 1e-17 * (1 - z) * sum && term * (harmonicD + harmonicC) <= 1e-17 * (1 - z) * sum) {
      out[0] = sumD / sum;
      out[1] = sumC / sum;
      out[2] = z > 0 ? sumZ / (z * sum) : d / c; // at z = 0 only the first term's slope d/c remains
      return Math.log(sum);
    }
  }
  return Number.NaN;
}

const seriesGradient = new Float64Array(3);

/**
 * ln F(t) of Fader & Hardie's A₀ = F(t_x) − F(T) (see `logA0`) and its gradient in (r, s, α, β), for the branch
 * where the series converges quickly (z ≤ 0.95). @internal
 */
function logFWithGradient(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  out: Float64Array,
): number {
  const alphaLarger = alpha >= beta;
  const larger = alphaLarger ? alpha : beta;
  const smaller = alphaLarger ? beta : alpha;
  const second = alphaLarger ? s + 1 : r + x;
  const shape = r + s + x;
  const z = (larger - smaller) / (larger + t);
  const logLarger = Math.log(larger + t);
  const logSmaller = Math.log(smaller + t);
  const logS = logSeriesWithGradient(shape + 1 - second, shape + 1, z, seriesGradient);
  const dd = seriesGradient[0] as number;
  const dc = seriesGradient[1] as number;
  const dz = seriesGradient[2] as number;
  // ln F = (1 − second)(ln(smaller + t) − ln(larger + t)) + ln S(shape + 1 − second, shape + 1, z) − shape ln(larger + t)
  const dSecond = -(logSmaller - logLarger) - dd;
  const dShape = dd + dc - logLarger;
  const dLarger =
    -(1 - second) / (larger + t) + (dz * (smaller + t)) / ((larger + t) * (larger + t)) - shape / (larger + t);
  const dSmaller = (1 - second) / (smaller + t) - dz / (larger + t);
  // r and s through shape (both) and second (s when α ≥ β, r otherwise).
  out[0] = dShape + (alphaLarger ? 0 : dSecond);
  out[1] = alphaLarger ? dLarger : dSmaller;
  out[2] = dShape + (alphaLarger ? dSecond : 0);
  out[3] = alphaLarger ? dSmaller : dLarger;
  return (1 - second) * (logSmaller - logLarger) + logS - shape * logLarger;
}

const atTxGradient = new Float64Array(4);
const atTGradient = new Float64Array(4);

/**
 * ln F(0) and its gradient for the last (r, α, s, β, x) asked: the same for every customer without repeat purchases
 * (x = t_x = 0), so a pass over a customer base computes them once.
 */
const atZero = { r: Number.NaN, alpha: Number.NaN, s: Number.NaN, beta: Number.NaN, x: Number.NaN, value: 0 };
const atZeroGradient = new Float64Array(4);

/** ln F(t_x) with its gradient into {@link atTxGradient}, from {@link atZero} when t_x = 0 and asked last. */
function logFAtRecency(r: number, alpha: number, s: number, beta: number, x: number, tx: number): number {
  if (tx !== 0) return logFWithGradient(r, alpha, s, beta, x, tx, atTxGradient);
  const memo = atZero;
  if (memo.r !== r || memo.alpha !== alpha || memo.s !== s || memo.beta !== beta || memo.x !== x) {
    memo.value = logFWithGradient(r, alpha, s, beta, x, 0, atZeroGradient);
    memo.r = r;
    memo.alpha = alpha;
    memo.s = s;
    memo.beta = beta;
    memo.x = x;
  }
  atTxGradient.set(atZeroGradient);
  return memo.value;
}

/**
 * ln A₀ with its gradient in the natural (r, α, s, β) written into `out`, in one pass over the series where it
 * applies; elsewhere (t_x near T, or |α − β| large against min(α, β) + t_x, where `logA0` integrates) the α and β
 * derivatives come from the integrals of the same family that they are (∂I/∂α = −(r+x) I|ₓ₊₁, ∂I/∂β = −(s+1) I|ₛ₊₁
 * with A₀ = (r+s+x) I) and the r and s derivatives from central differences. @internal
 */
export function logA0WithGradient(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  out: Float64Array,
): number {
  const larger = Math.max(alpha, beta);
  const difference = larger - Math.min(alpha, beta);
  if (difference / (larger + tx) <= 0.95) {
    const atTx = logFAtRecency(r, alpha, s, beta, x, tx);
    const atT = logFWithGradient(r, alpha, s, beta, x, T, atTGradient);
    if (atTx - atT > 1e-6) {
      const q = Math.exp(atT - atTx);
      for (let k = 0; k < 4; k++) out[k] = ((atTxGradient[k] as number) - q * (atTGradient[k] as number)) / (1 - q);
      return atTx + Math.log(-Math.expm1(atT - atTx));
    }
  }
  const quadrature = logA0ByGaussLegendre(r, alpha, s, beta, x, tx, T, out);
  if (quadrature !== undefined) return quadrature;
  const shape = r + s + x;
  const value = logA0(r, alpha, s, beta, x, tx, T);
  const logI = value - Math.log(shape);
  const h = 1e-5;
  const logIAt = (rr: number, ss: number): number => logA0(rr, alpha, ss, beta, x, tx, T) - Math.log(rr + ss + x);
  out[0] = 1 / shape + (logIAt(r * Math.exp(h), s) - logIAt(r * Math.exp(-h), s)) / (2 * h * r);
  out[1] = -(r + x) * Math.exp(logA0(r, alpha, s, beta, x + 1, tx, T) - Math.log(shape + 1) - logI);
  out[2] = 1 / shape + (logIAt(r, s * Math.exp(h)) - logIAt(r, s * Math.exp(-h))) / (2 * h * s);
  out[3] = -(s + 1) * Math.exp(logA0(r, alpha, s + 1, beta, x, tx, T) - Math.log(shape + 1) - logI);
  return value;
}

const a0Gradient = new Float64Array(4);

/**
 * Builds one customer's Pareto/NBD log-likelihood ℓ(r, α, s, β | x, t_x, T) from log-parameters, with its gradient
 * in them (for covariate fits, where α and β differ by customer): ℓ = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β +
 * ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A₀] (Fader & Hardie 2005 note, eq. 22). The terms in r and x alone are
 * cached per frequency while r stays the same (r has no covariates). NaN where the parameters are impossible.
 * @internal
 */
export function createParetoNbdRowLogLikelihood() {
  const terms = createRateTerms();
  return (logTheta: ArrayLike<number>, x: number, tx: number, T: number, gradient?: Float64Array): number => {
    const r = Math.exp(logTheta[0] as number);
    const alpha = Math.exp(logTheta[1] as number);
    const s = Math.exp(logTheta[2] as number);
    const beta = Math.exp(logTheta[3] as number);
    if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !Number.isFinite(r + alpha + s + beta)) return Number.NaN;
    const ratio = terms.logGammaRatio(r, x);
    const logAlphaT = Math.log(alpha + T);
    const logBetaT = Math.log(beta + T);
    const alive = -(r + x) * logAlphaT - s * logBetaT;
    const shape = r + s + x;
    const logA =
      tx === T
        ? Number.NEGATIVE_INFINITY
        : gradient
          ? logA0WithGradient(r, alpha, s, beta, x, tx, T, a0Gradient)
          : logA0(r, alpha, s, beta, x, tx, T);
    const dead = Math.log(s / shape) + logA;
    const top = Math.max(alive, dead);
    const eAlive = Math.exp(alive - top);
    const eDead = Math.exp(dead - top);
    const value = ratio + r * (logTheta[1] as number) + s * (logTheta[3] as number) + top + Math.log(eAlive + eDead);
    if (gradient === undefined) return value;
    const digammaDifference = terms.digammaRatio(r, x);
    const wAlive = eAlive / (eAlive + eDead);
    const wDead = 1 - wAlive;
    let dr = digammaDifference + (logTheta[1] as number) - wAlive * logAlphaT;
    let dalpha = r / alpha - (wAlive * (r + x)) / (alpha + T);
    let ds = (logTheta[3] as number) - wAlive * logBetaT;
    let dbeta = s / beta - (wAlive * s) / (beta + T);
    if (wDead > 0) {
      // dead = ln s − ln(r+s+x) + ln A₀
      dr += wDead * (-1 / shape + (a0Gradient[0] as number));
      dalpha += wDead * (a0Gradient[1] as number);
      ds += wDead * (1 / s - 1 / shape + (a0Gradient[2] as number));
      dbeta += wDead * (a0Gradient[3] as number);
    }
    gradient[0] = r * dr;
    gradient[1] = alpha * dalpha;
    gradient[2] = s * ds;
    gradient[3] = beta * dbeta;
    return value;
  };
}
