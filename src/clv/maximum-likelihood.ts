import { type InputIssue, InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { PROGRESS_OPTION_NAMES, type ProgressOptions, partOf, type Reporter, readProgress } from "../input/progress.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { invertPositiveDefinite } from "../math/invert-positive-definite.js";
import { minimizeLbfgs } from "../math/lbfgs.js";
import { numericHessian } from "../math/numeric-hessian.js";
import type { OptimizationResult } from "../math/optimization-result.js";

/** The result of fitting a model: a plain, JSON-serialisable record. */
export interface FitResult<Params> {
  /** Maximum-likelihood estimates, named as in the model's paper. */
  readonly params: Params;
  /** Log-likelihood at `params` (weighted sum over customers). */
  readonly logLikelihood: number;
  /**
   * Whether the fit reached estimates: the optimiser met its criterion at an interior maximum. False (with the reason
   * in `message` and `warnings`) when it did not, or when the maximum sits on the search bound, along a flat ridge, or
   * where the observed information is not positive definite (e.g. a single customer).
   */
  readonly converged: boolean;
  /** Optimiser iterations (all stages). */
  readonly iterations: number;
  /** Log-likelihood evaluations (all stages). */
  readonly evaluations: number;
  /** Why the optimiser stopped. */
  readonly message: string;
  /**
   * Asymptotic standard errors from the inverse observed information (numeric Hessian of the log-likelihood in the
   * natural parameters); absent when the Hessian is not negative definite (e.g. an estimate on a boundary).
   */
  readonly standardErrors?: Params;
  /**
   * The asymptotic covariance of the estimates (the inverse observed information), in the natural parameters: a
   * plain square matrix, rows and columns in the order of `params`' keys (a fixed parameter, e.g. the CNBD-k's k,
   * has a zero row and column); present with `standardErrors`. `uncertainty.drawParams` samples from it.
   */
  readonly covariance?: readonly (readonly number[])[];
  /**
   * A fit with covariates only: what each row (and column) of `covariance` is — the model's parameters, then each
   * coefficient of `params.covariates` as "process.name" ("transaction+lifetime.name" for a constrained one, which
   * is one estimate in both processes). The coefficients' rows are on their own scale; `uncertainty.drawParams`
   * reads them.
   */
  readonly covarianceNames?: readonly string[];
  /**
   * What makes the estimates doubtful, in words (empty when nothing does): no convergence; a parameter on the
   * search bound (e^±18); a flat direction (a parameter, or two together, ×10 or ÷10 costs less than half a
   * log-likelihood unit: the fit sits on a ridge towards a limit of the model); no standard errors (the observed
   * information is not positive definite); a standard error larger than its estimate; or two estimates so
   * correlated (|ρ| > 0.99) that the data identify only a combination of them. The checks other than convergence
   * and bounds run with the standard errors (option `standardErrors`, default true).
   */
  readonly warnings: readonly string[];
}

/** Options shared by every model's `fit`. */
export interface FitOptions<Params> extends ProgressOptions {
  /** Starting values (default: the model's own). */
  readonly initialParams?: Partial<Params>;
  /** Maximum optimiser iterations: a whole number from 1 to 1,000,000 (default 1000). */
  readonly maxIterations?: number;
  /** Compute standard errors (default true; costs about n more gradients, or 2n² likelihoods for a model without one). */
  readonly standardErrors?: boolean;
}

/** The option names of every model's `fit`. @internal */
export const FIT_OPTION_NAMES: OptionNames<FitOptions<unknown>> = {
  initialParams: true,
  maxIterations: true,
  standardErrors: true,
  ...PROGRESS_OPTION_NAMES,
};

/** What users write in a fit's options that is not one of them. @internal */
const FIT_HINTS = {
  covariates: "covariate fits are fitParetoNbdWithCovariates, fitBgnbdWithCovariates and fitGammaGammaWithCovariates",
};

/** Reads a fit's options with the one option reader: unknown names are typed errors naming the closest. @internal */
export function readFitOptions<Options extends FitOptions<unknown>>(
  options: unknown,
  names: OptionNames<Options> = FIT_OPTION_NAMES as OptionNames<Options>,
): Options {
  return readOptions<Options>("fit options", options, names, { hints: FIT_HINTS });
}

/** What a model hands to {@link maximizeLikelihood}. @internal */
export interface LikelihoodProblem {
  readonly names: readonly string[];
  readonly initial: readonly number[];
  /** Log-likelihood at natural parameters; NaN/−Infinity where impossible. */
  readonly logLikelihood: (params: Float64Array) => number;
  /** Optional analytic gradient of the log-likelihood w.r.t. the natural parameters; returns the log-likelihood. */
  readonly logLikelihoodWithGradient?: (params: Float64Array, gradient: Float64Array) => number;
  /** Parameters kept fixed at their initial value (e.g. k in CNBD-k models). */
  readonly fixed?: readonly string[];
  /**
   * The inverse Hessian of −log-likelihood over the free parameters' logarithms at `initial`, where known (e.g. from a
   * subsample's fit): the optimiser starts from it instead of learning the curvature.
   */
  readonly initialInverseHessian?: Float64Array;
  /** Customers (or periods) the data hold; a fit of none is an InvalidInputError. */
  readonly observations: number;
  /** What the data are, for that error (e.g. "customer summaries"). */
  readonly subject: string;
}

/**
 * The Hessian of −log-likelihood in the free natural parameters, as the forward difference of the analytic gradient
 * from the maximum (relative steps of 1e-7: n more gradients, where central differences take 2n; the truncation and
 * the gradient's rounding each leave about 1e-7 of each entry), symmetrised; row-major, free.length². `atMaximum` is
 * the gradient there (natural parameters, all of them), when the optimiser left it. @internal
 */
function forwardGradientHessian(
  withGradient: (params: Float64Array, gradient: Float64Array) => number,
  free: readonly { readonly index: number }[],
  full: Float64Array,
  freeNatural: Float64Array,
  atMaximum: Float64Array | undefined,
): { hessian: Float64Array; evaluations: number } {
  const n = free.length;
  const hessian = new Float64Array(n * n);
  const point = Float64Array.from(full);
  for (let k = 0; k < n; k++) point[(free[k] as { index: number }).index] = freeNatural[k] as number;
  let evaluations = n;
  let base = atMaximum;
  if (base === undefined) {
    base = new Float64Array(full.length);
    withGradient(point, base);
    evaluations += 1;
  }
  const moved = new Float64Array(full.length);
  for (let j = 0; j < n; j++) {
    const index = (free[j] as { index: number }).index;
    const value = point[index] as number;
    point[index] = value * (1 + 1e-7);
    const step = (point[index] as number) - value;
    withGradient(point, moved);
    point[index] = value;
    for (let i = 0; i < n; i++) {
      const at = (free[i] as { index: number }).index;
      hessian[i * n + j] = -((moved[at] as number) - (base[at] as number)) / step;
    }
  }
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const mean = ((hessian[i * n + j] as number) + (hessian[j * n + i] as number)) / 2;
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
  return { hessian, evaluations };
}

/** Checks a fit's options (and that there are data) with a typed error naming each bad option. @internal */
export function checkFitOptions(
  problem: Pick<LikelihoodProblem, "names" | "fixed" | "observations" | "subject">,
  options: FitOptions<unknown>,
): void {
  const issues: InputIssue[] = [];
  const bad = (path: string[], message: string) => issues.push({ code: "custom", path, message });
  const { maxIterations, standardErrors } = options;
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations >= 1 && maxIterations <= 1e6))
    bad(["maxIterations"], `must be a whole number from 1 to 1,000,000, got ${shown(maxIterations)}`);
  if (standardErrors !== undefined && typeof standardErrors !== "boolean")
    bad(["standardErrors"], `must be true or false, got ${shown(standardErrors)}`);
  const free: Record<string, true> = {};
  for (const name of problem.names) if (!problem.fixed?.includes(name)) free[name] = true;
  const initial = readOptions("fit options", options.initialParams, free, {
    path: ["initialParams"],
    kind: "parameter",
  });
  for (const [key, value] of Object.entries(initial))
    if (!(typeof value === "number" && Number.isFinite(value) && value > 0))
      bad(["initialParams", key], `must be a finite number > 0, got ${shown(value)}`);
  if (issues.length > 0) throw new InvalidInputError("fit options", issues);
  if (!(problem.observations > 0)) {
    throw new InvalidInputError(problem.subject, [
      { code: "too_small", path: [], message: "needs at least one customer to fit a model to, got none" },
    ]);
  }
}

