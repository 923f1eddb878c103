import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { allocateUnits } from "../money/allocate-units.js";
import { type Money, MoneyDecimal } from "../money/decimal.js";
import { ROUNDING_NAMES, type RoundingOptions } from "../money/round-money.js";
import { dayNumber, isoDate } from "../schemas/day-number.js";
import { numberOption as checkNumberOption, optionError as rejectOption } from "../schemas/options.js";
import { thousands } from "../schemas/thousands.js";
import { withTimeZone } from "../schemas/time-zone.js";
import type { AssessEvent, AssessEventColumns, AssessVehicle, AssessVehicleColumns } from "./assess-input.js";
import { checkAssumptions, defaultAssumptions, type PsvAssumptions } from "./assumptions.js";
import { expectedBackgroundEvents } from "./calibrate-behaviour.js";
import { buildCurve } from "./curve.js";
import { dealerEventReader, newEventRow, readDealerVehicles, SCALE } from "./dealer-records.js";
import { DAYS_PER_YEAR, type DueStage, scheduleFor, stageHazards, walkTimeline } from "./maintenance-timeline.js";
import { delaySurvival, projectVehicle, type VehicleOutlook, type VehicleProjection } from "./project-vehicle.js";

/** Options of {@link assessCustomers}. */
export interface AssessCustomersOptions {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /** Vehicles as rows or as columns (day numbers or dates). */
  readonly vehicles: readonly AssessVehicle[] | AssessVehicleColumns;
  /** Events as rows or as columns: for millions of events, columns of day numbers and amounts as typed arrays. */
  readonly serviceEvents: readonly AssessEvent[] | AssessEventColumns;
  /** The scoring day: nothing after it is read (events after it are errors). */
  readonly asOf: Date | string;
  /** PSV assumptions with owner behaviour, e.g. from `psv.calibrate` (default: `defaultAssumptions({ segment: "mass" })`). */
  readonly assumptions?: PsvAssumptions;
  /** Years ahead for `obtainableValue` and the saveable value (default 2). */
  readonly horizonYears?: number;
  /** A reminder acts on a maintenance visit due within this many days (default 60). */
  readonly reminderWindowDays?: number;
  /** Share of a probably-lost owner's value a win-back contact recovers (default 0.05: lost owners rarely return). */
  readonly winBackRate?: number;
  /** Which amount of an event is its value: "margin" (default) or "revenue". Never both in one total. */
  readonly value?: "margin" | "revenue";
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
  /** Against the schedule: not yet due, due within the reminder window, overdue, probably lost, traded in, or past its service life. */
  readonly state: "not-due" | "due-soon" | "overdue" | "lost" | "traded-in" | "end-of-life";
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
  /** What a reminder now is expected to save: Σ over vehicles due within the window of P(here) × chance of leaving at that visit × value kept if the owner stays. */
  readonly saveableValue: Money;
  /** Expected value a win-back contact recovers from vehicles probably lost (winBackRate × P(lost) × value if back). */
  readonly winBackValue: Money;
  readonly action: "remind" | "win-back" | "none";
  /** The vehicle and due date that drive the action (the vehicle with the largest saveable value, else win-back value, else obtainable value). */
  readonly vehicleId: string | number | undefined;
  readonly dueDate: string | undefined;
  /** What is due, in words (e.g. "first service", "maintenance", "maintenance + insurance renewal"). */
  readonly due: string;
  readonly reasons: string[];
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
    readonly action: CustomerAssessment["action"][];
  };
  /** Σ over customers, exactly (each customer's values are rounded once; the totals are their sums). */
  readonly totals: {
    readonly lockedValue: Money;
    readonly realisedValue: Money;
    readonly obtainableValue: Money;
    readonly obtainableLifetimeValue: Money;
    readonly saveableValue: Money;
    readonly winBackValue: Money;
  };
  /** One error per bad vehicle or event row (rowIndex; subject "vehicle" or "service event"); those rows are left out, and named here. */
  readonly errors: InvalidInputError[];
  /** Events whose value field was missing (they count for timing, not value). */
  readonly eventsWithoutValue: number;
}

const MAINTENANCE = 0;
const REPAIR = 1;
const INSURANCE = 2;
const DETAILING = 3;
const TRADE_IN = 7;

const SUBJECT = "assessCustomers options";
function optionError(path: string, message: string): never {
  return rejectOption(SUBJECT, path, message);
}
const numberOption = (value: unknown, name: string, fallback: number, low: number, high: number): number =>
  checkNumberOption(SUBJECT, value, name, fallback, low, high);

