import { InvalidInputError } from "../errors.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { parseDate } from "../schemas/parse-date.js";
import type { ServiceEventType } from "../schemas/record-types.js";
import type { ServiceEventInput, VehicleInput } from "../schemas/records.js";
import { withTimeZone } from "../schemas/time-zone.js";
import type { AssessEventColumns, AssessVehicleColumns } from "./assess-input.js";
import { checkAssumptions, defaultAssumptions, type PsvAssumptions } from "./assumptions.js";
import { type BehaviourEstimate, type BehaviourVehicle, calibrateBehaviour } from "./calibrate-behaviour.js";
import type { CampaignContact, CampaignContactColumns } from "./contact-input.js";
import {
  type DealerVehicles,
  dealerEventReader,
  EVENT_TYPES,
  newEventRow,
  readDealerVehicles,
  SCALE,
} from "./dealer-records.js";
import { matchReplacements } from "./match-replacements.js";
import { calibrateReminder, type ReminderCalibration } from "./reminder/calibrate-reminder.js";
import type { MaintenanceVisits } from "./reminder/contact-outcomes.js";

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.2425;

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /**
   * The dealer's vehicles, rows or columns ({@link AssessVehicleColumns}), read as `psv.assessCustomers` reads them:
   * ids, delivery dates, odometer readings; a bad row is left out and reported in `errors`.
   */
  readonly vehicles: readonly VehicleInput[] | AssessVehicleColumns;
  /** Their after-sales and sales events, rows or columns ({@link AssessEventColumns}), read the same way. */
  readonly serviceEvents: readonly ServiceEventInput[] | AssessEventColumns;
  /** End of the history. */
  readonly asOf: Date | string;
  /** Where data are thin, these are used (default: `psv.defaultAssumptions({ segment: "mass" })`). */
  readonly fallback?: PsvAssumptions;
  /** A vehicle whose last event is older than this many days before asOf has left (default 365). */
  readonly departureAfterDays?: number;
  /** Fewest events (or vehicles) an estimate needs before it replaces the fallback (default 30). */
  readonly minimumEvidence?: number;
  /** Which amount of an event is its value: "margin" (default) or "revenue"; never both in one mean. */
  readonly value?: "margin" | "revenue";
  /**
   * The log of past reminder campaigns with a random control group (rows or columns, as `evaluate.campaign` reads
   * them): what a reached reminder does to the chance of coming back for the due visit, by lead time and stage, and
   * the dealer's reach rate are learned from it (`reminder` in the result). Bad rows are left out and reported in
   * `errors` (subject "contact").
   */
  readonly contacts?: readonly CampaignContact[] | CampaignContactColumns;
}

/** How one assumption was set. */
export interface CalibrationEntry {
  readonly value: number | readonly number[];
  /** "data": estimated; "fallback": too little data, the fallback's value; "default": no evidence given at all (the reminder effect without a campaign log). */
  readonly source: "data" | "fallback" | "default";
  /** What the estimate rests on. */
  readonly vehicles: number;
  readonly events: number;
  readonly exposureYears: number;
  readonly note?: string;
}

/** Calibrated assumptions and the report behind them. */
export interface CalibrationResult {
  readonly assumptions: PsvAssumptions;
  readonly report: Readonly<Partial<Record<keyof PsvAssumptions, CalibrationEntry>>>;
  /**
   * One error per vehicle or event row left out, with its `rowIndex` (`subject` "vehicle" or "service event"): the
   * rules of `psv.assessCustomers` (a known vehicle, dates within delivery and asOf, a plausible odometer reading …).
   */
  readonly errors: readonly InvalidInputError[];
  /** The reminder effect and reach learned from `contacts`, with the evidence (the defaults without a log). */
  readonly reminder: ReminderCalibration;
  /** What the user should know: e.g. that without a campaign log the call list rests on an assumed reminder effect. */
  readonly warnings: readonly string[];
}

/** A vehicle as the calibration uses it (read and checked by the dealer-record reader). */
interface CalibrationVehicle {
  readonly vehicleId: string | number;
  readonly customerId: string | number;
  readonly deliveryDate: Date;
  readonly odometerKm?: number;
  readonly odometerDate?: Date;
}

/** An event as the calibration uses it: its amount of the value field as a number (undefined: not given). */
interface CalibrationEvent {
  readonly vehicleId: string | number;
  readonly date: Date;
  readonly type: ServiceEventType;
  readonly odometerKm?: number;
  readonly value: number | undefined;
}

type VehicleRecords = Map<
  unknown,
  { vehicle: CalibrationVehicle; events: { age: number; event: CalibrationEvent; row: number }[] }
>;

const dateOfDay = (day: number) => new Date(day * MS_PER_DAY);

