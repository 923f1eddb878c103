import { InvalidInputError } from "../errors.js";
import { columnRecord } from "../input/columns.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { type Money, MoneyDecimal } from "../money/decimal.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { compareIds } from "./assess/build-customers.js";
import { type DealerNetworkReport, type NetworkSums, reportOfSums } from "./assess/network-report.js";
import { addReachSums, attemptsOf, emptyReachSums, type ReachPrior, reachPriorOf } from "./assess/reach.js";
import { intervalOfWeights } from "./assess/saveable-interval.js";
import {
  OPTION_NAMES as ASSESS_OPTION_NAMES,
  type AssessCustomersOptions,
  type AssessCustomersResult,
  type AssessmentParts,
  type AssessSettings,
  assessWithParts,
  type CustomerAssessment,
  readAssessCustomersOptions,
  readAssessSettings,
} from "./assess-customers.js";
import type { AssessEvent, AssessEventColumns, AssessVehicle, AssessVehicleColumns } from "./assess-input.js";
import type { CampaignContact, CampaignContactColumns } from "./contact-input.js";
import { readDealerVehicles } from "./dealer-records.js";
import { readContacts } from "./read-contacts.js";

/** One partition of a network's records: every vehicle, service event and campaign contact of a set of customers. */
export interface AssessPartition {
  readonly vehicles: readonly AssessVehicle[] | AssessVehicleColumns;
  readonly serviceEvents: readonly AssessEvent[] | AssessEventColumns;
  /** The partition's campaign log: give it in every partition (an empty list for none) or in none. */
  readonly contacts?: readonly CampaignContact[] | CampaignContactColumns;
}

/** Where the partitions come from: a function that reads them, called once — twice when they carry contacts. */
export type PartitionSource = () => AsyncIterable<AssessPartition> | Iterable<AssessPartition>;

/** Options of {@link assessPartitions}: those of `assessCustomers` but the records and progress. */
export type AssessPartitionsOptions = Omit<AssessCustomersOptions, RecordsAndProgress>;

/** The whole network's assessment, from its partitions: what `assessCustomers` would give but the columns. */
export interface PartitionsSummary {
  readonly partitions: number;
  /** Customers assessed (the columns' length, summed). */
  readonly customerCount: number;
  /** The top `rows` customers of the whole call list (default 1,000), in its order. */
  readonly customers: CustomerAssessment[];
  /** Σ over partitions, exactly; the interval from the summed effect weights. */
  readonly totals: AssessCustomersResult["totals"];
  /** Each home dealer's kept, moved and lost vehicles, in order of first appearance across the partitions. */
  readonly network: DealerNetworkReport[];
  /** Every partition's errors, their row indices counted across partitions (rows of partition 1 follow partition 0's). */
  readonly errors: InvalidInputError[];
  readonly eventsWithoutValue: number;
  readonly eventsBeforeHistoryStart: number;
  readonly eventsAtOtherDealers: number;
}

/** The streaming assessment: each partition's result as it is read, and the whole once all have been read. */
export interface PartitionedAssessment {
  /** Each partition's `assessCustomers` result, in order: write its columns out and let it go. */
  readonly results: AsyncIterable<AssessCustomersResult>;
  /** The whole network: available once `results` has been read to its end (an error before). */
  summary(): PartitionsSummary;
}

const SUBJECT = "assessPartitions options";
/** The keys of a partition. @internal */
export const PARTITION_NAMES: OptionNames<AssessPartition> = { vehicles: true, serviceEvents: true, contacts: true };
/** What a call over partitions leaves out of a one-process call's options: the records (in the partitions) and progress. @internal */
export type RecordsAndProgress = "vehicles" | "serviceEvents" | "contacts" | "onProgress" | "signal";

