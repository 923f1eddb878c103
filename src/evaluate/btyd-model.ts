import { type DiscreteSummaryInput, memoisePatterns, toDiscreteColumns } from "../clv/bgbb/data.js";
import type { BgbbParams } from "../clv/bgbb/log-likelihood.js";
import { hasCovariates, linearPredictors, rowParams } from "../clv/covariates/individual-params.js";
import { requireWithoutCovariates } from "../clv/covariates/without-covariates.js";
import type { TransactionModel } from "../clv/customer-lifetime-value.js";
import { memoiseCohorts } from "../clv/memoise-cohorts.js";
import type { ModelParams, ModelSpec, SeparableExpectation } from "../clv/model-spec.js";
import { modelSpec, readModelParams } from "../clv/model-specs.js";
import { separableSum } from "../clv/separable-sum.js";
import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, readOptions, readRecord } from "../input/read-options.js";
import { MAX_FREQUENCY, MAX_WEIGHT, toSummaryColumns } from "../schemas/summary-columns.js";

/** A fitted BTYD model named by its namespace: any continuous-time transaction model, or the discrete BG/BB. */
export type BtydModel = TransactionModel | { readonly model: "bgbb"; readonly params: BgbbParams };

/**
 * A customer as model checking needs it: the calibration summary (T for continuous-time models, `periods` for the
 * BG/BB), optionally the customers the row stands for and the repeat purchases seen in the holdout.
 */
export interface CheckedCustomer {
  readonly frequency: number;
  readonly recency: number;
  /** Time from the first purchase to the end of calibration (continuous-time models). */
  readonly T?: number;
  /** Transaction opportunities in calibration (BG/BB). */
  readonly periods?: number;
  /** Customers this row stands for (default 1). */
  readonly weight?: number;
  /** Repeat purchases in the holdout; with a weight, the mean of the customers the row stands for. */
  readonly holdoutFrequency?: number;
  /** Covariates by name, for models fitted with covariates. */
  readonly covariates?: Readonly<Record<string, number>>;
}

/** Customers as rows or as columns. */
export type CheckedCustomers =
  | readonly CheckedCustomer[]
  | {
      readonly frequency: ArrayLike<number>;
      readonly recency: ArrayLike<number>;
      readonly T?: ArrayLike<number>;
      readonly periods?: ArrayLike<number>;
      readonly weight?: ArrayLike<number>;
      readonly holdoutFrequency?: ArrayLike<number>;
      readonly covariates?: Readonly<Record<string, ArrayLike<number>>>;
    };

/** Validated customer columns. @internal */
export interface CustomerColumns {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  /** T, or the BG/BB's periods. */
  readonly T: Float64Array;
  readonly weight: Float64Array;
  readonly holdoutFrequency: Float64Array | undefined;
  readonly count: number;
  readonly totalWeight: number;
  /** Covariate columns by name (empty when the customers carry none). */
  readonly covariates: Readonly<Record<string, Float64Array>>;
}

/** What model checking uses of a model: its spec's kernels over checked customers, bound to checked parameters. @internal */
export interface ModelFunctions {
  readonly label: string;
  readonly discrete: boolean;
  readonly parameterNames: readonly string[];
  readonly params: Readonly<Record<string, number>>;
  readonly spec: ModelSpec;
  expected(t: number): number;
  probabilityOfPurchases(t: number, n: number): number;
  conditionalExpected(t: number, customers: CustomerColumns): Float64Array;
  probabilityAlive(customers: CustomerColumns): Float64Array;
  /** P(alive) of one history (x, t_x, T) with no validation beyond the model's. */
  probabilityAliveOf(x: number, tx: number, T: number): number;
}

/** Covariate coefficients in a fit's params, counted once for a coefficient shared by both processes. @internal */
export function coefficientCount(params: object): number {
  return coefficientKeys(params).size;
}

/**
 * The coefficients of a fit as "process:name" keys; a covariate whose coefficient is the same number in the
 * transaction and lifetime processes (a `constrained` fit) is one key "shared:name". @internal
 */
export function coefficientKeys(params: object): Set<string> {
  const covariates = (params as { covariates?: Record<string, Record<string, number> | undefined> }).covariates;
  const keys = new Set<string>();
  if (covariates === null || typeof covariates !== "object") return keys;
  const transaction = covariates.transaction ?? {};
  const lifetime = covariates.lifetime ?? {};
  for (const [process, record] of Object.entries(covariates)) {
    for (const name of Object.keys(record ?? {})) {
      const shared =
        process !== "spend" && name in transaction && name in lifetime && transaction[name] === lifetime[name];
      keys.add(shared ? `shared:${name}` : `${process}:${name}`);
    }
  }
  return keys;
}