/**
 * The vehicles and events a calibration can use, by vehicle, read by the reader `psv.assessCustomers` uses (rows or
 * columns, the same rules), and one error per row it cannot use, which is left out (never the whole batch).
 */
function readCalibrationRecords(
  options: CalibrateOptions,
  asOf: number,
  valueField: "margin" | "revenue",
): { byVehicle: VehicleRecords; errors: InvalidInputError[]; fleet: DealerVehicles } {
  const errors: InvalidInputError[] = [];
  const fleet = readDealerVehicles(options.vehicles, asOf, errors);
  const byVehicle: VehicleRecords = new Map();
  fleet.ids.forEach((vehicleId, v) => {
    const readingDay = fleet.readingDay[v] as number;
    const vehicle: CalibrationVehicle = {
      vehicleId,
      customerId: fleet.customerIds[fleet.customerOf[v] as number] as string | number,
      deliveryDate: dateOfDay(fleet.deliveryDay[v] as number),
      ...(Number.isNaN(readingDay)
        ? {}
        : { odometerKm: fleet.readingKm[v] as number, odometerDate: dateOfDay(readingDay) }),
    };
    byVehicle.set(vehicleId, { vehicle, events: [] });
  });
  const eventRows = dealerEventReader(options.serviceEvents, valueField, fleet, asOf);
  const read = newEventRow();
  for (let row = 0; row < eventRows.length; row++) {
    const issues = eventRows.read(row, read);
    if (issues !== undefined) {
      errors.push(new InvalidInputError("service event", issues, row));
      continue;
    }
    const vehicleId = fleet.ids[read.vehicle] as string | number;
    const event: CalibrationEvent = {
      vehicleId,
      date: dateOfDay(read.day),
      type: EVENT_TYPES[read.type] as ServiceEventType,
      ...(read.km === undefined ? {} : { odometerKm: read.km }),
      value: read.hasAmount ? (read.exact?.toNumber() ?? read.units / SCALE) : undefined,
    };
    const age = (read.day - (fleet.deliveryDay[read.vehicle] as number)) / DAYS_PER_YEAR;
    byVehicle.get(vehicleId)?.events.push({ age, event, row });
  }
  return { byVehicle, errors, fleet }; // vehicle rows first, then events, each in row order
}

const dayOf = (date: Date) => date.getTime() / MS_PER_DAY;

const OPTION_NAMES: OptionNames<CalibrateOptions> = {
  timeZone: true,
  vehicles: true,
  serviceEvents: true,
  asOf: true,
  fallback: true,
  departureAfterDays: true,
  minimumEvidence: true,
  value: true,
  contacts: true,
};

/**
 * Estimates PSV assumptions from a dealer's own history (a survival model with piecewise-constant rates):
 *
 * - each vehicle is "with the dealer" from delivery until it leaves: one whose last event is older than
 *   `departureAfterDays` left on average 1/λ after that event (λ: the dealer's event rate a year with the dealer;
 *   the backward recurrence time of a Poisson process), the others are censored at asOf − departureAfterDays;
 * - retention in and after the warranty = exp(−departures / exposure years) in each phase (the exponential MLE);
 * - event rates per year with the dealer = events / exposure years (repairs by age year, insurance renewals,
 *   detailing, other derivative purchases — the value a year for "other"); the maintenance interval = the mean gap
 *   between a vehicle's consecutive maintenance visits (visits follow a schedule, not a Poisson process);
 * - values per event = mean margin of the events of that type (or mean revenue with `value: "revenue"`; the two are
 *   never mixed: events without the chosen amount do not count);
 * - km a year = mean of the latest odometer reading / age at reading; repurchase probability = share of vehicles
 *   with the dealer at their replacement age that led to a repurchase — a "new-car-purchase" event (more than 30 days
 *   after the vehicle's own delivery: one at its delivery is its own sale, as some DMS exports write it), or a later vehicle
 *   of the same customer that replaced it (delivered more than 30 days later, with the old one not seen again more
 *   than 30 days after; each delivery replaces one vehicle, so a growing fleet replaces nothing); replacement age =
 *   the mean age at those repurchases. Linear in the vehicles (O(n log n)), however many one customer owns.
 *
 * An estimate resting on fewer than `minimumEvidence` events or vehicles keeps the fallback value, and the report
 * says so. Records are validated first by the rules of `psv.assessCustomers` (unknown event types, events before
 * delivery or after asOf, unknown or duplicate vehicles, an odometer reading of more than 250,000 km a year since
 * delivery, negative amounts): each such row is left out and reported in `errors` with its row, never silently.
 *
 * @example
 * ```ts
 * const base = generateDealerData({ vehicles: 2000, seed: 1, asOf: "2024-06-01" });
 * const vehicles = base.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId })));
 * psv.calibrate({ vehicles, serviceEvents: base.flatMap((c) => c.serviceEvents), asOf: "2024-06-01" }).report.leaveAfterFirstService.source // "data"
 * ```
 */
