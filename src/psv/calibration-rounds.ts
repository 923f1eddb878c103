import { type InputIssue, InvalidInputError } from "../errors.js";
import { readOptions } from "../input/read-options.js";
import { withTimeZone } from "../schemas/time-zone.js";
import {
  type AssessPartition,
  addErrors,
  contactsMismatch,
  PARTITION_NAMES,
  PARTITIONS_HINTS,
  partitionRows,
} from "./assess-partitions.js";
import type { PsvAssumptions } from "./assumptions.js";
import type { CalibrateSettings } from "./calibrate/facts.js";
import {
  mergeDecisionStatistics,
  mergeFactStatistics,
  mergeReminderCounts,
  mergeTallyStatistics,
} from "./calibrate/merge-statistics.js";
import {
  type DecisionStatistics,
  decisionStatistics,
  type FactStatistics,
  type FactsKnown,
  factStatistics,
  factsKnown,
  preparePartition,
  reminderStatistics,
  type TalliesKnown,
  type TallyStatistics,
  tallyStatistics,
} from "./calibrate/partition.js";
import { checksumOf, decodeStatistics, encodeStatistics } from "./calibrate/round-codec.js";
import { finishCalibration, type SetEstimates, setEstimatesOf, stageThree, stageTwo } from "./calibrate/stages.js";
import { type CalibrationResult, readCalibrateSettings } from "./calibrate.js";
import { CALIBRATE_PARTITIONS_OPTION_NAMES, type CalibratePartitionsOptions } from "./calibrate-partitions.js";
import type { ReminderCounts } from "./reminder/learn-effect.js";

/** The passes of a calibration over partitions, in order (the reminder's only with campaign logs). */
export type CalibrationPass = "facts" | "rates" | "decisions" | "reminder";

/**
 * One round of a calibration over partitions: plain JSON to hand to the processes that read the partitions
 * (`body` is the library's, `check` its checksum: a round changed after it was made is refused).
 */
export interface CalibrationRound {
  readonly format: "autoclv.calibration-round/1";
  readonly pass: CalibrationPass;
  readonly body: unknown;
  readonly check: string;
}

/** One partition's statistics for a round: plain JSON to hand back (made by {@link calibrationStatistics}). */
export interface CalibrationStatistics {
  readonly format: "autoclv.calibration-statistics/1";
  readonly pass: CalibrationPass;
  readonly body: unknown;
  readonly check: string;
}

/** What {@link continueCalibration} gives: the next round, or the finished calibration. */
export type CalibrationStep =
  | { readonly done: false; readonly round: CalibrationRound }
  | { readonly done: true; readonly result: CalibrationResult };

/** A bad row of a partition, as plain data. */
interface RowError {
  readonly subject: string;
  readonly issues: readonly InputIssue[];
  readonly rowIndex: number;
}

/** The state a round carries (its body, decoded). */
interface RoundState {
  readonly settings: CalibrateSettings;
  readonly timeZone: string | undefined;
  readonly partitions?: number;
  readonly contacts?: boolean;
  readonly facts?: FactStatistics;
  readonly tallies?: TallyStatistics;
  readonly known?: FactsKnown | TalliesKnown | { readonly a: PsvAssumptions };
  readonly estimates?: SetEstimates;
  /** Every partition's bad rows so far, their row indices counted across partitions. */
  readonly errors: readonly RowError[];
}

/** A partition's statistics, decoded. */
interface PartitionBody {
  readonly statistics: FactStatistics | TallyStatistics | DecisionStatistics | ReminderCounts;
  readonly errors: readonly RowError[];
  /** Its rows by subject (for the row indices of the next partitions' errors). */
  readonly rows: Readonly<Record<string, number>>;
  readonly contacts: boolean;
}

const ROUND = "autoclv.calibration-round/1";
const STATISTICS = "autoclv.calibration-statistics/1";
const PASSES: readonly CalibrationPass[] = ["facts", "rates", "decisions", "reminder"];

