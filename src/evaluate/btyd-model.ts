import * as bgbb from "../clv/bgbb/index.js";
import type { BgbbParams } from "../clv/bgbb/log-likelihood.js";
import * as bgcnbd from "../clv/bgcnbd/index.js";
import * as bgnbd from "../clv/bgnbd/index.js";
import type { TransactionModel } from "../clv/customer-lifetime-value.js";
import * as mbgcnbd from "../clv/mbgcnbd/index.js";
import * as mbgnbd from "../clv/mbgnbd/index.js";
import * as paretoNbd from "../clv/pareto-nbd/index.js";
import { InvalidInputError } from "../errors.js";
import { quoted, shown } from "../errors-shown.js";
import { guardRead, readOptions, readRecord } from "../input/read-options.js";
import type { BatchResult } from "../schemas/row-rejections.js";

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

/** What model checking uses of a model, its validation done by the model's own public functions. @internal */
export interface ModelFunctions {
  readonly label: string;
  readonly discrete: boolean;
  readonly parameterNames: readonly string[];
  readonly params: Readonly<Record<string, number>>;
  expected(t: number): number;
  probabilityOfPurchases(t: number, n: number): number;
  conditionalExpected(t: number, customers: CustomerColumns): Float64Array;
  probabilityAlive(customers: CustomerColumns): Float64Array;
  /** P(alive) of one history (x, t_x, T) with no validation beyond the model's. */
  probabilityAliveOf(x: number, tx: number, T: number): number;
}

const LABELS = {
  bgnbd: "BG/NBD",
  mbgnbd: "MBG/NBD",
  paretoNbd: "Pareto/NBD",
  bgcnbd: "BG/CNBD-k",
  mbgcnbd: "MBG/CNBD-k",
  bgbb: "BG/BB",
} as const;

/** The model names model checking accepts. @internal */
export const MODEL_NAMES = Object.keys(LABELS) as (keyof typeof LABELS)[];

function columnsOf(customers: CustomerColumns, discrete: boolean) {
  return discrete
    ? { frequency: customers.frequency, recency: customers.recency, periods: customers.T }
    : { frequency: customers.frequency, recency: customers.recency, T: customers.T, covariates: customers.covariates };
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

/** The functions of a named model; an InvalidInputError for an unknown name or bad parameters. @internal */
export function modelFunctions(model: BtydModel, subject: string): ModelFunctions {
  model = readOptions<BtydModel>(subject, model, { model: true, params: true }, { argument: "model", optional: false });
  const name = (model as { model?: unknown }).model;
  if (typeof name !== "string" || !Object.hasOwn(LABELS, name)) {
    throw new InvalidInputError(subject, [
      {
        code: "custom",
        path: ["model"],
        message: `must name one of ${MODEL_NAMES.join(", ")}, got ${quoted(name)}`,
      },
    ]);
  }
  model = { ...model, params: readRecord(subject, model.params, { path: ["params"], optional: false }) } as BtydModel;
  if (model.model === "bgbb") {
    const params = model.params;
    bgbb.expectedPurchases(params, 0);
    return {
      label: LABELS.bgbb,
      discrete: true,
      parameterNames: ["alpha", "beta", "gamma", "delta"],
      params: params as unknown as Record<string, number>,
      expected: (n) => bgbb.expectedPurchases(params, n),
      probabilityOfPurchases: (n, x) => bgbb.probabilityOfPurchases(params, n, x),
      conditionalExpected: (n, customers) =>
        allValid(bgbb.conditionalExpectedPurchasesBatch(params, n, columnsOf(customers, true) as never)),
      probabilityAlive: (customers) =>
        allValid(bgbb.probabilityAliveBatch(params, columnsOf(customers, true) as never)),
      probabilityAliveOf: (x, tx, n) => bgbb.probabilityAlive(params, { frequency: x, recency: tx, periods: n }),
    };
  }
  const namespace = { bgnbd, mbgnbd, paretoNbd, bgcnbd, mbgcnbd }[model.model] as unknown as {
    expectedPurchases(params: unknown, t: number): number;
    probabilityOfPurchases(params: unknown, t: number, n: number): number;
    conditionalExpectedPurchasesBatch(params: unknown, t: number, data: unknown): BatchResult;
    probabilityAliveBatch(params: unknown, data: unknown): BatchResult;
    probabilityAlive(params: unknown, customer: unknown): number;
  };
  const params = model.params;
  const { covariates: _coefficients, ...base } = params as typeof params & { covariates?: unknown };
  namespace.expectedPurchases(base, 0);
  const cnbd = model.model === "bgcnbd" || model.model === "mbgcnbd";
  return {
    label: LABELS[model.model],
    discrete: false,
    parameterNames: cnbd ? ["k", "r", "alpha", "a", "b"] : Object.keys(base).filter((key) => key !== "k"),
    params: params as unknown as Record<string, number>,
    expected: (t) => namespace.expectedPurchases(params, t),
    probabilityOfPurchases: (t, n) => namespace.probabilityOfPurchases(params, t, n),
    conditionalExpected: (t, customers) =>
      allValid(namespace.conditionalExpectedPurchasesBatch(params, t, columnsOf(customers, false))),
    probabilityAlive: (customers) => allValid(namespace.probabilityAliveBatch(params, columnsOf(customers, false))),
    probabilityAliveOf: (x, tx, T) => namespace.probabilityAlive(params, { frequency: x, recency: tx, T }),
  };
}

/** The values of a batch whose every row must be valid (a model check scores all its customers): else its first error. */
function allValid(result: BatchResult): Float64Array {
  const [first] = result.errors;
  if (first !== undefined) throw first;
  return result.values;
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
  let totalWeight = 0;
  for (let index = 0; index < count; index++) {
    const w = weight[index] as number;
    if (!(Number.isFinite(w) && w > 0)) {
      throw new InvalidInputError(
        subject,
        [{ code: "custom", path: ["weight"], message: `must be a finite number > 0, got ${shown(w)}` }],
        index,
      );
    }
    totalWeight += w;
    if (holdoutFrequency !== undefined) {
      const h = holdoutFrequency[index] as number;
      if (!(Number.isFinite(h) && h >= 0)) {
        throw new InvalidInputError(
          subject,
          [{ code: "custom", path: ["holdoutFrequency"], message: `must be a finite number ≥ 0, got ${shown(h)}` }],
          index,
        );
      }
    }
  }
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
  const ok = typeof value === "number" && Number.isFinite(value) && value > 0 && (!discrete || Number.isInteger(value));
  if (!ok) {
    throw new InvalidInputError(subject, [
      {
        code: "custom",
        path: ["holdoutLength"],
        message: `must be ${discrete ? "a whole number of periods ≥ 1" : "a finite time > 0"}, got ${shown(value)}`,
      },
    ]);
  }
  return value as number;
}