export function calibrate(options: CalibrateOptions): CalibrationResult {
  options = readOptions("calibration options", options, OPTION_NAMES, { optional: false });
  return withTimeZone(options.timeZone, () => calibrateInZone(options));
}

/** The checked options of a calibration. */
interface CalibrateSettings {
  readonly asOf: number;
  readonly fallback: PsvAssumptions;
  /** Years after the last event at which a vehicle counts as departed. */
  readonly departureAfter: number;
  readonly minimum: number;
  readonly valueField: "margin" | "revenue";
}

function readCalibrateSettings(options: CalibrateOptions): CalibrateSettings {
  const asOfDate = parseDate(options?.asOf);
  if (typeof asOfDate === "string")
    throw new InvalidInputError("calibration options", [{ code: "custom", path: ["asOf"], message: asOfDate }]);
  const fallback = checkAssumptions(options.fallback ?? defaultAssumptions({ segment: "mass" }).assumptions);
  const departureAfter = (options.departureAfterDays ?? 365) / DAYS_PER_YEAR;
  const minimum = options.minimumEvidence ?? 30;
  const valueField = options.value ?? "margin";
  if (valueField !== "margin" && valueField !== "revenue")
    throw new InvalidInputError("calibration options", [
      { code: "custom", path: ["value"], message: 'must be "margin" or "revenue"' },
    ]);
  return { asOf: dayOf(asOfDate), fallback, departureAfter, minimum, valueField };
}

/** What one vehicle's history says, before the exposure is counted (pass 1). */
interface Facts {
  readonly vehicle: CalibrationVehicle;
  readonly vehicleEvents: { age: number; event: CalibrationEvent; row: number }[];
  readonly observedAge: number;
  readonly lastAge: number;
  readonly departed: boolean;
  readonly cutoff: number;
  readonly ownKmPerYear: number;
  /** Age at which the owner took delivery of the vehicle that replaced this one (a repurchase), if any. */
  readonly nextDeliveryAge: number | undefined;
}

/** The latest odometer reading of a vehicle (its own or an event's) as km a year, if at least 30 days old. */
function ownKmPerYearOf(
  vehicle: CalibrationVehicle,
  vehicleEvents: readonly { age: number; event: CalibrationEvent }[],
): number | undefined {
  let readingKm: number | undefined;
  let readingAge = 0;
  if (vehicle.odometerKm !== undefined && vehicle.odometerDate !== undefined) {
    readingKm = vehicle.odometerKm;
    readingAge = (dayOf(vehicle.odometerDate) - dayOf(vehicle.deliveryDate)) / DAYS_PER_YEAR;
  }
  for (const { age, event } of vehicleEvents) {
    if (event.odometerKm !== undefined && age >= readingAge) {
      readingKm = event.odometerKm;
      readingAge = age;
    }
  }
  return readingKm !== undefined && readingAge >= 30 / DAYS_PER_YEAR && readingKm > 0
    ? readingKm / readingAge
    : undefined;
}

/**
 * Pass 1: per-vehicle facts (age observed, last event, departed or censored, own km a year, the delivery that
 * replaced it), the km readings, and the mean gap between events with the dealer (for the departure correction).
 */
function vehicleFacts(
  byVehicle: VehicleRecords,
  settings: CalibrateSettings,
): { facts: Facts[]; kmReadings: number[]; meanGap: number } {
  const { asOf, fallback, departureAfter } = settings;
  // A repurchase is a "new-car-purchase" event, or a later vehicle of the same customer that replaced this one (see
  // matchReplacements: the old car stops coming when the new one arrives; a growing fleet replaces nothing).
  const entries = [...byVehicle.values()];
  const deliveryDays = Float64Array.from(entries, ({ vehicle }) => dayOf(vehicle.deliveryDate));
  const lastSeenDays = Float64Array.from(entries, ({ events: vehicleEvents }, index) =>
    vehicleEvents.reduce((latest, { event }) => Math.max(latest, dayOf(event.date)), deliveryDays[index] as number),
  );
  const replacedOn = matchReplacements(
    entries.map(({ vehicle }) => vehicle.customerId),
    deliveryDays,
    lastSeenDays,
  );
  const facts: Facts[] = [];
  const kmReadings: number[] = [];
  let eventsSeen = 0;
  let roughExposure = 0;
  for (const [position, { vehicle, events: vehicleEvents }] of entries.entries()) {
    vehicleEvents.sort((x, y) => x.age - y.age);
    const delivery = dayOf(vehicle.deliveryDate);
    const observedAge = (asOf - delivery) / DAYS_PER_YEAR;
    const lastAge = vehicleEvents.length > 0 ? (vehicleEvents[vehicleEvents.length - 1] as { age: number }).age : 0;
    const cutoff = Math.max(0, observedAge - departureAfter);
    const departed = lastAge < cutoff;
    const ownKmPerYear = ownKmPerYearOf(vehicle, vehicleEvents);
    if (ownKmPerYear !== undefined) kmReadings.push(ownKmPerYear);
    const replaced = replacedOn[position] as number;
    const nextDeliveryAge = Number.isNaN(replaced) ? undefined : (replaced - delivery) / DAYS_PER_YEAR;
    facts.push({
      vehicle,
      vehicleEvents,
      observedAge,
      lastAge,
      departed,
      cutoff,
      ownKmPerYear: ownKmPerYear ?? fallback.kmPerYear,
      nextDeliveryAge,
    });
    const until = departed ? lastAge : cutoff;
    roughExposure += until;
    eventsSeen += vehicleEvents.filter(({ age }) => age <= until + 1e-9).length;
  }
  // A departed owner left some time after the last event: with events at rate λ a year, 1/λ on average
  // (the backward recurrence time of a Poisson process), so that much is added to the time with the dealer.
  return { facts, kmReadings, meanGap: eventsSeen > 0 ? roughExposure / eventsSeen : 0 };
}