const OPTION_NAMES: OptionNames<AssessCustomersOptions> = {
  timeZone: true,
  vehicles: true,
  serviceEvents: true,
  asOf: true,
  assumptions: true,
  horizonYears: true,
  reminderWindowDays: true,
  winBackRate: true,
  value: true,
  rounding: true,
  rows: true,
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
 * - **saveableValue** (a reminder acts on a visit due within `reminderWindowDays`; a visit a year away is not saved by
 *   a call today) = P(alive) × chance of leaving at that visit × value kept over the horizon if the owner stays;
 *   owners who have lapsed (overdue by more than the 95% point of calibrated delays: the library's one definition of
 *   lapsed, 95 days by default) get 0 here and a `winBackValue` instead.
 *
 * Customers are sorted by saveable value, so the top of the list is the owners who are probably still here, whose
 * next decision is near and who have the most to lose; `action` is "remind" for them, "win-back" for owners
 * probably lost (their own list, ranked by `winBackValue`), "none" otherwise. Money is Decimal, rounded once per
 * customer; vehicle parts add up exactly to the customer's value (largest remainder), and totals to the sums.
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
  options = readOptions(SUBJECT, options, OPTION_NAMES, { optional: false });
  if (options.rounding !== undefined)
    options = { ...options, rounding: readOptions(SUBJECT, options.rounding, ROUNDING_NAMES, { path: ["rounding"] }) };
  return withTimeZone(options.timeZone, () => assessCustomersInZone(options));
}

