import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { numberField } from "../input/columns.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { allocateMoney } from "../money/allocate-money.js";
import type { Money } from "../money/decimal.js";
import { toMoney } from "../money/parse-money.js";
import { type RoundingOptions, readRounding } from "../money/round-money.js";
import {
  checkPositiveParameters,
  type SummaryInput,
  summaryTimeUnit,
  toSummaryColumns,
} from "../schemas/summary-columns.js";
import { type DiscreteSummaryInput, memoisePatterns, toDiscreteColumns } from "./bgbb/data.js";
import type { BgbbParams } from "./bgbb/log-likelihood.js";
import type { BgnbdParams } from "./bgnbd/log-likelihood.js";
import type { CnbdParams } from "./cnbd/data.js";
import { hasCovariates, linearPredictors, rowParams } from "./covariates/individual-params.js";
import type { CovariateInput } from "./covariates/read-covariates.js";
import { PARAMETER_NAMES as GAMMA_GAMMA_NAMES, type GammaGammaParams } from "./gamma-gamma/log-likelihood.js";
import { COVARIATE_EFFECTS as SPEND_EFFECTS } from "./gamma-gamma/predict.js";
import { memoiseCohorts } from "./memoise-cohorts.js";
import type { ModelParams, ModelSpec, SeparableExpectation } from "./model-spec.js";
import { MODEL_NAMES, modelSpec, readModelParams } from "./model-specs.js";
import type { ParetoNbdParams } from "./pareto-nbd/log-likelihood.js";
import { separableSum } from "./separable-sum.js";
import { type StepDiscounter, stepDiscounter } from "./step-discounter.js";
import { DAYS_PER_TIME_UNIT, TIME_UNITS, type TimeUnit } from "./time-unit.js";

/** A fitted transaction model, named by its namespace. */
export type TransactionModel =
  | { readonly model: "bgnbd"; readonly params: BgnbdParams }
  | { readonly model: "mbgnbd"; readonly params: BgnbdParams }
  | { readonly model: "paretoNbd"; readonly params: ParetoNbdParams }
  | { readonly model: "bgcnbd"; readonly params: CnbdParams }
  | { readonly model: "mbgcnbd"; readonly params: CnbdParams };

/** A customer as the CLV needs it: the recency-frequency summary and the mean spend of the repeat purchases. */
export interface CustomerValueRow {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  /** Mean value of the repeat purchases (used with a Gamma-Gamma spend model; ignored with a fixed spend). */
  readonly monetaryValue?: number;
  /** Covariates by name, for models fitted with covariates (Pareto/NBD, BG/NBD, Gamma-Gamma). */
  readonly covariates?: Readonly<Record<string, number>>;
}

/** Customers as columns: what {@link CustomerValueRow} holds, one array per field. */
export interface CustomerValueColumns {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly monetaryValue?: ArrayLike<number>;
  readonly covariates?: Readonly<Record<string, ArrayLike<number>>>;
}

/** Options of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueOptions {
  /** The fitted transaction model: any continuous-time model, or the BG/BB (discrete time: customers carry `periods`). */
  readonly transactionModel: TransactionModel | { readonly model: "bgbb"; readonly params: BgbbParams };
  /** Spend per transaction: a fitted Gamma-Gamma model (customer-specific expected spend) or one amount for all. */
  readonly spendModel:
    | { readonly model: "gammaGamma"; readonly params: GammaGammaParams }
    | { readonly fixedSpend: number | string | Money };
  /**
   * The customers, in the model's time unit: rows, or the same as columns (typed arrays welcome). For the BG/BB,
   * `{ frequency, recency, periods }` in opportunities, as `bgbb.fit` takes them.
   */
  readonly customers: readonly CustomerValueRow[] | CustomerValueColumns | DiscreteSummaryInput;
  /**
   * Horizon after T, in the model's time unit; `Infinity` for the whole residual lifetime (Pareto/NBD and BG/BB,
   * closed-form DERT). For the BG/BB a whole number of opportunities. At most 20,000 steps (horizon ×
   * `stepsPerTimeUnit`).
   */
  readonly horizon: number;
  /** The time unit of the summaries the model was fitted on (e.g. "week" for CDNOW). */
  readonly timeUnit: TimeUnit;
  /** Effective discount rate per `discountPeriod` (e.g. 0.1 = 10%); 0 for none. */
  readonly discountRate: number;
  /** The period the discount rate refers to (default "year"). */
  readonly discountPeriod?: TimeUnit;
  /** Share of spend that is profit, in (0, 1] (default 1: revenue value). */
  readonly margin?: number;
  /** Time steps per time unit for the discounted sum (default 1; the error falls as 1/steps²). */
  readonly stepsPerTimeUnit?: number;
  /** Rounding of the money output (default 2 decimal places, half-even). */
  readonly rounding?: RoundingOptions;
  /**
   * false: return `raw` and `total` only, without a Decimal per customer (a million Decimals are most of the time
   * of a million-customer valuation); the total is then the exact sum of the float values, rounded once (with
   * money per customer, of their shortest decimals: the two agree unless the sum is within about 1e-6 of a half
   * cent). Default true.
   */
  readonly moneyPerCustomer?: boolean;
}