/** The functions of a named model, read from its spec; an InvalidInputError for an unknown name or bad parameters. @internal */
export function modelFunctions(model: BtydModel, subject: string): ModelFunctions {
  model = readOptions<BtydModel>(subject, model, { model: true, params: true }, { argument: "model", optional: false });
  const spec = modelSpec((model as { model?: unknown }).model, subject, ["model"]);
  const params = readModelParams(spec, readRecord(subject, model.params, { path: ["params"], optional: false }));
  const withoutCovariates = (functionName: string) =>
    requireWithoutCovariates(params, spec.label, spec.name, functionName);
  return {
    label: spec.label,
    discrete: spec.discrete,
    parameterNames: spec.parameterNames,
    params,
    spec,
    expected: (t) => {
      withoutCovariates("expectedPurchases");
      return spec.expected(params, t);
    },
    probabilityOfPurchases: (t, n) => {
      withoutCovariates("probabilityOfPurchases");
      return spec.probabilityOfPurchases(params, t, n);
    },
    conditionalExpected: (t, customers) => {
      const own = customerParams(spec, params, customers);
      if (own === undefined && spec.separable !== undefined) return separableExpected(spec, params, t, customers);
      return mapCustomers(spec, customers, (index, x, tx, T) =>
        spec.conditionalExpected(own?.(index) ?? params, x, tx, T, t),
      );
    },
    probabilityAlive: (customers) => {
      const own = customerParams(spec, params, customers);
      return mapCustomers(spec, customers, (index, x, tx, T) =>
        spec.probabilityAlive(own?.(index) ?? params, x, tx, T),
      );
    },
    probabilityAliveOf: (x, tx, T) => {
      withoutCovariates("probabilityAlive");
      return spec.probabilityAlive(params, x, tx, T);
    },
  };
}

/** Each customer's own parameters under a covariate fit (its covariates read once); undefined without one. */
function customerParams(
  spec: ModelSpec,
  params: ModelParams,
  customers: CustomerColumns,
): ((index: number) => ModelParams) | undefined {
  if (spec.covariateEffects.length === 0 || !hasCovariates(params)) return undefined;
  const predictors = linearPredictors(
    params,
    ["transaction", "lifetime"],
    { covariates: customers.covariates },
    customers.count,
    `${spec.label} parameters`,
  );
  return (index) => rowParams(params, spec.covariateEffects, predictors, index);
}

/**
 * A kernel of (row, x, t_x, T) applied to every customer after the model's own rules for a history are checked
 * (the first bad row is an InvalidInputError: a model check scores all its customers). Discrete histories repeat,
 * so the BG/BB's are computed once per history.
 */
function mapCustomers(
  spec: ModelSpec,
  customers: CustomerColumns,
  kernel: (index: number, x: number, tx: number, T: number) => number,
): Float64Array {
  checkHistories(spec, customers);
  const { frequency, recency, T, count } = customers;
  const out = new Float64Array(count);
  const value = spec.discrete ? memoisePatterns((x, tx, n) => kernel(0, x, tx, n)) : undefined;
  for (let index = 0; index < count; index++) {
    const x = frequency[index] as number;
    const tx = recency[index] as number;
    const age = T[index] as number;
    out[index] = value === undefined ? kernel(index, x, tx, age) : value(x, tx, age);
  }
  return out;
}

/** E[Y(t) | history] of a separable model without covariates: the parts that depend on (x, T) once per cohort. */
function separableExpected(spec: ModelSpec, params: ModelParams, t: number, customers: CustomerColumns): Float64Array {
  const separable = (spec.separable as (p: ModelParams) => SeparableExpectation)(params);
  const ifAlive = memoiseCohorts(separable.phases, (x, T, phase) => separable.ifAlive(x, T, t, phase));
  const sum = separableSum(separable, ifAlive);
  return mapCustomers(spec, customers, (_, x, tx, T) => sum(x, tx, T));
}

/** The model's rules for a history: (x, t_x, T) of a continuous-time model, (x, t_x, n) of the BG/BB. */
function checkHistories(spec: ModelSpec, customers: CustomerColumns): void {
  const { frequency, recency, T } = customers;
  if (spec.discrete) toDiscreteColumns({ frequency, recency, periods: T } as DiscreteSummaryInput);
  else toSummaryColumns({ frequency, recency, T });
}

function readColumn(
  customers: CheckedCustomers,
  field: Exclude<keyof CheckedCustomer, "covariates">,
): Float64Array | undefined {
  if (Array.isArray(customers)) {
    const rows = customers as readonly CheckedCustomer[];
    if (!rows.some((row) => row?.[field] !== undefined)) return undefined;
    return Float64Array.from(rows, (row) => {
      const value = (row as unknown as Record<string, unknown> | null)?.[field];
      return typeof value === "number" ? value : Number.NaN;
    });
  }
  const values = (customers as unknown as Record<string, ArrayLike<number> | undefined>)[field];
  if (values === undefined) return undefined;
  return Float64Array.from(values, (value) => (typeof value === "number" ? value : Number.NaN));
}

