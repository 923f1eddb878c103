import { modelSpec } from "../clv/model-specs.js";
import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, readOptions } from "../input/read-options.js";
import { regularizedGammaQ } from "../math/regularized-gamma.js";
import {
  type BtydModel,
  type CheckedCustomers,
  checkHoldoutLength,
  coefficientCount,
  coefficientKeys,
  modelFunctions,
  readCustomers,
} from "./btyd-model.js";
import { type ErrorSummary, summarizeErrors } from "./holdout-errors.js";
import { tableNumber, withTableDisplay } from "./table-display.js";

/** One fitted model to compare: its name, the model it is, and the fit record its `fit` returned. */
export interface ModelToCompare {
  /** Shown in the table (default the model's label, e.g. "BG/NBD"). */
  readonly name?: string;
  /** The model's namespace name. */
  readonly model: BtydModel["model"];
  /** The fit: params, logLikelihood, and optionally standardErrors, converged, warnings, logLikelihoodByK. */
  readonly fit: {
    readonly params: object;
    readonly logLikelihood: number;
    readonly converged?: boolean;
    readonly standardErrors?: object;
    readonly warnings?: readonly string[];
    readonly logLikelihoodByK?: readonly number[];
  };
}

/** One row of {@link compareModels}. */
export interface ModelComparisonRow {
  readonly name: string;
  readonly model: BtydModel["model"];
  readonly params: Readonly<Record<string, number>>;
  readonly standardErrors?: Readonly<Record<string, number>>;
  /** Estimated parameters (k of the CNBD-k models counts as one). */
  readonly parameterCount: number;
  readonly logLikelihood: number;
  /** 2p − 2 LL. */
  readonly aic: number;
  /** p ln n − 2 LL (NaN without the number of customers). */
  readonly bic: number;
  /** Holdout prediction errors (with customers that have holdoutFrequency and a holdoutLength). */
  readonly holdout?: ErrorSummary;
  /** The fit's own warnings, plus "did not converge" when it says so. */
  readonly warnings: readonly string[];
}

/** A likelihood-ratio test of a model against a model nested in it. */
export interface LikelihoodRatioTest {
  /** The nested (smaller) model. */
  readonly restricted: string;
  /** The model that contains it. */
  readonly full: string;
  /** 2 (LL_full − LL_restricted). */
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  /** P(χ²_df ≥ statistic): small means the larger model fits significantly better. */
  readonly pValue: number;
}

/** The result of {@link compareModels}. */
export interface ModelComparison {
  readonly rows: readonly ModelComparisonRow[];
  readonly likelihoodRatioTests: readonly LikelihoodRatioTest[];
  /** Name of the row with the lowest AIC, and of the row with the lowest BIC. */
  readonly bestByAic: string;
  readonly bestByBic: string;
  /** Name of the row with the lowest holdout RMSE (when holdout errors were computed). */
  readonly bestByHoldout?: string;
}

function chiSquareTail(statistic: number, degreesOfFreedom: number): number {
  return statistic <= 0 ? 1 : regularizedGammaQ(degreesOfFreedom / 2, statistic / 2);
}

/** The likelihood-ratio test of a row against a row it is nested in, with one degree of freedom per extra parameter. */
function nestedTest(small: ModelComparisonRow, large: ModelComparisonRow): LikelihoodRatioTest {
  const statistic = 2 * (large.logLikelihood - small.logLikelihood);
  const degreesOfFreedom = large.parameterCount - small.parameterCount;
  return {
    restricted: small.name,
    full: large.name,
    statistic,
    degreesOfFreedom,
    pValue: chiSquareTail(statistic, degreesOfFreedom),
  };
}