/** CLV per customer: exact float values and rounded money. */
export interface CustomerLifetimeValueTotals {
  /** Each customer's value unrounded, as float64, in the currency of the spend. */
  readonly raw: Float64Array;
  /**
   * Sum of the unrounded values, exact, rounded once: of the values as written (shortest decimals) with money per
   * customer, of the float values themselves without (see `moneyPerCustomer`).
   */
  readonly total: Money;
}

/** {@link CustomerLifetimeValueTotals} with each customer's value as money. */
export interface CustomerLifetimeValueResult extends CustomerLifetimeValueTotals {
  /** Money per customer (Decimal): allocated so that they add up exactly to `total` (largest remainder). */
  readonly values: Money[];
}

const SUBJECT = "customer lifetime value options";
const OPTION_NAMES: OptionNames<CustomerLifetimeValueOptions> = {
  transactionModel: true,
  spendModel: true,
  customers: true,
  horizon: true,
  timeUnit: true,
  discountRate: true,
  discountPeriod: true,
  margin: true,
  stepsPerTimeUnit: true,
  rounding: true,
  moneyPerCustomer: true,
};

/** The options, each model record read with the one option reader too (a misspelt `parmas` is named). */
function readClvOptions(value: unknown): CustomerLifetimeValueOptions {
  const options = readOptions<CustomerLifetimeValueOptions>(SUBJECT, value, OPTION_NAMES, { optional: false });
  const transactionModel = readOptions<TransactionModel>(
    SUBJECT,
    options.transactionModel,
    { model: true, params: true },
    {
      path: ["transactionModel"],
      optional: false,
    },
  );
  const spendModel = readOptions<{ model?: unknown; params?: unknown; fixedSpend?: unknown }>(
    SUBJECT,
    options.spendModel,
    { model: true, params: true, fixedSpend: true },
    { path: ["spendModel"], optional: false },
  ) as CustomerLifetimeValueOptions["spendModel"];
  readRounding(options.rounding, ["rounding"], SUBJECT);
  return { ...options, transactionModel, spendModel };
}

function fail(path: string, message: string): never {
  throw new InvalidInputError("customer lifetime value options", [{ code: "custom", path: [path], message }]);
}

type Predictors = Record<"transaction" | "lifetime" | "spend", Float64Array>;

/** Expected spend per transaction of each row: a fixed amount, or the Gamma-Gamma posterior mean (with covariates). */
function spendFunction(
  spend: CustomerLifetimeValueOptions["spendModel"],
  customers: object,
  count: number,
): (x: number, m: number, rowIndex: number) => number {
  if (spend !== null && typeof spend === "object" && "fixedSpend" in spend) {
    // An amount as every amount is read: a number, a decimal string or a Decimal.
    const raw: unknown = spend.fixedSpend;
    let amount = Number.NaN;
    try {
      amount = typeof raw === "number" ? raw : toMoney(raw, "fixedSpend", undefined).toNumber();
    } catch {
      // reported below
    }
    if (!(Number.isFinite(amount) && amount >= 0))
      fail("spendModel", `fixedSpend must be an amount ≥ 0, got ${shown(raw)}`);
    return () => amount;
  }
  if (spend?.model !== "gammaGamma")
    return fail("spendModel", "must be { model: 'gammaGamma', params } or { fixedSpend }");
  const spendParams = checkPositiveParameters(spend.params, GAMMA_GAMMA_NAMES, "Gamma-Gamma parameters");
  const { p, q } = spendParams;
  if (!(q > 1)) fail("spendModel", "the Gamma-Gamma mean spend needs q > 1");
  const spendPredictors = hasCovariates(spendParams)
    ? linearPredictors(spendParams, ["spend"], customers as CovariateInput, count, "spend model")
    : undefined;
  return (x, m, rowIndex) => {
    const { gamma } =
      spendPredictors === undefined ? spendParams : rowParams(spendParams, SPEND_EFFECTS, spendPredictors, rowIndex);
    if (x > 0 && !(Number.isFinite(m) && m > 0)) {
      throw new InvalidInputError(
        "customer",
        [{ code: "custom", path: ["monetaryValue"], message: `must be > 0 for a repeat customer, got ${shown(m)}` }],
        rowIndex,
      );
    }
    return x === 0 ? (p * gamma) / (q - 1) : (p * (gamma + x * m)) / (p * x + q - 1);
  };
}

