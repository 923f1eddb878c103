import { type Reporter, SILENT } from "../input/progress.js";
import { gradientHessian } from "../math/gradient-hessian.js";
import { invertPositiveDefinite } from "../math/invert-positive-definite.js";
import type { SummaryColumns } from "../schemas/summary-columns.js";
import { type LikelihoodProblem, maximizeLikelihood } from "./maximum-likelihood.js";

/** Patterns from which a fit starts on a subsample, and about how many the subsample keeps. */
const FEWEST_PATTERNS = 20_000;
const SAMPLE_PATTERNS = 5_000;
/** Relative step of the central differences of the subsample's gradient. */
const STEP = 1e-4;

/** Where a fit on many patterns starts: a subsample's estimates and curvature, and what finding them cost. */
export interface SubsampleStart {
  readonly initial: number[];
  readonly initialInverseHessian: Float64Array | undefined;
  readonly iterations: number;
  readonly evaluations: number;
}

/**
 * A start for a fit on many distinct patterns (at least 20,000): the maximum on a systematic subsample of about 5,000
 * of them (every k-th, weights scaled so that the total is the data's), and the inverse Hessian of −ℓ over the
 * log-parameters there (central differences of the analytic gradient), so the full data's optimiser starts near
 * the maximum with the curvature it would otherwise learn over a dozen costly passes. Undefined for fewer patterns,
 * a model without an analytic gradient or a subsample fit that does not converge; `initialInverseHessian` is
 * undefined when the subsample's information is not positive definite. Every parameter is free. Progress is
 * reported as the stage "subsample". @internal
 */
export function subsampleStart(
  columns: SummaryColumns,
  problemOn: (sample: SummaryColumns) => LikelihoodProblem,
  maxIterations: number | undefined,
  report: Reporter,
): SubsampleStart | undefined {
  const patterns = columns.frequency.length;
  if (patterns < FEWEST_PATTERNS) return undefined;
  const problem = problemOn(systematicSample(columns, Math.floor(patterns / SAMPLE_PATTERNS)));
  const withGradient = problem.logLikelihoodWithGradient;
  if (withGradient === undefined) return undefined;
  const options = { standardErrors: false, ...(maxIterations === undefined ? {} : { maxIterations }) };
  // its stages ("optimise", "done") are one stage of the whole fit
  const asOneStage: Reporter = report === SILENT ? SILENT : (_, fraction) => report("subsample", fraction);
  const fit = maximizeLikelihood<Record<string, number>>(problem, options, asOneStage);
  if (!fit.converged) return undefined;
  const initial = problem.names.map((name) => fit.params[name] as number);
  const hessian = logScaleHessian(withGradient, initial);
  return {
    initial,
    initialInverseHessian: invertPositiveDefinite(hessian, initial.length),
    iterations: fit.iterations,
    evaluations: fit.evaluations + 2 * initial.length,
  };
}

/** Every `every`-th pattern from the middle of the first stride on, weights scaled to the data's total. */
function systematicSample(columns: SummaryColumns, every: number): SummaryColumns {
  const { frequency, recency, T, weight } = columns;
  const size = Math.floor((frequency.length - 1 - Math.floor(every / 2)) / every) + 1;
  const sample = {
    frequency: new Float64Array(size),
    recency: new Float64Array(size),
    T: new Float64Array(size),
    weight: new Float64Array(size),
  };
  let total = 0;
  for (let index = 0; index < weight.length; index++) total += weight[index] as number;
  let kept = 0;
  for (let k = 0; k < size; k++) {
    const index = Math.floor(every / 2) + k * every;
    sample.frequency[k] = frequency[index] as number;
    sample.recency[k] = recency[index] as number;
    sample.T[k] = T[index] as number;
    sample.weight[k] = weight[index] as number;
    kept += weight[index] as number;
  }
  for (let k = 0; k < size; k++) sample.weight[k] = ((sample.weight[k] as number) * total) / kept;
  return sample;
}

/** The Hessian of −ℓ over ln θ at θ (row-major, symmetrised), from central differences of the analytic gradient. */
function logScaleHessian(
  withGradient: (params: Float64Array, gradient: Float64Array) => number,
  at: readonly number[],
): Float64Array {
  const natural = new Float64Array(at.length);
  const logGradient = (logPoint: Float64Array, out: Float64Array): void => {
    for (let j = 0; j < at.length; j++) natural[j] = Math.exp(logPoint[j] as number);
    withGradient(natural, out);
    for (let j = 0; j < at.length; j++) out[j] = -(out[j] as number) * (natural[j] as number); // ∂(−ℓ)/∂ln θⱼ
  };
  return gradientHessian(
    logGradient,
    at.map(Math.log),
    at.map((_, index) => index),
    () => STEP,
  );
}