const LOG_BOUND = 18;

function formatEstimate(value: number): string {
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3)
    ? value.toExponential(3)
    : value.toPrecision(4);
} // parameters are searched in [e^-18, e^18] ≈ [1.5e-8, 6.6e7]

/** A step of 10% in log-parameters that the Hessian says loses more than this is not flat at ×10 (see below). */
const SCREEN_STEP = Math.log(1.1);
const SCREEN_LOSS = 50;

/**
 * Directions in which the likelihood is flat: a parameter, or a pair of parameters together, multiplied or divided
 * by 10 loses less than half a log-likelihood unit. An identified maximum loses far more (CDNOW's fits lose > 2 in
 * every such direction); a flat one means the fit sits on a ridge towards a limiting case of the model, e.g. a
 * Gamma-Gamma q and γ growing together when spend hardly differs between customers. With the Hessian of −ℓ (free
 * natural parameters), a direction whose quadratic loss after a 10% step already exceeds 50 units is not evaluated
 * at ×10: the quadratic model is exact to a few percent at such a step, and the loss along a ray from a maximum does
 * not come back down to 0.5 further out unless the likelihood has a second mode there; for the same reason a
 * direction that loses 0.5 at ×2 (÷2) is not evaluated at ×10 (÷10). Returns the warnings and the likelihood
 * evaluations spent. @internal
 */
