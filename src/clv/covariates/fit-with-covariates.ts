import { partOf, type Reporter } from "../../input/progress.js";
import { invertPositiveDefinite } from "../../math/invert-positive-definite.js";
import { minimizeLbfgs } from "../../math/lbfgs.js";
import type { CoefficientSpec } from "./check-covariate-options.js";
import type { CovariateProcess } from "./types.js";

/** What a model hands to {@link fitWithCovariates}. @internal */
export interface CovariateLikelihood {
  /** The model's own parameters (r, alpha, s, beta, …). */
  readonly baseNames: readonly string[];
  /** Natural starting values of those (the fit without covariates). */
  readonly start: readonly number[];
  /** How a process shifts the individual log-parameters: ln θ_ij = ln θ_j + sign × (coefficient × covariate). */
  readonly effects: Partial<Record<CovariateProcess, readonly { readonly param: number; readonly sign: 1 | -1 }[]>>;
  /**
   * ℓ of data row `row` at the individual log-parameters ln θ; writes ∂ℓ/∂ln θ into `gradient` when given. NaN
   * where the parameters are impossible; never throws.
   */
  readonly rowLogLikelihood: (row: number, logTheta: Float64Array, gradient?: Float64Array) => number;
  /** Data rows to evaluate (one per distinct row after compression) and their weights. */
  readonly rows: Int32Array;
  readonly weight: Float64Array;
  /** One column per covariate name, indexed by data row. */
  readonly covariates: readonly Float64Array[];
  readonly names: readonly string[];
  readonly coefficients: readonly CoefficientSpec[];
  /** Customers (the sum of weights): the n of CLVTools' penalty. */
  readonly customers: number;
  readonly maxIterations: number;
  readonly standardErrors: boolean;
  /** The fit's progress reports (and its abort check). */
  readonly report: Reporter;
}

/** A fit's estimates: natural base parameters and raw coefficients, with standard errors. @internal */
export interface CovariateFit {
  readonly base: Float64Array;
  readonly coefficients: Float64Array;
  readonly baseErrors?: Float64Array;
  readonly coefficientErrors?: Float64Array;
  /** The inverse observed information over φ = (ln θ, coefficients), row-major P × P, with the errors. */
  readonly covariance?: Float64Array;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly evaluations: number;
  readonly message: string;
  readonly warnings: string[];
}

const LOG_BOUND = 18;
const COEFFICIENT_BOUND = 50;

/**
 * Maximises a BTYD likelihood with time-invariant covariates (Fader & Hardie 2007 note "Incorporating time-invariant
 * covariates into the Pareto/NBD and BG/NBD models"; the parameterisation and penalty of CLVTools): L-BFGS over
 * φ = (ln θ, coefficients) with the gradient assembled from each row's gradient in its individual log-parameters, so
 * one evaluation costs the same whatever the number of covariates. Individual log-parameters are linear in φ, so the
 * Hessian is exactly Σ w_i A_iᵀ H_i A_i with H_i each row's 4×4 (or 3×3) Hessian: standard errors cost k + 1 row
 * gradients, not 2P² likelihoods. @internal
 */
export function fitWithCovariates(problem: CovariateLikelihood): CovariateFit {
  const setup = prepare(problem);
  const evaluate = penalisedLogLikelihood(setup);
  const { result, iterations } = optimise(setup, evaluate);
  const psi = Float64Array.from(result.x);
  const phi = fromStandard(setup, psi);
  const { k, C, lambda } = setup;
  const penalised = -result.value;
  let penalty = 0;
  for (let c = 0; c < C; c++) penalty += (lambda[c] as number) * (phi[k + c] as number) ** 2;
  const base = Float64Array.from({ length: k }, (_, j) => Math.exp(phi[j] as number));
  const warnings: string[] = [];
  if (!(result.converged && Number.isFinite(result.value)))
    warnings.push(`the optimiser did not converge (${result.message})`);
  boundWarnings(setup, psi, warnings);
  const fit: { -readonly [K in keyof CovariateFit]: CovariateFit[K] } = {
    base,
    coefficients: phi.slice(k),
    logLikelihood: penalised + problem.customers * penalty,
    converged: result.converged && Number.isFinite(result.value),
    iterations,
    evaluations: 0,
    message: result.message,
    warnings,
  };
  if (problem.standardErrors) {
    problem.report("standard errors", 0.9);
    addStandardErrors(setup, evaluate, phi, penalised, fit);
  }
  problem.report("done", 1);
  const notAMaximum = warnings.find((text) => /search bound|not identified|no standard errors/.test(text));
  if (fit.converged && notAMaximum !== undefined) {
    fit.converged = false;
    fit.message = `${result.message}; not converged to estimates: ${notAMaximum}`;
  }
  fit.evaluations = Math.round(setup.counter.evaluations);
  return fit;
}

