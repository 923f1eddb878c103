import { InvalidInputError } from "../../errors.js";
import type { PsvAssumptions } from "../assumptions.js";
import {
  type BehaviourVehicle,
  type DecisionPatterns,
  type DelayCounts,
  decisionPatterns,
  delayBinsWanted,
  delayCounts,
  delaysInBins,
  priceShrinkageSums,
  type RateSums,
  rateShrinkageSums,
} from "../calibrate-behaviour.js";
import {
  applyHistoryStart,
  type DealerVehicles,
  dealerEventReader,
  newEventRow,
  readDealerVehicles,
  SCALE,
} from "../dealer-records.js";
import { DAYS_PER_YEAR } from "../maintenance-timeline.js";
import { reminderCountsOf } from "../reminder/calibrate-reminder.js";
import type { MaintenanceVisits } from "../reminder/contact-outcomes.js";
import type { ReminderCounts } from "../reminder/learn-effect.js";
import { EVENT_CODE, groupEvents, isPresence, newEventRowColumns } from "./calibration-events.js";
import { type CalibrateSettings, type CalibrationVehicle, type Facts, meanGapOf, vehicleFacts } from "./facts.js";
import type { RatioSums } from "./ratio-sums.js";
import type { KmReadings } from "./set-estimates.js";
import type { ShrinkageSums } from "./shrinkage-count.js";
import { type Tallies, tally, valueSums } from "./tally.js";

/** Records of one calibration (a dealer's, or one partition of a network's), as given: the readers check them. @internal */
export interface CalibrationRecords {
  readonly vehicles: unknown;
  readonly serviceEvents: unknown;
}

/** A partition read and turned into vehicle facts: what every pass's statistics are computed from. @internal */
export interface PreparedPartition {
  readonly vehicleCount: number;
  readonly fleet: DealerVehicles;
  readonly facts: Facts[];
  readonly kmReadings: number[];
  readonly exposure: number;
  readonly eventsSeen: number;
  readonly behaviour: BehaviourVehicle[];
  /** Rows left out (vehicle and service event; a reminder pass adds the log's). */
  readonly errors: InvalidInputError[];
  readonly beforeStart: number;
}

/**
 * The vehicles and events a calibration can use, read by the reader `psv.assessCustomers` uses (rows or columns, the
 * same rules), the events as columns grouped by vehicle; one error per row it cannot use, which is left out (never
 * the whole batch).
 */
