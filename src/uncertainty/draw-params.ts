import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { PROGRESS_OPTION_NAMES, type ProgressOptions, readProgress } from "../input/progress.js";
import { guardRead, type OptionNames, readOptions, readRecord } from "../input/read-options.js";
import { choleskyLower } from "../math/cholesky-lower.js";
import { createRandomSource, type RandomSource } from "../math/random-source.js";
import { sampleNormal } from "../math/sample-normal.js";
import type { ParamDraws } from "./param-draws.js";
import { type CountedColumns, type DrawableModel, REFITTERS } from "./refit-models.js";
import { resampleWeights } from "./resample-weights.js";

/** Options of {@link drawParams}. */
export interface DrawParamsOptions extends ProgressOptions {
  /**
   * "normal" (default): draws from the fit's asymptotic normal on the log scale, log θ ~ N(log θ̂, D⁻¹ Σ D⁻¹) with Σ
   * the fit's `covariance` and D = diag(θ̂) (the delta method), so every draw is positive. "bootstrap": the
   * customers resampled with replacement and the model refitted on each resample (as CLVTools' `uncertainty =
   * "boots"`), which needs `data`; a replicate whose refit does not converge is left out, with a warning.
   */
  readonly method?: "normal" | "bootstrap";
  /** How many draws: a whole number from 1 to 100,000 (default 1000 normal, 200 bootstrap). */
  readonly draws?: number;
  /** Seed of the random source, an integer (default 1). */
  readonly seed?: number;
  /** The data the model was fitted on, as its `fit` took them (required by the bootstrap; `weight` counts customers). */
  readonly data?: unknown;
}

const OPTION_NAMES: OptionNames<DrawParamsOptions> = {
  method: true,
  draws: true,
  seed: true,
  data: true,
  ...PROGRESS_OPTION_NAMES,
};
const SUBJECT = "parameter draw options";
/** The largest standard deviation of a log-parameter the normal draws take (e^±3 is already 20-fold). */
const MAX_LOG_SD = 3;
/** The most customers a bootstrap replicate redraws (their weights summed). */
const MAX_BOOTSTRAP_CUSTOMERS = 1e8;

function fail(path: string, message: string): never {
  throw new InvalidInputError(SUBJECT, [{ code: "custom", path: [path], message }]);
}

/** The options checked, with their defaults. */
function readDrawOptions(options: unknown) {
  const read = readOptions<DrawParamsOptions>(SUBJECT, options, OPTION_NAMES);
  const method = read.method ?? "normal";
  if (method !== "normal" && method !== "bootstrap")
    fail("method", `must be "normal" or "bootstrap", got ${shown(method)}`);
  const draws = read.draws ?? (method === "normal" ? 1000 : 200);
  if (!(Number.isInteger(draws) && draws >= 1 && draws <= 1e5))
    fail("draws", `must be a whole number from 1 to 100,000, got ${shown(draws)}`);
  const seed = read.seed ?? 1;
  if (!Number.isInteger(seed)) fail("seed", `must be an integer, got ${shown(seed)}`);
  if (method === "bootstrap" && read.data === undefined)
    fail("data", "the bootstrap refits the model on resampled customers: pass the data the model was fitted on");
  return { method, draws, seed, data: read.data, report: readProgress(SUBJECT, read) };
}

interface CheckedFit {
  /** What each row of the covariance is: a parameter, or a coefficient ("process.name", "a+b.name"). */
  readonly names: readonly string[];
  readonly estimate: Record<string, number>;
  readonly covariance?: readonly (readonly number[])[];
  /** The covariates' coefficients of a fit with covariates, as the fit gives them (the draws' template). */
  readonly covariates?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The fit's estimates (the model's parameters, positive and finite) and its covariance (square, in their order). */
