import { InvalidInputError } from "../errors.js";
import { PROGRESS_OPTION_NAMES, type ProgressOptions, partOf, readProgress } from "../input/progress.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { parseDate } from "../schemas/parse-date.js";
import type { ServiceEventInput, VehicleInput } from "../schemas/records.js";
import { withTimeZone } from "../schemas/time-zone.js";
import type { AssessEventColumns, AssessVehicleColumns } from "./assess-input.js";
import { checkAssumptions, defaultAssumptions, type PsvAssumptions } from "./assumptions.js";
import { type CalibrateSettings, dayOf } from "./calibrate/facts.js";
import {
  decisionStatistics,
  factStatistics,
  factsKnown,
  preparePartition,
  reminderStatistics,
  tallyStatistics,
} from "./calibrate/partition.js";
import { finishCalibration, setEstimatesOf, stageThree, stageTwo } from "./calibrate/stages.js";
import type { CampaignContact, CampaignContactColumns } from "./contact-input.js";
import { DAYS_PER_YEAR } from "./maintenance-timeline.js";
import type { ReminderCalibration } from "./reminder/calibrate-reminder.js";

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

/** The option names of {@link calibrate}. @internal */
export const CALIBRATE_OPTION_NAMES: OptionNames<CalibrateOptions> = {
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
  options = readOptions("calibration options", options, CALIBRATE_OPTION_NAMES, { optional: false });
  return withTimeZone(options.timeZone, () => calibrateInZone(options));
}

/** The checked settings of a calibration (in its time zone). @internal */
export function readCalibrateSettings(options: CalibrateOptions): CalibrateSettings {
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

/** The calibration as named stages: settings → records → vehicle facts → tallies → estimates → owner behaviour. */
function calibrateInZone(options: CalibrateOptions): CalibrationResult {
  const settings = readCalibrateSettings(options);
  const progress = readProgress("calibration options", options);
  progress("read", 0);
  const partition = preparePartition(options, settings);
  progress("vehicle facts", 0.2);
  const facts = factStatistics(partition, settings);
  const tallies = tallyStatistics(partition, settings, factsKnown(facts));
  progress("estimates", 0.35);
  const two = stageTwo(settings, facts, tallies);
  const decisions = two.known === undefined ? undefined : decisionStatistics(partition, settings, two.known);
  const a = stageThree(two, tallies, decisions, partOf(progress, 0.45, 0.9));
  progress("reminder", 0.9);
  const { contacts } = options;
  const counts = contacts === undefined ? undefined : reminderStatistics(partition, contacts, settings, a);
  const log = { counts, given: contacts !== undefined, errors: partition.errors };
  const result = finishCalibration({ facts, tallies }, setEstimatesOf(two), a, log);
  progress("done", 1);
  return result;
}