/** A one-process call's option names but the records and progress: those of its call over partitions. @internal */
export function partitionedOptionNames<T>(names: OptionNames<T>): OptionNames<Omit<T, RecordsAndProgress>> {
  const {
    vehicles: _v,
    serviceEvents: _s,
    contacts: _c,
    onProgress: _o,
    signal: _g,
    ...rest
  } = names as Record<string, true>;
  return rest as OptionNames<Omit<T, RecordsAndProgress>>;
}

const OPTION_NAMES = partitionedOptionNames<AssessCustomersOptions>(ASSESS_OPTION_NAMES);
const IN_PARTITIONS = "the records come in the partitions, not among the options";
/** Hints for records given among the options of a call over partitions. @internal */
export const PARTITIONS_HINTS = { vehicles: IN_PARTITIONS, serviceEvents: IN_PARTITIONS, contacts: IN_PARTITIONS };
const HINTS = PARTITIONS_HINTS;
const MONEY_KEYS = [
  "lockedValue",
  "realisedValue",
  "obtainableValue",
  "obtainableLifetimeValue",
  "saveableValue",
  "winBackValue",
] as const;

/** The rows of records as given: an array's length, an Arrow table's rows, or a column's length. */
function rowCount(records: unknown, idField: string): number {
  if (Array.isArray(records)) return records.length;
  if (records === null || typeof records !== "object") return 0;
  const numRows = (records as { numRows?: unknown }).numRows;
  if (typeof numRows === "number") return numRows;
  const column = columnRecord(records)[idField] as { length?: unknown } | undefined;
  return typeof column?.length === "number" ? column.length : 0;
}

/** A partition read through the one option reader; with `index` in messages. @internal */
export function readPartition(value: unknown, index: number): AssessPartition {
  return readOptions<AssessPartition>(`partition ${index}`, value, PARTITION_NAMES, { optional: false });
}

/** The network's reach rate and shrinkage from every partition's campaign log (a first pass over the source). */
async function networkReachPrior(source: PartitionSource, settings: AssessSettings, zone: string | undefined) {
  const sums = emptyReachSums();
  let index = 0;
  for await (const value of source()) {
    const partition = readPartition(value, index);
    if (partition.contacts === undefined) throw contactsMismatch(index);
    withTimeZone(zone, () => {
      const fleet = readDealerVehicles(partition.vehicles, settings.asOf, [], settings.sets.field);
      const contacts = readContacts(partition.contacts, fleet, settings.asOf, []);
      const { attempts, reached } = attemptsOf(contacts, fleet.customerIds.length);
      addReachSums(sums, attempts, reached);
    });
    index += 1;
  }
  return reachPriorOf(sums);
}

/** The error of a source whose partitions carry contacts in some and not in others. @internal */
export function contactsMismatch(index: number): InvalidInputError {
  return new InvalidInputError(`partition ${index}`, [
    {
      code: "custom",
      path: ["contacts"],
      message:
        "the first partition has contacts and this one has none (or the other way round): give every partition its campaign log (an empty list for none) or none",
    },
  ]);
}

/** The running sums of a partitioned assessment. */
interface Accumulator {
  partitions: number;
  customerCount: number;
  top: { row: CustomerAssessment; saveable: number; obtainable: number }[];
  totals: Money[];
  weights: Float64Array[];
  network: NetworkSums;
  errors: InvalidInputError[];
  offsets: Map<string, number>;
  counts: { eventsWithoutValue: number; eventsBeforeHistoryStart: number; eventsAtOtherDealers: number };
}

function emptyAccumulator(): Accumulator {
  return {
    partitions: 0,
    customerCount: 0,
    top: [],
    totals: MONEY_KEYS.map(() => new MoneyDecimal(0)),
    weights: [],
    network: new Map(),
    errors: [],
    offsets: new Map(),
    counts: { eventsWithoutValue: 0, eventsBeforeHistoryStart: 0, eventsAtOtherDealers: 0 },
  };
}

/** The call order: saveable key, then obtainable value (both descending), then id. */
function before(x: Accumulator["top"][number], y: Accumulator["top"][number]): number {
  return y.saveable - x.saveable || y.obtainable - x.obtainable || compareIds(x.row.customerId, y.row.customerId);
}

