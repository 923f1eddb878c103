import { gaussianLogDensity } from "../../math/gaussian-log-density.js";
import { invertPositiveDefinite } from "../../math/invert-positive-definite.js";

/** Smoothness weights λ (1 / spread² between neighbouring bands) and pulls κ toward the default tried. */
const SMOOTHNESS = [0.25, 1, 4, 16, 64, 256, 1024];
const PULL = [1, 4, 16, 64, 256];

/**
 * The lead-time bands' effects as an empirical-Bayes smoother: a Gaussian prior centred on the defaults, with
 * precision κ I + λ D (D the first-difference penalty between neighbouring bands: an effect changes gradually with
 * the lead time), and the bands' estimates as observations with their standard errors. κ and λ are those of a grid
 * that maximise the marginal likelihood of the estimates; the result is the posterior mean. A band without an
 * estimate borrows from its neighbours; a log that cannot tell an effect from the default keeps the default. @internal
 */
export function smoothBands(
  estimates: readonly number[],
  standardErrors: readonly number[],
  defaults: readonly number[],
): number[] {
  const n = defaults.length;
  const observed: number[] = [];
  for (let b = 0; b < n; b++) if (Number.isFinite(estimates[b]) && (standardErrors[b] as number) > 0) observed.push(b);
  if (observed.length === 0) return [...defaults];
  const bands: Bands = { estimates, standardErrors, defaults, observed };
  let best = { logLikelihood: Number.NEGATIVE_INFINITY, pull: 1, smoothness: 1 };
  for (const smoothness of SMOOTHNESS)
    for (const pull of PULL) {
      const logLikelihood = marginalLogLikelihood(bands, pull, smoothness);
      if (logLikelihood > best.logLikelihood) best = { logLikelihood, pull, smoothness };
    }
  return posteriorMean(bands, best.pull, best.smoothness);
}

/** The bands' estimates, their standard errors, the defaults, and which bands have an estimate. */
interface Bands {
  readonly estimates: readonly number[];
  readonly standardErrors: readonly number[];
  readonly defaults: readonly number[];
  readonly observed: readonly number[];
}

/** The prior precision κ I + λ D, row-major n × n. */
function priorPrecision(n: number, pull: number, smoothness: number): Float64Array {
  const q = new Float64Array(n * n);
  for (let b = 0; b < n; b++) {
    q[b * n + b] = pull + smoothness * ((b > 0 ? 1 : 0) + (b < n - 1 ? 1 : 0));
    if (b > 0) q[b * n + b - 1] = -smoothness;
    if (b < n - 1) q[b * n + b + 1] = -smoothness;
  }
  return q;
}

/** ln p(estimates | κ, λ): the observed bands' departures from the defaults ~ N(0, Q⁻¹ restricted + diag(se²)). */
function marginalLogLikelihood(bands: Bands, pull: number, smoothness: number): number {
  const { estimates, standardErrors, defaults, observed } = bands;
  const n = defaults.length;
  const covariance = invertPositiveDefinite(priorPrecision(n, pull, smoothness), n);
  if (covariance === undefined) return Number.NEGATIVE_INFINITY;
  const m = observed.length;
  const c = new Float64Array(m * m);
  const r = new Float64Array(m);
  observed.forEach((b, i) => {
    r[i] = (estimates[b] as number) - (defaults[b] as number);
    observed.forEach((other, j) => {
      c[i * m + j] = covariance[b * n + other] as number;
    });
    c[i * m + i] = (c[i * m + i] as number) + (standardErrors[b] as number) ** 2;
  });
  return gaussianLogDensity(c, r, m);
}

/** The posterior mean (Q + W)⁻¹ (Q d + W x), W the estimates' precisions. */
function posteriorMean(bands: Bands, pull: number, smoothness: number): number[] {
  const { estimates, standardErrors, defaults, observed } = bands;
  const n = defaults.length;
  const q = priorPrecision(n, pull, smoothness);
  const right = new Float64Array(n);
  for (let b = 0; b < n; b++)
    for (let k = 0; k < n; k++) right[b] = (right[b] as number) + (q[b * n + k] as number) * (defaults[k] as number);
  for (const b of observed) {
    const weight = 1 / (standardErrors[b] as number) ** 2;
    q[b * n + b] = (q[b * n + b] as number) + weight;
    right[b] = (right[b] as number) + weight * (estimates[b] as number);
  }
  const inverse = invertPositiveDefinite(q, n);
  if (inverse === undefined) return [...defaults];
  return Array.from({ length: n }, (_, b) => {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += (inverse[b * n + k] as number) * (right[k] as number);
    return sum;
  });
}