function flatDirections(
  problem: LikelihoodProblem,
  free: readonly { name: string; index: number }[],
  natural: Float64Array,
  best: number,
  hessian: Float64Array | undefined,
): { warnings: string[]; evaluations: number } {
  const found: string[] = [];
  const moved = Float64Array.from(natural);
  let evaluations = 0;
  const lossAfter = (indices: readonly number[], factor: number): number => {
    moved.set(natural);
    for (const index of indices) moved[index] = (natural[index] as number) * factor;
    evaluations += 1;
    const value = problem.logLikelihood(moved);
    return Number.isFinite(value) ? best - value : Number.POSITIVE_INFINITY;
  };
  const n = free.length;
  const screenedOut = (positions: readonly number[]): boolean => {
    if (hessian === undefined) return false;
    let quadratic = 0;
    for (const a of positions)
      for (const b of positions)
        quadratic +=
          (hessian[a * n + b] as number) *
          (natural[(free[a] as { index: number }).index] as number) *
          (natural[(free[b] as { index: number }).index] as number);
    return 0.5 * SCREEN_STEP * SCREEN_STEP * quadratic > SCREEN_LOSS;
  };
  const flat = new Set<string>();
  for (const { names, indices, positions } of directionGroups(free)) {
    if (names.some((name) => flat.has(name)) || screenedOut(positions)) continue;
    const loss = farLoss(indices, lossAfter);
    if (loss === undefined) continue;
    if (names.length === 1) flat.add(names[0] as string);
    found.push(
      `${names.join(" and ")} ${names.length > 1 ? "are" : "is"} not identified: ${loss.factor === 10 ? "multiplying" : "dividing"} ` +
        `${names.length > 1 ? "both" : "it"} by 10 changes the log-likelihood by only ${(-loss.loss).toFixed(2)}, so the fit sits on ` +
        "a flat ridge towards a limiting case of the model and these estimates and their standard errors mean little",
    );
  }
  return { warnings: found, evaluations };
}

