import type { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { PROGRESS_OPTION_NAMES, type ProgressOptions, readProgress } from "../input/progress.js";
import { type OptionNames, readOptions, readRecord } from "../input/read-options.js";
import type { Money } from "../money/decimal.js";
import { ROUNDING_NAMES, type RoundingOptions } from "../money/round-money.js";
import { dayNumber } from "../schemas/day-number.js";
import { numberOption as checkNumberOption, optionError as rejectOption } from "../schemas/options.js";
import type { Reason } from "../schemas/reason.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { buildCustomers, type RowKeys } from "./assess/build-customers.js";
import { type DealerNetworkReport, type NetworkSums, networkSums, reportOfSums } from "./assess/network-report.js";
import { ownerEvidence } from "./assess/owner-rates.js";
import { type Reach, type ReachPrior, reachProbabilities } from "./assess/reach.js";
import { effectWeights, intervalOfWeights, type SaveableInterval } from "./assess/saveable-interval.js";
import {
  type AssumptionSets,
  type AssumptionsByVehicle,
  assignAssumptions,
  type VehicleAssumptions,
} from "./assess/vehicle-assumptions.js";
import { readVehicleHistories } from "./assess/vehicle-histories.js";
import { type OutlookSettings, type VehicleColumns, vehicleOutlooks } from "./assess/vehicle-outlooks.js";
import type { AssessEvent, AssessEventColumns, AssessVehicle, AssessVehicleColumns } from "./assess-input.js";
import { checkAssumptions, defaultAssumptions, type PsvAssumptions } from "./assumptions.js";
import type { CampaignContact, CampaignContactColumns } from "./contact-input.js";
import { buildCurve, COMPONENT_COUNT, evaluateCurve } from "./curve.js";
import { applyHistoryStart, type DealerVehicles, dealerEventReader, readDealerVehicles } from "./dealer-records.js";
import { DAYS_PER_YEAR } from "./maintenance-timeline.js";
import { readContacts } from "./read-contacts.js";
import { reminderModel } from "./reminder/reminder-model.js";

/** Options of {@link assessCustomers}. */
export interface AssessCustomersOptions extends ProgressOptions {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /** Vehicles as rows or as columns (day numbers or dates). */
  readonly vehicles: readonly AssessVehicle[] | AssessVehicleColumns;
  /** Events as rows or as columns: for millions of events, columns of day numbers and amounts as typed arrays. */
  readonly serviceEvents: readonly AssessEvent[] | AssessEventColumns;
  /**
   * The log of past reminder campaigns (as `evaluate.campaign` reads it): with `reached` given on treatment rows,
   * each owner's chance that a reminder reaches them is learned (their own record shrunk toward the dealer's rate)
   * and the saveable and win-back values are weighted by it. Default: none (every owner assumed reachable).
   */
  readonly contacts?: readonly CampaignContact[] | CampaignContactColumns;
  /** The scoring day: nothing after it is read (events after it are errors). */
  readonly asOf: Date | string;
  /**
   * The first day the export shows, as in `psv.calibrate`: a vehicle delivered before it whose first service could
   * have fallen before it is placed on its schedule from its first visit in the history (it kept every due visit
   * before: leaving is for good) or, with none, on schedule up to the start — never "never came for the first
   * service" for visits the export cannot show. Events dated before it are left out (`eventsBeforeHistoryStart`).
   * Default: each vehicle's history starts at its delivery.
   */
  readonly historyStart?: Date | string;
  /**
   * PSV assumptions with owner behaviour, e.g. from `psv.calibrate` (default: `defaultAssumptions({ segment: "mass"
   * })`); or per vehicle, picked by a vehicle field ({@link AssumptionsByVehicle}: e.g. `{ by: { luxury, mass },
   * default }` by `segment`, or by a brand or an EV flag named in `field`) — each vehicle's schedule, rates, tickets
   * and behaviour are its own assumptions', the owner's price level a ratio to them (so a luxury car and a mass car
   * of one owner get their own tickets).
   */
  readonly assumptions?: PsvAssumptions | AssumptionsByVehicle;
  /**
   * Whose value, in a network (vehicles and events with a `dealerId`): "network" (default) — the group's or maker's
   * view: a visit at any dealer of the network counts, so an owner who moves to a sister dealer is not lost;
   * "dealer" — each vehicle's own dealer's view (the dealer that sold it): events at other dealers are left out
   * (counted in `eventsAtOtherDealers`), so a move is a loss. Either way `network` reports each dealer's vehicles
   * kept, moved within the network and lost.
   */
  readonly scope?: "network" | "dealer";
  /** Years ahead for `obtainableValue` and the saveable value (default 2). */
  readonly horizonYears?: number;
  /**
   * A vehicle due within this many days is "due-soon" (default 60), and an insurance anniversary within it is named
   * in the reasons. What a reminder saves follows the reminder effect of the assumptions (by lead time and stage),
   * not this window.
   */
  readonly reminderWindowDays?: number;
  /**
   * What one call covers, for customers with several vehicles (fleets, households): "customer" (default) — the call
   * reaches the customer about all their vehicles, so the list ranks by the sum of their saveable values; "vehicle"
   * — a call is about one vehicle (e.g. a fleet whose drivers book their own service), so it ranks by the best
   * vehicle's. `saveableValue` is the sum either way.
   */
  readonly callPer?: "customer" | "vehicle";
  /** Share of a probably-lost owner's value a win-back contact recovers (default 0.05: lost owners rarely return). */
  readonly winBackRate?: number;
  /** Which amount of an event is its value: "margin" (default) or "revenue". Never both in one total. */
  readonly value?: "margin" | "revenue";
  /** The currency the reasons name amounts in (default "RMB"): a code or symbol, e.g. "EUR", "€", "¥". */
  readonly currency?: string;
  /** Money rounding (default 2 decimals, at most 4; the whole is rounded half-even, parts by largest remainder). */
  readonly rounding?: Pick<RoundingOptions, "decimalPlaces">;
  /**
   * How many customers, from the top of the list, get a full row (Decimal money, vehicles, reasons); default all.
   * Every customer is in `columns` either way: for a million vehicles, ask for the call list you will use.
   */
  readonly rows?: number;
}

/** One vehicle in a customer's assessment. */
export interface VehicleAssessment {
  readonly vehicleId: string | number;
  /**
   * Against the schedule: not yet due, due within the reminder window, overdue, probably lost, drifting (maintenance
   * overdue past the lapse but other services here since: going to independent garages; its due date is the next one
   * after the skipped visits), traded in, or past its service life.
   */
  readonly state: "not-due" | "due-soon" | "overdue" | "lost" | "drifting" | "traded-in" | "end-of-life";
  readonly pAlive: number;
  readonly leaveChanceAtNextVisit: number;
  readonly nextDueDate: string | undefined;
  readonly lockedValue: Money;
  readonly realisedValue: Money;
  readonly obtainableValue: Money;
  readonly obtainableLifetimeValue: Money;
  readonly saveableValue: Money;
  readonly winBackValue: Money;
  /** The owner never came for the first service, although it is overdue. */
  readonly neverCameForFirstService: boolean;
  /** 首保即终保: one service, and the next one is overdue. */
  readonly firstServiceWasLast: boolean;
  /** No odometer reading: the schedule, the warranty and the service life run on their time limits alone. */
  readonly mileageAssumed: boolean;
}

/** One customer: value locked, realised, obtainable and saveable, and what to do. */
export interface CustomerAssessment {
  readonly customerId: string | number;
  /** Σ over vehicles of the after-sales value over the vehicle's whole life if the dealer kept the owner (the schedule, no churn). */
  readonly lockedValue: Money;
  /** Σ of the value of the owner's recorded events. */
  readonly realisedValue: Money;
  /** Expected value from asOf over `horizonYears`, given the owner's own state. */
  readonly obtainableValue: Money;
  /** Expected value over the rest of the vehicles' lives here. */
  readonly obtainableLifetimeValue: Money;
  /** P(still served here) for at least the best-placed vehicle (the largest of the vehicles' P(alive)). */
  readonly pAlive: number;
  /** P(a reminder reaches the owner), from the campaign log (`contacts`); 1 without one. */
  readonly reachProbability: number;
  /** What a reminder now is expected to save: Σ over vehicles of P(reach) × the reminder's effect at their lead time and stage × chance of not coming back for the due visit × value kept if the owner comes. */
  readonly saveableValue: Money;
  /** Expected value a win-back contact recovers from vehicles probably lost (winBackRate × P(lost) × value if back). */
  readonly winBackValue: Money;
  readonly action: "remind" | "win-back" | "none";
  /** The vehicle and due date that drive the action (the vehicle with the largest saveable value, else win-back value, else obtainable value). */
  readonly vehicleId: string | number | undefined;
  readonly dueDate: string | undefined;
  /** What is due, in words (e.g. "first service", "maintenance", "maintenance + insurance renewal"). */
  readonly due: string;
  /**
   * Why, per vehicle (and when past reminders often missed the owner): `{ code, params, text }`, codes "psv.…"
   * (docs/psv.md lists them), amounts in `params` as numbers and in `text` with the `currency` option.
   */
  readonly reasons: Reason[];
  readonly vehicles: VehicleAssessment[];
}

/** The assessment: customers sorted by saveable value (then obtainable value, then id), totals, and per-row errors. */
export interface AssessCustomersResult {
  /** Full rows for the first `rows` customers of the list. */
  readonly customers: CustomerAssessment[];
  /** Every customer, in the same order, as columns: money rounded once (as numbers), P(alive) and the action. */
  readonly columns: {
    readonly customerId: (string | number)[];
    readonly lockedValue: Float64Array;
    readonly realisedValue: Float64Array;
    readonly obtainableValue: Float64Array;
    readonly obtainableLifetimeValue: Float64Array;
    readonly saveableValue: Float64Array;
    readonly winBackValue: Float64Array;
    readonly pAlive: Float64Array;
    readonly reachProbability: Float64Array;
    readonly action: CustomerAssessment["action"][];
  };
  /** Σ over customers, exactly (each customer's values are rounded once; the totals are their sums). */
  readonly totals: {
    readonly lockedValue: Money;
    readonly realisedValue: Money;
    readonly obtainableValue: Money;
    readonly obtainableLifetimeValue: Money;
    readonly saveableValue: Money;
    /**
     * The 95% interval of `saveableValue` from the sampling error of the reminder effect learned by
     * `psv.calibrate({ contacts })` (the contacts of its campaign log, parametric bootstrap through the learner, then
     * the delta method); null when the effect is assumed, whose uncertainty is unknown. It leaves out the error of
     * the stage factors, the reach rate and the owners' leave chances.
     */
    readonly saveableValueInterval: SaveableInterval | null;
    readonly winBackValue: Money;
  };
  /** One error per bad vehicle or event row (rowIndex; subject "vehicle" or "service event"); those rows are left out, and named here. */
  readonly errors: InvalidInputError[];
  /** Events whose value field was missing (they count for timing, not value). */
  readonly eventsWithoutValue: number;
  /** Events dated before `historyStart`, left out (0 without it). */
  readonly eventsBeforeHistoryStart: number;
  /** Each home dealer's vehicles kept, moved within the network and lost (empty when no vehicle names its dealer). */
  readonly network: DealerNetworkReport[];
  /** Events at another dealer than their vehicle's own (left out at `scope: "dealer"`). */
  readonly eventsAtOtherDealers: number;
}

const SUBJECT = "assessCustomers options";
function optionError(path: string, message: string): never {
  return rejectOption(SUBJECT, path, message);
}
const numberOption = (value: unknown, name: string, fallback: number, low: number, high: number): number =>
  checkNumberOption(SUBJECT, value, name, fallback, low, high);

/** The option names of {@link assessCustomers}. @internal */
export const OPTION_NAMES: OptionNames<AssessCustomersOptions> = {
  timeZone: true,
  vehicles: true,
  serviceEvents: true,
  contacts: true,
  asOf: true,
  historyStart: true,
  assumptions: true,
  scope: true,
  horizonYears: true,
  reminderWindowDays: true,
  callPer: true,
  winBackRate: true,
  value: true,
  rounding: true,
  rows: true,
  currency: true,
  ...PROGRESS_OPTION_NAMES,
};

/**
 * Assesses every customer of a dealer from its records: how much value each owner has locked in, brought, can still
 * bring, and how much a reminder now can save — the retention call list of DOMAIN.md §2. Per vehicle:
 *
 * - **P(alive)** from the owner's own visits against their own schedule and mileage (time or km, whichever first):
 *   1 until the next service is due; after that, Bayes' rule between "left at this due visit" (probability from the
 *   stage — never came for the first service, 首保即终保 right after it, in or after the warranty — and the owner's
 *   loyalty record: the gamma-frailty posterior after the due visits they came back for) and "stayed but is late"
 *   (how often active owners are this late, shifted by the owner's own punctuality);
 * - the owner's **ticket sizes and event rates** shrunk toward the calibrated averages (empirical Bayes: weight
 *   n / (n + k), k the calibrated pseudo-count), insurance renewals likewise; repairs done elsewhere show as a low
 *   own repair rate;
 * - **values**: `lockedValue` = the schedule's lifetime value with no churn (what the factory locked in),
 *   `realisedValue` = the recorded margins, `obtainableValue` = expected value over `horizonYears`,
 *   `obtainableLifetimeValue` = over the rest of the vehicle's life here (to the service horizon or the expected
 *   replacement, which earns the repurchase value once — a traded-in vehicle has none left);
 * - **saveableValue**, the value a call now is expected to save = P(reach) × the reminder's effect at this lead time
 *   and stage (the assumptions' `reminderEffectByLead` × `reminderStageFactors`, learned by `psv.calibrate({
 *   contacts })`; by default half the chance of leaving removed for a visit due within 60 days) × the chance of not
 *   coming back for the due visit (the chance of leaving at it; for an overdue vehicle, 1 − P(alive)) × the value
 *   kept over the horizon if the owner comes; owners who have lapsed (overdue by more than the 95% point of
 *   calibrated delays: the library's one definition of lapsed, 95 days by default) get 0 here and a `winBackValue`
 *   instead.
 *
 * Customers are sorted by saveable value, so the top of the list is the owners who are probably still here, whose
 * next decision is near and who have the most to lose; `action` is "remind" for them, "win-back" for owners
 * probably lost (their own list, ranked by `winBackValue`), "none" otherwise. Money is Decimal, rounded once per
 * customer; vehicle parts add up exactly to the customer's value (largest remainder), and totals to the sums. The
 * `reasons` name amounts in `currency` (default "RMB").
 *
 * `psv.score` is different: the schedule-only PSV of a vehicle (expected value from delivery under average
 * retention, ignoring what the owner did), whose monotonicity and conservation properties hold; use it to value a
 * fleet or a vehicle model, and this function to decide whom to call.
 *
 * Bad rows give an `InvalidInputError` each (row index, subject) in `errors` and are left out; nothing else is dropped.
 *
 * `vehicles` and `serviceEvents` are rows or columns ({@link AssessVehicleColumns}, {@link AssessEventColumns}): for a
 * million vehicles and ten million events, columns of day numbers with ids, km and margins in typed arrays hold the
 * events in about 0.3 GB (1.1 GB as objects) and assess in about 4 s; whole-number ids (customer or vehicle
 * numbers) are looked up in a table instead of a Map, either way. Errors name the columns given (`deliveryDay`, `day`).
 *
 * @example
 * ```ts
 * const rows = psv.assessCustomers({ asOf: "2024-06-30",
 *   vehicles: [{ vehicleId: "V1", customerId: "C1", deliveryDate: "2022-01-10" }],
 *   serviceEvents: [{ vehicleId: "V1", date: "2022-06-01", type: "maintenance", margin: "300" }] });
 * rows.customers[0].realisedValue.toFixed(2) // "300.00"
 * ```
 */
export function assessCustomers(options: AssessCustomersOptions): AssessCustomersResult {
  options = readAssessCustomersOptions(options);
  return withTimeZone(options.timeZone, () => assessCustomersInZone(options));
}

/** The options of {@link assessCustomers} through the one option reader: unknown names are typed errors. @internal */
export function readAssessCustomersOptions(options: AssessCustomersOptions): AssessCustomersOptions {
  options = readOptions(SUBJECT, options, OPTION_NAMES, { optional: false });
  if (options.rounding === undefined) return options;
  return { ...options, rounding: readOptions(SUBJECT, options.rounding, ROUNDING_NAMES, { path: ["rounding"] }) };
}

/** The checked options of an assessment. @internal */
export interface AssessSettings extends OutlookSettings {
  readonly sets: AssumptionSets;
  readonly valueField: "margin" | "revenue";
  readonly decimals: number;
  readonly rows: number;
  readonly callPer: "customer" | "vehicle";
  readonly scope: "network" | "dealer";
  readonly currency: string;
}

/** The options' settings, checked. @internal */
export function readAssessSettings(options: AssessCustomersOptions): AssessSettings {
  const asOf = dayNumber(options.asOf);
  if (typeof asOf === "string") return optionError("asOf", asOf);
  const sets = readAssumptionSets(options.assumptions);
  const horizonDays = numberOption(options.horizonYears, "horizonYears", 2, 1 / 365, 50) * DAYS_PER_YEAR;
  const windowDays = numberOption(options.reminderWindowDays, "reminderWindowDays", 60, 0, 3650);
  const winBackRate = numberOption(options.winBackRate, "winBackRate", 0.05, 0, 1);
  const valueField = options.value ?? "margin";
  if (valueField !== "margin" && valueField !== "revenue") optionError("value", 'must be "margin" or "revenue"');
  const decimals = options.rounding?.decimalPlaces ?? 2;
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= 4))
    optionError("rounding.decimalPlaces", "must be a whole number from 0 to 4");
  const rows = options.rows ?? Number.POSITIVE_INFINITY;
  if (!(rows === Number.POSITIVE_INFINITY || (Number.isInteger(rows) && rows >= 0)))
    optionError("rows", `must be a whole number ≥ 0, got ${shown(rows)}`);
  const callPer = options.callPer ?? "customer";
  if (callPer !== "customer" && callPer !== "vehicle") optionError("callPer", 'must be "customer" or "vehicle"');
  const historyStart = readHistoryStart(options.historyStart, asOf);
  const scope = options.scope ?? "network";
  if (scope !== "network" && scope !== "dealer") optionError("scope", 'must be "network" or "dealer"');
  const currency = options.currency ?? "RMB";
  if (!(typeof currency === "string" && currency.length > 0 && currency.length <= 12))
    optionError("currency", `must be a short text (1–12 characters), got ${shown(currency)}`);
  return {
    asOf,
    sets,
    horizonDays,
    windowDays,
    winBackRate,
    valueField,
    decimals,
    rows,
    callPer,
    historyStart,
    scope,
    currency,
  };
}

