import { invertPositiveDefinite } from "../math/invert-positive-definite.js";
import { lbfgs } from "../math/lbfgs.js";
import { nelderMead } from "../math/nelder-mead.js";
import { numericHessian } from "../math/numeric-hessian.js";

/** The result of fitting a model: a plain, JSON-serialisable record. */
export interface FitResult<Params> {
  /** Maximum-likelihood estimates, named as in the model's paper. */
  readonly params: Params;
  /** Log-likelihood at `params` (weighted sum over customers). */
  readonly logLikelihood: number;
  /** Whether the optimiser met its convergence criterion. */
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
   * What makes the estimates doubtful, in words (empty when nothing does): a parameter on the search bound
   * (e^±18), no standard errors (the maximum is flat or on a boundary), a standard error larger than its estimate,
   * two estimates so correlated (|ρ| > 0.99) that the data identify only a combination of them, or no convergence.
   */
  readonly warnings: readonly string[];
}

/** Options shared by every model's `fit`. */
export interface FitOptions<Params> {
  /** Starting values (default: the model's own). */
  readonly initialParams?: Partial<Params>;
  /** Maximum optimiser iterations (default 1000). */
  readonly maxIterations?: number;
  /** Compute standard errors (default true; costs about 2n² extra likelihood evaluations). */
  readonly standardErrors?: boolean;
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
}

const LOG_BOUND = 18;

function formatEstimate(value: number): string {
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3)
    ? value.toExponential(3)
    : value.toPrecision(4);
} // parameters are searched in [e^-18, e^18] ≈ [1.5e-8, 6.6e7]

/**
 * Maximises a log-likelihood over positive parameters: L-BFGS over log-parameters (with the analytic gradient
 * when the model has one), then a Nelder–Mead pass and a second L-BFGS pass if the first did not converge.
 * @internal
 */
export function maximizeLikelihood<Params>(problem: LikelihoodProblem, options: FitOptions<Params>): FitResult<Params> {
  const fixed = new Set(problem.fixed ?? []);
  const free = problem.names.map((name, index) => ({ name, index })).filter(({ name }) => !fixed.has(name));
  const natural = Float64Array.from(problem.initial);
  const toNatural = (logFree: Float64Array): Float64Array => {
    for (let k = 0; k < free.length; k++)
      natural[(free[k] as { index: number }).index] = Math.exp(logFree[k] as number);
    return natural;
  };
  const objective = (logFree: Float64Array): number => -problem.logLikelihood(toNatural(logFree));
  const naturalGradient = new Float64Array(problem.names.length);
  const withGradient = problem.logLikelihoodWithGradient;
  const gradient = withGradient
    ? (logFree: Float64Array, out: Float64Array): void => {
        const params = toNatural(logFree);
        withGradient(params, naturalGradient);
        for (let k = 0; k < free.length; k++) {
          const index = (free[k] as { index: number }).index;
          out[k] = -(naturalGradient[index] as number) * (params[index] as number);
        }
      }
    : undefined;
  const start = free.map(({ index }) => Math.log(problem.initial[index] as number));
  const bounds = { lowerBounds: free.map(() => -LOG_BOUND), upperBounds: free.map(() => LOG_BOUND) };
  const maxIterations = options.maxIterations ?? 1000;
  let result = lbfgs(objective, start, { ...bounds, maxIterations, ...(gradient ? { gradient } : {}) });
  let iterations = result.iterations;
  let evaluations = result.evaluations;
  if (!result.converged) {
    const simplex = nelderMead(objective, result.x, { ...bounds, maxIterations: 200 * free.length, initialStep: 0.2 });
    const polished = lbfgs(objective, simplex.x, { ...bounds, maxIterations, ...(gradient ? { gradient } : {}) });
    iterations += simplex.iterations + polished.iterations;
    evaluations += simplex.evaluations + polished.evaluations;
    result =
      polished.value <= simplex.value ? polished : { ...simplex, converged: simplex.converged || polished.converged };
  }
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
  if (options.standardErrors ?? true) {
    const freeNatural = Float64Array.from(free, ({ index }) => finalNatural[index] as number);
    const full = Float64Array.from(finalNatural);
    const negativeLogLikelihood = (values: Float64Array): number => {
      for (let k = 0; k < free.length; k++) full[(free[k] as { index: number }).index] = values[k] as number;
      return -problem.logLikelihood(full);
    };
    const covariance = invertPositiveDefinite(numericHessian(negativeLogLikelihood, freeNatural), free.length);
    fit.evaluations += 2 * free.length * free.length + 1;
    if (covariance !== undefined) {
      const errors: Record<string, number> = Object.fromEntries(problem.names.map((name) => [name, 0]));
      free.forEach(({ name }, k) => {
        errors[name] = Math.sqrt(covariance[k * free.length + k] as number);
      });
      fit.standardErrors = errors as Params;
      free.forEach(({ name, index }, k) => {
        const estimate = finalNatural[index] as number;
        const error = errors[name] as number;
        if (error > estimate) {
          warnings.push(
            `the standard error of ${name} (${formatEstimate(error)}) exceeds the estimate (${formatEstimate(estimate)})`,
          );
        }
        for (let m = k + 1; m < free.length; m++) {
          const other = free[m] as { name: string };
          const correlation =
            (covariance[k * free.length + m] as number) /
            Math.sqrt((covariance[k * free.length + k] as number) * (covariance[m * free.length + m] as number));
          if (Math.abs(correlation) > 0.99) {
            warnings.push(
              `${name} and ${other.name} are confounded (estimate correlation ${correlation.toFixed(4)}): the data ` +
                `identify only a combination of them (e.g. their ratio), not each one`,
            );
          }
        }
      });
    } else {
      warnings.push(
        "no standard errors: the observed information is not positive definite (a flat maximum or a boundary estimate)",
      );
    }
  }
  fit.warnings = warnings;
  return fit;
}