/** Exposure, departures, event counts and values, maintenance gaps and repurchases over all vehicles (pass 2). */
interface Tallies {
  exposureIn: number;
  exposurePost: number;
  departuresIn: number;
  departuresPost: number;
  readonly exposureByAge: number[];
  readonly repairsByAge: number[];
  readonly counts: Record<string, number>;
  readonly values: Record<string, { sum: number; count: number }>;
  maintenanceExposure: number;
  readonly gapYears: number[];
  readonly gapKmPerYear: number[];
  anniversaries: number;
  repurchaseCandidates: number;
  repurchases: number;
  repurchaseAgeSum: number;
}

function tally(facts: readonly Facts[], meanGap: number, fallback: PsvAssumptions): Tallies {
  const t: Tallies = {
    exposureIn: 0,
    exposurePost: 0,
    departuresIn: 0,
    departuresPost: 0,
    exposureByAge: [],
    repairsByAge: [],
    counts: {},
    values: {},
    maintenanceExposure: 0,
    gapYears: [],
    gapKmPerYear: [],
    anniversaries: 0,
    repurchaseCandidates: 0,
    repurchases: 0,
    repurchaseAgeSum: 0,
  };
  for (const fact of facts) {
    const { departed, cutoff, lastAge, ownKmPerYear } = fact;
    const withDealerUntil = departed ? Math.min(cutoff, lastAge + meanGap) : cutoff;
    const end = Math.min(fallback.warrantyYears, fallback.warrantyKm / ownKmPerYear);
    t.exposureIn += Math.min(withDealerUntil, end);
    t.exposurePost += Math.max(0, withDealerUntil - end);
    if (departed) {
      if (withDealerUntil < end) t.departuresIn += 1;
      else t.departuresPost += 1;
    }
    for (let year = 0; year < withDealerUntil; year++)
      t.exposureByAge[year] = (t.exposureByAge[year] ?? 0) + Math.min(1, withDealerUntil - year);
    t.anniversaries += Math.floor(withDealerUntil) + 1; // renewals fall on the delivery anniversaries, the first at delivery
    const firstService = Math.min(fallback.firstServiceMonths / 12, fallback.firstServiceKm / ownKmPerYear);
    t.maintenanceExposure += Math.max(0, withDealerUntil - firstService);
    tallyEvents(t, fact, withDealerUntil);
    tallyRepurchase(t, fact, meanGap, fallback.replacementAgeYears);
  }
  return t;
}

/** A vehicle's events: maintenance gaps, values by type, and counts (by age year for repairs) while with the dealer. */
function tallyEvents(t: Tallies, fact: Facts, withDealerUntil: number): void {
  let firstMaintenanceSeen = false;
  let previousMaintenance = Number.NaN;
  for (const { age, event } of fact.vehicleEvents) {
    if (event.type === "maintenance") {
      const gap = age - previousMaintenance;
      if (gap > 0 && gap <= 2) {
        t.gapYears.push(gap);
        t.gapKmPerYear.push(fact.ownKmPerYear);
      }
      previousMaintenance = age;
    }
    const value = event.value;
    if (value !== undefined) {
      const entry = t.values[event.type] ?? { sum: 0, count: 0 };
      entry.sum += value;
      entry.count += 1;
      t.values[event.type] = entry;
    }
    if (age > withDealerUntil + 1e-9) continue;
    if (event.type === "maintenance" && !firstMaintenanceSeen) {
      firstMaintenanceSeen = true; // the first service is an event of its own in the model
      continue;
    }
    t.counts[event.type] = (t.counts[event.type] ?? 0) + 1;
    if (event.type === "repair") {
      const year = Math.floor(age);
      t.repairsByAge[year] = (t.repairsByAge[year] ?? 0) + 1;
    }
  }
}