/** Each customer's mean repeat spend (NaN where not given), from rows or columns. */
function readMonetaryValues(customers: object, count: number): Float64Array {
  const column = numberField("customer", customers, "monetaryValue") ?? new Float64Array(count).fill(Number.NaN);
  if (column.length !== count) {
    throw new InvalidInputError("customer", [
      { code: "custom", path: ["monetaryValue"], message: `has ${column.length} values but frequency has ${count}` },
    ]);
  }
  return column;
}

/** The customers' histories, as the model reads them: (x, t_x, T), or the BG/BB's (x, t_x, n). */
interface Histories {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  /** T, or the BG/BB's opportunities n. */
  readonly T: Float64Array;
}

function readHistories(spec: ModelSpec, customers: CustomerLifetimeValueOptions["customers"]): Histories {
  if (spec.discrete) {
    const { frequency, recency, periods } = toDiscreteColumns(customers as DiscreteSummaryInput);
    return { frequency, recency, T: periods };
  }
  return toSummaryColumns(customers as SummaryInput, "customer");
}

/** Each customer's linear predictors by process, when the model's params carry covariate coefficients. */
function transactionPredictors(
  spec: ModelSpec,
  params: ModelParams,
  customers: object,
  count: number,
): Predictors | undefined {
  if (spec.covariateEffects.length === 0 || !hasCovariates(params)) return undefined;
  return linearPredictors(params, ["transaction", "lifetime"], customers as CovariateInput, count, "transaction model");
}

/** The most steps of a discounted sum per customer (385 years of weeks): bounded work, a typed error beyond. */
const MAX_STEPS = 20_000;

/** The horizon the model can value: whole opportunities for the BG/BB; Infinity only with a closed-form DERT. */
function checkHorizon(spec: ModelSpec, horizon: number, delta: number): void {
  if (horizon === Number.POSITIVE_INFINITY) {
    if (spec.dert === undefined || !(delta > 0)) {
      const models = MODEL_NAMES.filter((name) => modelSpec(name, SUBJECT, []).dert !== undefined);
      fail(
        "horizon",
        `may be Infinity only with a model that has a closed-form DERT (${models.join(", ")}) and a discount rate > 0`,
      );
    }
  } else if (spec.discrete && !Number.isInteger(horizon)) {
    fail("horizon", `must be a whole number of opportunities for the ${spec.label}, got ${shown(horizon)}`);
  }
}

/**
 * Each customer's discounted expected transactions over the horizon, given its row index and history: the
 * closed-form DERT for an infinite horizon; else the discounted increments of E[Y(t) | history] over the horizon's
 * steps, shared by the customers of a cohort where the expectation factorises and the customers share parameters.
 */