function assessCustomersInZone(options: AssessCustomersOptions): AssessCustomersResult {
  const asOf = dayNumber(options.asOf);
  if (typeof asOf === "string") optionError("asOf", asOf);
  const a = checkAssumptions(options.assumptions ?? defaultAssumptions({ segment: "mass" }).assumptions);
  const horizonDays = numberOption(options.horizonYears, "horizonYears", 2, 1 / 365, 50) * DAYS_PER_YEAR;
  const windowDays = numberOption(options.reminderWindowDays, "reminderWindowDays", 60, 0, 3650);
  const winBackRate = numberOption(options.winBackRate, "winBackRate", 0.05, 0, 1);
  const valueField = options.value ?? "margin";
  if (valueField !== "margin" && valueField !== "revenue") optionError("value", 'must be "margin" or "revenue"');
  const decimals = options.rounding?.decimalPlaces ?? 2;
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= 4))
    optionError("rounding.decimalPlaces", "must be a whole number from 0 to 4");
  const unitsPerOne = 10 ** decimals;
  const rows = options.rows ?? Number.POSITIVE_INFINITY;
  if (!(rows === Number.POSITIVE_INFINITY || (Number.isInteger(rows) && rows >= 0)))
    optionError("rows", `must be a whole number ≥ 0, got ${shown(rows)}`);
  const errors: InvalidInputError[] = [];

  // --- Vehicles -----------------------------------------------------------------------------------------------
  const fleet = readDealerVehicles(options.vehicles, asOf, errors);
  const { ids: vehicleIds, customerOf: vehicleCustomer, customerIds, deliveryDay, readingKm, readingDay } = fleet;
  const vehicleCount = vehicleIds.length;

  // --- Events: validated into columns, then grouped by vehicle (counting sort) ------------------------------------
  const eventRows = dealerEventReader(options.serviceEvents, valueField, fleet, asOf);
  const event = newEventRow();
  const m = eventRows.length;
  // Per vehicle, accumulated in one pass over the events (no per-event columns are kept but the maintenance visits).
  const realised = new Float64Array(vehicleCount); // exact, in 1/10,000
  const lastEventDay = Float64Array.from(deliveryDay);
  const tradeInDay = new Float64Array(vehicleCount).fill(Number.POSITIVE_INFINITY);
  const backgroundEvents = new Float64Array(vehicleCount); // repairs and detailing jobs
  const renewalCount = new Float64Array(vehicleCount);
  const priceRatioSum = new Float64Array(vehicleCount);
  const priceRatioCount = new Float64Array(vehicleCount);
  const latestKm = Float64Array.from(readingKm);
  const latestKmDay = Float64Array.from(readingDay);
  const typeMean = [a.maintenanceValue, Number.NaN, a.insuranceValue, a.detailingValue];
  let visitVehicle = new Int32Array(Math.min(Math.max(m, 16), 1 << 20));
  let visitDay = new Int32Array(visitVehicle.length);
  let visitCount = 0;
  const exactExtra = new Map<number, Money>(); // vehicle → value of amounts with more than 4 decimals
  let eventsWithoutValue = 0;
  const perVehicle = new Int32Array(vehicleCount + 1); // maintenance visits per vehicle, then offsets
  for (let row = 0; row < m; row++) {
    const issues = eventRows.read(row, event);
    if (!event.hasAmount) eventsWithoutValue += 1;
    if (issues !== undefined) {
      errors.push(new InvalidInputError("service event", issues, row));
      continue;
    }
    const { units, exact, km } = event;
    const v = event.vehicle;
    const d = event.day;
    const t = event.type;
    realised[v] = (realised[v] as number) + units;
    if (d > (lastEventDay[v] as number)) lastEventDay[v] = d;
    if (t === TRADE_IN && d < (tradeInDay[v] as number)) tradeInDay[v] = d;
    if (t === REPAIR || t === DETAILING) backgroundEvents[v] = (backgroundEvents[v] as number) + 1;
    if (t === INSURANCE) renewalCount[v] = (renewalCount[v] as number) + 1;
    const mean = typeMean[t];
    if (mean !== undefined && mean > 0 && units !== 0) {
      priceRatioSum[v] = (priceRatioSum[v] as number) + units / SCALE / mean;
      priceRatioCount[v] = (priceRatioCount[v] as number) + 1;
    }
    if (km !== undefined && !(d < (latestKmDay[v] as number))) {
      latestKm[v] = km;
      latestKmDay[v] = d;
    }
    if (exact !== undefined) exactExtra.set(v, (exactExtra.get(v) ?? new MoneyDecimal(0)).plus(exact));
    if (t === MAINTENANCE) {
      if (visitCount === visitVehicle.length) {
        const grownVehicle = new Int32Array(Math.min(2 * visitCount, Math.max(m, 16)));
        grownVehicle.set(visitVehicle);
        visitVehicle = grownVehicle;
        const grownDay = new Int32Array(grownVehicle.length);
        grownDay.set(visitDay);
        visitDay = grownDay;
      }
      visitVehicle[visitCount] = v;
      visitDay[visitCount] = d;
      visitCount += 1;
      perVehicle[v + 1] = (perVehicle[v + 1] as number) + 1;
    }
  }
  // Maintenance visits grouped by vehicle (counting sort), ascending days within each.
  for (let v = 0; v < vehicleCount; v++) perVehicle[v + 1] = (perVehicle[v + 1] as number) + (perVehicle[v] as number);
  const visitDays = new Int32Array(visitCount);
  {
    const fill = perVehicle.slice(0, vehicleCount);
    for (let k = 0; k < visitCount; k++) {
      const v = visitVehicle[k] as number;
      visitDays[fill[v] as number] = visitDay[k] as number;
      fill[v] = (fill[v] as number) + 1;
    }
  }
  for (let v = 0; v < vehicleCount; v++) {
    const from = perVehicle[v] as number;
    const to = perVehicle[v + 1] as number;
    for (let k = from + 1; k < to; k++)
      if ((visitDays[k] as number) < (visitDays[k - 1] as number)) {
        visitDays.subarray(from, to).sort();
        break;
      }
  }

  // --- Owners: price level and event rates, shrunk toward the population (per customer) ---------------------------
  const customerCount = customerIds.length;
  const priceSum = new Float64Array(customerCount);
  const priceCount = new Float64Array(customerCount);
  const rateCount = new Float64Array(customerCount);
  const rateExpected = new Float64Array(customerCount);
  const renewals = new Float64Array(customerCount);
  const anniversaries = new Float64Array(customerCount);
  for (let v = 0; v < vehicleCount; v++) {
    const c = vehicleCustomer[v] as number;
    priceSum[c] = (priceSum[c] as number) + (priceRatioSum[v] as number);
    priceCount[c] = (priceCount[c] as number) + (priceRatioCount[v] as number);
    rateCount[c] = (rateCount[c] as number) + (backgroundEvents[v] as number);
    renewals[c] = (renewals[c] as number) + (renewalCount[v] as number);
    const lastDay = lastEventDay[v] as number;
    const lapsed = asOf - lastDay > DAYS_PER_YEAR;
    const until = Math.min(tradeInDay[v] as number, lapsed ? lastDay : asOf);
    rateExpected[c] = (rateExpected[c] as number) + expectedBackgroundEvents(a, deliveryDay[v] as number, until);
    anniversaries[c] =
      (anniversaries[c] as number) + Math.floor((until - (deliveryDay[v] as number)) / DAYS_PER_YEAR) + 1;
  }

  // --- Vehicles: timeline, P(alive), projection ----------------------------------------------------------------
  const hazards = stageHazards(a);
  const lockedCurve = buildCurve({ ...a, retentionInWarranty: 1, retentionPostWarranty: 1 });
  const locked = lockedCurve.cumulative;
  const lockedEnd = (lockedCurve.breakpoints.length - 1) * 5;
  let lockedPerVehicle = lockedCurve.firstServiceValue + lockedCurve.repurchaseValue;
  for (let component = 0; component < 5; component++) lockedPerVehicle += locked[lockedEnd + component] as number;
  // Lapsed: overdue by more than 19 in 20 returning owners are late (the shared definition, with calibrated delays).
  const lapsedAfterDays = a.visitDelayQuantilesDays[19] as number;
  const delayLow = a.visitDelayQuantilesDays[1] as number;
  const delayHigh = a.visitDelayQuantilesDays[19] as number;
  const delayMean = a.visitDelayQuantilesDays.reduce((sum, value) => sum + value, 0) / a.visitDelayQuantilesDays.length;
  const columns = {
    pAlive: new Float64Array(vehicleCount),
    leave: new Float64Array(vehicleCount),
    obtainable: new Float64Array(vehicleCount),
    lifetime: new Float64Array(vehicleCount),
    saveable: new Float64Array(vehicleCount),
    winBack: new Float64Array(vehicleCount),
    due: new Float64Array(vehicleCount),
    state: new Uint8Array(vehicleCount),
    flags: new Uint8Array(vehicleCount),
  };
  const outlook: VehicleOutlook = {
    ageDays: 0,
    schedule: scheduleFor(a, a.kmPerYear),
    visits: 0,
    dueInDays: 0,
    stayedHazard: 0,
    delayShiftDays: 0,
    priceLevel: 1,
    rateFactor: 1,
    insuranceProbability: a.insuranceRenewalProbability,
    sinceLastVisitDays: 0,
    lifeLeftDays: 0,
  };
  const projection: VehicleProjection = {
    pAlive: 0,
    leaveAtNextVisit: 0,
    horizonIfHere: 0,
    lifetimeIfHere: 0,
    keptIfStays: 0,
  };
  // The loyalty record and the owner's own punctuality, from delays within the population's range (a first visit
  // years late is a return, not a habit); one callback for all vehicles.
  let stayedHazard = 0;
  let delaySum = 0;
  const onVisit = (stage: DueStage, delay: number) => {
    stayedHazard += hazards[stage] as number;
    delaySum += Math.min(Math.max(delay, delayLow), delayHigh);
  };
  for (let v = 0; v < vehicleCount; v++) {
    const c = vehicleCustomer[v] as number;
    const delivery = deliveryDay[v] as number;
    const ownVisits = visitDays.subarray(perVehicle[v] as number, perVehicle[v + 1] as number);
    const km = latestKm[v] as number;
    const kmDay = latestKmDay[v] as number;
    const tradedIn = (tradeInDay[v] as number) !== Number.POSITIVE_INFINITY;
    const readingAge = kmDay - delivery;
    const mileageAssumed = !(readingAge >= 30 && km > 0);
    // Without a usable odometer reading the km limits are unknown: the schedule, the warranty and the service life
    // run on their time limits alone (and the reasons say so).
    const kmPerYear = mileageAssumed ? Number.MIN_VALUE : (km / readingAge) * DAYS_PER_YEAR;
    const schedule = scheduleFor(a, kmPerYear);
    stayedHazard = 0;
    delaySum = 0;
    const timeline = walkTimeline(delivery, ownVisits, schedule, onVisit);
    const ageDays = asOf - delivery;
    const serviceEndDays = Math.min(a.horizonYears, a.horizonKm / kmPerYear) * DAYS_PER_YEAR;
    columns.due[v] = timeline.nextDueDay;
    columns.flags[v] = mileageAssumed ? 4 : 0;
    if (tradedIn || ageDays >= serviceEndDays) {
      columns.state[v] = tradedIn ? 4 : 5;
      columns.due[v] = Number.NaN;
      continue;
    }
    const weight = timeline.visits / (timeline.visits + a.delayShrinkageVisits);
    outlook.ageDays = ageDays;
    outlook.schedule = schedule;
    outlook.visits = timeline.visits;
    outlook.dueInDays = timeline.nextDueDay - asOf;
    outlook.stayedHazard = stayedHazard;
    outlook.delayShiftDays = timeline.visits > 0 ? weight * (delaySum / timeline.visits - delayMean) : 0;
    outlook.priceLevel =
      ((priceSum[c] as number) + a.priceShrinkageEvents) / ((priceCount[c] as number) + a.priceShrinkageEvents);
    outlook.rateFactor =
      ((rateCount[c] as number) + a.rateShrinkageEvents) / ((rateExpected[c] as number) + a.rateShrinkageEvents);
    outlook.insuranceProbability = Math.min(
      1,
      ((renewals[c] as number) + a.rateShrinkageEvents * a.insuranceRenewalProbability) /
        ((anniversaries[c] as number) + a.rateShrinkageEvents),
    );
    outlook.sinceLastVisitDays = timeline.visits > 0 ? asOf - timeline.lastVisitDay : ageDays;
    outlook.lifeLeftDays = serviceEndDays - ageDays;
    projectVehicle(a, hazards, horizonDays, outlook, projection);
    const pAlive = projection.pAlive;
    columns.pAlive[v] = pAlive;
    columns.leave[v] = projection.leaveAtNextVisit;
    columns.obtainable[v] = pAlive * projection.horizonIfHere;
    columns.lifetime[v] = pAlive * projection.lifetimeIfHere;
    const dueIn = outlook.dueInDays;
    const dueSoon = dueIn > 0 && dueIn <= windowDays;
    if (dueSoon) columns.saveable[v] = projection.leaveAtNextVisit * projection.keptIfStays;
    const lost = -dueIn > lapsedAfterDays;
    if (lost) columns.winBack[v] = winBackRate * (1 - pAlive) * projection.horizonIfHere;
    columns.state[v] = dueIn > windowDays ? 0 : dueSoon ? 1 : lost ? 3 : 2;
    let flags = columns.flags[v] as number;
    const nextAnniversary = (Math.floor(ageDays / DAYS_PER_YEAR) + 1) * DAYS_PER_YEAR - ageDays;
    if (nextAnniversary <= windowDays) flags |= 8;
    if (timeline.visits === 0) flags |= 16;
    if (dueIn <= 0 && timeline.visits === 0 && delaySurvival(a.visitDelayQuantilesDays, -dueIn) < 0.05) flags |= 1;
    if (dueIn <= 0 && timeline.visits === 1 && lost) flags |= 2;
    columns.flags[v] = flags;
  }

  // --- Customers: aggregate, round once, allocate to vehicles, reasons -------------------------------------------
  return buildCustomers({
    a,
    customerIds,
    vehicleIds,
    vehicleCustomer,
    realised,
    exactExtra,
    lockedPerVehicle,
    columns,
    unitsPerOne,
    decimals,
    asOf,
    windowDays,
    errors,
    eventsWithoutValue,
    rows,
  });
}