/** Adds one partition's result and parts; its errors' row indices moved past the rows of the partitions before. */
function accumulate(
  sums: Accumulator,
  result: AssessCustomersResult,
  parts: AssessmentParts,
  partition: AssessPartition,
  rows: number,
): void {
  sums.partitions += 1;
  sums.customerCount += result.columns.customerId.length;
  const ranked = result.customers.map((row, rank) => ({
    row,
    saveable: parts.rowKeys.saveable[rank] as number,
    obtainable: parts.rowKeys.obtainable[rank] as number,
  }));
  sums.top = [...sums.top, ...ranked].sort(before).slice(0, rows);
  sums.totals = MONEY_KEYS.map((key, k) => (sums.totals[k] as Money).plus(result.totals[key]));
  addWeightsAndNetwork(sums, parts);
  addErrors(sums, result.errors, partitionRows(partition));
  sums.counts.eventsWithoutValue += result.eventsWithoutValue;
  sums.counts.eventsBeforeHistoryStart += result.eventsBeforeHistoryStart;
  sums.counts.eventsAtOtherDealers += result.eventsAtOtherDealers;
}

/** The saveable interval's effect weights and the network report's sums, added. */
function addWeightsAndNetwork(sums: Accumulator, parts: AssessmentParts): void {
  parts.effectWeights.forEach((w, set) => {
    const into = sums.weights[set] ?? new Float64Array(w.length);
    sums.weights[set] = into;
    for (let band = 0; band < w.length; band++) into[band] = (into[band] as number) + (w[band] as number);
  });
  for (const [dealer, entry] of parts.network) {
    const into = sums.network.get(dealer) ?? { vehicles: 0, counts: [0, 0, 0], values: [0, 0, 0] };
    sums.network.set(dealer, into);
    into.vehicles += entry.vehicles;
    for (let bucket = 0; bucket < 3; bucket++) {
      into.counts[bucket] = (into.counts[bucket] as number) + (entry.counts[bucket] as number);
      into.values[bucket] = (into.values[bucket] as number) + (entry.values[bucket] as number);
    }
  }
}

/** A partition's rows by subject (the subjects of its errors): what the next partition's row indices follow. @internal */
export function partitionRows(partition: AssessPartition): Record<string, number> {
  return {
    vehicle: rowCount(partition.vehicles, "vehicleId"),
    "service event": rowCount(partition.serviceEvents, "vehicleId"),
    "campaign contact": rowCount(partition.contacts, "customerId"),
  };
}

/**
 * A partition's errors at their row indices across partitions; then its rows (`partitionRows`) counted for the next
 * one's. @internal
 */
export function addErrors(
  sums: Pick<Accumulator, "errors" | "offsets">,
  errors: readonly InvalidInputError[],
  rows: Readonly<Record<string, number>>,
): void {
  for (const error of errors) {
    const offset = sums.offsets.get(error.subject) ?? 0;
    sums.errors.push(new InvalidInputError(error.subject, error.issues, (error.rowIndex ?? 0) + offset));
  }
  for (const [subject, count] of Object.entries(rows))
    sums.offsets.set(subject, (sums.offsets.get(subject) ?? 0) + count);
}

/** The summary of the sums. */
function summaryOf(sums: Accumulator, settings: AssessSettings): PartitionsSummary {
  const money = (k: number) => sums.totals[k] as Money;
  const saveableValue = money(4);
  const interval = intervalOfWeights(sums.weights, settings.sets, saveableValue, settings.decimals);
  return {
    partitions: sums.partitions,
    customerCount: sums.customerCount,
    customers: sums.top.map((entry) => entry.row),
    totals: {
      lockedValue: money(0),
      realisedValue: money(1),
      obtainableValue: money(2),
      obtainableLifetimeValue: money(3),
      saveableValue,
      saveableValueInterval: interval,
      winBackValue: money(5),
    },
    network: reportOfSums(sums.network, settings.decimals),
    errors: sums.errors,
    ...sums.counts,
  };
}