function discountedTransactionsOf(
  spec: ModelSpec,
  params: ModelParams,
  predictors: Predictors | undefined,
  horizon: number,
  settings: ClvSettings,
): (index: number, x: number, tx: number, T: number) => number {
  const own = (index: number) =>
    predictors === undefined ? params : rowParams(params, spec.covariateEffects, predictors, index);
  if (horizon === Number.POSITIVE_INFINITY && spec.dert !== undefined) {
    const dert = spec.dert(settings.delta);
    if (spec.discrete) {
      const byPattern = memoisePatterns((x, tx, n) => dert(params, x, tx, n));
      return (_, x, tx, n) => byPattern(x, tx, n);
    }
    return (index, x, tx, T) => dert(own(index), x, tx, T);
  }
  const stepsPerUnit = spec.discrete ? 1 : settings.stepsPerUnit;
  const discounted = stepDiscounter(
    horizon,
    Math.ceil(horizon * stepsPerUnit),
    stepsPerUnit,
    settings.delta,
    spec.discrete,
  );
  const radius = spec.analyticRadius;
  if (spec.discrete) {
    const byPattern = memoisePatterns((x, tx, n) => discounted((t) => spec.conditionalExpected(params, x, tx, n, t)));
    return (_, x, tx, n) => byPattern(x, tx, n);
  }
  if (predictors === undefined && spec.separable !== undefined)
    return separableDiscounted(spec.separable(params), discounted, (T) => radius?.(params, T));
  return (index, x, tx, T) => {
    const p = own(index);
    return discounted((t) => spec.conditionalExpected(p, x, tx, T, t), radius?.(p, T));
  };
}

/** Discounted purchases of a separable model: the phase weights of each history times discounted sums by cohort. */
function separableDiscounted(
  separable: SeparableExpectation,
  discounted: StepDiscounter,
  radiusAt: (T: number) => number | undefined,
): (index: number, x: number, tx: number, T: number) => number {
  const ifAlive = memoiseCohorts(separable.phases, (x, T, phase) =>
    discounted((t) => separable.ifAlive(x, T, t, phase), radiusAt(T)),
  );
  const sum = separableSum(separable, ifAlive);
  return (_, x, tx, T) => sum(x, tx, T);
}

/**
 * Customer lifetime value: margin × expected spend per transaction × discounted expected transactions over the
 * horizon (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 1 with the transaction model's conditional expectation).
 *
 * Time and discounting are explicit: the horizon and the summaries are in `timeUnit`; the discount rate is an
 * effective rate per `discountPeriod` (default a year), converted to a continuous rate δ = ln(1 + d) per day ×
 * days per unit (months and years are Gregorian averages). Expected transactions are discounted step by step:
 * Σᵢ e^(−δ t̄ᵢ) [E[Y(tᵢ)] − E[Y(tᵢ₋₁)]] with t̄ᵢ the middle of step i (`stepsPerTimeUnit` steps per unit). With the
 * Pareto/NBD and an infinite horizon the closed-form DERT (eq. 2) is used instead. Spend is the Gamma-Gamma
 * conditional expectation p(γ + x m̄)/(px + q − 1) of each customer, or a fixed amount. Customers come as rows or
 * columns; models fitted with covariates read each customer's `covariates`. With the BG/BB (Fader, Hardie & Shang
 * 2010) customers are `{ frequency, recency, periods }`, `timeUnit` is the length of one opportunity, the horizon a
 * whole number of opportunities, the purchases at the i-th future opportunity are discounted by e^(−δ i), and an
 * infinite horizon uses their closed-form DERT (eq. 14) at d = e^δ − 1.
 *
 * @returns Money per customer (rounded once, half-even by default), the float values and the rounded total.
 * @throws InvalidInputError for bad options or customers.
 *
 * @example
 * ```ts
 * customerLifetimeValue({
 *   transactionModel: { model: "bgnbd", params: bgnbdFit.params },
 *   spendModel: { model: "gammaGamma", params: gammaGammaFit.params },
 *   customers: cdnowSummaries, horizon: 52, timeUnit: "week", discountRate: 0.1, margin: 0.3,
 * }).values[0].toFixed(2)
 * ```
 */
export function customerLifetimeValue(
  options: CustomerLifetimeValueOptions & { readonly moneyPerCustomer: false },
): CustomerLifetimeValueTotals;
export function customerLifetimeValue(options: CustomerLifetimeValueOptions): CustomerLifetimeValueResult;
export function customerLifetimeValue(
  options: CustomerLifetimeValueOptions,
): CustomerLifetimeValueResult | CustomerLifetimeValueTotals {
  options = readClvOptions(options);
  const settings = checkSettings(options);
  const spec = modelSpec(options.transactionModel.model, SUBJECT, ["transactionModel", "model"]);
  const params = readModelParams(spec, options.transactionModel.params);
  const { frequency, recency, T } = readHistories(spec, options.customers);
  const count = frequency.length;
  const monetary = readMonetaryValues(options.customers, count);
  const predictors = transactionPredictors(spec, params, options.customers, count);
  checkHorizon(spec, options.horizon, settings.delta);
  const spendOf = spendFunction(options.spendModel, options.customers, count);
  const discountedOf = discountedTransactionsOf(spec, params, predictors, options.horizon, settings);
  const raw = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const x = frequency[index] as number;
    const discounted = discountedOf(index, x, recency[index] as number, T[index] as number);
    raw[index] = settings.margin * spendOf(x, monetary[index] as number, index) * discounted;
  }
  return moneyOf(raw, options.rounding, settings.moneyPerCustomer);
}

