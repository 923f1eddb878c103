import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, type OptionNames, readOptions } from "../input/read-options.js";
import { normalCdf } from "../math/normal-cdf.js";
import { normalQuantile } from "../math/normal-quantile.js";
import { tableNumber, withTableDisplay } from "./table-display.js";

/** One parameter of a {@link FitSummary}. */
export interface FitSummaryRow {
  /** The parameter's name; covariate coefficients as `covariates.transaction.channel`. */
  readonly name: string;
  readonly estimate: number;
  /** Null without standard errors, and for a parameter held fixed (k of the CNBD-k models: its error is 0). */
  readonly standardError: number | null;
  /** estimate / standard error, and its two-sided p-value against 0 (as CLVTools reports them). */
  readonly z: number | null;
  readonly p: number | null;
  /**
   * The Wald interval at `level`: on the log scale for the positive model parameters (θ·e^(±q·se/θ), always positive),
   * on the natural scale for covariate coefficients.
   */
  readonly low: number | null;
  readonly high: number | null;
}

/** What a fit's convergence status means for its user. */
export interface FitConvergence {
  readonly converged: boolean;
  /** Why, in words: the optimiser's criterion, or the first thing that makes the estimates doubtful. */
  readonly reason: string;
  /** What to do about it. */
  readonly advice: string;
}

/** A fit as a table: estimates with standard errors, z, p and intervals; LL, AIC, BIC; convergence in words. */
export interface FitSummary {
  readonly parameters: readonly FitSummaryRow[];
  /** Confidence level of the intervals. */
  readonly level: number;
  readonly logLikelihood: number;
  /** Parameters, as evaluate.compareModels counts them (k of the CNBD-k models counts as one). */
  readonly parameterCount: number;
  /** Customers the likelihood sums over (null when not given: then BIC is null). */
  readonly observations: number | null;
  /** 2p − 2 LL. */
  readonly aic: number;
  /** p ln n − 2 LL. */
  readonly bic: number | null;
  readonly iterations: number | null;
  readonly convergence: FitConvergence;
  readonly warnings: readonly string[];
}

/** The fit records `fitSummary` reads: any model's `fit` result. */
export interface FitRecord {
  readonly params: object;
  readonly logLikelihood: number;
  readonly converged?: boolean;
  readonly iterations?: number;
  readonly message?: string;
  readonly standardErrors?: object;
  readonly warnings?: readonly string[];
}

/** Advice by what the fit's message or warnings say (the first that matches). */
const ADVICE: readonly (readonly [RegExp, string])[] = [
  [
    /search bound/,
    "a parameter runs to a limit of the model (no heterogeneity, no dropout, …): a simpler model fits as well — compare one with evaluate.compareModels, and check the data's time unit",
  ],
  [
    /not identified/,
    "the data pin down only a combination of these parameters: use longer histories, or a model without one of them; predictions may still be fine, the parameters are not",
  ],
  [
    /no standard errors/,
    "the maximum is flat or on a boundary: use the estimates as a description of the data, without their uncertainty",
  ],
  [/iteration limit/, "raise maxIterations, or start again from initialParams: the estimates reached"],
  [
    /line search|not finite|did not converge/,
    "start again from initialParams near the estimates reached, or simplify the model",
  ],
  [/confounded/, "two estimates move together: their ratio (or sum) is known, each alone is not — read them jointly"],
  [
    /exceeds the estimate/,
    "that parameter is poorly determined by these data: more customers or longer histories help",
  ],
];

/** Options of {@link fitSummary}. */
export interface FitSummaryOptions {
  /** Customers the likelihood sums over (for BIC). */
  readonly observations?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
}

const OPTION_NAMES: OptionNames<FitSummaryOptions> = { observations: true, level: true };

/**
 * A fit's summary, as CLVTools' `summary()` prints it: each parameter's estimate, standard error, z, p and Wald
 * interval at `level` (log scale for the positive parameters, so intervals stay positive), the log-likelihood, AIC
 * (2p − 2 LL) and BIC (p ln n − 2 LL, with `observations` = n customers), and the convergence status in words with
 * what to do about it. A plain, JSON-serialisable record; `String(summary)` is a fixed-width table and in a Deno
 * notebook it displays as an HTML table.
 *
 * @param fit - Any model's `fit` result (or one with `params` and `logLikelihood` at least).
 * @param options - `observations` (customers, for BIC), `level` (default 0.95).
 * @throws InvalidInputError for a record without numeric params or log-likelihood, or bad options.
 *
 * @example
 * ```ts
 * evaluate.fitSummary(bgnbd.fit(cdnowSummaries), { observations: 2357 }).parameters[0].name // "r"
 * ```
 */