function roundOf(pass: CalibrationPass, state: RoundState): CalibrationRound {
  const body = encodeStatistics(state);
  return { format: ROUND, pass, body, check: checksumOf({ pass, body }) };
}

function refused(subject: string, message: string, path: PropertyKey[] = []): InvalidInputError {
  return new InvalidInputError(subject, [{ code: "custom", path, message }]);
}

/** A round or statistics record, checked (format, pass, checksum) and decoded. */
function readRecord(subject: string, value: unknown, format: string): { pass: CalibrationPass; body: unknown } {
  const record = readOptions<{ format: unknown; pass: unknown; body: unknown; check: unknown }>(
    subject,
    value,
    { format: true, pass: true, body: true, check: true },
    { optional: false },
  );
  if (record.format !== format) throw refused(subject, `must be "${format}"`, ["format"]);
  if (!PASSES.includes(record.pass as CalibrationPass))
    throw refused(subject, `must be one of ${PASSES.join(", ")}`, ["pass"]);
  let check: string;
  try {
    check = checksumOf({ pass: record.pass, body: record.body });
  } catch {
    check = "";
  }
  if (check !== record.check)
    throw refused(subject, "does not match its body: it was changed after the library made it", ["check"]);
  return { pass: record.pass as CalibrationPass, body: decodeStatistics(record.body) };
}

/**
 * Starts a calibration whose partitions are read by other processes (Spark executors, Cloud Run jobs, warehouse
 * UDTFs): the first round, plain JSON. Each process computes its partitions' statistics for the round with
 * {@link calibrationStatistics}; {@link continueCalibration} merges them into the next round, until the result —
 * `psv.calibratePartitions` in one process, the same estimates (see it for the passes and what they hold).
 *
 * @param options - `psv.calibrate`'s options but the records and progress.
 * @returns The first round ("facts").
 * @throws InvalidInputError for bad options.
 *
 * @example
 * ```ts
 * const base = generateDealerData({ vehicles: 2000, seed: 1, asOf: "2024-06-01" });
 * const partition = (owners: typeof base) => ({
 *   vehicles: owners.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
 *   serviceEvents: owners.flatMap((c) => c.serviceEvents),
 * });
 * const parts = [partition(base.slice(0, 900)), partition(base.slice(900))]; // each read where it lives
 * let round = psv.startCalibration({ asOf: "2024-06-01" });
 * let step = psv.continueCalibration(round, parts.map((part) => psv.calibrationStatistics(round, part)));
 * while (!step.done) {
 *   round = JSON.parse(JSON.stringify(step.round)); // as it travels to the workers
 *   step = psv.continueCalibration(round, parts.map((part) => psv.calibrationStatistics(round, part)));
 * }
 * step.result.report.leaveAfterFirstService.source // "data"
 * ```
 */
export function startCalibration(options: CalibratePartitionsOptions): CalibrationRound {
  const own = readOptions<CalibratePartitionsOptions>(
    "startCalibration options",
    options,
    CALIBRATE_PARTITIONS_OPTION_NAMES,
    { optional: false, hints: PARTITIONS_HINTS },
  );
  const timeZone = own.timeZone;
  const settings = withTimeZone(timeZone, () => readCalibrateSettings({ ...own, vehicles: [], serviceEvents: [] }));
  return roundOf("facts", { settings, timeZone, errors: [] });
}

/** A partition's bad rows as plain data. */
function rowErrorsOf(errors: readonly InvalidInputError[]): RowError[] {
  return errors.map(({ subject, issues, rowIndex }) => ({ subject, issues, rowIndex: rowIndex ?? 0 }));
}