const STATES = ["not-due", "due-soon", "overdue", "lost", "traded-in", "end-of-life"] as const;

interface BuildInput {
  readonly a: PsvAssumptions;
  readonly customerIds: (string | number)[];
  readonly vehicleIds: (string | number)[];
  readonly vehicleCustomer: number[];
  readonly realised: Float64Array;
  readonly exactExtra: Map<number, Money>;
  readonly lockedPerVehicle: number;
  readonly columns: {
    pAlive: Float64Array;
    leave: Float64Array;
    obtainable: Float64Array;
    lifetime: Float64Array;
    saveable: Float64Array;
    winBack: Float64Array;
    due: Float64Array;
    state: Uint8Array;
    flags: Uint8Array;
  };
  readonly unitsPerOne: number;
  readonly decimals: number;
  readonly asOf: number;
  readonly windowDays: number;
  readonly errors: InvalidInputError[];
  readonly eventsWithoutValue: number;
  readonly rows: number;
}

/** round(numerator / denominator) half-even, exactly, for integers below 2^53. */
function roundHalfEvenRatio(numerator: number, denominator: number): number {
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  if (2 * remainder > denominator) return quotient + 1;
  if (2 * remainder < denominator) return quotient;
  return quotient % 2 === 0 ? quotient : quotient + 1;
}