export function fitSummary(fit: FitRecord, options: FitSummaryOptions = {}): FitSummary {
  const read = readOptions<FitSummaryOptions>("fitSummary options", options, OPTION_NAMES);
  const level = read.level ?? 0.95;
  if (!(typeof level === "number" && level > 0 && level < 1))
    throw new InvalidInputError("fitSummary options", [
      { code: "custom", path: ["level"], message: `must be a number between 0 and 1, got ${shown(level)}` },
    ]);
  const n = read.observations;
  if (n !== undefined && !(Number.isInteger(n) && n > 0))
    throw new InvalidInputError("fitSummary options", [
      { code: "custom", path: ["observations"], message: `must be a whole number > 0, got ${shown(n)}` },
    ]);
  const record = readFit(fit);
  const quantile = normalQuantile(1 - (1 - level) / 2);
  const parameters = record.estimates.map(([name, estimate]) =>
    summaryRow(name, estimate, record.errors?.get(name), quantile),
  );
  const parameterCount = parameters.length; // as compareModels counts them: a searched k of the CNBD-k models is one
  const ll = record.logLikelihood;
  const summary: FitSummary = {
    parameters,
    level,
    logLikelihood: ll,
    parameterCount,
    observations: n ?? null,
    aic: 2 * parameterCount - 2 * ll,
    bic: n === undefined ? null : parameterCount * Math.log(n) - 2 * ll,
    iterations: record.iterations,
    convergence: convergenceOf(record),
    warnings: record.warnings,
  };
  return withDisplay(summary);
}

interface ReadFit {
  readonly estimates: [string, number][];
  readonly errors: Map<string, number> | undefined;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number | null;
  readonly message: string;
  readonly warnings: string[];
}

/** The fit's numbers, flattened (covariates as dotted names), or a typed error. */
function readFit(fit: FitRecord): ReadFit {
  return guardRead("fit", [], () => {
    const bad = (path: string, message: string): never => {
      throw new InvalidInputError("fit", [{ code: "custom", path: [path], message }]);
    };
    if (fit === null || typeof fit !== "object") bad("", "must be a fit record");
    const estimates = flatten(fit.params, "");
    if (estimates.length === 0) bad("params", "must hold the numeric estimates");
    if (typeof fit.logLikelihood !== "number" || !Number.isFinite(fit.logLikelihood))
      bad("logLikelihood", `must be a finite number, got ${shown(fit.logLikelihood)}`);
    const errors = fit.standardErrors === undefined ? undefined : new Map(flatten(fit.standardErrors, ""));
    return {
      estimates,
      errors,
      logLikelihood: fit.logLikelihood,
      converged: fit.converged ?? true,
      iterations: typeof fit.iterations === "number" ? fit.iterations : null,
      message: typeof fit.message === "string" ? fit.message : "",
      warnings: Array.isArray(fit.warnings) ? fit.warnings.map(String) : [],
    };
  });
}

/** [dotted name, finite number] pairs of a record of numbers (nested records of numbers flattened). */
function flatten(value: unknown, prefix: string): [string, number][] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, entry]): [string, number][] => {
    const name = prefix + key;
    if (typeof entry === "number") return Number.isFinite(entry) ? [[name, entry]] : [];
    return flatten(entry, `${name}.`);
  });
}

function summaryRow(name: string, estimate: number, error: number | undefined, quantile: number): FitSummaryRow {
  if (error === undefined || !(error > 0))
    return { name, estimate, standardError: null, z: null, p: null, low: null, high: null };
  const z = estimate / error;
  const coefficient = name.startsWith("covariates.");
  const spread = coefficient ? quantile * error : Math.exp((quantile * error) / estimate);
  return {
    name,
    estimate,
    standardError: error,
    z,
    p: 2 * normalCdf(-Math.abs(z)),
    low: coefficient ? estimate - spread : estimate / spread,
    high: coefficient ? estimate + spread : estimate * spread,
  };
}

function convergenceOf(fit: ReadFit): FitConvergence {
  const doubts = [...fit.warnings, ...(fit.converged ? [] : [fit.message])];
  if (fit.converged && fit.warnings.length === 0)
    return {
      converged: true,
      reason: `the optimiser met its criterion at an interior maximum${fit.message ? ` (${fit.message})` : ""}`,
      advice: "none: the estimates and their standard errors can be used as they are",
    };
  const first = doubts.find((text) => ADVICE.some(([pattern]) => pattern.test(text))) ?? doubts[0] ?? fit.message;
  const advice = ADVICE.find(([pattern]) => pattern.test(first))?.[1] ?? "read the warnings before using the estimates";
  return { converged: fit.converged, reason: first, advice };
}

/** The summary's table: a row per parameter, then LL, AIC, BIC and the convergence in words. */
function withDisplay(summary: FitSummary): FitSummary {
  const header = ["parameter", "estimate", "std. error", "z", "p", `${Math.round(summary.level * 100)}% low`, "high"];
  const rows = summary.parameters.map((row) => [
    row.name,
    tableNumber(row.estimate),
    tableNumber(row.standardError),
    tableNumber(row.z, 3),
    row.p === null ? "—" : row.p < 1e-4 ? "< 1e-4" : row.p.toFixed(4),
    tableNumber(row.low),
    tableNumber(row.high),
  ]);
  const notes = [
    `LL ${summary.logLikelihood.toFixed(2)}, AIC ${summary.aic.toFixed(2)}, BIC ${summary.bic === null ? "— (observations not given)" : summary.bic.toFixed(2)}, ${summary.parameterCount} parameters${summary.observations === null ? "" : `, ${summary.observations} customers`}`,
    `${summary.convergence.converged ? "Converged" : "Not converged"}: ${summary.convergence.reason}`,
    `What to do: ${summary.convergence.advice}`,
  ];
  return withTableDisplay(summary, header, rows, notes);
}