/** A "new-car-purchase" row within this many years of the vehicle's own delivery is the sale of that vehicle. */
const OWN_SALE_YEARS = 30 / DAYS_PER_YEAR;

/**
 * Repurchase: with the dealer at the replacement age, and observed a year past it. A "new-car-purchase" row on a
 * vehicle is the owner buying its successor — unless it falls within 30 days of the vehicle's own delivery: DMS
 * exports that write the sale row on the car sold (not on the car it replaced) are read the same way.
 */
function tallyRepurchase(t: Tallies, fact: Facts, meanGap: number, replacementAge: number): void {
  const { vehicleEvents, observedAge, departed, lastAge, nextDeliveryAge } = fact;
  const successor = vehicleEvents.find(({ event, age }) => event.type === "new-car-purchase" && age > OWN_SALE_YEARS);
  const purchaseAge = successor?.age ?? nextDeliveryAge;
  if (purchaseAge !== undefined) {
    t.repurchases += 1;
    t.repurchaseAgeSum += purchaseAge;
    t.repurchaseCandidates += 1;
  } else if (observedAge >= replacementAge + 1 && (departed ? lastAge + meanGap : observedAge) >= replacementAge) {
    t.repurchaseCandidates += 1;
  }
}

/** Sets one assumption from the data when its evidence reaches the minimum, else keeps the fallback; reports it. */
type Setter = (
  name: keyof PsvAssumptions,
  value: number | number[],
  evidence: number,
  exposureYears: number,
  note?: string,
) => void;

function reportSetter(
  settings: CalibrateSettings,
  vehicleCount: number,
  result: Record<string, unknown>,
  report: Partial<Record<keyof PsvAssumptions, CalibrationEntry>>,
): Setter {
  const { minimum, fallback } = settings;
  return (name, value, evidence, exposureYears, note) => {
    const enough = evidence >= minimum && Number.isFinite(Array.isArray(value) ? (value[0] ?? Number.NaN) : value);
    result[name] = enough ? value : fallback[name];
    report[name] = {
      value: (enough ? value : fallback[name]) as number | number[],
      source: enough ? "data" : "fallback",
      vehicles: vehicleCount,
      events: evidence,
      exposureYears,
      ...(enough ? (note === undefined ? {} : { note }) : { note: `too little data (${evidence} < ${minimum})` }),
    };
  };
}

/** Retention by warranty phase (the exponential MLE of each phase) and km a year. */
function setRetention(set: Setter, t: Tallies, kmReadings: readonly number[], vehicleCount: number): void {
  const totalExposure = t.exposureIn + t.exposurePost;
  set(
    "retentionInWarranty",
    Math.exp(-t.departuresIn / t.exposureIn),
    vehicleCount,
    t.exposureIn,
    `${t.departuresIn} departures in ${t.exposureIn.toFixed(1)} vehicle-years`,
  );
  set(
    "retentionPostWarranty",
    Math.exp(-t.departuresPost / t.exposurePost),
    Math.round(t.exposurePost),
    t.exposurePost,
    `${t.departuresPost} departures in ${t.exposurePost.toFixed(1)} vehicle-years`,
  );
  const meanKm = kmReadings.reduce((sum, value) => sum + value, 0) / kmReadings.length;
  set("kmPerYear", Math.round(meanKm), kmReadings.length, totalExposure);
}

/** Repair rates by age year, insurance renewal, detailing and other purchases a year. */
function setEventRates(set: Setter, t: Tallies, settings: CalibrateSettings): void {
  const { minimum, fallback } = settings;
  const totalExposure = t.exposureIn + t.exposurePost;
  const repairRates: number[] = [];
  for (let year = 0; year < t.exposureByAge.length; year++) {
    if ((t.exposureByAge[year] ?? 0) < minimum) break;
    repairRates.push((t.repairsByAge[year] ?? 0) / (t.exposureByAge[year] as number));
  }
  set(
    "repairVisitsByAge",
    repairRates,
    repairRates.length > 0 ? (t.counts["repair"] ?? 0) : 0,
    totalExposure,
    `${repairRates.length} age years with ≥ ${minimum} vehicle-years${repairShareNote(repairRates, fallback.warrantyYears)}`,
  );
  set(
    "insuranceRenewalProbability",
    Math.min(1, (t.counts["insurance"] ?? 0) / t.anniversaries),
    t.counts["insurance"] ?? 0,
    totalExposure,
    `renewals at ${t.anniversaries} delivery anniversaries with the dealer`,
  );
  set("detailingJobsPerYear", (t.counts["detailing"] ?? 0) / totalExposure, t.counts["detailing"] ?? 0, totalExposure);
  const otherTypes = ["other", "accessory", "extended-warranty"];
  const otherCount = otherTypes.reduce((sum, type) => sum + (t.counts[type] ?? 0), 0);
  const otherValue = otherTypes.reduce(
    (sum, type) => sum + (t.values[type] ? (t.values[type].sum / t.values[type].count) * (t.counts[type] ?? 0) : 0),
    0,
  );
  set("otherValuePerYear", otherValue / totalExposure, otherCount, totalExposure);
}