/**
 * A covariate problem ready to optimise: the design D[j][c] (the sign with which coefficient c moves ln θ_j), each
 * coefficient's covariate column, and the standardisation the optimiser works in. L-BFGS works on standardised
 * covariates (mean 0, standard deviation 1 over the customers): the model's own parameters then describe an average
 * customer and no longer move with every coefficient, which L-BFGS needs far fewer iterations to get through.
 * ψ_c = φ_c·sd_c and ψ_j = φ_j + Σ_c D_jc φ_c mean_c.
 */
interface Setup {
  readonly problem: CovariateLikelihood;
  readonly k: number;
  readonly C: number;
  readonly P: number;
  readonly design: Float64Array;
  readonly column: readonly Float64Array[];
  readonly lambda: Float64Array;
  readonly centre: Float64Array;
  readonly spread: Float64Array;
  /** The standardised covariates of the distinct rows, one column per coefficient. */
  readonly compact: readonly Float64Array[];
  /** Per base parameter, the coefficients that move it and with which sign. */
  readonly moved: readonly (readonly { readonly c: number; readonly sign: number }[])[];
  readonly counter: { evaluations: number };
}

function prepare(problem: CovariateLikelihood): Setup {
  const k = problem.baseNames.length;
  const C = problem.coefficients.length;
  const design = new Float64Array(k * C);
  const column: Float64Array[] = [];
  problem.coefficients.forEach((spec, c) => {
    for (const process of spec.processes) {
      for (const { param, sign } of problem.effects[process] ?? []) design[param * C + c] = sign;
    }
    column.push(problem.covariates[problem.names.indexOf(spec.name)] as Float64Array);
  });
  const { rows, weight } = problem;
  const centre = new Float64Array(C);
  const spread = new Float64Array(C).fill(1);
  column.forEach((values, c) => {
    let total = 0;
    let sum = 0;
    let squares = 0;
    for (let index = 0; index < rows.length; index++) {
      const w = weight[index] as number;
      const value = values[rows[index] as number] as number;
      total += w;
      sum += w * value;
    }
    const mean = sum / total;
    for (let index = 0; index < rows.length; index++) {
      const deviation = (values[rows[index] as number] as number) - mean;
      squares += (weight[index] as number) * deviation * deviation;
    }
    centre[c] = mean;
    const sd = Math.sqrt(squares / total);
    if (sd > 0 && Number.isFinite(sd)) spread[c] = sd;
  });
  const compact = column.map((values, c) =>
    Float64Array.from(rows, (row) => ((values[row] as number) - (centre[c] as number)) / (spread[c] as number)),
  );
  const moved = Array.from({ length: k }, (_, j) => {
    const list: { c: number; sign: number }[] = [];
    for (let c = 0; c < C; c++) if (design[j * C + c] !== 0) list.push({ c, sign: design[j * C + c] as number });
    return list;
  });
  const lambda = Float64Array.from(problem.coefficients, (spec) => spec.lambda);
  return {
    problem,
    k,
    C,
    P: k + C,
    design,
    column,
    lambda,
    centre,
    spread,
    compact,
    moved,
    counter: { evaluations: 0 },
  };
}

function toStandard(setup: Setup, phi: ArrayLike<number>): Float64Array {
  const { k, C, design, centre, spread } = setup;
  const psi = Float64Array.from(phi);
  for (let c = 0; c < C; c++) {
    psi[k + c] = (phi[k + c] as number) * (spread[c] as number);
    for (let j = 0; j < k; j++)
      psi[j] = (psi[j] as number) + (design[j * C + c] as number) * (phi[k + c] as number) * (centre[c] as number);
  }
  return psi;
}

function fromStandard(setup: Setup, psi: ArrayLike<number>): Float64Array {
  const { k, C, design, centre, spread } = setup;
  const phi = Float64Array.from(psi);
  for (let c = 0; c < C; c++) {
    phi[k + c] = (psi[k + c] as number) / (spread[c] as number);
    for (let j = 0; j < k; j++)
      phi[j] = (phi[j] as number) - (design[j * C + c] as number) * (phi[k + c] as number) * (centre[c] as number);
  }
  return phi;
}

