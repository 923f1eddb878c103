import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { guardRead } from "../../input/read-options.js";
import { type RowRejections, rejectRow } from "../../schemas/row-rejections.js";
import { type CovariateInput, readCovariates } from "./read-covariates.js";
import type { CovariateCoefficients, CovariateProcess, CovariateValues } from "./types.js";

/** How a process scales a model parameter: θ_i = θ × exp(sign × coefficients'x_i). @internal */
export interface CovariateEffect<Name extends string> {
  readonly process: CovariateProcess;
  readonly param: Name;
  readonly sign: 1 | -1;
}

/**
 * A parameter scaled by a customer's linear predictor of its process: θ_i = θ × exp(sign × Σ coefficient × x_i).
 * The one place the covariate scaling is written; every model reads its signs from its `COVARIATE_EFFECTS`.
 * @internal
 */
/**
 * The largest |Σ coefficient × covariate| a customer may have: exp(±23) ≈ 1e±10 keeps a scaled parameter within a
 * factor 1e10 of the fitted one (a covariate of 1e15 made a parameter Infinity). @internal
 */
export const MAX_LINEAR_PREDICTOR = 23;

function predictorError(process: CovariateProcess, value: number, row: number | undefined): InvalidInputError {
  return new InvalidInputError(
    "customer covariates",
    [
      {
        code: "custom",
        path: ["covariates"],
        message: `give a ${process} linear predictor Σ coefficient × covariate of ${shown(value)}; it must be within ±${MAX_LINEAR_PREDICTOR} (exp of it scales the model's parameters): is a covariate in the wrong unit?`,
      },
    ],
    row,
  );
}

export function scaledParameter(value: number, sign: 1 | -1, predictor: number): number {
  return value * Math.exp(sign * predictor);
}

/** Row `index`'s own parameters under precomputed linear predictors (one array per process). @internal */
export function rowParams<Params extends object>(
  params: Params,
  effects: readonly CovariateEffect<string>[],
  predictors: Readonly<Record<CovariateProcess, Float64Array>>,
  index: number,
): Params {
  const out: Record<string, unknown> = { ...(params as Record<string, unknown>) };
  for (const { process, param, sign } of effects) {
    out[param] = scaledParameter(out[param] as number, sign, predictors[process][index] as number);
  }
  return out as Params;
}

/** True when params carry at least one covariate coefficient. @internal */
export function hasCovariates(params: { readonly covariates?: CovariateCoefficients }): boolean {
  const covariates = params?.covariates;
  if (covariates === undefined) return false;
  return Object.values(covariates).some((record) => record !== undefined && Object.keys(record).length > 0);
}

/** Validates `params.covariates` against the model's processes and returns [process, name, coefficient] triples. @internal */
export function coefficientList(
  params: { readonly covariates?: CovariateCoefficients },
  processes: readonly CovariateProcess[],
  subject: string,
): [CovariateProcess, string, number][] {
  const covariates = params.covariates as unknown;
  if (covariates === undefined) return [];
  const fail = (path: (string | number)[], message: string): never => {
    throw new InvalidInputError(subject, [{ code: "custom", path: ["covariates", ...path], message }]);
  };
  if (covariates === null || typeof covariates !== "object") fail([], `must be an object (${processes.join(", ")})`);
  const list: [CovariateProcess, string, number][] = [];
  for (const [process, record] of Object.entries(covariates as Record<string, unknown>)) {
    if (record === undefined) continue;
    if (!processes.includes(process as CovariateProcess))
      fail([process], `is not a process of this model (${processes.join(", ")})`);
    if (record === null || typeof record !== "object") fail([process], "must be an object of coefficients by name");
    for (const [name, value] of Object.entries(record as Record<string, unknown>)) {
      if (!(typeof value === "number" && Number.isFinite(value)))
        return fail([process, name], `must be a finite number, got ${shown(value)}`);
      list.push([process as CovariateProcess, name, value]);
    }
  }
  return list;
}

/**
 * A customer's own parameters under a covariate model: each parameter a process acts on is multiplied by
 * exp(sign × Σ coefficient × covariate). Without coefficients the parameters come back unchanged. @internal
 */