/** One assumptions object for all vehicles, or per vehicle by a field ({@link AssumptionsByVehicle}), checked. */
function readAssumptionSets(value: AssessCustomersOptions["assumptions"]): AssumptionSets {
  if (typeof value !== "object" || value === null || !("by" in value))
    return {
      list: [checkAssumptions((value ?? defaultAssumptions({ segment: "mass" }).assumptions) as PsvAssumptions)],
      keys: new Map(),
      field: undefined,
    };
  const read = readOptions<AssumptionsByVehicle>(
    SUBJECT,
    value,
    { field: true, by: true, default: true },
    { path: ["assumptions"], optional: false },
  );
  const field = read.field ?? "segment";
  if (typeof field !== "string" || field.length === 0)
    optionError("assumptions.field", "must be the name of a vehicle field");
  const by = readRecord<Record<string, PsvAssumptions>>(SUBJECT, read.by, {
    path: ["assumptions", "by"],
    optional: false,
  });
  const entries = Object.entries(by);
  return {
    list: [checkAssumptions(read.default), ...entries.map(([, assumptions]) => checkAssumptions(assumptions))],
    keys: new Map(entries.map(([key], index) => [key, index + 1])),
    field,
  };
}

/** The day of `historyStart` (−Infinity: not given); it must be a date on or before asOf. */
function readHistoryStart(value: Date | string | undefined, asOf: number): number {
  if (value === undefined) return Number.NEGATIVE_INFINITY;
  const day = dayNumber(value);
  if (typeof day === "string") return optionError("historyStart", day);
  if (day > asOf) return optionError("historyStart", "is after asOf");
  return day;
}