/** Values per event type, and first estimates of repurchase and replacement age. */
function setValues(set: Setter, t: Tallies): void {
  const totalExposure = t.exposureIn + t.exposurePost;
  const { values } = t;
  const meanValue = (type: string) => (values[type] ? values[type].sum / values[type].count : Number.NaN);
  set("maintenanceValue", meanValue("maintenance"), values["maintenance"]?.count ?? 0, totalExposure);
  set("repairValue", meanValue("repair"), values["repair"]?.count ?? 0, totalExposure);
  set("insuranceValue", meanValue("insurance"), values["insurance"]?.count ?? 0, totalExposure);
  set("detailingValue", meanValue("detailing"), values["detailing"]?.count ?? 0, totalExposure);
  set("newCarValue", meanValue("new-car-purchase"), values["new-car-purchase"]?.count ?? 0, totalExposure);
  set("tradeInValue", meanValue("trade-in"), values["trade-in"]?.count ?? 0, totalExposure);
  // First estimates of repurchase and replacement age (they start the joint likelihood of the behaviour stage,
  // which replaces them: these ignore that a car replaced elsewhere looks like a departure).
  set(
    "repurchaseProbability",
    t.repurchases / t.repurchaseCandidates,
    t.repurchaseCandidates,
    totalExposure,
    `${t.repurchases} repurchases of ${t.repurchaseCandidates} vehicles with the dealer at the replacement age`,
  );
  set("replacementAgeYears", t.repurchaseAgeSum / t.repurchases, t.repurchases, totalExposure);
}

/**
 * Maintenance follows the maker's schedule: a gap between visits is min(months, km / own km a year) plus the
 * owner's delay, so the schedule and the mean delay cannot be told apart from gaps alone. The schedule stays the
 * fallback's (the maker's); the report gives the schedule the gaps alone would suggest, as evidence.
 */
function reportSchedule(
  report: Partial<Record<keyof PsvAssumptions, CalibrationEntry>>,
  t: Tallies,
  fallback: PsvAssumptions,
  vehicleCount: number,
): void {
  const schedule = fitSchedule(t.gapYears, t.gapKmPerYear, fallback);
  for (const name of ["serviceIntervalMonths", "serviceIntervalKm"] as const) {
    report[name] = {
      value: fallback[name],
      source: "fallback",
      vehicles: vehicleCount,
      events: t.gapYears.length,
      exposureYears: t.maintenanceExposure,
      note: `the maker's schedule, kept; ${t.gapYears.length} gaps between visits fit min(${schedule.months} months, ${schedule.km} km) including owners' delays`,
    };
  }
}

/** The vehicles as the behaviour stage reads them: day numbers, own km a year, visits, replacements, events. */
function behaviourVehiclesOf(facts: readonly Facts[]): BehaviourVehicle[] {
  return facts.map((fact) => {
    const deliveryDay = dayOf(fact.vehicle.deliveryDate);
    return {
      customerKey: fact.vehicle.customerId,
      deliveryDay,
      kmPerYear: fact.ownKmPerYear,
      maintenanceDays: fact.vehicleEvents
        .filter(({ event }) => event.type === "maintenance")
        .map(({ age }) => deliveryDay + age * DAYS_PER_YEAR),
      replacedDay: fact.nextDeliveryAge === undefined ? undefined : deliveryDay + fact.nextDeliveryAge * DAYS_PER_YEAR,
      events: fact.vehicleEvents.map(({ age, event }) => ({
        type: event.type,
        day: deliveryDay + age * DAYS_PER_YEAR,
        value: event.value,
      })),
    };
  });
}

