import type { InvalidInputError } from "../../errors.js";
import { type Reporter, SILENT } from "../../input/progress.js";
import type { AssumptionSampling } from "../assumption-sampling.js";
import { checkAssumptions, type PsvAssumptions } from "../assumptions.js";
import type { CalibrationEntry, CalibrationResult } from "../calibrate.js";
import { type BehaviourEstimate, behaviourEstimates, delayEstimates } from "../calibrate-behaviour.js";
import { calibrateReminder, type ReminderCalibration } from "../reminder/calibrate-reminder.js";
import type { ReminderCounts } from "../reminder/learn-effect.js";
import type { CalibrateSettings } from "./facts.js";
import { setOfficeEstimates } from "./office-estimates.js";
import type { DecisionStatistics, FactStatistics, TalliesKnown, TallyStatistics } from "./partition.js";
import { type SampledEstimate, samplingOf } from "./sampling.js";
import {
  type CalibrationReport,
  reportSchedule,
  reportSetter,
  type Setter,
  setEventRates,
  setRetention,
  setValues,
} from "./set-estimates.js";
import { totalExposure } from "./tally.js";

const MS_PER_DAY = 86_400_000;

/** The estimates once the rates and values are set (after pass 2), and what the owner behaviour stage needs. @internal */
export interface StageTwo {
  readonly result: Record<string, unknown>;
  readonly report: CalibrationReport;
  readonly sampled: SampledEstimate[];
  readonly set: Setter;
  /** The delays' estimates and allowance (undefined: fewer than two delays — no behaviour stage). */
  readonly delays: ReturnType<typeof delayEstimates>;
  readonly exposureYears: number;
  /** What pass 3 needs (undefined without delays). */
  readonly known: TalliesKnown | undefined;
}

/** Retention, rates, values and office estimates from passes 1 and 2 (see `psv.calibrate`). @internal */
export function stageTwo(settings: CalibrateSettings, facts: FactStatistics, second: TallyStatistics): StageTwo {
  const tallies = { ...second.tallies, values: facts.values };
  const report: CalibrationReport = {};
  const { sampling: _fallbackSampling, ...fallbackValues } = settings.fallback; // describes the fallback's values
  const result: Record<string, unknown> = { ...fallbackValues };
  const vehicleCount = facts.vehicles;
  const sampled: SampledEstimate[] = [];
  const set = reportSetter(settings, vehicleCount, result, report, sampled);
  const km = { count: facts.km.count, sum: facts.km.sum, squares: second.kmSquares };
  setRetention(set, tallies, km, vehicleCount, settings);
  reportSchedule(report, tallies, settings.fallback, vehicleCount);
  setEventRates(set, tallies, settings);
  setValues(set, tallies);
  setOfficeEstimates(set, tallies);
  const delays = delayEstimates(facts.delays, second.delayValues);
  const a = checkAssumptions(result as unknown as PsvAssumptions);
  const known = delays === undefined ? undefined : { a, allowance: delays.allowance };
  return { result, report, sampled, set, delays, exposureYears: totalExposure(tallies), known };
}

/**
 * Owner behaviour from pass 3 (with pass 2's price spread) into the estimates; the assumptions after it (what the
 * reminder pass reads). @internal
 */
export function stageThree(
  two: StageTwo,
  second: TallyStatistics,
  third: DecisionStatistics | undefined,
  report: Reporter = SILENT,
): PsvAssumptions {
  if (two.delays !== undefined && third !== undefined && two.known !== undefined) {
    const statistics = { delays: two.delays, patterns: third.patterns, price: second.price, rate: third.rate };
    const behaviour: BehaviourEstimate[] = behaviourEstimates(statistics, two.known.a, report);
    for (const { name, ...estimate } of behaviour) two.set(name, { ...estimate, exposureYears: two.exposureYears });
  }
  return checkAssumptions(two.result as unknown as PsvAssumptions);
}

/** The estimates once the owner behaviour is set: the values, their report and their sampling record. @internal */
export interface SetEstimates {
  readonly result: Record<string, unknown>;
  readonly report: CalibrationReport;
  readonly sampling: AssumptionSampling | undefined;
}

/** The set estimates of a calibration whose behaviour stage has run (its sampling record from the sampled errors). @internal */
export function setEstimatesOf(two: StageTwo): SetEstimates {
  return { result: two.result, report: two.report, sampling: samplingOf(two.sampled) };
}

/** The finished calibration: the reminder (learned from the log's counts, or the defaults) and the warnings. @internal */
export function finishCalibration(
  statistics: { readonly facts: FactStatistics; readonly tallies: TallyStatistics },
  estimates: SetEstimates,
  a: PsvAssumptions,
  log: { readonly counts: ReminderCounts | undefined; readonly given: boolean; readonly errors: InvalidInputError[] },
): CalibrationResult {
  const { result, report, sampling } = estimates;
  const reminder = calibrateReminder(log.counts, a);
  const warnings = setReminder(result, report, reminder, statistics.facts.vehicles, log.given);
  if (sampling !== undefined) result["sampling"] = sampling;
  const { beforeStart, told } = statistics.facts;
  if (beforeStart > 0)
    warnings.push(`${beforeStart} events dated before historyStart were left out (the history is read from its start)`);
  const lateStart = told ? undefined : apparentHistoryStart(statistics.facts, statistics.tallies);
  if (lateStart !== undefined) warnings.push(lateStart);
  const assumptions = checkAssumptions(result as unknown as PsvAssumptions);
  return { assumptions, report, errors: log.errors, reminder, warnings };
}

/**
 * A history that seems to start at a date nobody said: the earliest event falls on day E, yet at least 5% of the
 * vehicles seen (and 30) were delivered more than two service intervals before E and have events only from E on —
 * as a DMS migration or a retention rule leaves an export. Read as complete, such a history makes every owner look
 * like one who never came for the first service; the warning names the date to pass as `historyStart`.
 */
function apparentHistoryStart(facts: FactStatistics, second: TallyStatistics): string | undefined {
  const { seen, late } = second;
  if (!Number.isFinite(facts.earliest) || late < 30 || late < 0.05 * seen) return undefined;
  const day = new Date(facts.earliest * MS_PER_DAY).toISOString().slice(0, 10);
  return `the history seems to start on ${day}: ${late} of ${seen} vehicles with events were delivered more than two service intervals before it and have none before it — if the export starts there, pass historyStart: "${day}" (read as complete, owners look like they never came for services the export does not show)`;
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