function readFit(model: DrawableModel, fit: unknown): CheckedFit {
  const { label, parameterNames } = REFITTERS[model];
  const subject = `${label} fit`;
  const bad = (path: string[], message: string): never => {
    throw new InvalidInputError(subject, [{ code: "custom", path, message }]);
  };
  const record = readRecord<{ params?: unknown; covariance?: unknown; covarianceNames?: unknown }>(subject, fit, {
    argument: "fit",
    optional: false,
  });
  const params = readRecord<Record<string, unknown>>(subject, record.params, { path: ["params"], optional: false });
  const estimate: Record<string, number> = {};
  for (const name of parameterNames) {
    const value = params[name];
    if (typeof value === "number" && value > 0 && Number.isFinite(value)) estimate[name] = value;
    else bad(["params", name], `must be a finite number > 0, got ${shown(value)}`);
  }
  const extra = Object.keys(params).find((name) => !parameterNames.includes(name) && name !== "covariates");
  if (extra !== undefined) bad(["params", extra], `is not a ${label} parameter (${parameterNames.join(", ")})`);
  const withCovariates =
    params["covariates"] === undefined ? undefined : readCoefficients(subject, params["covariates"], record);
  const names = withCovariates?.names ?? Object.keys(params);
  Object.assign(estimate, withCovariates?.estimate);
  const { covariance } = record;
  const covariates = withCovariates === undefined ? {} : { covariates: withCovariates.covariates };
  if (covariance === undefined) return { names, estimate, ...covariates };
  const matrix = guardRead(subject, ["covariance"], () => squareMatrix(covariance, names.length));
  if (matrix === undefined)
    return bad(
      ["covariance"],
      `must be a symmetric ${names.length} × ${names.length} matrix of finite numbers, in the order of ${withCovariates ? "covarianceNames" : "params"}`,
    );
  return { names, estimate, covariance: matrix, ...covariates };
}

/**
 * A covariate fit's coefficients, read against its `covarianceNames` (the model's parameters, then "process.name"
 * per coefficient, "a+b.name" for a constrained one): each named coefficient a finite number, equal in every
 * process it is named for, and every coefficient of `params.covariates` named once.
 */
function readCoefficients(
  subject: string,
  value: unknown,
  record: { readonly params?: unknown; readonly covarianceNames?: unknown },
): Pick<CheckedFit, "names" | "estimate"> & { readonly covariates: NonNullable<CheckedFit["covariates"]> } {
  const bad = (path: string[], message: string): never => {
    throw new InvalidInputError(subject, [{ code: "custom", path, message }]);
  };
  const covariates = readRecord<Record<string, unknown>>(subject, value, { path: ["params", "covariates"] });
  const names = guardRead(subject, ["covarianceNames"], () => record.covarianceNames);
  if (!(Array.isArray(names) && names.every((name) => typeof name === "string")))
    return bad(
      ["covarianceNames"],
      "must list the covariance's rows: a fit with covariates made with standard errors has it",
    );
  const estimate: Record<string, number> = {};
  const template: Record<string, Record<string, number>> = {};
  const named = new Set<string>();
  for (const entry of names.filter((name) => name.includes("."))) {
    const [processes = "", name = ""] = [entry.slice(0, entry.indexOf(".")), entry.slice(entry.indexOf(".") + 1)];
    const values = processes.split("+").map((process) => {
      const byName = readRecord<Record<string, unknown>>(subject, covariates[process], {
        path: ["params", "covariates", process],
        optional: false,
      });
      named.add(`${process}.${name}`);
      template[process] = { ...template[process], [name]: byName[name] as number };
      return byName[name];
    });
    if (
      !values.every(
        (coefficient) => typeof coefficient === "number" && Number.isFinite(coefficient) && coefficient === values[0],
      )
    )
      bad(["params", "covariates"], `must hold ${entry} as one finite number, got ${shown(values)}`);
    estimate[entry] = values[0] as number;
  }
  for (const [process, byName] of Object.entries(covariates))
    for (const name of Object.keys(
      readRecord<Record<string, unknown>>(subject, byName, { path: ["params", "covariates", process] }),
    ))
      if (!named.has(`${process}.${name}`))
        bad(["covarianceNames"], `must name the coefficient ${process}.${name} of params.covariates`);
  return { names, estimate, covariates: template };
}

/** Whether a row holds n finite numbers. */
function isFiniteRow(row: unknown, n: number): row is number[] {
  return (
    Array.isArray(row) && row.length === n && row.every((entry) => typeof entry === "number" && Number.isFinite(entry))
  );
}

/** A plain copy of a symmetric n × n matrix of finite numbers; undefined for anything else. */
function squareMatrix(value: unknown, n: number): number[][] | undefined {
  if (!Array.isArray(value) || value.length !== n) return undefined;
  const matrix: number[][] = [];
  for (const row of value) {
    if (!isFiniteRow(row, n)) return undefined;
    matrix.push(Array.from(row));
  }
  const symmetric = matrix.every((row, i) =>
    row.every(
      (entry, j) => Math.abs(entry - ((matrix[j] as number[])[i] as number)) <= 1e-9 * Math.max(1, Math.abs(entry)),
    ),
  );
  return symmetric ? matrix : undefined;
}

/**
 * Draws from the asymptotic normal of the log-parameters: the fit's covariance turned to the log scale by the
 * delta method, its Cholesky factor times standard normals. Parameters with zero variance (fixed, as the CNBD-k's
 * k) keep their estimate.
 */