/** The checked settings of a CLV: money per customer or not, margin, steps per time unit, δ per time unit. */
interface ClvSettings {
  readonly moneyPerCustomer: boolean;
  readonly margin: number;
  readonly stepsPerUnit: number;
  /** The continuously compounded discount rate per time unit. */
  readonly delta: number;
}

function checkSettings(options: CustomerLifetimeValueOptions): ClvSettings {
  const moneyPerCustomer = options.moneyPerCustomer ?? true;
  if (typeof moneyPerCustomer !== "boolean")
    fail("moneyPerCustomer", `must be true or false, got ${shown(moneyPerCustomer)}`);
  const { customers, horizon, timeUnit, discountRate } = options;
  const margin = options.margin ?? 1;
  const stepsPerUnit = options.stepsPerTimeUnit ?? 1;
  const discountPeriod = options.discountPeriod ?? "year";
  if (!Object.hasOwn(DAYS_PER_TIME_UNIT, timeUnit)) fail("timeUnit", `must be one of ${TIME_UNITS.join(", ")}`);
  if (!Object.hasOwn(DAYS_PER_TIME_UNIT, discountPeriod))
    fail("discountPeriod", `must be one of ${TIME_UNITS.join(", ")}`);
  if (!(typeof horizon === "number" && horizon >= 0 && !Number.isNaN(horizon)))
    fail("horizon", `must be ≥ 0 (or Infinity), got ${shown(horizon)}`);
  if (!(Number.isFinite(discountRate) && discountRate >= 0))
    fail("discountRate", `must be a finite rate ≥ 0, got ${shown(discountRate)}`);
  if (!(Number.isFinite(margin) && margin > 0 && margin <= 1))
    fail("margin", `must be in (0, 1], got ${shown(margin)}`);
  if (!(Number.isInteger(stepsPerUnit) && stepsPerUnit >= 1 && stepsPerUnit <= 1000))
    fail("stepsPerTimeUnit", `must be a whole number from 1 to 1000, got ${shown(stepsPerUnit)}`);
  if (Number.isFinite(horizon) && horizon * stepsPerUnit > MAX_STEPS)
    fail(
      "horizon",
      `× stepsPerTimeUnit is ${shown(horizon * stepsPerUnit)} steps, more than 20,000 (each customer sums one expectation a step): ask for a shorter horizon, fewer steps, or Infinity with a closed-form DERT`,
    );
  if (customers === null || typeof customers !== "object")
    fail("customers", "must be an array of customer summaries or an object of columns");
  const summarisedIn = summaryTimeUnit("customer", customers);
  if (summarisedIn !== undefined && summarisedIn !== timeUnit)
    fail(
      "timeUnit",
      `is "${timeUnit}", but the customers were summarised in ${summarisedIn}s (their recency and T, and the fit on them, are in ${summarisedIn}s): ask for timeUnit "${summarisedIn}" with the horizon in ${summarisedIn}s, or summarise again in ${timeUnit}s`,
    );
  const delta = (Math.log1p(discountRate) * DAYS_PER_TIME_UNIT[timeUnit]) / DAYS_PER_TIME_UNIT[discountPeriod];
  return { moneyPerCustomer, margin, stepsPerUnit, delta };
}

/**
 * The result's money: the total rounded once, and (unless `moneyPerCustomer` is false) each customer's value
 * allocated by largest remainder so that they add up to it.
 */
function moneyOf(
  raw: Float64Array,
  rounding: RoundingOptions | undefined,
  moneyPerCustomer: boolean,
): CustomerLifetimeValueResult | CustomerLifetimeValueTotals {
  const { parts: values, total } = allocateMoney(raw, rounding ?? {}, moneyPerCustomer, "customer lifetime value");
  return moneyPerCustomer ? { values, raw, total } : { raw, total };
}