/** The calibration as named stages: settings → records → vehicle facts → tallies → estimates → owner behaviour. */
function calibrateInZone(options: CalibrateOptions): CalibrationResult {
  const settings = readCalibrateSettings(options);
  const { byVehicle, errors, fleet } = readCalibrationRecords(options, settings.asOf, settings.valueField);
  const { facts, kmReadings, meanGap } = vehicleFacts(byVehicle, settings);
  const tallies = tally(facts, meanGap, settings.fallback);
  const report: Partial<Record<keyof PsvAssumptions, CalibrationEntry>> = {};
  const result: Record<string, unknown> = { ...settings.fallback };
  const vehicleCount = byVehicle.size;
  const set = reportSetter(settings, vehicleCount, result, report);
  setRetention(set, tallies, kmReadings, vehicleCount);
  reportSchedule(report, tallies, settings.fallback, vehicleCount);
  setEventRates(set, tallies, settings);
  setValues(set, tallies);
  // Owner behaviour: due visits kept or missed, delays, and how much owners differ (see calibrateBehaviour).
  const typeMeans: Record<string, number> = {};
  for (const [type, entry] of Object.entries(tallies.values)) typeMeans[type] = entry.sum / entry.count;
  const totalExposure = tallies.exposureIn + tallies.exposurePost;
  const behaviour = calibrateBehaviour(
    behaviourVehiclesOf(facts),
    settings.asOf,
    checkAssumptions(result as unknown as PsvAssumptions),
    typeMeans,
  );
  for (const estimate of behaviour) {
    // Too little data is the simpler reason to keep the fallback; enough data at a degenerate optimum is the other.
    if (estimate.unidentified === undefined || estimate.evidence < settings.minimum)
      set(estimate.name, estimate.value, estimate.evidence, totalExposure, estimate.note);
    else keepFallback(result, report, settings, estimate, vehicleCount);
  }
  const reminder = calibrateReminder({
    contacts: options.contacts,
    fleet,
    ...reminderHistories(facts),
    a: checkAssumptions(result as unknown as PsvAssumptions),
    asOf: settings.asOf,
    errors,
  });
  const warnings = setReminder(result, report, reminder, vehicleCount, options.contacts !== undefined);
  return { assumptions: checkAssumptions(result as unknown as PsvAssumptions), report, errors, reminder, warnings };
}

/** A behaviour estimate the data cannot identify here: the fallback's value, reported as "default" with the reason. */
function keepFallback(
  result: Record<string, unknown>,
  report: Partial<Record<keyof PsvAssumptions, CalibrationEntry>>,
  settings: CalibrateSettings,
  estimate: BehaviourEstimate,
  vehicleCount: number,
): void {
  const value = settings.fallback[estimate.name] as number | number[];
  result[estimate.name] = value;
  report[estimate.name] = {
    value,
    source: "default",
    vehicles: vehicleCount,
    events: estimate.evidence,
    exposureYears: 0,
    note: `not identifiable here (${estimate.unidentified}): the fallback's value is kept`,
  };
}

/** Each vehicle's maintenance visits (ascending) and the km a year its schedule runs on, in fleet order. */
function reminderHistories(facts: readonly Facts[]): { visits: MaintenanceVisits; kmPerYear: Float64Array } {
  const offsets = new Int32Array(facts.length + 1);
  const eventOffsets = new Int32Array(facts.length + 1);
  const days: number[] = [];
  const eventDays: number[] = [];
  facts.forEach((fact, v) => {
    const delivery = dayOf(fact.vehicle.deliveryDate);
    for (const { age, event } of fact.vehicleEvents) {
      const day = delivery + age * DAYS_PER_YEAR;
      eventDays.push(day);
      if (event.type === "maintenance") days.push(day);
    }
    offsets[v + 1] = days.length;
    eventOffsets[v + 1] = eventDays.length;
  });
  const kmPerYear = Float64Array.from(facts, (fact) => fact.ownKmPerYear);
  const visits = {
    offsets,
    days: Float64Array.from(days),
    eventOffsets,
    eventDays: Float64Array.from(eventDays),
  };
  return { visits, kmPerYear };
}

/** The learned reminder into the assumptions and the report; a warning when it rests on the defaults alone. */
function setReminder(
  result: Record<string, unknown>,
  report: Partial<Record<keyof PsvAssumptions, CalibrationEntry>>,
  reminder: ReminderCalibration,
  vehicleCount: number,
  given: boolean,
): string[] {
  const source = reminder.source;
  const contacts = reminder.contacts.used;
  const entry = (value: number | number[], note: string): CalibrationEntry => ({
    value,
    source,
    vehicles: vehicleCount,
    events: contacts,
    exposureYears: 0,
    note,
  });
  const byLead = reminder.byLead.map((band) => band.value);
  const byStage = reminder.byStage.map((stage) => stage.value);
  result["reminderEffectByLead"] = byLead;
  result["reminderStageFactors"] = byStage;
  result["reminderReach"] = reminder.reach.value;
  const learned = source === "data" ? `learned from ${contacts} contacts with a control group` : "assumed";
  report.reminderEffectByLead = entry(byLead, `${learned}; the evidence per band is in \`reminder.byLead\``);
  report.reminderStageFactors = entry(byStage, `${learned}; the evidence per stage is in \`reminder.byStage\``);
  report.reminderReach = entry(
    reminder.reach.value,
    reminder.reach.attempts > 0
      ? `${reminder.reach.reached} of ${reminder.reach.attempts} attempts reached the owner`
      : "the log does not say which attempts reached the owner: effects are per attempt",
  );
  if (source === "data") return [];
  const { censored, outsideBands } = reminder.contacts;
  const why = !given
    ? "no campaign log (contacts)"
    : contacts > 0
      ? `the campaign log is too small to estimate it (${contacts} contacts with a closed outcome window)`
      : `no contact of the campaign log has a closed outcome window in the lead-time bands (${censored} still open, ${outsideBands} outside)`;
  return [
    `${why}: the call list rests on an assumed reminder effect (reminderEffectByLead), not on this dealer's campaigns`,
  ];
}