function normalDraws(fit: CheckedFit, draws: number, random: RandomSource): Record<string, unknown>[] {
  const { names, estimate, covariance } = fit;
  if (covariance === undefined) {
    throw new InvalidInputError("parameter draws", [
      {
        code: "custom",
        path: ["fit", "covariance"],
        message: "is missing: fit with standard errors (the default) and check the fit's warnings for why it has none",
      },
    ]);
  }
  // Parameters are drawn on the log scale, coefficients ("process.name") on their own.
  const logScale = (name: string) => !name.includes(".");
  const scale = (name: string) => (logScale(name) ? (estimate[name] as number) : 1);
  const free = names.map((_, index) => index).filter((index) => ((covariance[index] as number[])[index] as number) > 0);
  const n = free.length;
  const workingCovariance = new Float64Array(n * n);
  free.forEach((i, a) => {
    free.forEach((j, b) => {
      workingCovariance[a * n + b] =
        ((covariance[i] as number[])[j] as number) / (scale(names[i] as string) * scale(names[j] as string));
    });
  });
  checkVague(fit, free, workingCovariance);
  const lower = choleskyLower(workingCovariance, n);
  if (lower === undefined) {
    throw new InvalidInputError("parameter draws", [
      { code: "custom", path: ["fit", "covariance"], message: "is not positive definite" },
    ]);
  }
  const normals = new Float64Array(n);
  return Array.from({ length: draws }, () => {
    for (let a = 0; a < n; a++) normals[a] = sampleNormal(random);
    const draw: Record<string, number> = { ...estimate };
    free.forEach((index, a) => {
      let z = 0;
      for (let b = 0; b <= a; b++) z += (lower[a * n + b] as number) * (normals[b] as number);
      const name = names[index] as string;
      draw[name] = logScale(name) ? (estimate[name] as number) * Math.exp(z) : (estimate[name] as number) + z;
    });
    return asParams(fit, draw);
  });
}

/** A parameter too vague for the asymptotic normal (a log-scale SD above 3): a typed error that says to bootstrap. */
function checkVague(fit: CheckedFit, free: readonly number[], workingCovariance: Float64Array): void {
  const { names } = fit;
  const n = free.length;
  const vague = free.findIndex(
    (index, a) =>
      !(names[index] as string).includes(".") && Math.sqrt(workingCovariance[a * n + a] as number) > MAX_LOG_SD,
  );
  if (vague < 0) return;
  const name = names[free[vague] as number] as string;
  const ratio = Math.sqrt(workingCovariance[vague * n + vague] as number); // the log-scale sd: SE over estimate
  throw new InvalidInputError("parameter draws", [
    {
      code: "custom",
      path: ["fit", "covariance"],
      message:
        `the standard error of ${name} is ${ratio.toPrecision(3)} times its estimate: the data hardly identify it and ` +
        'its asymptotic normal means nothing; draw with method: "bootstrap"',
    },
  ]);
}

/** A draw as the fit's params: the parameters, and the coefficients back in `covariates` by process. */
function asParams(fit: CheckedFit, draw: Readonly<Record<string, number>>): Record<string, unknown> {
  if (fit.covariates === undefined) return { ...draw };
  const params: Record<string, unknown> = {};
  const covariates: Record<string, Record<string, number>> = {};
  for (const [key, value] of Object.entries(draw)) {
    const dot = key.indexOf(".");
    if (dot < 0) {
      params[key] = value;
      continue;
    }
    for (const process of key.slice(0, dot).split("+"))
      covariates[process] = { ...covariates[process], [key.slice(dot + 1)]: value };
  }
  params["covariates"] = covariates;
  return params;
}

/** Refits on resampled customers, from the estimate; replicates whose refit does not converge are left out. */
function bootstrapDraws(
  model: DrawableModel,
  fit: CheckedFit,
  options: ReturnType<typeof readDrawOptions>,
  random: RandomSource,
): { params: Record<string, number>[]; warnings: string[] } {
  const refitter = REFITTERS[model];
  const columns = refitter.read(options.data);
  let customers = 0;
  for (let row = 0; row < columns.weight.length; row++) customers += columns.weight[row] as number;
  if (customers > MAX_BOOTSTRAP_CUSTOMERS)
    fail("data", `the bootstrap redraws every customer: at most 100 million (weights summed), got ${shown(customers)}`);
  const params: Record<string, number>[] = [];
  let failed = 0;
  for (let replicate = 0; replicate < options.draws; replicate++) {
    options.report("bootstrap", replicate / options.draws);
    const counts = resampleWeights(columns.weight, random);
    const result = refitter.refit(keptRows(columns, counts), fit.estimate);
    if (result.converged && withinModelBox(refitter.parameterNames, result.params)) params.push({ ...result.params });
    else failed += 1;
  }
  options.report("done", 1);
  const warnings =
    failed === 0
      ? []
      : [
          `${failed} of ${options.draws} bootstrap refits did not converge and were left out: intervals from the ` +
            "others understate the uncertainty when many fail (a refit that runs along a ridge of the likelihood " +
            "past the parameters' box, 1e-10 to 1e10, is left out too)",
        ];
  return { params, warnings };
}