/**
 * The after-sales value each vehicle locks in over its life if the dealer kept the owner (no churn): a car bought
 * new, its whole life's; a used car, what is left of it from its acquisition (its progress then: the age or the
 * odometer over the assumptions' km a year, whichever is further).
 */
function lockedValues(assumptions: VehicleAssumptions, fleet: DealerVehicles): Float64Array {
  const n = COMPONENT_COUNT;
  const out = new Float64Array(3 * n);
  const lifetime = () => out.subarray(2 * n, 3 * n).reduce((sum, value) => sum + value, 0);
  const curves = assumptions.list.map((a) => {
    const curve = buildCurve({ ...a, retentionInWarranty: 1, retentionPostWarranty: 1 });
    evaluateCurve(curve, 0, 0, out);
    return { curve, whole: lifetime() };
  });
  return Float64Array.from(fleet.ids, (_, v) => {
    const { curve, whole } = curves[assumptions.of[v] as number] as (typeof curves)[number];
    const acquiredYears = ((fleet.acquiredDay[v] as number) - (fleet.deliveryDay[v] as number)) / DAYS_PER_YEAR;
    if (acquiredYears <= 0) return whole;
    const progress = Math.max(acquiredYears, (fleet.acquiredKm[v] as number) / curve.kmPerYear);
    evaluateCurve(curve, acquiredYears, progress, out);
    return whole - out.subarray(n, 2 * n).reduce((sum, value) => sum + value, 0);
  });
}