/** Each free parameter on its own, then each pair of them. */
function directionGroups(free: readonly { name: string; index: number }[]) {
  const groups = free.map(({ name, index }, k) => ({ names: [name], indices: [index], positions: [k] }));
  free.forEach((first, k) => {
    free.slice(k + 1).forEach((second, offset) => {
      groups.push({
        names: [first.name, second.name],
        indices: [first.index, second.index],
        positions: [k, k + 1 + offset],
      });
    });
  });
  return groups;
}

/**
 * The first factor (×10, then ÷10) at which a direction loses less than 0.5, with that loss, or undefined. Along a
 * ray from the maximum the loss only grows (the Hessian screen rests on that too): a loss of 0.5 at ×2 (÷2) settles
 * it before the far point, where some models are costly to evaluate (the Pareto/NBD's series crawl there and it
 * integrates).
 */
function farLoss(
  indices: readonly number[],
  lossAfter: (indices: readonly number[], factor: number) => number,
): { factor: number; loss: number } | undefined {
  for (const factor of [10, 0.1]) {
    if (lossAfter(indices, factor === 10 ? 2 : 0.5) >= 0.5) continue;
    const loss = lossAfter(indices, factor);
    if (loss < 0.5) return { factor, loss };
  }
  return undefined;
}

/**
 * L-BFGS over log-parameters in [−18, 18], restarted with fresh curvature pairs if it stalled (a line search that
 * failed on a stale quasi-Newton model), up to twice, unless it stalled on the search box's edge: there the
 * likelihood keeps rising towards a limit of the model (e.g. no heterogeneity at all) and the fit is reported as not
 * converged whatever follows. Each iteration is reported as a share of the three runs' iterations.
 */
function optimiseWithRestarts(
  objective: (logFree: Float64Array) => number,
  gradient: ((logFree: Float64Array, out: Float64Array) => void) | undefined,
  start: readonly number[],
  maxIterations: number,
  report: Reporter,
  initialInverseHessian: Float64Array | undefined,
): { result: OptimizationResult; iterations: number; evaluations: number } {
  let iterationsBefore = 0;
  const onIteration = (iteration: number) => report("optimise", (iterationsBefore + iteration) / (3 * maxIterations));
  const options = {
    lowerBounds: start.map(() => -LOG_BOUND),
    upperBounds: start.map(() => LOG_BOUND),
    maxIterations,
    onIteration,
    ...(gradient ? { gradient } : {}),
  };
  let result = minimizeLbfgs(objective, start, {
    ...options,
    ...(initialInverseHessian ? { initialInverseHessian } : {}),
  });
  let iterations = result.iterations;
  let evaluations = result.evaluations;
  for (let attempt = 0; attempt < 2 && !result.converged; attempt++) {
    if (result.x.some((value) => Math.abs(value) > LOG_BOUND - 0.05)) break;
    iterationsBefore = iterations;
    const again = minimizeLbfgs(objective, result.x, options);
    iterations += again.iterations;
    evaluations += again.evaluations;
    if (!(again.value <= result.value)) break;
    result = again;
  }
  return { result, iterations, evaluations };
}

/**
 * The observed information at the maximum: its inverse (the covariance, in the order of `problem.names`, zero rows
 * and columns for fixed parameters), the standard errors, and the warnings the covariance raises (flat directions,
 * a standard error larger than its estimate, confounded estimates, no positive definite information). @internal
 */