const ACTIONS = ["none", "remind", "win-back"] as const;

function buildCustomers(input: BuildInput): AssessCustomersResult {
  const { columns, unitsPerOne, decimals } = input;
  const zero = new MoneyDecimal(0);
  const money = (units: number) => (units === 0 ? zero : new MoneyDecimal(`${units}e-${decimals}`));
  const customerCount = input.customerIds.length;
  const vehicleCount = input.vehicleCustomer.length;
  // Vehicles grouped by customer (counting sort, input order kept).
  const start = new Int32Array(customerCount + 1);
  for (let v = 0; v < vehicleCount; v++) {
    const slot = (input.vehicleCustomer[v] as number) + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let c = 0; c < customerCount; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const byCustomer = new Int32Array(vehicleCount);
  {
    const fill = start.slice(0, customerCount);
    for (let v = 0; v < vehicleCount; v++) {
      const c = input.vehicleCustomer[v] as number;
      byCustomer[fill[c] as number] = v;
      fill[c] = (fill[c] as number) + 1;
    }
  }
  // Realised value per vehicle, exactly, in 1/10,000 (plus a Decimal where an amount had more decimals).
  const realisedScaled = input.realised;
  const exactRealised = (v: number): Money => {
    const units = new MoneyDecimal(realisedScaled[v] as number).div(SCALE);
    const extra = input.exactExtra.get(v);
    return extra === undefined ? units : units.plus(extra);
  };
  const realisedWholeOf = (c: number): number => {
    let exact = false;
    let units = 0;
    for (let k = start[c] as number; k < (start[c + 1] as number); k++) {
      const v = byCustomer[k] as number;
      if (input.exactExtra.has(v)) exact = true;
      units += realisedScaled[v] as number;
    }
    if (!exact) return roundHalfEvenRatio(units, SCALE / unitsPerOne);
    let sum = new MoneyDecimal(0);
    for (let k = start[c] as number; k < (start[c + 1] as number); k++)
      sum = sum.plus(exactRealised(byCustomer[k] as number));
    return sum.times(unitsPerOne).toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_EVEN).toNumber();
  };
  const lockedOf = (v: number) => ((columns.state[v] as number) === 4 ? 0 : input.lockedPerVehicle);
  // Phase 1, every customer: wholes in rounding units, P(alive), action, sort keys (no objects per customer).
  const wholes = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(customerCount));
  const floatColumns = [columns.obtainable, columns.lifetime, columns.saveable, columns.winBack];
  const pAliveOf = new Float64Array(customerCount);
  const actionOf = new Uint8Array(customerCount);
  const saveableSum = new Float64Array(customerCount);
  const obtainableSum = new Float64Array(customerCount);
  const totalUnits = new Float64Array(6); // whole rounding units: exact integers below 2^53
  const [lockedWhole, realisedWhole, obtainableWhole, lifetimeWhole, saveableWhole, winBackWhole] = wholes as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (let c = 0; c < customerCount; c++) {
    let locked = 0;
    let pAlive = 0;
    let obtainable = 0;
    let lifetime = 0;
    let saveable = 0;
    let winBack = 0;
    for (let k = start[c] as number; k < (start[c + 1] as number); k++) {
      const v = byCustomer[k] as number;
      locked += lockedOf(v);
      if ((columns.state[v] as number) < 4) pAlive = Math.max(pAlive, columns.pAlive[v] as number);
      obtainable += columns.obtainable[v] as number;
      lifetime += columns.lifetime[v] as number;
      saveable += columns.saveable[v] as number;
      winBack += columns.winBack[v] as number;
    }
    lockedWhole[c] = roundHalfEven(locked * unitsPerOne);
    realisedWhole[c] = realisedWholeOf(c);
    obtainableWhole[c] = roundHalfEven(obtainable * unitsPerOne);
    lifetimeWhole[c] = roundHalfEven(lifetime * unitsPerOne);
    saveableWhole[c] = roundHalfEven(saveable * unitsPerOne);
    winBackWhole[c] = roundHalfEven(winBack * unitsPerOne);
    for (let index = 0; index < 6; index++)
      totalUnits[index] = (totalUnits[index] as number) + ((wholes[index] as Float64Array)[c] as number);
    pAliveOf[c] = pAlive;
    saveableSum[c] = saveable;
    obtainableSum[c] = obtainable;
    actionOf[c] = saveable > 0 ? 1 : winBack > 0 ? 2 : 0;
  }
  const order = Int32Array.from({ length: customerCount }, (_, index) => index).sort(
    (x, y) =>
      (saveableSum[y] as number) - (saveableSum[x] as number) ||
      (obtainableSum[y] as number) - (obtainableSum[x] as number) ||
      compareIds(input.customerIds[x] as string | number, input.customerIds[y] as string | number) ||
      x - y,
  );
  const wholeMoney = (index: number, c: number) => money((wholes[index] as Float64Array)[c] as number);
  // Phase 2, the first `rows` customers in order: Decimal money, vehicles (parts allocated exactly), reasons.
  const customers: CustomerAssessment[] = [];
  const rowCount = Math.min(input.rows, customerCount);
  for (let rank = 0; rank < rowCount; rank++) {
    const c = order[rank] as number;
    const vehicles = Array.from(byCustomer.subarray(start[c] as number, start[c + 1] as number));
    const n = vehicles.length;
    const customerWholes = [0, 1, 2, 3, 4, 5].map((index) => wholeMoney(index, c));
    const realisedParts = vehicles.map((v) =>
      input.exactExtra.has(v)
        ? exactRealised(v).times(unitsPerOne).toNumber()
        : ((realisedScaled[v] as number) * unitsPerOne) / SCALE,
    );
    const partsOf = [
      vehicles.map((v) => lockedOf(v) * unitsPerOne),
      realisedParts,
      ...floatColumns.map((column) => vehicles.map((v) => (column[v] as number) * unitsPerOne)),
    ];
    const allocations = partsOf.map((parts, index) =>
      n === 1 ? undefined : allocateToWhole(parts, (wholes[index] as Float64Array)[c] as number),
    );
    const vehicleRows: VehicleAssessment[] = vehicles.map((v, k) => {
      // Decimals are immutable: a single vehicle shares its customer's values.
      const part = (index: number) =>
        n === 1 ? (customerWholes[index] as Money) : money((allocations[index] as Float64Array)[k] as number);
      const state = columns.state[v] as number;
      const flags = columns.flags[v] as number;
      const due = columns.due[v] as number;
      return {
        vehicleId: input.vehicleIds[v] as string | number,
        state: STATES[state] as VehicleAssessment["state"],
        pAlive: state >= 4 ? 0 : (columns.pAlive[v] as number),
        leaveChanceAtNextVisit: state >= 4 ? 0 : (columns.leave[v] as number),
        nextDueDate: Number.isNaN(due) ? undefined : isoDate(due),
        lockedValue: part(0),
        realisedValue: part(1),
        obtainableValue: part(2),
        obtainableLifetimeValue: part(3),
        saveableValue: part(4),
        winBackValue: part(5),
        neverCameForFirstService: (flags & 1) !== 0,
        firstServiceWasLast: (flags & 2) !== 0,
        mileageAssumed: (flags & 4) !== 0,
      };
    });
    // The driving vehicle: the largest saveable value, else win-back value, else obtainable value.
    let driver = -1;
    let best = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const v = vehicles[k] as number;
      const key =
        (columns.saveable[v] as number) * 1e6 +
        (columns.winBack[v] as number) * 1e3 +
        (columns.obtainable[v] as number);
      if (key > best) {
        best = key;
        driver = k;
      }
    }
    const dv = driver >= 0 ? (vehicles[driver] as number) : -1;
    const dueRow = driver >= 0 ? vehicleRows[driver] : undefined;
    let due = "nothing";
    if (dueRow !== undefined && dueRow.state !== "traded-in" && dueRow.state !== "end-of-life") {
      due = (columns.flags[dv] as number) & 16 ? "first service" : "maintenance";
      if ((columns.flags[dv] as number) & 8) due += " + insurance renewal";
    }
    const dueDay = dv >= 0 ? (columns.due[dv] as number) : Number.NaN;
    customers.push({
      customerId: input.customerIds[c] as string | number,
      lockedValue: customerWholes[0] as Money,
      realisedValue: customerWholes[1] as Money,
      obtainableValue: customerWholes[2] as Money,
      obtainableLifetimeValue: customerWholes[3] as Money,
      pAlive: pAliveOf[c] as number,
      saveableValue: customerWholes[4] as Money,
      winBackValue: customerWholes[5] as Money,
      action: ACTIONS[actionOf[c] as number] as CustomerAssessment["action"],
      vehicleId: dueRow?.vehicleId,
      dueDate: Number.isNaN(dueDay) ? undefined : isoDate(dueDay),
      due,
      reasons: vehicleRows.map((row, k) => describe(row, vehicles[k] as number, input, row.obtainableValue.toNumber())),
      vehicles: vehicleRows,
    });
  }
  const inOrder = (column: Float64Array) => {
    const out = new Float64Array(customerCount);
    for (let rank = 0; rank < customerCount; rank++)
      out[rank] = (column[order[rank] as number] as number) / unitsPerOne;
    return out;
  };
  return {
    customers,
    columns: {
      customerId: Array.from(order, (c) => input.customerIds[c] as string | number),
      lockedValue: inOrder(wholes[0] as Float64Array),
      realisedValue: inOrder(wholes[1] as Float64Array),
      obtainableValue: inOrder(wholes[2] as Float64Array),
      obtainableLifetimeValue: inOrder(wholes[3] as Float64Array),
      saveableValue: inOrder(wholes[4] as Float64Array),
      winBackValue: inOrder(wholes[5] as Float64Array),
      pAlive: Float64Array.from(order, (c) => pAliveOf[c] as number),
      action: Array.from(order, (c) => ACTIONS[actionOf[c] as number] as CustomerAssessment["action"]),
    },
    totals: {
      lockedValue: money(totalUnits[0] as number),
      realisedValue: money(totalUnits[1] as number),
      obtainableValue: money(totalUnits[2] as number),
      obtainableLifetimeValue: money(totalUnits[3] as number),
      saveableValue: money(totalUnits[4] as number),
      winBackValue: money(totalUnits[5] as number),
    },
    errors: input.errors,
    eventsWithoutValue: input.eventsWithoutValue,
  };
}

