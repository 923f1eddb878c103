import { InvalidInputError } from "../../errors.js";
import { readProgress } from "../../input/progress.js";
import { guardRead, type OptionNames, readOptions } from "../../input/read-options.js";
import { checkFitOptions, FIT_OPTION_NAMES, type FitOptions, type FitResult } from "../maximum-likelihood.js";
import { type CoefficientSpec, checkCovariateOptions } from "./check-covariate-options.js";
import { compressRows } from "./compress-rows.js";
import { fitWithCovariates } from "./fit-with-covariates.js";
import { type CovariateInput, readCovariates } from "./read-covariates.js";
import type { CovariateCoefficients, CovariateOptions, CovariateProcess } from "./types.js";

/**
 * Options of a fit with covariates: which covariates explain which process (read from each customer's
 * `covariates`; the fit's `params.covariates` holds their coefficients), and the options every fit takes. With no
 * covariate listed the fit is the model's own.
 */
export interface CovariateFitOptions<Params> extends FitOptions<Params>, CovariateOptions {}

/** A model's part in a covariate fit. @internal */
export interface CovariateModelSpec<Params> {
  readonly baseNames: readonly (keyof Params & string)[];
  readonly processes: readonly CovariateProcess[];
  readonly effects: Partial<Record<CovariateProcess, readonly { readonly param: number; readonly sign: 1 | -1 }[]>>;
  /** Columns whose equal rows may be merged (the model's data), and the rows' weights. */
  readonly dataColumns: readonly Float64Array[];
  readonly weight: Float64Array;
  /** Data rows used by the fit (e.g. repeat customers only), as indices into the input; default all. */
  readonly used?: Int32Array;
  readonly inputLength: number;
  readonly rowLogLikelihood: (row: number, logTheta: Float64Array, gradient?: Float64Array) => number;
  /** Natural starting values of the model's parameters (the model's defaults or `initialParams`). */
  readonly initial: readonly number[];
  readonly fitWithout: (options: FitOptions<Params>) => FitResult<Params>;
  readonly subject: string;
}

/** Fits a model with covariates by {@link fitWithCovariates}, after the checks every fit makes. @internal */
export function fitCovariateModel<Params extends { readonly covariates?: CovariateCoefficients }>(
  data: CovariateInput,
  options: CovariateFitOptions<Params>,
  model: CovariateModelSpec<Params>,
): FitResult<Params> {
  const optionNames: Record<string, true> = { ...FIT_OPTION_NAMES, regularization: true };
  for (const process of model.processes) optionNames[process] = true;
  if (model.processes.length > 1) optionNames["constrained"] = true;
  options = readOptions("fit options", options, optionNames as OptionNames<CovariateFitOptions<Params>>);
  const { initialParams, maxIterations, standardErrors, onProgress, signal, ...covariateOptions } = options;
  const rest: FitOptions<Params> = {
    ...(initialParams === undefined ? {} : { initialParams }),
    ...(maxIterations === undefined ? {} : { maxIterations }),
    ...(standardErrors === undefined ? {} : { standardErrors }),
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(signal === undefined ? {} : { signal }),
  };
  const { coefficients, names } = checkCovariateOptions(covariateOptions, model.processes);
  if (coefficients.length === 0) return model.fitWithout(rest);
  checkFitOptions(
    { names: model.baseNames, observations: model.weight.length, subject: model.subject },
    rest as FitOptions<unknown>,
  );
  const columns = usedCovariateColumns(data, names, model);
  const { rows, weight } = compressRows(model.dataColumns, model.weight, columns);
  let customers = 0;
  for (let index = 0; index < model.weight.length; index++) customers += model.weight[index] as number;
  const fit = fitWithCovariates({
    baseNames: model.baseNames,
    start: model.initial,
    effects: model.effects,
    rowLogLikelihood: model.rowLogLikelihood,
    rows,
    weight,
    covariates: columns,
    names,
    coefficients,
    customers,
    maxIterations: options.maxIterations ?? 1000,
    standardErrors: options.standardErrors ?? true,
    report: readProgress("fit options", rest),
  });
  const record = (values: Float64Array, base: Float64Array) =>
    paramsRecord<Params>(model.baseNames, coefficients, values, base);
  return {
    params: record(fit.coefficients, fit.base),
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    message: fit.message,
    ...(fit.baseErrors && fit.coefficientErrors
      ? { standardErrors: record(fit.coefficientErrors, fit.baseErrors) }
      : {}),
    ...(fit.covariance ? naturalCovariance(model.baseNames, coefficients, fit.base, fit.covariance) : {}),
    warnings: fit.warnings,
  };
}