function standardErrorChecks(
  problem: LikelihoodProblem,
  free: readonly { name: string; index: number }[],
  finalNatural: Float64Array,
  best: number,
  gradientAtMaximum: Float64Array | undefined,
): {
  warnings: string[];
  evaluations: number;
  standardErrors?: Record<string, number>;
  covariance?: number[][];
} {
  const withGradient = problem.logLikelihoodWithGradient;
  const freeNatural = Float64Array.from(free, ({ index }) => finalNatural[index] as number);
  const full = Float64Array.from(finalNatural);
  const negativeLogLikelihood = (values: Float64Array): number => {
    for (let k = 0; k < free.length; k++) full[(free[k] as { index: number }).index] = values[k] as number;
    return -problem.logLikelihood(full);
  };
  // With an analytic gradient, the Hessian is its forward difference (one gradient per parameter, no cancellation of
  // second differences); otherwise second differences of the log-likelihood.
  const { hessian, evaluations: hessianEvaluations } = withGradient
    ? forwardGradientHessian(withGradient, free, full, freeNatural, gradientAtMaximum)
    : { hessian: numericHessian(negativeLogLikelihood, freeNatural), evaluations: 2 * free.length * free.length + 1 };
  const covariance = invertPositiveDefinite(hessian, free.length);
  const flat = flatDirections(problem, free, finalNatural, best, covariance && hessian);
  const evaluations = flat.evaluations + hessianEvaluations;
  if (covariance === undefined) {
    const none =
      "no standard errors: the observed information is not positive definite (a flat maximum or a boundary estimate)";
    return { warnings: [...flat.warnings, none], evaluations };
  }
  const n = free.length;
  const matrix = problem.names.map(() => problem.names.map(() => 0));
  free.forEach((row, k) => {
    free.forEach((column, m) => {
      (matrix[row.index] as number[])[column.index] = covariance[k * n + m] as number;
    });
  });
  const standardErrors: Record<string, number> = Object.fromEntries(
    problem.names.map((name, index) => [name, Math.sqrt((matrix[index] as number[])[index] as number)]),
  );
  return {
    warnings: [...flat.warnings, ...covarianceWarnings(free, finalNatural, matrix, standardErrors)],
    evaluations,
    standardErrors,
    covariance: matrix,
  };
}

/** A standard error larger than its estimate, and estimates so correlated (|ρ| > 0.99) they are confounded. */
function covarianceWarnings(
  free: readonly { name: string; index: number }[],
  finalNatural: Float64Array,
  matrix: readonly (readonly number[])[],
  standardErrors: Readonly<Record<string, number>>,
): string[] {
  const warnings: string[] = [];
  const at = (i: number, j: number) => (matrix[i] as readonly number[])[j] as number;
  free.forEach(({ name, index }, k) => {
    const estimate = finalNatural[index] as number;
    const error = standardErrors[name] as number;
    if (error > estimate)
      warnings.push(
        `the standard error of ${name} (${formatEstimate(error)}) exceeds the estimate (${formatEstimate(estimate)})`,
      );
    for (const other of free.slice(k + 1)) {
      const correlation = at(index, other.index) / Math.sqrt(at(index, index) * at(other.index, other.index));
      if (Math.abs(correlation) > 0.99) {
        warnings.push(
          `${name} and ${other.name} are confounded (estimate correlation ${correlation.toFixed(4)}): the data ` +
            `identify only a combination of them (e.g. their ratio), not each one`,
        );
      }
    }
  });
  return warnings;
}

/**
 * −log-likelihood over the free parameters' logarithms, and its gradient when the model has an analytic one. With a
 * gradient, each trial point's value comes with its gradient (one pass over the data), so the point the line search
 * accepts needs no second pass: `gradientAt` is where `naturalGradient` was computed.
 */
function logScaleObjective(problem: LikelihoodProblem, free: readonly { index: number }[]) {
  const natural = Float64Array.from(problem.initial);
  const toNatural = (logFree: Float64Array): Float64Array => {
    for (let k = 0; k < free.length; k++)
      natural[(free[k] as { index: number }).index] = Math.exp(logFree[k] as number);
    return natural;
  };
  const naturalGradient = new Float64Array(problem.names.length);
  const withGradient = problem.logLikelihoodWithGradient;
  const gradientAt = new Float64Array(free.length).fill(Number.NaN);
  const objective = (logFree: Float64Array): number => {
    if (withGradient === undefined) return -problem.logLikelihood(toNatural(logFree));
    const value = withGradient(toNatural(logFree), naturalGradient);
    if (Number.isFinite(value)) gradientAt.set(logFree);
    else gradientAt.fill(Number.NaN);
    return -value;
  };
  const gradient = withGradient
    ? (logFree: Float64Array, out: Float64Array): void => {
        const params = toNatural(logFree);
        if (!logFree.every((value, k) => value === gradientAt[k])) {
          withGradient(params, naturalGradient);
          gradientAt.set(logFree); // naturalGradient is now this point's
        }
        for (let k = 0; k < free.length; k++) {
          const index = (free[k] as { index: number }).index;
          out[k] = -(naturalGradient[index] as number) * (params[index] as number);
        }
      }
    : undefined;
  /** The natural gradient at a point the objective was last evaluated at (copied), if it was. */
  const gradientAtPoint = (logFree: readonly number[]): Float64Array | undefined =>
    withGradient !== undefined && logFree.every((value, k) => value === gradientAt[k])
      ? Float64Array.from(naturalGradient)
      : undefined;
  return { objective, gradient, toNatural, gradientAtPoint };
}