/**
 * `assessCustomers` for a network too large for one process (a car maker's 10–30 million vehicles): the records come
 * in partitions — every vehicle, event and contact of a set of customers, e.g. one dealer or one bucket of a hash of
 * the customer id, as a warehouse query or a Parquet file per partition gives them — each is assessed alone, its
 * result handed on as soon as it is ready, and only the sums are kept: memory holds one partition. The network's
 * figures are those of one process over all the records: each customer's values (their vehicles are in one
 * partition), the exact totals, the top of the call list, the network report, the saveable interval, and — when
 * the partitions carry campaign logs — every owner's reach shrunk toward the network's rate (a first pass reads the
 * logs for it, so the source is called twice). A customer's records must all be in one partition.
 *
 * @param source - A function returning the partitions (an async iterable or an iterable).
 * @param options - `assessCustomers`' options but the records and progress; `rows` (default 1,000) is both each
 *   partition's full rows and the summary's call list.
 * @returns `{ results, summary }`: each partition's `AssessCustomersResult` as an async iterable, and `summary()`,
 *   the whole, once `results` has been read to its end.
 * @throws InvalidInputError (from the iteration) for bad options, a partition that is not one, or contacts in some
 *   partitions and not others; bad rows are errors in the results, as in `assessCustomers`.
 *
 * @example
 * ```ts
 * const run = psv.assessPartitions(() => [
 *   { vehicles: [{ vehicleId: "V1", customerId: "C1", deliveryDate: "2022-01-10" }], serviceEvents: [{ vehicleId: "V1", date: "2022-06-01", type: "maintenance", margin: "300" }] },
 *   { vehicles: [{ vehicleId: "V2", customerId: "C2", deliveryDate: "2023-03-01" }], serviceEvents: [] },
 * ], { asOf: "2024-06-30" });
 * for await (const part of run.results) part.columns.customerId.length; // write each partition out here
 * run.summary().totals.realisedValue.toFixed(2) // "300.00"
 * ```
 */
export function assessPartitions(source: PartitionSource, options: AssessPartitionsOptions): PartitionedAssessment {
  if (typeof source !== "function")
    throw new InvalidInputError(SUBJECT, [
      { code: "invalid_type", path: ["source"], message: "must be a function returning the partitions" },
    ]);
  const own = readOptions<AssessPartitionsOptions>(SUBJECT, options, OPTION_NAMES, { optional: false, hints: HINTS });
  const read = readAssessCustomersOptions({ ...own, vehicles: [], serviceEvents: [] });
  const rows = read.rows ?? 1000;
  const checked = { ...read, rows };
  const settings = withTimeZone(read.timeZone, () => readAssessSettings(checked));
  let finished: PartitionsSummary | undefined;
  async function* results(): AsyncGenerator<AssessCustomersResult> {
    const sums = emptyAccumulator();
    let prior: ReachPrior | undefined;
    let withContacts: boolean | undefined;
    let index = 0;
    for await (const value of source()) {
      const partition = readPartition(value, index);
      if (withContacts === undefined) {
        withContacts = partition.contacts !== undefined;
        if (withContacts) prior = await networkReachPrior(source, settings, read.timeZone);
      } else if (withContacts !== (partition.contacts !== undefined)) throw contactsMismatch(index);
      const { result, parts } = withTimeZone(read.timeZone, () =>
        assessWithParts({ ...checked, ...partition }, settings, prior),
      );
      accumulate(sums, result, parts, partition, rows);
      index += 1;
      yield result;
    }
    finished = summaryOf(sums, settings);
  }
  return {
    results: { [Symbol.asyncIterator]: results },
    summary: () => {
      if (finished !== undefined) return finished;
      throw new InvalidInputError(SUBJECT, [
        { code: "custom", path: ["summary"], message: "read every partition's result (`results`) to its end first" },
      ]);
    },
  };
}