export function individualParamsOf<Params extends object, Name extends keyof Params & string>(
  params: Params & { readonly covariates?: CovariateCoefficients },
  values: CovariateValues | undefined,
  effects: readonly CovariateEffect<Name>[],
  subject: string,
  row?: number,
): Params {
  const processes = [...new Set(effects.map((effect) => effect.process))];
  const list = coefficientList(params, processes, subject);
  const { covariates: _ignored, ...base } = params as Params & { covariates?: unknown };
  if (list.length === 0) return base as Params;
  const predictor: Partial<Record<CovariateProcess, number>> = {};
  for (const [process, name, coefficient] of list) {
    const value = (values as Record<string, unknown> | undefined)?.[name];
    if (!(typeof value === "number" && Number.isFinite(value))) {
      throw new InvalidInputError(
        "customer covariates",
        [
          {
            code: "custom",
            path: ["covariates", name],
            message: `the model uses covariate ${name} (${process}); the customer needs it as a finite number, got ${shown(value)}`,
          },
        ],
        row,
      );
    }
    predictor[process] = (predictor[process] ?? 0) + coefficient * value;
  }
  for (const [process, value] of Object.entries(predictor) as [CovariateProcess, number][])
    if (!(Math.abs(value) <= MAX_LINEAR_PREDICTOR)) throw predictorError(process, value, row);
  const out: Record<string, unknown> = { ...base };
  for (const { process, param, sign } of effects) {
    out[param] = scaledParameter(out[param] as number, sign, predictor[process] ?? 0);
  }
  return out as Params;
}

/**
 * The linear predictor Σ coefficient × covariate of every customer for each process, from rows or columns (one
 * Float64Array per process, zeros where the process has no coefficients). @internal
 */
export function linearPredictors(
  params: { readonly covariates?: CovariateCoefficients },
  processes: readonly CovariateProcess[],
  data: CovariateInput,
  length: number,
  subject: string,
  rejections?: RowRejections,
): Record<CovariateProcess, Float64Array> {
  const list = coefficientList(params, processes, subject);
  const names = [...new Set(list.map(([, name]) => name))];
  const columns = readCovariates(data, names, length, "customer covariates", rejections);
  const out = {
    transaction: new Float64Array(length),
    lifetime: new Float64Array(length),
    spend: new Float64Array(length),
  };
  for (const [process, name, coefficient] of list) {
    const values = columns[names.indexOf(name)] as Float64Array;
    const target = out[process];
    for (let index = 0; index < length; index++)
      target[index] = (target[index] as number) + coefficient * (values[index] as number);
  }
  for (const process of processes) checkPredictors(process, out[process], rejections);
  return out;
}

/** Every predictor within ±{@link MAX_LINEAR_PREDICTOR}: a typed error naming the row, or a rejected row in a batch. */
function checkPredictors(process: CovariateProcess, values: Float64Array, rejections: RowRejections | undefined): void {
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (Math.abs(value) <= MAX_LINEAR_PREDICTOR || Number.isNaN(value)) continue;
    const error = predictorError(process, value, index);
    if (rejections === undefined) throw error;
    rejectRow(rejections, values.length, index, () => {
      throw error;
    });
    values[index] = 0;
  }
}

/**
 * The linear predictors of simulated customers, from `options.covariates` (one column per name), when the params
 * carry coefficients; undefined otherwise. @internal
 */
export function simulationPredictors(
  params: { readonly covariates?: CovariateCoefficients },
  processes: readonly CovariateProcess[],
  covariates: Readonly<Record<string, ArrayLike<number>>> | undefined,
  count: number,
): Record<CovariateProcess, Float64Array> | undefined {
  if (!hasCovariates(params)) return undefined;
  return linearPredictors(params, processes, { covariates: covariates ?? {} }, count, "simulation options");
}

/** A customer row's covariates, read once (a failing getter is a typed error naming them). @internal */
export function covariatesOf(customer: unknown): CovariateValues | undefined {
  return guardRead("customer", ["covariates"], () =>
    customer !== null && typeof customer === "object"
      ? (customer as { covariates?: CovariateValues }).covariates
      : undefined,
  );
}
