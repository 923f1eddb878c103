import { InvalidInputError } from "../errors.js";
import { readOptions } from "../input/read-options.js";
import { withTimeZone } from "../schemas/time-zone.js";
import {
  type AssessPartition,
  addErrors,
  contactsMismatch,
  PARTITIONS_HINTS,
  type PartitionSource,
  partitionedOptionNames,
  partitionRows,
  type RecordsAndProgress,
  readPartition,
} from "./assess-partitions.js";
import type { CalibrateSettings } from "./calibrate/facts.js";
import {
  mergeDecisionStatistics,
  mergeFactStatistics,
  mergeReminderCounts,
  mergeTallyStatistics,
} from "./calibrate/merge-statistics.js";
import {
  decisionStatistics,
  factStatistics,
  factsKnown,
  type PreparedPartition,
  preparePartition,
  reminderStatistics,
  tallyStatistics,
} from "./calibrate/partition.js";
import { finishCalibration, setEstimatesOf, stageThree, stageTwo } from "./calibrate/stages.js";
import {
  CALIBRATE_OPTION_NAMES,
  type CalibrateOptions,
  type CalibrationResult,
  readCalibrateSettings,
} from "./calibrate.js";

/** Options of {@link calibratePartitions}: those of `psv.calibrate` but the records and progress. */
export type CalibratePartitionsOptions = Omit<CalibrateOptions, RecordsAndProgress>;

const SUBJECT = "calibratePartitions options";
/** The option names of a calibration over partitions: `psv.calibrate`'s but the records and progress. @internal */
export const CALIBRATE_PARTITIONS_OPTION_NAMES = partitionedOptionNames<CalibrateOptions>(CALIBRATE_OPTION_NAMES);
const OPTION_NAMES = CALIBRATE_PARTITIONS_OPTION_NAMES;

/** One pass over the source: each partition read, prepared and handed to `visit`; the partitions' count. */
async function eachPartition(
  source: PartitionSource,
  run: { readonly settings: CalibrateSettings; readonly zone: string | undefined; readonly expected?: number },
  visit: (prepared: PreparedPartition, partition: AssessPartition, index: number) => void,
): Promise<number> {
  let index = 0;
  for await (const value of source()) {
    const partition = readPartition(value, index);
    withTimeZone(run.zone, () => visit(preparePartition(partition, run.settings), partition, index));
    index += 1;
  }
  if (run.expected !== undefined && index !== run.expected)
    throw new InvalidInputError(SUBJECT, [
      {
        code: "custom",
        path: ["source"],
        message: `gave ${run.expected} partitions on its first call and ${index} now: every call must give the same partitions`,
      },
    ]);
  if (index === 0)
    throw new InvalidInputError(SUBJECT, [{ code: "custom", path: ["source"], message: "gave no partition" }]);
  return index;
}

/** Merges a partition's statistics into the running ones (the first partition's become them). */
function merged<T>(into: T | undefined, from: T, merge: (into: T, from: T) => void): T {
  if (into === undefined) return from;
  merge(into, from);
  return into;
}

/**
 * `psv.calibrate` for a network too large for one process (a car maker's 10–30 million vehicles): the records come
 * in partitions — every vehicle, event and contact of a set of customers (one dealer's customers, or one bucket of a
 * hash of the customer id) — as `psv.assessPartitions` reads them, and only mergeable statistics of each are kept,
 * so memory holds one partition and the statistics. The estimates are those of `psv.calibrate` on all the records
 * at once, up to the order of floating-point sums and the optimiser's tolerance: sums of counts, exposures and
 * amounts; the delays' exact twentieth quantiles (a histogram, then the values of the bins that hold the ranks);
 * decision patterns merged by key; the owners' spread with a Poisson bootstrap whose weights hash the owner's id
 * (Chamandy et al. 2012); the campaign log's strata. Estimates that need earlier ones take three passes over the
 * source (four with campaign logs): the facts, then the rates (they need the mean gap between events), then the
 * decisions (they need the delays' 95% point and the rates), then the reminder's outcomes (they need the owner
 * behaviour). A customer's records must all be in one partition, and every call of `source` must give the same
 * partitions.
 *
 * @param source - A function returning the partitions (an async iterable or an iterable), called once per pass.
 * @param options - `psv.calibrate`'s options but the records and progress.
 * @returns The calibration, as `psv.calibrate` returns it; `errors` hold every partition's bad rows, their row
 *   indices counted across partitions (rows of partition 1 follow partition 0's; contacts' after the rest).
 * @throws InvalidInputError at once for bad options or a source that is not a function; the promise rejects with one
 *   for a partition that is not one, contacts in some partitions and not in others, or a source that gives a
 *   different number of partitions from one call to the next.
 *
 * @example
 * ```ts
 * const base = generateDealerData({ vehicles: 2000, seed: 1, asOf: "2024-06-01" });
 * const partition = (owners: typeof base) => ({
 *   vehicles: owners.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
 *   serviceEvents: owners.flatMap((c) => c.serviceEvents),
 * });
 * const halves = () => [partition(base.filter((_, k) => k % 2 === 0)), partition(base.filter((_, k) => k % 2 === 1))];
 * (await psv.calibratePartitions(halves, { asOf: "2024-06-01" })).report.leaveAfterFirstService.source // "data"
 * ```
 */
