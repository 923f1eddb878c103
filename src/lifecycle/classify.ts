import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, type OptionNames, readOptions } from "../input/read-options.js";
import { type LifecycleCustomerInput, lifecycleCustomerSchema } from "../schemas/lifecycle-customer.js";
import { optionError } from "../schemas/options.js";
import { dateSchema } from "../schemas/primitives.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { classifyDays, type LifecycleClassification } from "./classify-days.js";
import { type CustomerDays, createCustomerDays, fillCustomerDays } from "./customer-days.js";
import { createKeyMemo, type KeyMemo, readCustomerDays } from "./read-customer-days.js";
import { type LifecycleRules, resolveRules } from "./rules.js";

export type { LifecycleClassification, LifecycleFlag, LifecycleStage, VehicleStage } from "./classify-days.js";

const MS_PER_DAY = 86_400_000;

/** Options of {@link classify} and {@link classifyBatch}. */
export interface LifecycleOptions {
  /** The day to classify as of; events after it are ignored. */
  readonly asOf: Date | string;
  /** Thresholds over {@link DEFAULT_LIFECYCLE_RULES}. */
  readonly rules?: Partial<LifecycleRules>;
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /**
   * Whether to write the reasons in words (default true). False leaves every `reasons` empty: the stages and flags
   * of a million customers in about half the time and memory.
   */
  readonly reasons?: boolean;
  /**
   * The first day the records show (a DMS migration, a retention rule): maintenance visits before it are not read,
   * and a vehicle whose first service could have fallen before it is placed on its schedule — from its first visit
   * in the history, or, with none, on schedule up to the start — never lapsed for a first service the records
   * cannot show (as `psv.assessCustomers({ historyStart })`). Default: each vehicle's history starts at its delivery.
   */
  readonly historyStart?: Date | string;
}

const OPTION_NAMES: OptionNames<LifecycleOptions> = {
  asOf: true,
  rules: true,
  timeZone: true,
  reasons: true,
  historyStart: true,
};

/** The checked options: the day number of asOf, the merged rules, whether to explain. */
/** The fast reader of a customer's days; a customer it cannot read (a failing getter) is left to the checked path. */
function fastRead(customer: unknown, asOf: number, days: CustomerDays, memo: KeyMemo): boolean {
  try {
    return readCustomerDays(customer, asOf, days, memo);
  } catch {
    return false;
  }
}

function readLifecycleOptions(options: LifecycleOptions): {
  asOf: number;
  rules: LifecycleRules;
  explain: boolean;
  historyStart: number;
} {
  const parsed = dateSchema.safeParse(options.asOf);
  if (!parsed.success) optionError("lifecycle options", "asOf", "must be a Date or an ISO date");
  if (options.reasons !== undefined && typeof options.reasons !== "boolean")
    optionError("lifecycle options", "reasons", `must be true or false, got ${shown(options.reasons)}`);
  const asOf = Math.floor(parsed.data.getTime() / MS_PER_DAY);
  let historyStart = Number.NEGATIVE_INFINITY;
  if (options.historyStart !== undefined) {
    const start = dateSchema.safeParse(options.historyStart);
    if (!start.success) optionError("lifecycle options", "historyStart", "must be a Date or an ISO date");
    historyStart = Math.floor(start.data.getTime() / MS_PER_DAY);
    if (historyStart > asOf) optionError("lifecycle options", "historyStart", "is after asOf");
  }
  return { asOf, rules: resolveRules(options.rules), explain: options.reasons !== false, historyStart };
}

