import { InvalidInputError } from "../errors.js";
import { PROGRESS_OPTION_NAMES, type ProgressOptions, partOf, readProgress } from "../input/progress.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { parseDate } from "../schemas/parse-date.js";
import type { ServiceEventInput, VehicleInput } from "../schemas/records.js";
import { withTimeZone } from "../schemas/time-zone.js";
import type { AssessEventColumns, AssessVehicleColumns } from "./assess-input.js";
import { checkAssumptions, defaultAssumptions, type PsvAssumptions } from "./assumptions.js";
import {
  type CalibrationEvents,
  EVENT_CODE,
  groupEvents,
  isPresence,
  newEventRowColumns,
} from "./calibrate/calibration-events.js";
import { type CalibrateSettings, type CalibrationVehicle, dayOf, type Facts, vehicleFacts } from "./calibrate/facts.js";
import { setOfficeEstimates } from "./calibrate/office-estimates.js";
import { type SampledEstimate, samplingOf } from "./calibrate/sampling.js";
import {
  type CalibrationReport,
  reportSchedule,
  reportSetter,
  setEventRates,
  setRetention,
  setValues,
} from "./calibrate/set-estimates.js";
import { tally, totalExposure } from "./calibrate/tally.js";
import { type BehaviourVehicle, calibrateBehaviour } from "./calibrate-behaviour.js";
import type { CampaignContact, CampaignContactColumns } from "./contact-input.js";
import {
  applyHistoryStart,
  type DealerVehicles,
  dealerEventReader,
  newEventRow,
  readDealerVehicles,
  SCALE,
} from "./dealer-records.js";
import { calibrateReminder, type ReminderCalibration } from "./reminder/calibrate-reminder.js";
import type { MaintenanceVisits } from "./reminder/contact-outcomes.js";

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.2425;