/**
 * The schedule (months, km; whichever first) that best explains the gaps between visits: minimises
 * Σ |gap − min(months / 12, km / ownKmPerYear)| over a grid (months 2 … 24 by 0.5, km 2,000 … 40,000 by 500) on at
 * most 2,000 evenly spread gaps. A limit the data cannot tell apart from the fallback's (loss within 0.5%: e.g. a
 * 12-month limit when every vehicle reaches the km limit first) keeps the fallback's value. @internal
 */
function fitSchedule(
  gaps: readonly number[],
  kmPerYear: readonly number[],
  fallback: PsvAssumptions,
): { months: number; km: number } {
  if (gaps.length === 0) return { months: Number.NaN, km: Number.NaN };
  const step = Math.max(1, Math.floor(gaps.length / 2000));
  const sampleGaps: number[] = [];
  const sampleKm: number[] = [];
  for (let index = 0; index < gaps.length; index += step) {
    sampleGaps.push(gaps[index] as number);
    sampleKm.push(kmPerYear[index] as number);
  }
  let best = { months: Number.NaN, km: Number.NaN, loss: Number.POSITIVE_INFINITY };
  for (let months = 2; months <= 24; months += 0.5) {
    for (let km = 2000; km <= 40_000; km += 500) {
      let loss = 0;
      for (let index = 0; index < sampleGaps.length && loss < best.loss; index++)
        loss += Math.abs((sampleGaps[index] as number) - Math.min(months / 12, km / (sampleKm[index] as number)));
      if (loss < best.loss) best = { months, km, loss };
    }
  }
  const lossAt = (months: number, km: number) => {
    let loss = 0;
    for (let index = 0; index < sampleGaps.length; index++)
      loss += Math.abs((sampleGaps[index] as number) - Math.min(months / 12, km / (sampleKm[index] as number)));
    return loss;
  };
  const tolerance = best.loss * 1.005 + 1e-12;
  if (lossAt(fallback.serviceIntervalMonths, fallback.serviceIntervalKm) <= tolerance)
    return { months: fallback.serviceIntervalMonths, km: fallback.serviceIntervalKm };
  if (lossAt(fallback.serviceIntervalMonths, best.km) <= tolerance)
    return { months: fallback.serviceIntervalMonths, km: best.km };
  if (lossAt(best.months, fallback.serviceIntervalKm) <= tolerance)
    return { months: best.months, km: fallback.serviceIntervalKm };
  return { months: best.months, km: best.km };
}

/**
 * Evidence of independent garages: the repair rate in the first two years after the warranty as a share of the
 * in-warranty trend carried forward (a straight line through the in-warranty years' rates). Inside the warranty
 * repairs come to the dealer; a share well below 1 after it is what independent garages take. @internal
 */
function repairShareNote(rates: readonly number[], warrantyYears: number): string {
  const inWarranty = rates.slice(0, Math.floor(warrantyYears));
  const after = rates.slice(Math.floor(warrantyYears), Math.floor(warrantyYears) + 2);
  if (inWarranty.length < 2 || after.length === 0) return "";
  const n = inWarranty.length;
  const meanX = (n - 1) / 2;
  const meanY = inWarranty.reduce((sum, value) => sum + value, 0) / n;
  let covariance = 0;
  let variance = 0;
  inWarranty.forEach((value, index) => {
    covariance += (index - meanX) * (value - meanY);
    variance += (index - meanX) ** 2;
  });
  const slope = covariance / variance;
  const trend = after.map((_, k) => meanY + slope * (n + k - meanX));
  const share = after.reduce((sum, value) => sum + value, 0) / trend.reduce((sum, value) => sum + value, 0);
  return Number.isFinite(share) && share > 0
    ? `; after the warranty repairs run at ${(100 * share).toFixed(0)}% of the in-warranty trend (the rest goes to independent garages)`
    : "";
}