/**
 * The penalised log-likelihood in the standardised parameters and, when asked, its gradient. Column-wise work per
 * evaluation: each individual log-parameter for all rows at once (contiguous loops over the covariates of the
 * distinct rows), then one pass of the row kernel, then the coefficients' gradient as dot products of the row
 * gradients with the covariates.
 */
function penalisedLogLikelihood(setup: Setup): (phi: Float64Array, gradient?: Float64Array) => number {
  const { problem, k, C, lambda, spread, compact, moved, counter } = setup;
  const { rows, weight, customers } = problem;
  const m = rows.length;
  const logTheta = new Float64Array(k);
  const rowGradient = new Float64Array(k);
  const rowLogTheta = Array.from({ length: k }, () => new Float64Array(m));
  const rowGradients = Array.from({ length: k }, () => new Float64Array(m));
  return (phi, gradient) => {
    counter.evaluations += 1;
    for (let j = 0; j < k; j++) {
      const target = rowLogTheta[j] as Float64Array;
      target.fill(phi[j] as number);
      for (const { c, sign } of moved[j] as { c: number; sign: number }[]) {
        const factor = sign * (phi[k + c] as number);
        const values = compact[c] as Float64Array;
        for (let index = 0; index < m; index++)
          target[index] = (target[index] as number) + factor * (values[index] as number);
      }
    }
    let total = 0;
    let compensation = 0;
    for (let index = 0; index < m; index++) {
      for (let j = 0; j < k; j++) logTheta[j] = (rowLogTheta[j] as Float64Array)[index] as number;
      const w = weight[index] as number;
      const value = w * problem.rowLogLikelihood(rows[index] as number, logTheta, gradient ? rowGradient : undefined);
      if (!Number.isFinite(value)) return Number.NaN;
      const next = total + value;
      compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
      total = next;
      if (gradient)
        for (let j = 0; j < k; j++) (rowGradients[j] as Float64Array)[index] = w * (rowGradient[j] as number);
    }
    if (gradient) {
      gradient.fill(0);
      for (let j = 0; j < k; j++) {
        const g = rowGradients[j] as Float64Array;
        let sum = 0;
        for (let index = 0; index < m; index++) sum += g[index] as number;
        gradient[j] = sum;
        for (const { c, sign } of moved[j] as { c: number; sign: number }[]) {
          const values = compact[c] as Float64Array;
          let dot = 0;
          for (let index = 0; index < m; index++) dot += (g[index] as number) * (values[index] as number);
          gradient[k + c] = (gradient[k + c] as number) + sign * dot;
        }
      }
    }
    let penalty = 0;
    for (let c = 0; c < C; c++) {
      // The penalty is on the coefficient of the covariate as given: φ_c = ψ_c / sd_c.
      const sd = spread[c] as number;
      const coefficient = (phi[k + c] as number) / sd;
      penalty += (lambda[c] as number) * coefficient * coefficient;
      if (gradient)
        gradient[k + c] = (gradient[k + c] as number) - (2 * customers * (lambda[c] as number) * coefficient) / sd;
    }
    return total + compensation - customers * penalty;
  };
}

/** The search bound of a parameter in the standardised space: e^±18 for the model's own, ±50 for a coefficient. */
function boundOf(setup: Setup, index: number): number {
  return index < setup.k ? LOG_BOUND : COEFFICIENT_BOUND * (setup.spread[index - setup.k] as number);
}

/**
 * L-BFGS from the fit without covariates, with restarts. Every evaluation computes the gradient too and keeps it:
 * L-BFGS asks for the gradient at the point its line search accepted, which is the last point evaluated, so each
 * iteration costs its trials and no more.
 */