/** What partitions of a network add up besides the result: the sums behind the interval and the network report. @internal */
export interface AssessmentParts {
  readonly effectWeights: Float64Array[];
  readonly network: NetworkSums;
  readonly rowKeys: RowKeys;
}

/** The assessment as named stages: settings → vehicles → event histories → owners → vehicle outlooks → customers. */
function assessCustomersInZone(options: AssessCustomersOptions): AssessCustomersResult {
  return assessWithParts(options, readAssessSettings(options), undefined).result;
}

/**
 * The assessment and its parts; `reachPrior`, for a partition of a network, is the network's reach rate and
 * shrinkage (else the campaign log's own). @internal
 */
export function assessWithParts(
  options: AssessCustomersOptions,
  settings: AssessSettings,
  reachPrior: ReachPrior | undefined,
): { result: AssessCustomersResult; parts: AssessmentParts } {
  const progress = readProgress(SUBJECT, options);
  const { asOf } = settings;
  const errors: InvalidInputError[] = [];
  progress("vehicles", 0);
  const fleet = readDealerVehicles(options.vehicles, asOf, errors, settings.sets.field);
  applyHistoryStart(fleet, settings.historyStart);
  const a = assignAssumptions(settings.sets, fleet.group, fleet.ids.length);
  progress("service events", 0.1);
  const eventRows = dealerEventReader(options.serviceEvents, settings.valueField, fleet, asOf);
  const histories = readVehicleHistories(eventRows, fleet, a, errors, settings.scope);
  progress("owners", 0.4);
  const reach = readReach(options.contacts, fleet, asOf, errors, reachPrior);
  const owners = ownerEvidence(fleet, histories, a, asOf);
  progress("outlooks", 0.5);
  const columns = vehicleOutlooks(a, fleet, histories, owners, settings);
  if (reach !== undefined) weighByReach(columns, fleet, reach);
  else weighByDealerReach(columns, a);
  progress("customers", 0.8);
  const { built, rowKeys } = buildCustomers({
    fleet,
    realised: histories.realised,
    exactExtra: histories.exactExtra,
    lockedByVehicle: lockedValues(a, fleet),
    columns,
    decimals: settings.decimals,
    asOf,
    windowDays: settings.windowDays,
    errors,
    eventsWithoutValue: histories.eventsWithoutValue,
    eventsBeforeHistoryStart: histories.beforeStart,
    rows: settings.rows,
    reach,
    callPer: settings.callPer,
    currency: settings.currency,
  });
  const weights = effectWeights(columns, a);
  const interval = intervalOfWeights(weights, a, built.totals.saveableValue, settings.decimals);
  const network = networkSums(fleet, histories.lastElsewhere, columns, new Map());
  progress("done", 1);
  const result = {
    ...built,
    totals: { ...built.totals, saveableValueInterval: interval },
    network: reportOfSums(network, settings.decimals),
    eventsAtOtherDealers: histories.atOtherDealers,
  };
  return { result, parts: { effectWeights: weights, network, rowKeys } };
}