/**
 * The covariance of a covariate fit's estimates in the model's natural parameters (delta method: Cov(θᵢ, θⱼ) =
 * θᵢθⱼ Cov(ln θᵢ, ln θⱼ), Cov(θᵢ, γ) = θᵢ Cov(ln θᵢ, γ)) and the coefficients, with what each row is: the model's
 * parameters, then each coefficient as "process.name" ("transaction+lifetime.name" for a constrained one).
 */
function naturalCovariance(
  baseNames: readonly string[],
  coefficients: readonly CoefficientSpec[],
  base: Float64Array,
  phiCovariance: Float64Array,
): { covariance: number[][]; covarianceNames: string[] } {
  const k = baseNames.length;
  const P = k + coefficients.length;
  const scale = (index: number) => (index < k ? (base[index] as number) : 1);
  const covariance = Array.from({ length: P }, (_, i) =>
    Array.from({ length: P }, (_, j) => scale(i) * scale(j) * (phiCovariance[i * P + j] as number)),
  );
  const covarianceNames = [...baseNames, ...coefficients.map((spec) => `${spec.processes.join("+")}.${spec.name}`)];
  return { covariance, covarianceNames };
}

/** A covariate fit's starting values, read before its options are (the model's spec needs them). @internal */
export function initialParamsOf<Params>(options: { readonly initialParams?: Partial<Params> } | undefined) {
  return guardRead("fit options", ["initialParams"], () => options?.initialParams);
}

/** Each named covariate of the customers the fit uses, checked to vary (a constant is the model's own scale). */
function usedCovariateColumns<Params>(
  data: CovariateInput,
  names: readonly string[],
  model: CovariateModelSpec<Params>,
): Float64Array[] {
  const allColumns = readCovariates(data, names, model.inputLength, "customer covariates");
  const used = model.used;
  const columns = used
    ? allColumns.map((column) => Float64Array.from(used, (row) => column[row] as number))
    : allColumns;
  names.forEach((name, index) => {
    const column = columns[index] as Float64Array;
    let varies = false;
    for (let row = 1; row < column.length && !varies; row++) varies = column[row] !== column[0];
    if (!varies) {
      throw new InvalidInputError("customer covariates", [
        {
          code: "custom",
          path: ["covariates", name],
          message:
            `takes one value (${column[0]}) for every customer the fit uses, so its effect cannot be told apart ` +
            "from the model's own scale parameter; leave it out",
        },
      ]);
    }
  });
  return columns;
}

/** The fitted params record: base parameters by name and the coefficients by process. */
function paramsRecord<Params>(
  baseNames: readonly string[],
  coefficients: readonly CoefficientSpec[],
  values: Float64Array,
  base: Float64Array,
): Params {
  const byProcess: Partial<Record<CovariateProcess, Record<string, number>>> = {};
  coefficients.forEach((spec, c) => {
    for (const process of spec.processes) {
      byProcess[process] ??= {};
      (byProcess[process] as Record<string, number>)[spec.name] = values[c] as number;
    }
  });
  return {
    ...Object.fromEntries(baseNames.map((name, j) => [name, base[j] as number])),
    covariates: byProcess,
  } as unknown as Params;
}