function readCalibrationRecords(records: CalibrationRecords, settings: CalibrateSettings) {
  const { asOf, valueField, historyStart } = settings;
  const errors: InvalidInputError[] = [];
  const fleet = readDealerVehicles(records.vehicles, asOf, errors);
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
  const eventRows = dealerEventReader(records.serviceEvents, valueField, fleet, asOf);
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

/** Reads a partition and works out its vehicles' facts (see vehicleFacts). @internal */
export function preparePartition(records: CalibrationRecords, settings: CalibrateSettings): PreparedPartition {
  const { vehicles, events, errors, fleet, beforeStart } = readCalibrationRecords(records, settings);
  const { facts, kmReadings, exposure, eventsSeen } = vehicleFacts(vehicles, events, settings);
  const behaviour = behaviourVehiclesOf(facts);
  return {
    vehicleCount: vehicles.length,
    fleet,
    facts,
    kmReadings,
    exposure,
    eventsSeen,
    behaviour,
    errors,
    beforeStart,
  };
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
      vehicleKey: fact.vehicle.vehicleId,
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

/**
 * Pass 1 over a partition: sums that need nothing from the other partitions — vehicles, events before the history's
 * start, whether any vehicle's history starts late, the earliest event, the exposure and events behind the mean gap,
 * the value sums by type, the km readings, and the delays' histogram and spread. @internal
 */
export interface FactStatistics {
  vehicles: number;
  beforeStart: number;
  told: boolean;
  /** The earliest event's day (+Infinity: none). */
  earliest: number;
  exposure: number;
  eventsSeen: number;
  readonly values: Record<string, RatioSums>;
  readonly km: KmReadings;
  readonly delays: DelayCounts;
}

/** Pass 1's statistics of a partition. @internal */
export function factStatistics(p: PreparedPartition, settings: CalibrateSettings): FactStatistics {
  let earliest = Number.POSITIVE_INFINITY;
  for (const fact of p.facts)
    if (fact.end > fact.first)
      earliest = Math.min(earliest, fact.vehicle.deliveryDay + (fact.events.age[fact.first] as number) * DAYS_PER_YEAR);
  return {
    vehicles: p.vehicleCount,
    beforeStart: p.beforeStart,
    told: p.fleet.historyStartDay.some((day) => Number.isFinite(day)),
    earliest,
    exposure: p.exposure,
    eventsSeen: p.eventsSeen,
    values: valueSums(p.facts),
    km: { count: p.kmReadings.length, sum: p.kmReadings.reduce((sum, km) => sum + km, 0), squares: 0 },
    delays: delayCounts(p.behaviour, settings.fallback),
  };
}

/** What pass 2 needs from pass 1's merged statistics. @internal */
export interface FactsKnown {
  readonly meanGap: number;
  readonly typeMeans: Readonly<Record<string, number>>;
  readonly kmMean: number;
  readonly earliest: number;
  /** The delay histogram's bins whose values pass 2 reads (they hold the order statistics the estimates use). */
  readonly delayBins: readonly number[];
}

/** Pass 2's inputs from pass 1's merged statistics. @internal */
export function factsKnown(facts: FactStatistics): FactsKnown {
  const typeMeans: Record<string, number> = {};
  for (const [type, sums] of Object.entries(facts.values)) if (sums.e > 0) typeMeans[type] = sums.c / sums.e;
  return {
    meanGap: meanGapOf(facts.exposure, facts.eventsSeen),
    typeMeans,
    kmMean: facts.km.sum / facts.km.count,
    earliest: facts.earliest,
    delayBins: delayBinsWanted(facts.delays),
  };
}

/**
 * Pass 2 over a partition: the tallies (rates, retention, repurchases, finance; their values are pass 1's), the km
 * readings' squared deviations, the delays in the wanted bins, the price-level spread, and the vehicles with events
 * and those among them delivered more than two service intervals before the earliest event. @internal
 */
export interface TallyStatistics {
  readonly tallies: Tallies;
  kmSquares: number;
  readonly delayValues: number[];
  readonly price: ShrinkageSums;
  seen: number;
  late: number;
}

/** Pass 2's statistics of a partition. @internal */
export function tallyStatistics(p: PreparedPartition, settings: CalibrateSettings, known: FactsKnown): TallyStatistics {
  const { fallback } = settings;
  const gap = 2 * (fallback.serviceIntervalMonths / 12) * DAYS_PER_YEAR;
  let seen = 0;
  let late = 0;
  for (const fact of p.facts) {
    if (fact.end === fact.first) continue;
    seen += 1;
    if (fact.vehicle.deliveryDay < known.earliest - gap) late += 1;
  }
  return {
    tallies: tally(p.facts, known.meanGap, fallback, {}),
    kmSquares: p.kmReadings.reduce((sum, km) => sum + (km - known.kmMean) ** 2, 0),
    delayValues: delaysInBins(p.behaviour, fallback, known.delayBins),
    price: priceShrinkageSums(p.behaviour, known.typeMeans),
    seen,
    late,
  };
}

/** What pass 3 needs: the assumptions after the rates and values, and the departure allowance. @internal */
export interface TalliesKnown {
  readonly a: PsvAssumptions;
  readonly allowance: number;
}

/** Pass 3 over a partition: its decision patterns and event-rate moment sums. @internal */
export interface DecisionStatistics {
  readonly patterns: DecisionPatterns;
  readonly rate: RateSums;
}

/** Pass 3's statistics of a partition. @internal */
export function decisionStatistics(
  p: PreparedPartition,
  settings: CalibrateSettings,
  known: TalliesKnown,
): DecisionStatistics {
  return {
    patterns: decisionPatterns(p.behaviour, known.a, settings.asOf, known.allowance),
    rate: rateShrinkageSums(p.behaviour, known.a, settings.asOf),
  };
}

/**
 * Pass 4 over a partition with a campaign log: its counts (the assumptions `a` after the owner behaviour give each
 * contact's stage and model leave chance); the log's bad rows go into the partition's errors. @internal
 */
export function reminderStatistics(
  p: PreparedPartition,
  contacts: unknown,
  settings: CalibrateSettings,
  a: PsvAssumptions,
): ReminderCounts {
  return reminderCountsOf({
    contacts,
    fleet: p.fleet,
    ...reminderHistories(p.facts),
    a,
    asOf: settings.asOf,
    errors: p.errors,
  });
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
  const visits = { offsets, days: Float64Array.from(days), eventOffsets, eventDays: Float64Array.from(eventDays) };
  return { visits, kmPerYear };
}
