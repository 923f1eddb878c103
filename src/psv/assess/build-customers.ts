import type { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { allocateUnits } from "../../money/allocate-units.js";
import { type Money, MoneyDecimal } from "../../money/decimal.js";
import { isoDate } from "../../schemas/day-number.js";
import { type Reason, reason } from "../../schemas/reason.js";
import { thousands } from "../../schemas/thousands.js";
import type { AssessCustomersResult, CustomerAssessment, VehicleAssessment } from "../assess-customers.js";
import { type DealerVehicles, SCALE } from "../dealer-records.js";
import type { Reach } from "./reach.js";
import { FLAGS, STATES, TRADED_IN, type VehicleColumns } from "./vehicle-outlooks.js";

/** What the customer stage needs: the fleet, the vehicles' values and states, money settings. @internal */
export interface BuildInput {
  readonly fleet: DealerVehicles;
  /** Σ value of each vehicle's events, exact, in 1/10,000, plus the Decimal remainders of long amounts. */
  readonly realised: Float64Array;
  readonly exactExtra: Map<number, Money>;
  /** Each vehicle's locked value: its whole life's schedule with no churn (a used car's from its acquisition). */
  readonly lockedByVehicle: Float64Array;
  readonly columns: VehicleColumns;
  readonly decimals: number;
  readonly asOf: number;
  readonly windowDays: number;
  readonly errors: InvalidInputError[];
  readonly eventsWithoutValue: number;
  readonly eventsBeforeHistoryStart: number;
  readonly rows: number;
  /** Each owner's chance that a reminder reaches them (undefined: no campaign log, every owner reachable). */
  readonly reach: Reach | undefined;
  /** Rank by the customer's total saveable value ("customer") or by their best vehicle's ("vehicle"). */
  readonly callPer: "customer" | "vehicle";
  /** The currency the reasons name amounts in ("RMB" unless told). */
  readonly currency: string;
}

/** Vehicles grouped by customer (counting sort, input order kept): customer c's are byCustomer[start[c], start[c+1]). */
interface Groups {
  readonly start: Int32Array;
  readonly byCustomer: Int32Array;
}

/** Every customer's values in whole rounding units, P(alive), action and sort keys (no objects per customer). */
interface CustomerTotals {
  /** locked, realised, obtainable, lifetime, saveable, win-back: one column each, in rounding units. */
  readonly wholes: readonly Float64Array[];
  readonly totalUnits: Float64Array;
  readonly pAlive: Float64Array;
  readonly action: Uint8Array;
  /** The call order's key: Σ of the vehicles' saveable values, or the largest with callPer "vehicle". */
  readonly saveableKey: Float64Array;
  readonly obtainableSum: Float64Array;
}

const ACTIONS = ["none", "remind", "win-back"] as const;

/** The assessment's customers, columns and exact totals (the interval and the network report come after). @internal */
export type BuiltCustomers = Omit<AssessCustomersResult, "network" | "eventsAtOtherDealers" | "totals"> & {
  readonly totals: Omit<AssessCustomersResult["totals"], "saveableValueInterval">;
};

/** The call order's unrounded keys of the full rows, in their order: what merging partitions' lists compares. @internal */
export interface RowKeys {
  readonly saveable: Float64Array;
  readonly obtainable: Float64Array;
}

/**
 * The customers of the call list: values per customer rounded once (vehicle parts allocated to add up exactly),
 * sorted by saveable value, then obtainable value, then id; full rows for the first `rows`, columns for all.
 * @internal
 */
export function buildCustomers(input: BuildInput): { built: BuiltCustomers; rowKeys: RowKeys } {
  const groups = groupByCustomer(input.fleet.customerOf, input.fleet.customerIds.length);
  const totals = customerTotals(input, groups);
  const order = callOrder(input.fleet.customerIds, totals);
  const money = moneyOfUnits(input.decimals);
  const customers: CustomerAssessment[] = [];
  const rowCount = Math.min(input.rows, order.length);
  for (let rank = 0; rank < rowCount; rank++) customers.push(customerRow(input, groups, totals, order[rank] as number));
  const unitsPerOne = 10 ** input.decimals;
  const inOrder = (column: Float64Array) => {
    const out = new Float64Array(order.length);
    for (let rank = 0; rank < order.length; rank++) out[rank] = (column[order[rank] as number] as number) / unitsPerOne;
    return out;
  };
  const [locked, realised, obtainable, lifetime, saveable, winBack] = totals.wholes as Float64Array[];
  const rowKeys = {
    saveable: Float64Array.from({ length: rowCount }, (_, rank) => totals.saveableKey[order[rank] as number] as number),
    obtainable: Float64Array.from(
      { length: rowCount },
      (_, rank) => totals.obtainableSum[order[rank] as number] as number,
    ),
  };
  const built: BuiltCustomers = {
    customers,
    columns: {
      customerId: Array.from(order, (c) => input.fleet.customerIds[c] as string | number),
      lockedValue: inOrder(locked as Float64Array),
      realisedValue: inOrder(realised as Float64Array),
      obtainableValue: inOrder(obtainable as Float64Array),
      obtainableLifetimeValue: inOrder(lifetime as Float64Array),
      saveableValue: inOrder(saveable as Float64Array),
      winBackValue: inOrder(winBack as Float64Array),
      pAlive: Float64Array.from(order, (c) => totals.pAlive[c] as number),
      reachProbability: Float64Array.from(order, (c) => reachOf(input, c)),
      action: Array.from(order, (c) => ACTIONS[totals.action[c] as number] as CustomerAssessment["action"]),
    },
    totals: {
      lockedValue: money(totals.totalUnits[0] as number),
      realisedValue: money(totals.totalUnits[1] as number),
      obtainableValue: money(totals.totalUnits[2] as number),
      obtainableLifetimeValue: money(totals.totalUnits[3] as number),
      saveableValue: money(totals.totalUnits[4] as number),
      winBackValue: money(totals.totalUnits[5] as number),
    },
    errors: input.errors,
    eventsWithoutValue: input.eventsWithoutValue,
    eventsBeforeHistoryStart: input.eventsBeforeHistoryStart,
  };
  return { built, rowKeys };
}

/** P(a reminder reaches customer c): 1 without a campaign log. */
function reachOf(input: BuildInput, c: number): number {
  return input.reach === undefined ? 1 : (input.reach.probability[c] as number);
}

/** A reason when past reminders often failed to reach the owner. */
function reachReason(reach: Reach | undefined, c: number): Reason[] {
  if (reach === undefined) return [];
  const attempts = reach.attempts[c] as number;
  const probability = reach.probability[c] as number;
  if (attempts === 0 || probability >= 0.8) return [];
  const reached = reach.reached[c] as number;
  return [
    reason(
      "psv.hard-to-reach",
      { reached, attempts, reachProbability: probability, dealerReachProbability: reach.overall },
      `past reminders reached this owner ${reached} of ${attempts} time${attempts === 1 ? "" : "s"}: P(reach) ${probability.toFixed(2)} (the dealer's rate ${reach.overall.toFixed(2)}); saveable value weighted by it`,
    ),
  ];
}

function moneyOfUnits(decimals: number): (units: number) => Money {
  const zero = new MoneyDecimal(0);
  return (units) => (units === 0 ? zero : new MoneyDecimal(`${units}e-${decimals}`));
}

function groupByCustomer(vehicleCustomer: readonly number[], customerCount: number): Groups {
  const vehicleCount = vehicleCustomer.length;
  const start = new Int32Array(customerCount + 1);
  for (let v = 0; v < vehicleCount; v++) {
    const slot = (vehicleCustomer[v] as number) + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let c = 0; c < customerCount; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const byCustomer = new Int32Array(vehicleCount);
  const fill = start.slice(0, customerCount);
  for (let v = 0; v < vehicleCount; v++) {
    const c = vehicleCustomer[v] as number;
    byCustomer[fill[c] as number] = v;
    fill[c] = (fill[c] as number) + 1;
  }
  return { start, byCustomer };
}

/** A vehicle's locked value: none for a traded-in one. */
function lockedOf(input: BuildInput, v: number): number {
  return (input.columns.state[v] as number) === TRADED_IN ? 0 : (input.lockedByVehicle[v] as number);
}

/** A vehicle's realised value, exactly: the 1/10,000 units plus the Decimal remainder of long amounts. */
function exactRealised(input: BuildInput, v: number): Money {
  const units = new MoneyDecimal(input.realised[v] as number).div(SCALE);
  const extra = input.exactExtra.get(v);
  return extra === undefined ? units : units.plus(extra);
}

/** A customer's realised value in whole rounding units, rounded half-even once from the exact sum. */
function realisedWhole(input: BuildInput, groups: Groups, c: number, unitsPerOne: number): number {
  const { start, byCustomer } = groups;
  let exact = false;
  let units = 0;
  for (let k = start[c] as number; k < (start[c + 1] as number); k++) {
    const v = byCustomer[k] as number;
    if (input.exactExtra.has(v)) exact = true;
    units += input.realised[v] as number;
  }
  if (!exact) return roundHalfEvenRatio(units, SCALE / unitsPerOne);
  let sum = new MoneyDecimal(0);
  for (let k = start[c] as number; k < (start[c + 1] as number); k++)
    sum = sum.plus(exactRealised(input, byCustomer[k] as number));
  return sum.times(unitsPerOne).toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_EVEN).toNumber();
}

function customerTotals(input: BuildInput, groups: Groups): CustomerTotals {
  const { columns } = input;
  const customerCount = groups.start.length - 1;
  const unitsPerOne = 10 ** input.decimals;
  const wholes = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(customerCount));
  const totals = {
    wholes,
    totalUnits: new Float64Array(6), // whole rounding units: exact integers below 2^53
    pAlive: new Float64Array(customerCount),
    action: new Uint8Array(customerCount),
    saveableKey: new Float64Array(customerCount),
    obtainableSum: new Float64Array(customerCount),
  };
  const [locked, realised, obtainable, lifetime, saveable, winBack] = wholes as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const { state, pAlive: vehiclePAlive } = columns;
  for (let c = 0; c < customerCount; c++) {
    let lockedSum = 0;
    let pAlive = 0;
    let obtainableSum = 0;
    let lifetimeSum = 0;
    let saveableSum = 0;
    let saveableMax = 0;
    let winBackSum = 0;
    for (let k = groups.start[c] as number; k < (groups.start[c + 1] as number); k++) {
      const v = groups.byCustomer[k] as number;
      lockedSum += (state[v] as number) === TRADED_IN ? 0 : (input.lockedByVehicle[v] as number);
      if ((state[v] as number) < TRADED_IN) pAlive = Math.max(pAlive, vehiclePAlive[v] as number);
      obtainableSum += columns.obtainable[v] as number;
      lifetimeSum += columns.lifetime[v] as number;
      saveableSum += columns.saveable[v] as number;
      saveableMax = Math.max(saveableMax, columns.saveable[v] as number);
      winBackSum += columns.winBack[v] as number;
    }
    locked[c] = roundHalfEven(lockedSum * unitsPerOne);
    realised[c] = realisedWhole(input, groups, c, unitsPerOne);
    obtainable[c] = roundHalfEven(obtainableSum * unitsPerOne);
    lifetime[c] = roundHalfEven(lifetimeSum * unitsPerOne);
    saveable[c] = roundHalfEven(saveableSum * unitsPerOne);
    winBack[c] = roundHalfEven(winBackSum * unitsPerOne);
    for (let index = 0; index < 6; index++)
      totals.totalUnits[index] = (totals.totalUnits[index] as number) + ((wholes[index] as Float64Array)[c] as number);
    totals.pAlive[c] = pAlive;
    totals.saveableKey[c] = input.callPer === "vehicle" ? saveableMax : saveableSum;
    totals.obtainableSum[c] = obtainableSum;
    totals.action[c] = saveableSum > 0 ? 1 : winBackSum > 0 ? 2 : 0;
  }
  return totals;
}