/**
 * Compares fitted BTYD models on the same calibration data in one table: log-likelihood, parameters with standard
 * errors, AIC, BIC, holdout errors, and each fit's warnings (parameters on a bound, standard errors larger than the
 * estimate, confounded parameters). Likelihood-ratio tests are given where one model nests another: BG/NBD in
 * BG/CNBD-k and MBG/NBD in MBG/CNBD-k (k = 1), and k̂ against k = 1 inside a CNBD-k fit that tried k = 1; k counts
 * as one parameter, so the χ² reference is approximate; and a model with covariates against the same model with
 * fewer (none, a subset, or some shared by both processes), with one degree of freedom per extra coefficient
 * (valid for unpenalised fits: a fit with `regularization` is not a maximum-likelihood estimate). BG/NBD and MBG/NBD
 * are not nested (four parameters each):
 * compare them by log-likelihood, AIC and holdout errors. The fits must come from the same customers; the number of
 * customers for BIC is the sum of `customers`' weights, or `observations`. `String(comparison)` is the table (in a
 * Deno notebook it displays as an HTML table), as `evaluate.fitSummary` gives one fit's.
 *
 * @throws InvalidInputError for no fits, an unknown model, duplicate names, a non-finite log-likelihood or bad options.
 *
 * @example
 * ```ts
 * evaluate.compareModels([{ model: "bgnbd", fit: { params: bgnbdFit.params, logLikelihood: -9582.43 } }], { customers: cdnowSummaries, holdoutLength: 39 }).rows[0].aic // ≈ 19172.86
 * ```
 */
export function compareModels(
  fits: readonly ModelToCompare[],
  options: {
    readonly customers?: CheckedCustomers;
    readonly holdoutLength?: number;
    readonly observations?: number;
  } = {},
): ModelComparison {
  options = readOptions<NonNullable<typeof options>>("model comparison", options, {
    customers: true,
    holdoutLength: true,
    observations: true,
  });
  const subject = "model comparison";
  if (!Array.isArray(fits) || fits.length === 0) {
    throw new InvalidInputError(subject, [{ code: "too_small", path: ["fits"], message: "needs at least one fit" }]);
  }
  const names = new Set<string>();
  const rows = fits.map((given, index): ModelComparisonRow => {
    const entry = guardRead(subject, ["fits", index], () => ({ ...given, fit: { ...given?.fit } })) as ModelToCompare;
    const functions = modelFunctions({ model: entry?.model, params: entry?.fit?.params } as BtydModel, subject);
    const name = entry.name ?? functions.label;
    if (names.has(name)) {
      throw new InvalidInputError(
        subject,
        [{ code: "custom", path: ["fits", index, "name"], message: `"${name}" appears twice; give each fit a name` }],
        index,
      );
    }
    names.add(name);
    const logLikelihood = entry.fit.logLikelihood;
    if (!(typeof logLikelihood === "number" && Number.isFinite(logLikelihood))) {
      throw new InvalidInputError(
        subject,
        [
          {
            code: "custom",
            path: ["fits", index, "fit", "logLikelihood"],
            message: `must be finite, got ${shown(logLikelihood)}`,
          },
        ],
        index,
      );
    }
    const warnings = [...(entry.fit.warnings ?? [])];
    if (entry.fit.converged === false && !warnings.some((text) => text.includes("converge"))) {
      warnings.push("the optimiser did not converge");
    }
    return {
      name,
      model: entry.model,
      params: functions.params,
      ...(entry.fit.standardErrors ? { standardErrors: entry.fit.standardErrors as Record<string, number> } : {}),
      parameterCount: functions.parameterNames.length + coefficientCount(entry.fit.params),
      logLikelihood,
      aic: Number.NaN,
      bic: Number.NaN,
      warnings,
    };
  });
  if (
    options.observations !== undefined &&
    !(typeof options.observations === "number" && Number.isFinite(options.observations) && options.observations > 0)
  ) {
    throw new InvalidInputError(subject, [
      { code: "custom", path: ["observations"], message: `must be a number > 0, got ${shown(options.observations)}` },
    ]);
  }
  const withHoldout = options.customers !== undefined && options.holdoutLength !== undefined;
  const completed = rows.map((row) => {
    let holdout: ErrorSummary | undefined;
    let observations = options.observations ?? Number.NaN;
    if (options.customers !== undefined) {
      const functions = modelFunctions({ model: row.model, params: row.params } as unknown as BtydModel, subject);
      const columns = readCustomers(options.customers, functions.discrete, subject, withHoldout);
      observations = options.observations ?? columns.totalWeight;
      if (withHoldout) {
        const length = checkHoldoutLength(options.holdoutLength, functions.discrete, subject);
        holdout = summarizeErrors(columns, functions.conditionalExpected(length, columns));
      }
    }
    return {
      ...row,
      aic: 2 * row.parameterCount - 2 * row.logLikelihood,
      bic: row.parameterCount * Math.log(observations) - 2 * row.logLikelihood,
      ...(holdout ? { holdout } : {}),
    };
  });
  const tests: LikelihoodRatioTest[] = [];
  // A model nests the model its spec contains ((M)BG/CNBD-k with k = 1 is the (M)BG/NBD).
  for (const large of completed) {
    const restricted = modelSpec(large.model, subject, []).contains;
    for (const small of completed.filter((row) => row.model === restricted)) tests.push(nestedTest(small, large));
  }
  // The same model with covariates nests the model with fewer (or with some coefficients shared by both processes).
  completed.forEach((small, i) => {
    const smallKeys = coefficientKeys(small.params);
    completed.forEach((large, j) => {
      if (i === j || small.model !== large.model || large.parameterCount <= small.parameterCount) return;
      const largeKeys = coefficientKeys(large.params);
      const nested = [...smallKeys].every((key) => {
        if (largeKeys.has(key)) return true;
        const name = key.slice(key.indexOf(":") + 1);
        return key.startsWith("shared:") && largeKeys.has(`transaction:${name}`) && largeKeys.has(`lifetime:${name}`);
      });
      if (nested) tests.push(nestedTest(small, large));
    });
  });
  fits.forEach((entry, index) => {
    const byK = entry.fit.logLikelihoodByK;
    const row = completed[index] as ModelComparisonRow;
    const k = (row.params as { k?: number }).k;
    const atOne = byK?.[0];
    if (k !== undefined && k > 1 && typeof atOne === "number" && Number.isFinite(atOne)) {
      const statistic = 2 * (row.logLikelihood - atOne);
      tests.push({
        restricted: `${row.name} with k = 1`,
        full: `${row.name} with k = ${k}`,
        statistic,
        degreesOfFreedom: 1,
        pValue: chiSquareTail(statistic, 1),
      });
    }
  });
  const lowest = (key: (row: ModelComparisonRow) => number): string =>
    completed.reduce((best, row) => (key(row) < key(best) ? row : best)).name;
  return withComparisonTable({
    rows: completed,
    likelihoodRatioTests: tests,
    bestByAic: lowest((row) => row.aic),
    bestByBic: lowest((row) => (Number.isNaN(row.bic) ? Number.POSITIVE_INFINITY : row.bic)),
    ...(withHoldout
      ? { bestByHoldout: lowest((row) => row.holdout?.rootMeanSquaredError ?? Number.POSITIVE_INFINITY) }
      : {}),
  });
}