/**
 * Classifies a customer into exactly one lifecycle stage (DOMAIN.md §3) with flags and readable reasons:
 *
 * - prospect: no delivered vehicle yet (leads are counted in the reasons);
 * - lapsed: the newest vehicle's maintenance (the first service included) is overdue by more than
 *   `lapsedAfterDays` (default 95: the library's one definition of lapsed, shared with `service.status` and
 *   `psv.assessCustomers`);
 * - new-car-purchase: the newest vehicle was delivered less than `onboardingDays` ago;
 * - replacement-window: the newest vehicle is `replacementWindowYears` old or older;
 * - in-warranty / post-warranty: inside or past `warrantyYears` / `warrantyKm` (odometer: latest reading projected
 *   to asOf at the vehicle's own rate, or `defaultKmPerDay`).
 *
 * Flags: insurance-due, finance-active, finance-ending, referrer, at-risk (the newest vehicle's service is overdue,
 * not yet lapsed), won-back (its latest visit came more than `lapsedAfterDays` after the due date: a real gap against
 * the schedule), traded-in (置换: a trade-in purchase or event; the old car gets no more service here). Events after `asOf` are ignored.
 * Defaults in {@link DEFAULT_LIFECYCLE_RULES}.
 *
 * @throws InvalidInputError for an invalid customer (e.g. a service visit before delivery, an unknown vehicle).
 *
 * @example
 * ```ts
 * lifecycle.classify({ customerId: 1, vehicles: [{ vehicleId: "V1", deliveryDate: "2022-03-01" }], serviceEvents: [{ vehicleId: "V1", date: "2024-02-01", type: "maintenance", odometerKm: 64000 }] }, { asOf: "2024-06-01" }).stage // "post-warranty" (past 60,000 km)
 * ```
 */
export function classify(customer: LifecycleCustomerInput, options: LifecycleOptions): LifecycleClassification {
  options = readOptions("lifecycle options", options, OPTION_NAMES, { optional: false });
  return withTimeZone(options.timeZone, () => classifyInZone(customer, options));
}

function classifyInZone(customer: LifecycleCustomerInput, options: LifecycleOptions): LifecycleClassification {
  const { asOf, rules, explain, historyStart } = readLifecycleOptions(options);
  const parsed = guardRead("lifecycle customer", [], () => lifecycleCustomerSchema.safeParse(customer));
  if (!parsed.success) throw new InvalidInputError("lifecycle customer", parsed.error.issues);
  const days = createCustomerDays();
  fillCustomerDays(parsed.data, asOf, days);
  return classifyDays(days, asOf, rules, explain, historyStart);
}

/**
 * Classifies many customers; invalid customers get an error in `errors` (with their row index) and `undefined`
 * in `results`, without stopping the batch. Each result is what {@link classify} gives for that customer. Customers
 * are checked by hand (zod only words the rejected ones), so a million realistic customers take seconds; with
 * `reasons: false` about half of that.
 *
 * @example
 * ```ts
 * lifecycle.classifyBatch([{ customerId: 1 }], { asOf: "2024-06-01" }).results[0].stage // "prospect"
 * lifecycle.classifyBatch([{ customerId: 1 }], { asOf: "2024-06-01", reasons: false }).results[0].reasons.length // 0
 * ```
 */
export function classifyBatch(
  customers: readonly LifecycleCustomerInput[],
  options: LifecycleOptions,
): { results: (LifecycleClassification | undefined)[]; errors: InvalidInputError[] } {
  options = readOptions("lifecycle options", options, OPTION_NAMES, { optional: false });
  return withTimeZone(options.timeZone, () => classifyBatchInZone(customers, options));
}

function classifyBatchInZone(
  customers: readonly LifecycleCustomerInput[],
  options: LifecycleOptions,
): { results: (LifecycleClassification | undefined)[]; errors: InvalidInputError[] } {
  const { asOf, rules, explain, historyStart } = readLifecycleOptions(options);
  if (!Array.isArray(customers)) {
    throw new InvalidInputError("lifecycle customers", [
      { code: "invalid_type", path: [], message: "must be an array of customers" },
    ]);
  }
  // Customers are read straight into reused day columns by hand-written checks; zod sees only the customers those
  // checks leave to it (it words the issues, and decides the unusual cases).
  const results: (LifecycleClassification | undefined)[] = new Array(customers.length);
  const errors: InvalidInputError[] = [];
  const days = createCustomerDays();
  const memo = createKeyMemo();
  for (let index = 0; index < customers.length; index++) {
    if (!fastRead(customers[index], asOf, days, memo)) {
      const parsed = guardRead(
        "lifecycle customer",
        [],
        () => lifecycleCustomerSchema.safeParse(customers[index]),
        index,
      );
      if (!parsed.success) {
        errors.push(new InvalidInputError("lifecycle customer", parsed.error.issues, index));
        results[index] = undefined;
        continue;
      }
      fillCustomerDays(parsed.data, asOf, days);
    }
    results[index] = classifyDays(days, asOf, rules, explain, historyStart);
  }
  return { results, errors };
}