/** Customers by saveable value (total, or best vehicle's), then obtainable value, then id, then input order. */
function callOrder(customerIds: readonly (string | number)[], totals: CustomerTotals): Int32Array {
  const { saveableKey, obtainableSum } = totals;
  return Int32Array.from({ length: customerIds.length }, (_, index) => index).sort(
    (x, y) =>
      (saveableKey[y] as number) - (saveableKey[x] as number) ||
      (obtainableSum[y] as number) - (obtainableSum[x] as number) ||
      compareIds(customerIds[x] as string | number, customerIds[y] as string | number) ||
      x - y,
  );
}

/** One customer's full row: Decimal money, the vehicles (parts allocated exactly), the driving vehicle, reasons. */
function customerRow(input: BuildInput, groups: Groups, totals: CustomerTotals, c: number): CustomerAssessment {
  const money = moneyOfUnits(input.decimals);
  const vehicles = Array.from(groups.byCustomer.subarray(groups.start[c] as number, groups.start[c + 1] as number));
  const customerWholes = totals.wholes.map((column) => money(column[c] as number));
  const vehicleRows = vehicleRowsOf(input, vehicles, totals, c, customerWholes);
  const driver = drivingVehicle(input.columns, vehicles);
  const dv = driver >= 0 ? (vehicles[driver] as number) : -1;
  const dueRow = driver >= 0 ? vehicleRows[driver] : undefined;
  let due = "nothing";
  if (dueRow !== undefined && dueRow.state !== "traded-in" && dueRow.state !== "end-of-life") {
    const flags = input.columns.flags[dv] as number;
    due = flags & FLAGS.firstServiceNext ? "first service" : "maintenance";
    if (flags & FLAGS.insuranceDue) due += " + insurance renewal";
  }
  const dueDay = dv >= 0 ? (input.columns.due[dv] as number) : Number.NaN;
  return {
    customerId: input.fleet.customerIds[c] as string | number,
    lockedValue: customerWholes[0] as Money,
    realisedValue: customerWholes[1] as Money,
    obtainableValue: customerWholes[2] as Money,
    obtainableLifetimeValue: customerWholes[3] as Money,
    pAlive: totals.pAlive[c] as number,
    reachProbability: reachOf(input, c),
    saveableValue: customerWholes[4] as Money,
    winBackValue: customerWholes[5] as Money,
    action: ACTIONS[totals.action[c] as number] as CustomerAssessment["action"],
    vehicleId: dueRow?.vehicleId,
    dueDate: Number.isNaN(dueDay) ? undefined : isoDate(dueDay),
    due,
    reasons: [
      ...vehicleRows.map((row, k) => describe(row, vehicles[k] as number, input, row.obtainableValue.toNumber())),
      ...reachReason(input.reach, c),
    ],
    vehicles: vehicleRows,
  };
}