/** Whether every parameter is a number in the box the models are accurate in (1e-10 to 1e10; k a whole number). */
function withinModelBox(names: readonly string[], params: Readonly<Record<string, number>>): boolean {
  return names.every((name) => {
    const value = params[name] as number;
    return name === "k" ? Number.isInteger(value) && value >= 1 : value >= 1e-10 && value <= 1e10;
  });
}

/** The columns of the rows drawn at least once, each with its new count as weight. */
function keptRows(columns: CountedColumns, counts: Float64Array): CountedColumns {
  const kept: number[] = [];
  for (let row = 0; row < counts.length; row++) if ((counts[row] as number) > 0) kept.push(row);
  const out: Record<string, Float64Array> = {};
  for (const [name, column] of Object.entries(columns))
    out[name] = Float64Array.from(kept, (row) => column[row] as number);
  out["weight"] = Float64Array.from(kept, (row) => counts[row] as number);
  return out as CountedColumns;
}

/**
 * Draws a fit's parameters to carry its uncertainty into any prediction: from the asymptotic normal of the
 * maximum-likelihood estimates on the log scale (default; the fit's `covariance`, the inverse observed information),
 * or by a customer bootstrap that refits the model on customers resampled with replacement (Efron & Tibshirani
 * 1993; CLVTools' bootstrap). `uncertainty.interval` and `uncertainty.intervals` turn the draws into intervals of
 * any statistic, `uncertainty.predictionInterval` into intervals of a customer's future purchases. A fit with
 * covariates (`fitParetoNbdWithCovariates` and the others) draws its coefficients too, on their own scale beside
 * the log-parameters, from the rows its `covarianceNames` names (normal draws only: the bootstrap refits fits
 * without covariates).
 *
 * @param model - The model fitted: "bgnbd", "mbgnbd", "paretoNbd", "bgcnbd", "mbgcnbd", "bgbb", "gammaGamma" or
 * "shiftedBetaGeometric".
 * @param fit - The model's fit (`params` and, for the normal draws, `covariance`; with covariates, `covarianceNames`).
 * @param options - `method` ("normal" or "bootstrap"), `draws` (default 1000 normal, 200 bootstrap), `seed`
 * (default 1), `data` (the bootstrap's), progress.
 * @returns `{ model, method, seed, estimate, params: one record per draw, warnings }`.
 * @throws InvalidInputError for an unknown model, a fit without covariance (normal) or without data (bootstrap).
 *
 * @example
 * ```ts
 * const draws = uncertainty.drawParams("bgnbd", bgnbd.fit(cdnowSummaries), { draws: 500, seed: 7 });
 * draws.params.length // 500
 * ```
 */
export function drawParams<P extends object>(
  model: DrawableModel,
  fit: { readonly params: P; readonly covariance?: readonly (readonly number[])[] },
  options: DrawParamsOptions = {},
): ParamDraws<P> {
  if (typeof model !== "string" || !Object.hasOwn(REFITTERS, model)) {
    throw new InvalidInputError("parameter draws", [
      {
        code: "custom",
        path: ["model"],
        message: `must name one of ${Object.keys(REFITTERS).join(", ")}, got ${shown(model)}`,
      },
    ]);
  }
  const checked = readFit(model, fit);
  const read = readDrawOptions(options);
  if (read.method === "bootstrap" && checked.covariates !== undefined)
    fail(
      "method",
      'the bootstrap refits fits without covariates only: draw a fit with covariates with method "normal"',
    );
  const random = createRandomSource(read.seed);
  const { params, warnings } =
    read.method === "normal"
      ? { params: normalDraws(checked, read.draws, random), warnings: [] }
      : bootstrapDraws(model, checked, read, random);
  return {
    model,
    method: read.method,
    seed: read.seed,
    estimate: asParams(checked, checked.estimate) as P,
    params: params as P[],
    warnings,
  };
}