/** Options of {@link calibrate}. */
export interface CalibrateOptions extends ProgressOptions {
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
  /**
   * The first day the export shows (a DMS migration, a retention rule, "the last 3 years"): a vehicle delivered
   * before it is seen only from then on. Its events before that day are left out (they are a part, not the whole)
   * and counted in `warnings`; each estimate is conditioned on what could be seen (left truncation: a vehicle enters
   * at its first visit in the history, having kept every due visit before). Default: each vehicle's history starts
   * at its delivery.
   */
  readonly historyStart?: Date | string;
  /**
   * In a network (vehicles and events with a `dealerId`): "network" (default) — a visit at any dealer of the network
   * counts, so retention is the group's or maker's; "dealer" — events at another dealer than the vehicle's own are
   * left out, so a move to a sister dealer is a departure and retention is each dealer's own.
   */
  readonly scope?: "network" | "dealer";
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

/** How one assumption was set: its value, verdict, 95% interval and what it rests on. */
export interface CalibrationEntry {
  readonly value: number | readonly number[];
  /**
   * The verdict. "data": estimated, precise enough to stand alone; "weak": estimated but imprecise, shrunk toward
   * the fallback (`weight` on the data: the precision-weighted mean on the estimate's working scale, with the
   * fallback as a prior that may be off by a factor of two); "fallback": too little data (below `minimumEvidence`),
   * the fallback's value; "default": not identifiable here — a degenerate optimum (at a bound of the search, a flat
   * ridge of the likelihood, a replacement age outside 1–20 years), an estimate the data barely inform, or no
   * evidence given at all (the reminder effect without a campaign log) — the fallback's value, with the reason in
   * `note`.
   */
  readonly source: "data" | "weak" | "fallback" | "default";
  /** The 95% interval of the data's estimate (same shape as `value`), where it has one. */
  readonly low?: number | readonly number[];
  readonly high?: number | readonly number[];
  /** For "weak": the weight of the data's estimate in `value` (the rest is the fallback's). */
  readonly weight?: number;
  /** What the estimate rests on: vehicles whose records inform it, events (or due visits, decisions), exposure. */
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

/**
 * The vehicles and events a calibration can use, read by the reader `psv.assessCustomers` uses (rows or columns, the
 * same rules), the events as columns grouped by vehicle; one error per row it cannot use, which is left out (never
 * the whole batch).
 */
function readCalibrationRecords(
  options: CalibrateOptions,
  settings: CalibrateSettings,
): {
  vehicles: CalibrationVehicle[];
  events: CalibrationEvents;
  errors: InvalidInputError[];
  fleet: DealerVehicles;
  beforeStart: number;
} {
  const { asOf, valueField, historyStart } = settings;
  const errors: InvalidInputError[] = [];
  const fleet = readDealerVehicles(options.vehicles, asOf, errors);
  applyHistoryStart(fleet, historyStart);
  const vehicles = fleet.ids.map((vehicleId, v): CalibrationVehicle => {
    const readingDay = fleet.readingDay[v] as number;
    return {
      vehicleId,
      customerId: fleet.customerIds[fleet.customerOf[v] as number] as string | number,
      deliveryDay: fleet.deliveryDay[v] as number,
      acquiredAgeDays: (fleet.acquiredDay[v] as number) - (fleet.deliveryDay[v] as number),
      acquiredKm: fleet.acquiredKm[v] as number,
      historyStartDay: fleet.historyStartDay[v] as number,
      ...(Number.isNaN(readingDay) ? {} : { odometerKm: fleet.readingKm[v] as number, odometerDay: readingDay }),
    };
  });
  const eventRows = dealerEventReader(options.serviceEvents, valueField, fleet, asOf);
  const rows = newEventRowColumns(eventRows.length);
  const read = newEventRow();
  let beforeStart = 0;
  for (let row = 0; row < eventRows.length; row++) {
    const issues = eventRows.read(row, read);
    if (issues !== undefined) {
      errors.push(new InvalidInputError("service event", issues, row));
      continue;
    }
    if (read.day < (fleet.historyStartDay[read.vehicle] as number)) {
      beforeStart += 1; // a part of the history before its start, not the whole: left out
      continue;
    }
    if (read.elsewhere && settings.scope === "dealer") continue; // the dealer's own view: a sister dealer's visit
    const at = rows.count++;
    rows.vehicle[at] = read.vehicle;
    rows.day[at] = read.day;
    rows.type[at] = read.type;
    rows.km[at] = read.km ?? Number.NaN;
    rows.value[at] = read.hasAmount ? (read.exact?.toNumber() ?? read.units / SCALE) : Number.NaN;
  }
  const events = groupEvents(rows, fleet.deliveryDay);
  return { vehicles, events, errors, fleet, beforeStart };
}

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
  historyStart: true,
  scope: true,
  ...PROGRESS_OPTION_NAMES,
};

/**
 * Estimates PSV assumptions from a dealer's own history (a survival model with piecewise-constant rates):
 *
 * - each vehicle is "with the dealer" from delivery until it leaves: one whose last event is older than
 *   `departureAfterDays` left on average 1/λ after that event (λ: the dealer's event rate a year with the dealer;
 *   the backward recurrence time of a Poisson process), the others are censored at asOf − departureAfterDays;
 * - retention in and after the warranty = exp(−λ̄) in each phase, λ̄ the leave hazard by age year (departures /
 *   exposure years) averaged over one vehicle's life through the phase (survival weights): the hazard curve, not the
 *   fleet's age mix;
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
 * says so. Every other estimate carries a 95% interval (`low`, `high`) and a verdict (`source`): "data", "weak"
 * (imprecise: shrunk toward the fallback, `weight` on the data) or "default" (not identifiable here: an optimum at a
 * bound or on a flat ridge, or data that barely inform it; the fallback is kept and `note` says why). With
 * `historyStart` the history is read from that day: estimates are conditioned on what it can show (left
 * truncation), and without it a history that seems to start late is named in `warnings`. Records are validated first by the rules of `psv.assessCustomers` (unknown event types, events before
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
  const scope = options.scope ?? "network";
  if (scope !== "network" && scope !== "dealer")
    throw new InvalidInputError("calibration options", [
      { code: "custom", path: ["scope"], message: 'must be "network" or "dealer"' },
    ]);
  let historyStart = Number.NEGATIVE_INFINITY;
  if (options.historyStart !== undefined) {
    const startDate = parseDate(options.historyStart);
    if (typeof startDate === "string" || startDate.getTime() > asOfDate.getTime())
      throw new InvalidInputError("calibration options", [
        {
          code: "custom",
          path: ["historyStart"],
          message: typeof startDate === "string" ? startDate : "is after asOf",
        },
      ]);
    historyStart = dayOf(startDate);
  }
  return { asOf: dayOf(asOfDate), fallback, departureAfter, minimum, valueField, historyStart, scope };
}

/** The vehicles as the behaviour stage reads them: day numbers, own km a year, visits, replacements, events. */
function behaviourVehiclesOf(facts: readonly Facts[]): BehaviourVehicle[] {
  return facts.map((fact) => {
    const deliveryDay = fact.vehicle.deliveryDay;
    const { events, first, end } = fact;
    const maintenanceDays: number[] = [];
    for (let e = first; e < end; e++)
      if (events.type[e] === EVENT_CODE.maintenance) maintenanceDays.push(events.day[e] as number);
    return {
      customerKey: fact.vehicle.customerId,
      deliveryDay,
      kmPerYear: fact.ownKmPerYear,
      maintenanceDays,
      replacedDay: fact.nextDeliveryAge === undefined ? undefined : deliveryDay + fact.nextDeliveryAge * DAYS_PER_YEAR,
      payoffDay: lastPayoffDay(fact, deliveryDay),
      acquiredAgeDays: fact.vehicle.acquiredAgeDays,
      acquiredKm: fact.vehicle.acquiredKm,
      historyStartDay: fact.vehicle.historyStartDay,
      events, // the calibration's event columns: the behaviour stage reads the vehicle's rows
      first,
      end,
    };
  });
}

function lastPayoffDay(fact: Facts, deliveryDay: number): number | undefined {
  let day: number | undefined;
  const { events } = fact;
  for (let e = fact.first; e < fact.end; e++)
    if (events.type[e] === EVENT_CODE.financePayoff) day = deliveryDay + (events.age[e] as number) * DAYS_PER_YEAR;
  return day;
}

/** The calibration as named stages: settings → records → vehicle facts → tallies → estimates → owner behaviour. */
function calibrateInZone(options: CalibrateOptions): CalibrationResult {
  const settings = readCalibrateSettings(options);
  const progress = readProgress("calibration options", options);
  progress("read", 0);
  const { vehicles, events, errors, fleet, beforeStart } = readCalibrationRecords(options, settings);
  progress("vehicle facts", 0.2);
  const { facts, kmReadings, meanGap } = vehicleFacts(vehicles, events, settings);
  progress("estimates", 0.35);
  const tallies = tally(facts, meanGap, settings.fallback);
  const report: CalibrationReport = {};
  const { sampling: _fallbackSampling, ...fallbackValues } = settings.fallback; // describes the fallback's values
  const result: Record<string, unknown> = { ...fallbackValues };
  const vehicleCount = vehicles.length;
  const sampled: SampledEstimate[] = [];
  const set = reportSetter(settings, vehicleCount, result, report, sampled);
  setRetention(set, tallies, kmReadings, vehicleCount, settings);
  reportSchedule(report, tallies, settings.fallback, vehicleCount);
  setEventRates(set, tallies, settings);
  setValues(set, tallies);
  setOfficeEstimates(set, tallies);
  // Owner behaviour: due visits kept or missed, delays, and how much owners differ (see calibrateBehaviour).
  const typeMeans: Record<string, number> = {};
  for (const [type, sums] of Object.entries(tallies.values)) if (sums.e > 0) typeMeans[type] = sums.c / sums.e;
  const exposureYears = totalExposure(tallies);
  const behaviour = calibrateBehaviour(
    behaviourVehiclesOf(facts),
    settings.asOf,
    checkAssumptions(result as unknown as PsvAssumptions),
    typeMeans,
    partOf(progress, 0.45, 0.9),
  );
  for (const { name, ...estimate } of behaviour) set(name, { ...estimate, exposureYears });
  progress("reminder", 0.9);
  const reminder = calibrateReminder({
    contacts: options.contacts,
    fleet,
    ...reminderHistories(facts),
    a: checkAssumptions(result as unknown as PsvAssumptions),
    asOf: settings.asOf,
    errors,
  });
  const warnings = setReminder(result, report, reminder, vehicleCount, options.contacts !== undefined);
  const sampling = samplingOf(sampled);
  if (sampling !== undefined) result["sampling"] = sampling;
  if (beforeStart > 0)
    warnings.push(`${beforeStart} events dated before historyStart were left out (the history is read from its start)`);
  const told = fleet.historyStartDay.some((day) => Number.isFinite(day));
  const lateStart = told ? undefined : apparentHistoryStart(facts, settings.fallback);
  if (lateStart !== undefined) warnings.push(lateStart);
  progress("done", 1);
  return { assumptions: checkAssumptions(result as unknown as PsvAssumptions), report, errors, reminder, warnings };
}

/**
 * A history that seems to start at a date nobody said: the earliest event falls on day E, yet at least 5% of the
 * vehicles seen (and 30) were delivered more than two service intervals before E and have events only from E on —
 * as a DMS migration or a retention rule leaves an export. Read as complete, such a history makes every owner look
 * like one who never came for the first service; the warning names the date to pass as `historyStart`.
 */
function apparentHistoryStart(facts: readonly Facts[], fallback: PsvAssumptions): string | undefined {
  let earliest = Number.POSITIVE_INFINITY;
  for (const fact of facts)
    if (fact.end > fact.first)
      earliest = Math.min(earliest, fact.vehicle.deliveryDay + (fact.events.age[fact.first] as number) * DAYS_PER_YEAR);
  if (!Number.isFinite(earliest)) return undefined;
  const gap = 2 * (fallback.serviceIntervalMonths / 12) * DAYS_PER_YEAR;
  let seen = 0;
  let late = 0;
  for (const fact of facts) {
    if (fact.end === fact.first) continue;
    seen += 1;
    if (fact.vehicle.deliveryDay < earliest - gap) late += 1;
  }
  if (late < 30 || late < 0.05 * seen) return undefined;
  const day = new Date(earliest * MS_PER_DAY).toISOString().slice(0, 10);
  return `the history seems to start on ${day}: ${late} of ${seen} vehicles with events were delivered more than two service intervals before it and have none before it — if the export starts there, pass historyStart: "${day}" (read as complete, owners look like they never came for services the export does not show)`;
}

/** Each vehicle's maintenance visits (ascending) and the km a year its schedule runs on, in fleet order. */
function reminderHistories(facts: readonly Facts[]): { visits: MaintenanceVisits; kmPerYear: Float64Array } {
  const offsets = new Int32Array(facts.length + 1);
  const eventOffsets = new Int32Array(facts.length + 1);
  const days: number[] = [];
  const eventDays: number[] = [];
  facts.forEach((fact, v) => {
    const delivery = fact.vehicle.deliveryDay;
    const { events } = fact;
    for (let e = fact.first; e < fact.end; e++) {
      const type = events.type[e] as number;
      if (!isPresence(type)) continue;
      const day = delivery + (events.age[e] as number) * DAYS_PER_YEAR;
      eventDays.push(day);
      if (type === EVENT_CODE.maintenance) days.push(day);
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
  report: CalibrationReport,
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
  if (reminder.byLeadCovariance !== null) result["reminderEffectCovariance"] = reminder.byLeadCovariance;
  else delete result["reminderEffectCovariance"];
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