/** The vehicles of a customer, their money parts allocated by largest remainder to add up to the customer's. */
function vehicleRowsOf(
  input: BuildInput,
  vehicles: readonly number[],
  totals: CustomerTotals,
  c: number,
  customerWholes: readonly Money[],
): VehicleAssessment[] {
  const { columns } = input;
  const money = moneyOfUnits(input.decimals);
  const unitsPerOne = 10 ** input.decimals;
  const n = vehicles.length;
  const realisedParts = vehicles.map((v) =>
    input.exactExtra.has(v)
      ? exactRealised(input, v).times(unitsPerOne).toNumber()
      : ((input.realised[v] as number) * unitsPerOne) / SCALE,
  );
  const partsOf = [
    vehicles.map((v) => lockedOf(input, v) * unitsPerOne),
    realisedParts,
    ...[columns.obtainable, columns.lifetime, columns.saveable, columns.winBack].map((column) =>
      vehicles.map((v) => (column[v] as number) * unitsPerOne),
    ),
  ];
  const allocations = partsOf.map((parts, index) =>
    n === 1 ? undefined : allocateToWhole(parts, (totals.wholes[index] as Float64Array)[c] as number),
  );
  return vehicles.map((v, k) => {
    // Decimals are immutable: a single vehicle shares its customer's values.
    const part = (index: number) =>
      n === 1 ? (customerWholes[index] as Money) : money((allocations[index] as Float64Array)[k] as number);
    const state = columns.state[v] as number;
    const flags = columns.flags[v] as number;
    const due = columns.due[v] as number;
    return {
      vehicleId: input.fleet.ids[v] as string | number,
      state: STATES[state] as VehicleAssessment["state"],
      pAlive: state >= TRADED_IN ? 0 : (columns.pAlive[v] as number),
      leaveChanceAtNextVisit: state >= TRADED_IN ? 0 : (columns.leave[v] as number),
      nextDueDate: Number.isNaN(due) ? undefined : isoDate(due),
      lockedValue: part(0),
      realisedValue: part(1),
      obtainableValue: part(2),
      obtainableLifetimeValue: part(3),
      saveableValue: part(4),
      winBackValue: part(5),
      neverCameForFirstService: (flags & FLAGS.neverCameForFirstService) !== 0,
      firstServiceWasLast: (flags & FLAGS.firstServiceWasLast) !== 0,
      mileageAssumed: (flags & FLAGS.mileageAssumed) !== 0,
    };
  });
}