/** Each owner's chance that a reminder reaches them, from the campaign log, if one is given with outcomes. */
function readReach(
  contacts: AssessCustomersOptions["contacts"],
  fleet: DealerVehicles,
  asOf: number,
  errors: InvalidInputError[],
  prior: ReachPrior | undefined,
): Reach | undefined {
  if (contacts === undefined) return undefined;
  return reachProbabilities(readContacts(contacts, fleet, asOf, errors), fleet.customerIds.length, prior);
}

/** Without a campaign log, every owner is reached with the dealer's rate of the vehicle's assumptions (1 by default). */
function weighByDealerReach(columns: VehicleColumns, assumptions: VehicleAssumptions): void {
  const reachOf = assumptions.list.map((a) => reminderModel(a).reach);
  if (reachOf.every((reach) => reach === 1)) return;
  for (let v = 0; v < columns.saveable.length; v++) {
    const reach = reachOf[assumptions.of[v] as number] as number;
    columns.saveable[v] = (columns.saveable[v] as number) * reach;
    columns.perEffect[v] = (columns.perEffect[v] as number) * reach;
    columns.winBack[v] = (columns.winBack[v] as number) * reach;
  }
}

/** A reminder or a win-back call saves value only if it reaches the owner: both are weighted by P(reach). */
function weighByReach(columns: VehicleColumns, fleet: DealerVehicles, reach: Reach): void {
  for (let v = 0; v < fleet.ids.length; v++) {
    const probability = reach.probability[fleet.customerOf[v] as number] as number;
    columns.saveable[v] = (columns.saveable[v] as number) * probability;
    columns.perEffect[v] = (columns.perEffect[v] as number) * probability;
    columns.winBack[v] = (columns.winBack[v] as number) * probability;
  }
}