function optimise(
  setup: Setup,
  evaluate: (phi: Float64Array, gradient?: Float64Array) => number,
): { result: ReturnType<typeof minimizeLbfgs>; iterations: number } {
  const { P, problem } = setup;
  const initial = new Float64Array(P);
  problem.start.forEach((value, j) => {
    initial[j] = Math.log(value);
  });
  const start = toStandard(setup, initial);
  const bounds = {
    lowerBounds: Array.from({ length: P }, (_, index) => -boundOf(setup, index)),
    upperBounds: Array.from({ length: P }, (_, index) => boundOf(setup, index)),
  };
  const lastPoint = new Float64Array(P).fill(Number.NaN);
  const lastGradient = new Float64Array(P);
  const objective = (phi: Float64Array): number => {
    lastPoint.set(phi);
    return -evaluate(phi, lastGradient);
  };
  const gradient = (phi: Float64Array, out: Float64Array): void => {
    let same = true;
    for (let index = 0; index < P && same; index++) same = phi[index] === lastPoint[index];
    if (!same) objective(phi);
    for (let index = 0; index < P; index++) out[index] = -(lastGradient[index] as number);
  };
  const { maxIterations } = problem;
  const optimising = partOf(problem.report, 0, problem.standardErrors ? 0.9 : 1);
  let before = 0;
  const onIteration = (iteration: number) => optimising("optimise", (before + iteration) / (3 * maxIterations));
  const options = { ...bounds, gradient, maxIterations, onIteration };
  let result = minimizeLbfgs(objective, start, options);
  let iterations = result.iterations;
  // A restart with fresh curvature pairs recovers the rare run that stalls on a stale quasi-Newton model.
  for (let attempt = 0; attempt < 2 && !result.converged; attempt++) {
    before = iterations;
    const again = minimizeLbfgs(objective, result.x, options);
    iterations += again.iterations;
    if (again.value <= result.value) result = again;
    else break;
  }
  return { result, iterations };
}

/** A warning for each estimate on its search bound: the likelihood rises towards a limit of the model there. */
function boundWarnings(setup: Setup, psi: Float64Array, warnings: string[]): void {
  const { P, k, spread, problem } = setup;
  for (let index = 0; index < P; index++) {
    const bound = boundOf(setup, index);
    if (Math.abs(psi[index] as number) > bound - 0.05 * (index < k ? 1 : (spread[index - k] as number))) {
      const name = index < k ? problem.baseNames[index] : `the coefficient of ${problem.coefficients[index - k]?.name}`;
      warnings.push(
        `${name} sits on the search bound (${index < k ? "e^±18" : "±50"}): the likelihood keeps rising towards a limit ` +
          "of the model, so the estimate means little",
      );
    }
  }
}

/** A parameter's name in warnings. */
function labelOf(setup: Setup, index: number): string {
  const { k, problem } = setup;
  return index < k
    ? (problem.baseNames[index] as string)
    : `${problem.coefficients[index - k]?.processes.join("+")} coefficient of ${problem.coefficients[index - k]?.name}`;
}

/**
 * Standard errors from the observed information (delta method for the model's own parameters: SE(θ) = θ × SE(ln θ)),
 * and the warnings they support: an error above its estimate, a flat ridge, confounded estimates.
 */
function addStandardErrors(
  setup: Setup,
  evaluate: (phi: Float64Array, gradient?: Float64Array) => number,
  phi: Float64Array,
  penalised: number,
  fit: { -readonly [K in keyof CovariateFit]: CovariateFit[K] },
): void {
  const { k, P } = setup;
  const warnings = fit.warnings;
  const covariance = covarianceOf(setup, phi);
  if (covariance === undefined) {
    warnings.push(
      "no standard errors: the observed information is not positive definite (a flat maximum, a boundary estimate " +
        "or covariates that are collinear)",
    );
    return;
  }
  const errors = Float64Array.from({ length: P }, (_, index) => Math.sqrt(covariance[index * P + index] as number));
  const baseErrors = Float64Array.from({ length: k }, (_, j) => (fit.base[j] as number) * (errors[j] as number));
  fit.baseErrors = baseErrors;
  fit.coefficientErrors = errors.slice(k);
  fit.covariance = covariance;
  for (let j = 0; j < k; j++) {
    if ((baseErrors[j] as number) > (fit.base[j] as number))
      warnings.push(`the standard error of ${labelOf(setup, j)} exceeds the estimate`);
  }
  ridgeWarnings(setup, evaluate, phi, penalised, covariance, warnings);
  for (let a = 0; a < P; a++) {
    for (let b = a + 1; b < P; b++) {
      const correlation =
        (covariance[a * P + b] as number) /
        Math.sqrt((covariance[a * P + a] as number) * (covariance[b * P + b] as number));
      if (Math.abs(correlation) > 0.99)
        warnings.push(
          `${labelOf(setup, a)} and ${labelOf(setup, b)} are confounded (estimate correlation ${correlation.toFixed(4)}): the data ` +
            "identify only a combination of them",
        );
    }
  }
}

/**
 * A flat ridge, by the rule of fits without covariates (a parameter multiplied or divided by 10 loses less than half
 * a log-likelihood unit), with the other estimates following along the profile: the covariance's column is the
 * linearised re-optimum. Those fits try single parameters and pairs; here a coefficient can join the ridge, as a
 * lifetime coefficient does with a and b when one group's Beta degenerates to a point. Only a parameter whose
 * standard error exceeds it is tried: to first order a factor 10 then costs (ln 10)²/(2 Var) > 2.6 units, and a
 * likelihood far from the estimates can be slow to evaluate (Pareto/NBD's integrals).
 */