/** The vehicle that drives the action: the largest saveable value, else win-back value, else obtainable value. */
function drivingVehicle(columns: VehicleColumns, vehicles: readonly number[]): number {
  let driver = -1;
  let best = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < vehicles.length; k++) {
    const v = vehicles[k] as number;
    const key =
      (columns.saveable[v] as number) * 1e6 + (columns.winBack[v] as number) * 1e3 + (columns.obtainable[v] as number);
    if (key > best) {
      best = key;
      driver = k;
    }
  }
  return driver;
}

/** round(numerator / denominator) half-even, exactly, for integers below 2^53. */
function roundHalfEvenRatio(numerator: number, denominator: number): number {
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  if (2 * remainder > denominator) return quotient + 1;
  if (2 * remainder < denominator) return quotient;
  return quotient % 2 === 0 ? quotient : quotient + 1;
}

/** Ids in a fixed order: numbers before strings, numbers by value, strings by code units (no locale). @internal */
export function compareIds(x: string | number, y: string | number): number {
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

/** "RMB x saveable of RMB y obtainable", or the obtainable value alone when a reminder saves nothing now. */
function saveableOf(saveable: number, obtainable: number, currency: string): string {
  return saveable > 0
    ? `${currency} ${thousands(saveable)} saveable of ${currency} ${thousands(obtainable)} obtainable`
    : `${currency} ${thousands(obtainable)} obtainable`;
}

/** The params every vehicle reason has: the vehicle, its due date and days to it, what it is worth. */
function vehicleParams(row: VehicleAssessment, dueIn: number, obtainable: number, currency: string) {
  return {
    vehicleId: row.vehicleId,
    ...(row.nextDueDate === undefined ? {} : { dueDate: row.nextDueDate, dueInDays: dueIn }),
    mileageAssumed: row.mileageAssumed,
    saveableValue: row.saveableValue.toNumber(),
    obtainableValue: obtainable,
    currency,
  };
}

/** A vehicle's reason: its code ("psv." and the state), params and words. */
function describe(row: VehicleAssessment, v: number, input: BuildInput, obtainable: number): Reason {
  const { columns, currency } = input;
  const id = shown(row.vehicleId);
  const mileage = row.mileageAssumed
    ? " (no odometer reading: schedule, warranty and service life by their time limits)"
    : "";
  const dueIn = Math.round((columns.due[v] as number) - input.asOf);
  const leaveChance = columns.leave[v] as number;
  const pAlive = columns.pAlive[v] as number;
  const base = vehicleParams(row, dueIn, obtainable, currency);
  const worth = saveableOf(base.saveableValue, obtainable, currency);
  switch (row.state) {
    case "traded-in":
    case "end-of-life":
      return reason(
        `psv.${row.state}`,
        { vehicleId: row.vehicleId },
        `${id}: ${row.state === "traded-in" ? "traded in" : "past its service life"}; no value left here`,
      );
    case "due-soon":
      return reason(
        "psv.due-soon",
        { ...base, leaveChance },
        `${id}: service due ${row.nextDueDate} (in ${dueIn} day${dueIn === 1 ? "" : "s"})${mileage}; ${Math.round(leaveChance * 100)}% chance of leaving at this visit; ${currency} ${thousands(base.saveableValue)} saveable of ${currency} ${thousands(obtainable)} obtainable`,
      );
    case "not-due":
      return reason(
        "psv.not-due",
        { ...base, windowDays: input.windowDays },
        `${id}: next service due ${row.nextDueDate} (in ${dueIn} days, outside the ${input.windowDays}-day reminder window)${mileage}; ${worth}`,
      );
    case "overdue":
      return reason(
        "psv.overdue",
        { ...base, pAlive },
        `${id}: service overdue by ${-dueIn} days${mileage}, as late as many active owners; P(still here) ${pAlive.toFixed(2)}; ${worth}`,
      );
    case "drifting":
      return reason(
        "psv.drifting",
        base,
        `${id}: maintenance skipped here, other services since: drifting to independent garages; next service due ${row.nextDueDate} (${dueIn >= 0 ? `in ${dueIn}` : `${-dueIn} overdue`} days)${mileage}; ${worth}`,
      );
    default: {
      const [code, words] = row.neverCameForFirstService
        ? ["psv.never-came-for-first-service", "never came for the first service"]
        : row.firstServiceWasLast
          ? ["psv.first-service-was-last", "first service was the last (首保即终保)"]
          : ["psv.lapsed", "lapsed"];
      const winBack = columns.winBack[v] as number;
      return reason(
        code,
        { ...base, pAlive, winBackValue: winBack },
        `${id}: ${words}, overdue by ${-dueIn} days${mileage}; P(still here) ${pAlive.toFixed(2)}: win-back list (${currency} ${thousands(winBack)})`,
      );
    }
  }
}