export function calibratePartitions(
  source: PartitionSource,
  options: CalibratePartitionsOptions,
): Promise<CalibrationResult> {
  if (typeof source !== "function")
    throw new InvalidInputError(SUBJECT, [
      { code: "invalid_type", path: ["source"], message: "must be a function returning the partitions" },
    ]);
  const own = readOptions<CalibratePartitionsOptions>(SUBJECT, options, OPTION_NAMES, {
    optional: false,
    hints: PARTITIONS_HINTS,
  });
  const zone = own.timeZone;
  const settings = withTimeZone(zone, () => readCalibrateSettings({ ...own, vehicles: [], serviceEvents: [] }));
  return passes(source, { settings, zone });
}

/** The passes over the source (see {@link calibratePartitions}). */
async function passes(
  source: PartitionSource,
  run: { readonly settings: CalibrateSettings; readonly zone: string | undefined },
): Promise<CalibrationResult> {
  const { settings } = run;
  const rowErrors = { errors: [] as InvalidInputError[], offsets: new Map<string, number>() };
  let withContacts: boolean | undefined;
  let facts: ReturnType<typeof factStatistics> | undefined;
  const expected = await eachPartition(source, run, (prepared, partition, index) => {
    if (withContacts === undefined) withContacts = partition.contacts !== undefined;
    else if (withContacts !== (partition.contacts !== undefined)) throw contactsMismatch(index);
    addErrors(rowErrors, prepared.errors, partitionRows(partition));
    facts = merged(facts, factStatistics(prepared, settings), mergeFactStatistics);
  });
  const all = { ...run, expected };
  const known = factsKnown(facts as NonNullable<typeof facts>);
  let tallies: ReturnType<typeof tallyStatistics> | undefined;
  await eachPartition(source, all, (prepared) => {
    tallies = merged(tallies, tallyStatistics(prepared, settings, known), mergeTallyStatistics);
  });
  const statistics = { facts: facts as NonNullable<typeof facts>, tallies: tallies as NonNullable<typeof tallies> };
  const two = stageTwo(settings, statistics.facts, statistics.tallies);
  let decisions: ReturnType<typeof decisionStatistics> | undefined;
  const third = two.known;
  if (third !== undefined)
    await eachPartition(source, all, (prepared) => {
      decisions = merged(decisions, decisionStatistics(prepared, settings, third), mergeDecisionStatistics);
    });
  const a = stageThree(two, statistics.tallies, decisions);
  const contactErrors = { errors: [] as InvalidInputError[], offsets: new Map<string, number>() };
  let counts: ReturnType<typeof reminderStatistics> | undefined;
  if (withContacts)
    await eachPartition(source, all, (prepared, partition) => {
      const before = prepared.errors.length;
      counts = merged(counts, reminderStatistics(prepared, partition.contacts, settings, a), mergeReminderCounts);
      addErrors(contactErrors, prepared.errors.slice(before), partitionRows(partition));
    });
  const errors = [...rowErrors.errors, ...contactErrors.errors];
  return finishCalibration(statistics, setEstimatesOf(two), a, { counts, given: withContacts === true, errors });
}