function ridgeWarnings(
  setup: Setup,
  evaluate: (phi: Float64Array, gradient?: Float64Array) => number,
  phi: Float64Array,
  penalised: number,
  covariance: Float64Array,
  warnings: string[],
): void {
  const { k, P } = setup;
  for (let j = 0; j < k; j++) {
    const variance = covariance[j * P + j] as number;
    if (!(variance > 1)) continue;
    const step = Math.LN10 / variance;
    for (const sign of [1, -1]) {
      const shifted = Float64Array.from(phi, (value, i) => value + sign * step * (covariance[i * P + j] as number));
      const loss = penalised - evaluate(toStandard(setup, shifted));
      if (loss < 0.5) {
        warnings.push(
          `${labelOf(setup, j)} is not identified: ${sign > 0 ? "multiplying" : "dividing"} it by 10, the other estimates ` +
            `following, changes the log-likelihood by only ${Math.abs(loss) < 0.005 ? "0.00" : (-loss).toFixed(2)}, so the fit sits on a flat ridge ` +
            "towards a limiting case of the model and these estimates and their standard errors mean little",
        );
        break;
      }
    }
  }
}

/** Inverse of the negative Hessian of the penalised log-likelihood in φ, or undefined if not positive definite. */
function covarianceOf(setup: Setup, point: Float64Array): Float64Array | undefined {
  const { problem: likelihood, k, C, P, design: signs, column: columns, lambda: penalties } = setup;
  const hessian = new Float64Array(P * P);
  const rowHessian = new Float64Array(k * k);
  const logTheta = new Float64Array(k);
  const plus = new Float64Array(k);
  const atPoint = new Float64Array(k);
  const A = new Float64Array(k * P);
  const HA = new Float64Array(k * P);
  // Forward differences of the exact row gradient: standard errors need a few digits, not ten.
  const step = 1e-6;
  setup.counter.evaluations += k + 1;
  for (let m = 0; m < likelihood.rows.length; m++) {
    const row = likelihood.rows[m] as number;
    const w = likelihood.weight[m] as number;
    for (let j = 0; j < k; j++) {
      let value = point[j] as number;
      for (let c = 0; c < C; c++) {
        const sign = signs[j * C + c] as number;
        if (sign !== 0) value += sign * (point[k + c] as number) * ((columns[c] as Float64Array)[row] as number);
      }
      logTheta[j] = value;
    }
    likelihood.rowLogLikelihood(row, logTheta, atPoint);
    for (let j = 0; j < k; j++) {
      const saved = logTheta[j] as number;
      logTheta[j] = saved + step;
      likelihood.rowLogLikelihood(row, logTheta, plus);
      logTheta[j] = saved;
      for (let l = 0; l < k; l++) rowHessian[j * k + l] = ((plus[l] as number) - (atPoint[l] as number)) / step;
    }
    A.fill(0);
    for (let j = 0; j < k; j++) {
      A[j * P + j] = 1;
      for (let c = 0; c < C; c++) {
        const sign = signs[j * C + c] as number;
        if (sign !== 0) A[j * P + k + c] = sign * ((columns[c] as Float64Array)[row] as number);
      }
    }
    // HA = sym(H) A, then hessian += w Aᵀ HA.
    for (let j = 0; j < k; j++) {
      for (let p = 0; p < P; p++) {
        let sum = 0;
        for (let l = 0; l < k; l++)
          sum +=
            0.5 * ((rowHessian[j * k + l] as number) + (rowHessian[l * k + j] as number)) * (A[l * P + p] as number);
        HA[j * P + p] = sum;
      }
    }
    for (let p = 0; p < P; p++) {
      for (let q = p; q < P; q++) {
        let sum = 0;
        for (let j = 0; j < k; j++) sum += (A[j * P + p] as number) * (HA[j * P + q] as number);
        hessian[p * P + q] = (hessian[p * P + q] as number) + w * sum;
      }
    }
  }
  const information = new Float64Array(P * P);
  for (let p = 0; p < P; p++) {
    for (let q = p; q < P; q++) {
      let value = -(hessian[p * P + q] as number);
      if (p === q && p >= k) value += 2 * likelihood.customers * (penalties[p - k] as number);
      information[p * P + q] = value;
      information[q * P + p] = value;
    }
  }
  return invertPositiveDefinite(information, P);
}