/**
 * Reads customers (rows or columns) for a model check. The model's own rules for (x, t_x, T) or (x, t_x, n) are
 * applied by its batch functions when they run; here: equal lengths, at least one row, T or periods present,
 * weights > 0 and, when required, holdout purchases ≥ 0. @internal
 */
export function readCustomers(
  customers: CheckedCustomers,
  discrete: boolean,
  subject: string,
  needHoldout: boolean,
): CustomerColumns {
  return guardRead(subject, ["customers"], () => readCustomerColumns(customers, discrete, subject, needHoldout));
}

function readCustomerColumns(
  customers: CheckedCustomers,
  discrete: boolean,
  subject: string,
  needHoldout: boolean,
): CustomerColumns {
  if (customers === null || typeof customers !== "object") {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: ["customers"], message: "must be an array of rows or an object of columns" },
    ]);
  }
  const timeField = discrete ? "periods" : "T";
  const frequency = readColumn(customers, "frequency");
  const recency = readColumn(customers, "recency");
  const T = readColumn(customers, timeField) ?? (discrete ? readColumn(customers, "T") : undefined);
  if (frequency === undefined || recency === undefined || T === undefined) {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: ["customers"], message: `need frequency, recency and ${timeField}` },
    ]);
  }
  const count = frequency.length;
  if (count === 0) {
    throw new InvalidInputError(subject, [{ code: "too_small", path: ["customers"], message: "needs at least one" }]);
  }
  const weight = readColumn(customers, "weight") ?? new Float64Array(count).fill(1);
  const holdoutFrequency = readColumn(customers, "holdoutFrequency");
  if (needHoldout && holdoutFrequency === undefined) {
    throw new InvalidInputError(subject, [
      {
        code: "invalid_type",
        path: ["customers", "holdoutFrequency"],
        message: "needs each customer's repeat purchases in the holdout (holdoutFrequency)",
      },
    ]);
  }
  const lengths = { recency, [timeField]: T, weight, holdoutFrequency };
  for (const [field, values] of Object.entries(lengths)) {
    if (values !== undefined && values.length !== count) {
      throw new InvalidInputError(subject, [
        { code: "custom", path: [field], message: `has ${values.length} values but frequency has ${count}` },
      ]);
    }
  }
  const totalWeight = checkRows(subject, weight, holdoutFrequency);
  return {
    frequency,
    recency,
    T,
    weight,
    holdoutFrequency,
    count,
    totalWeight,
    covariates: readCovariateColumns(customers),
  };
}

/** Covariates of rows (the names of the first row that has any) or columns, as Float64Array columns. */
function readCovariateColumns(customers: CheckedCustomers): Record<string, Float64Array> {
  if (Array.isArray(customers)) {
    const rows = customers as readonly CheckedCustomer[];
    const first = rows.find((row) => row?.covariates !== undefined)?.covariates;
    if (first === undefined || first === null || typeof first !== "object") return {};
    return Object.fromEntries(
      Object.keys(first).map((name) => [
        name,
        Float64Array.from(rows, (row) => {
          const value = row?.covariates?.[name];
          return typeof value === "number" ? value : Number.NaN;
        }),
      ]),
    );
  }
  const record = (customers as { covariates?: Record<string, ArrayLike<number>> }).covariates;
  if (record === undefined || record === null || typeof record !== "object") return {};
  return Object.fromEntries(
    Object.entries(record).map(([name, values]) => [
      name,
      Float64Array.from(values ?? [], (value: unknown) => (typeof value === "number" ? value : Number.NaN)),
    ]),
  );
}

/** Checks a holdout length: whole periods for the BG/BB, a finite time > 0 otherwise. @internal */
export function checkHoldoutLength(value: unknown, discrete: boolean, subject: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value > 0 && (!discrete || Number.isInteger(value)))
    return value;
  throw new InvalidInputError(subject, [
    {
      code: "custom",
      path: ["holdoutLength"],
      message: `must be ${discrete ? "a whole number of periods ≥ 1" : "a finite time > 0"}, got ${shown(value)}`,
    },
  ]);
}

/** Each row's weight (above 0 to 1e12) and holdout purchases (0 to 1e7); returns the total weight. */
function checkRows(subject: string, weight: Float64Array, holdoutFrequency: Float64Array | undefined): number {
  let totalWeight = 0;
  for (let index = 0; index < weight.length; index++) {
    const w = weight[index] as number;
    if (!(w > 0 && w <= MAX_WEIGHT)) {
      const message = `must be a number above 0 to 1e12, got ${shown(w)}`;
      throw new InvalidInputError(subject, [{ code: "custom", path: ["weight"], message }], index);
    }
    totalWeight += w;
    const h = holdoutFrequency?.[index];
    if (h !== undefined && !(h >= 0 && h <= MAX_FREQUENCY)) {
      const message = `must be a number from 0 to 10,000,000, got ${shown(h)}`;
      throw new InvalidInputError(subject, [{ code: "custom", path: ["holdoutFrequency"], message }], index);
    }
  }
  return totalWeight;
}