/** A partition's statistics for the round's pass (its bad rows with them in the first pass and the reminder's). */
function partitionBody(state: RoundState, pass: CalibrationPass, partition: AssessPartition): PartitionBody {
  const { settings } = state;
  const prepared = preparePartition(partition, settings);
  const contacts = partition.contacts !== undefined;
  const rows = partitionRows(partition);
  if (pass === "facts")
    return { statistics: factStatistics(prepared, settings), errors: rowErrorsOf(prepared.errors), rows, contacts };
  if (pass === "rates")
    return { statistics: tallyStatistics(prepared, settings, state.known as FactsKnown), errors: [], rows, contacts };
  if (pass === "decisions")
    return {
      statistics: decisionStatistics(prepared, settings, state.known as TalliesKnown),
      errors: [],
      rows,
      contacts,
    };
  const before = prepared.errors.length;
  const a = (state.known as { a: PsvAssumptions }).a;
  const statistics = reminderStatistics(prepared, partition.contacts, settings, a);
  return { statistics, errors: rowErrorsOf(prepared.errors.slice(before)), rows, contacts };
}

/**
 * One partition's statistics for a round of a calibration over partitions (see {@link startCalibration}): read where
 * the partition lives, handed back as plain JSON. The partition is what `psv.calibratePartitions` reads — every
 * vehicle, event and contact of a set of customers, rows or columns — and every round must see the same partitions.
 *
 * @param round - The round, as {@link startCalibration} or {@link continueCalibration} made it (JSON round trips are fine).
 * @param partition - `{ vehicles, serviceEvents, contacts? }`.
 * @returns The partition's statistics for the round's pass.
 * @throws InvalidInputError for a round that is not one (or was changed) or a partition that is not one; bad rows
 *   are carried in the statistics, as `psv.calibrate` reports them.
 *
 * @example
 * ```ts
 * const round = psv.startCalibration({ asOf: "2024-06-30" });
 * psv.calibrationStatistics(round, { vehicles: [{ vehicleId: "V1", customerId: "C1", deliveryDate: "2022-01-10" }], serviceEvents: [] }).pass // "facts"
 * ```
 */
export function calibrationStatistics(round: CalibrationRound, partition: AssessPartition): CalibrationStatistics {
  const { pass, body } = readRecord("calibration round", round, ROUND);
  const state = body as RoundState;
  const records = readOptions<AssessPartition>("partition", partition, PARTITION_NAMES, { optional: false });
  const statistics = withTimeZone(state.timeZone, () => partitionBody(state, pass, records));
  const encoded = encodeStatistics(statistics);
  return { format: STATISTICS, pass, body: encoded, check: checksumOf({ pass, body: encoded }) };
}

/** The partitions' statistics, checked against the round (its pass, and the first pass's count of partitions). */
function readPartitionBodies(pass: CalibrationPass, state: RoundState, statistics: unknown): PartitionBody[] {
  if (!Array.isArray(statistics) || statistics.length === 0)
    throw refused("continueCalibration", "must be a non-empty array of calibrationStatistics results", [1]);
  const bodies = statistics.map((value, index) => {
    const record = readRecord(`calibration statistics ${index}`, value, STATISTICS);
    if (record.pass !== pass)
      throw refused(`calibration statistics ${index}`, `are for the "${record.pass}" pass, the round's is "${pass}"`);
    return record.body as PartitionBody;
  });
  if (state.partitions !== undefined && bodies.length !== state.partitions)
    throw refused(
      "continueCalibration",
      `has statistics of ${bodies.length} partitions, the first pass had ${state.partitions}: every pass must see the same partitions`,
      [1],
    );
  return bodies;
}

/** The partitions' bad rows, their row indices moved past the rows of the partitions before (by subject). */
function offsetErrors(bodies: readonly PartitionBody[]): RowError[] {
  const sums = { errors: [] as InvalidInputError[], offsets: new Map<string, number>() };
  for (const body of bodies)
    addErrors(
      sums,
      body.errors.map(({ subject, issues, rowIndex }) => new InvalidInputError(subject, issues, rowIndex)),
      body.rows,
    );
  return rowErrorsOf(sums.errors);
}

/** The partitions' statistics merged, in their order. */
function mergeBodies<T>(bodies: readonly PartitionBody[], merge: (into: T, from: T) => void): T {
  const [first, ...rest] = bodies.map((body) => body.statistics as T);
  for (const statistics of rest) merge(first as T, statistics);
  return first as T;
}