/**
 * Maximises a log-likelihood over positive parameters: L-BFGS over log-parameters (with the analytic gradient
 * when the model has one), restarted with fresh curvature if it stalls.
 * @internal
 */
export function maximizeLikelihood<Params>(
  problem: LikelihoodProblem,
  options: FitOptions<Params>,
  report: Reporter = readProgress("fit options", options),
): FitResult<Params> {
  checkFitOptions(problem, options as FitOptions<unknown>);
  const fixed = new Set(problem.fixed ?? []);
  const free = problem.names.map((name, index) => ({ name, index })).filter(({ name }) => !fixed.has(name));
  const { objective, gradient, toNatural, gradientAtPoint } = logScaleObjective(problem, free);
  const start = free.map(({ index }) => Math.log(problem.initial[index] as number));
  const withStandardErrors = options.standardErrors ?? true;
  // The optimiser's share of the work: all of it, or (with standard errors, about n more gradients) nine tenths.
  const { result, iterations, evaluations } = optimiseWithRestarts(
    objective,
    gradient,
    start,
    options.maxIterations ?? 1000,
    partOf(report, 0, withStandardErrors ? 0.9 : 1),
    problem.initialInverseHessian,
  );
  const finalNatural = Float64Array.from(toNatural(Float64Array.from(result.x)));
  const params = Object.fromEntries(
    problem.names.map((name, index) => [name, finalNatural[index] as number]),
  ) as Params;
  const fit: { -readonly [K in keyof FitResult<Params>]: FitResult<Params>[K] } = {
    params,
    logLikelihood: -result.value,
    converged: result.converged && Number.isFinite(result.value),
    iterations,
    evaluations,
    message: result.message,
    warnings: [],
  };
  const warnings: string[] = [];
  if (!fit.converged) warnings.push(`the optimiser did not converge (${result.message})`);
  free.forEach(({ name, index }) => {
    const logValue = Math.log(finalNatural[index] as number);
    if (Math.abs(logValue) > LOG_BOUND - 0.05) {
      warnings.push(
        `${name} = ${formatEstimate(finalNatural[index] as number)} sits on the search bound (e^${logValue > 0 ? "" : "−"}18): ` +
          "the likelihood keeps rising towards a limit the model only reaches at infinity or zero, so the estimate means little",
      );
    }
  });
  if (withStandardErrors) {
    report("standard errors", 0.9);
    const checked = standardErrorChecks(problem, free, finalNatural, -result.value, gradientAtPoint(result.x));
    warnings.push(...checked.warnings);
    fit.evaluations += checked.evaluations;
    if (checked.standardErrors !== undefined) fit.standardErrors = checked.standardErrors as Params;
    if (checked.covariance !== undefined) fit.covariance = checked.covariance;
  }
  fit.warnings = warnings;
  // A maximum on the search bound, along a flat ridge or without a positive definite information matrix is not an
  // interior maximum: the fit did not converge to estimates, whatever the optimiser's own criterion said.
  const notAMaximum = warnings.find((text) => /search bound|not identified|no standard errors/.test(text));
  if (fit.converged && notAMaximum !== undefined) {
    fit.converged = false;
    fit.message = `${result.message}; not converged to estimates: ${notAMaximum}`;
  }
  report("done", 1);
  return fit;
}