/** The comparison as a table (`String(comparison)`, and an HTML table in a notebook): a row per model, then the tests. */
function withComparisonTable(comparison: ModelComparison): ModelComparison {
  const holdout = comparison.rows.some((row) => row.holdout !== undefined);
  const header = [
    "model",
    "parameters",
    "LL",
    "AIC",
    "BIC",
    ...(holdout ? ["holdout MAE", "holdout RMSE"] : []),
    "warnings",
  ];
  const rows = comparison.rows.map((row) => [
    row.name,
    String(row.parameterCount),
    row.logLikelihood.toFixed(2),
    row.aic.toFixed(2),
    Number.isNaN(row.bic) ? "—" : row.bic.toFixed(2),
    ...(holdout ? [tableNumber(row.holdout?.meanAbsoluteError), tableNumber(row.holdout?.rootMeanSquaredError)] : []),
    String(row.warnings.length),
  ]);
  const notes = [
    `Best by AIC: ${comparison.bestByAic}; by BIC: ${comparison.bestByBic}${comparison.bestByHoldout ? `; by holdout RMSE: ${comparison.bestByHoldout}` : ""}`,
    ...comparison.likelihoodRatioTests.map(
      (test) =>
        `${test.full} against ${test.restricted}: LR ${test.statistic.toFixed(2)} on ${test.degreesOfFreedom} df, p ${test.pValue < 1e-10 ? "< 1e-10" : test.pValue.toPrecision(3)}`,
    ),
  ];
  return withTableDisplay(comparison, header, rows, notes);
}