/** Ids in a fixed order: numbers before strings, numbers by value, strings by code units (no locale). */
function compareIds(x: string | number, y: string | number): number {
  if (typeof x !== typeof y) return typeof x === "number" ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** round(x) half-even. */
function roundHalfEven(x: number): number {
  const rounded = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/** Parts (in rounding units) allocated to a given whole by largest remainder: floors, then +1 by largest remainder. */
function allocateToWhole(parts: readonly number[], whole: number): Float64Array {
  const { parts: allocated, whole: rounded } = allocateUnits(parts, 1);
  // The whole may come from exact arithmetic (realised value): move any difference onto the largest part.
  if (rounded !== whole) {
    let largest = 0;
    for (let k = 1; k < parts.length; k++) if ((parts[k] as number) > (parts[largest] as number)) largest = k;
    allocated[largest] = (allocated[largest] as number) + whole - rounded;
  }
  return allocated;
}

function describe(row: VehicleAssessment, v: number, input: BuildInput, obtainable: number): string {
  const show = thousands;
  const { columns } = input;
  const id = shown(row.vehicleId);
  const mileage = row.mileageAssumed
    ? " (no odometer reading: schedule, warranty and service life by their time limits)"
    : "";
  const dueIn = Math.round((columns.due[v] as number) - input.asOf);
  const leave = `${Math.round((columns.leave[v] as number) * 100)}%`;
  switch (row.state) {
    case "traded-in":
      return `${id}: traded in; no value left here`;
    case "end-of-life":
      return `${id}: past its service life; no value left here`;
    case "due-soon":
      return `${id}: service due ${row.nextDueDate} (in ${dueIn} day${dueIn === 1 ? "" : "s"})${mileage}; ${leave} chance of leaving at this visit; RMB ${show(columns.saveable[v] as number)} saveable of RMB ${show(obtainable)} obtainable`;
    case "not-due":
      return `${id}: next service due ${row.nextDueDate} (in ${dueIn} days, outside the ${input.windowDays}-day reminder window)${mileage}; RMB ${show(obtainable)} obtainable`;
    case "overdue":
      return `${id}: service overdue by ${-dueIn} days${mileage}, as late as many active owners; P(still here) ${(columns.pAlive[v] as number).toFixed(2)}; RMB ${show(obtainable)} obtainable`;
    default:
      return `${id}: ${row.neverCameForFirstService ? "never came for the first service" : row.firstServiceWasLast ? "first service was the last (首保即终保)" : "lapsed"}, overdue by ${-dueIn} days${mileage}; P(still here) ${(columns.pAlive[v] as number).toFixed(2)}: win-back list (RMB ${show(columns.winBack[v] as number)})`;
  }
}