/** After the owner behaviour: the reminder's round (with campaign logs) or the finished calibration. */
function afterBehaviour(state: RoundState, estimates: SetEstimates, a: PsvAssumptions): CalibrationStep {
  if (state.contacts === true)
    return { done: false, round: roundOf("reminder", { ...state, known: { a }, estimates }) };
  return { done: true, result: finished(state, estimates, a, undefined, []) };
}

function finished(
  state: RoundState,
  estimates: SetEstimates,
  a: PsvAssumptions,
  counts: ReminderCounts | undefined,
  contactErrors: readonly RowError[],
): CalibrationResult {
  const errors = [...state.errors, ...contactErrors].map(
    ({ subject, issues, rowIndex }) => new InvalidInputError(subject, issues, rowIndex),
  );
  const statistics = { facts: state.facts as FactStatistics, tallies: state.tallies as TallyStatistics };
  return finishCalibration(statistics, estimates, a, { counts, given: state.contacts === true, errors });
}

/** The next step after the facts: the rates' round. */
function afterFacts(state: RoundState, bodies: readonly PartitionBody[]): CalibrationStep {
  const contacts = bodies[0]?.contacts === true;
  bodies.forEach((body, index) => {
    if (body.contacts !== contacts) throw contactsMismatch(index);
  });
  const facts = mergeBodies(bodies, mergeFactStatistics);
  const next = { ...state, partitions: bodies.length, contacts, facts, known: factsKnown(facts) };
  return { done: false, round: roundOf("rates", { ...next, errors: offsetErrors(bodies) }) };
}

/**
 * Merges the partitions' statistics of a round (see {@link startCalibration}) and gives the next round, or, after
 * the last pass, the calibration: `psv.calibrate`'s result on all the partitions' records (up to the order of
 * floating-point sums), with every partition's bad rows at their row indices counted across partitions.
 *
 * @param round - The round the statistics were computed for.
 * @param statistics - Every partition's {@link calibrationStatistics} for it, in the same order in every round.
 * @returns `{ done: false, round }`, the next round, or `{ done: true, result }`.
 * @throws InvalidInputError for a round or statistics that are not ones (or were changed), statistics of another
 *   pass, a different number of partitions than the first pass had, or contacts in some partitions and not others.
 *
 * @example
 * ```ts
 * const round = psv.startCalibration({ asOf: "2024-06-30" });
 * const part = { vehicles: [{ vehicleId: "V1", customerId: "C1", deliveryDate: "2022-01-10" }], serviceEvents: [] };
 * psv.continueCalibration(round, [psv.calibrationStatistics(round, part)]).done // false
 * ```
 */
export function continueCalibration(round: CalibrationRound, statistics: CalibrationStatistics[]): CalibrationStep {
  const { pass, body } = readRecord("calibration round", round, ROUND);
  const state = body as RoundState;
  const bodies = readPartitionBodies(pass, state, statistics);
  const { settings } = state;
  if (pass === "facts") return afterFacts(state, bodies);
  const facts = state.facts as FactStatistics;
  if (pass === "rates") {
    const tallies = mergeBodies(bodies, mergeTallyStatistics);
    const two = stageTwo(settings, facts, tallies);
    if (two.known !== undefined)
      return { done: false, round: roundOf("decisions", { ...state, tallies, known: two.known }) };
    const a = stageThree(two, tallies, undefined);
    return afterBehaviour({ ...state, tallies }, setEstimatesOf(two), a);
  }
  if (pass === "decisions") {
    const tallies = state.tallies as TallyStatistics;
    const two = stageTwo(settings, facts, tallies);
    const a = stageThree(two, tallies, mergeBodies(bodies, mergeDecisionStatistics));
    return afterBehaviour(state, setEstimatesOf(two), a);
  }
  const counts = mergeBodies(bodies, mergeReminderCounts);
  const { a } = state.known as { a: PsvAssumptions };
  const result = finished(state, state.estimates as SetEstimates, a, counts, offsetErrors(bodies));
  return { done: true, result };
}
