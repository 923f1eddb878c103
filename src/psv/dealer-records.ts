import { type InputIssue, InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import type { Money } from "../money/decimal.js";
import { MAX_AMOUNT } from "../money/max-amount.js";
import { toMoney } from "../money/parse-money.js";
import { SERVICE_EVENT_TYPES } from "../schemas/event-types.js";
import { type IdIndex, idIndex } from "../schemas/id-index.js";
import { isId } from "../schemas/is-id.js";
import { type EventFields, eventReader, type VehicleFields, vehicleReader } from "./assess-input.js";
import { odometerIssue } from "./odometer.js";

/**
 * The one reader of a dealer's vehicles and service events, shared by `psv.assessCustomers` and `psv.calibrate`: rows
 * or columns, the same checks, one `InvalidInputError` per row left out (with its `rowIndex`), never a throw for a
 * bad row. @module
 */

/** Event types, and the code of each (its index). @internal */
export const EVENT_TYPES = SERVICE_EVENT_TYPES;
const TYPE_CODE = new Map<unknown, number>(EVENT_TYPES.map((type, index) => [type, index]));
/** Money is summed exactly in units of 1/10,000. @internal */
export const SCALE = 10_000;

/** Appends an issue at `path`. @internal */
export function addIssue(issues: InputIssue[] | undefined, path: string, message: string): InputIssue[] {
  const list = issues ?? [];
  list.push({ code: "custom", path: [path], message });
  return list;
}

/** A plain decimal string of at most 15 digits and 4 decimals in 1/10,000 units, or undefined (the slow path's). */
function decimalStringUnits(value: string): number | undefined {
  if (value.length === 0 || value.length > 20) return undefined;
  let index = 0;
  let sign = 1;
  const first = value.charCodeAt(0);
  if (first === 45 || first === 43) {
    sign = first === 45 ? -1 : 1;
    index = 1;
  }
  let whole = 0;
  let digits = 0;
  let code = value.charCodeAt(index);
  while (index < value.length && code >= 48 && code <= 57) {
    whole = whole * 10 + (code - 48);
    digits += 1;
    code = value.charCodeAt(++index);
  }
  let fraction = 0;
  let decimals = 0;
  if (index < value.length && code === 46) {
    code = value.charCodeAt(++index);
    while (index < value.length && code >= 48 && code <= 57 && decimals < 5) {
      fraction = fraction * 10 + (code - 48);
      decimals += 1;
      code = value.charCodeAt(++index);
    }
  }
  if (index === value.length && digits > 0 && digits <= 15 && decimals <= 4)
    return sign * (whole * SCALE + fraction * 10 ** (4 - decimals));
  return undefined;
}

/**
 * Exact value of an amount in 1/10,000 units. Plain decimal strings with at most 4 decimals and 15 digits, and
 * numbers that are whole 1/10,000s, take a fast path; anything else is parsed by `parseMoney` (which rejects what
 * is not money), and an amount with more decimals is kept as a Decimal in `out.exact` (0 is returned).
 */
function scaledUnits(value: unknown, field: string, rowIndex: number, out: { exact: Money | undefined }): number {
  out.exact = undefined;
  if (typeof value === "number" && Number.isFinite(value)) {
    const units = Math.round(value * SCALE);
    if (Math.abs(units) < 2 ** 52 && units / SCALE === value) return units;
  } else if (typeof value === "string") {
    const units = decimalStringUnits(value);
    if (units !== undefined) return units;
  }
  const money = toMoney(value, field, rowIndex);
  const units = money.times(SCALE);
  if (units.isInteger() && units.abs().lt(2 ** 52)) return units.toNumber();
  out.exact = money;
  return 0;
}

/** An amount's exact remainder (more than four decimals) and its issues, as {@link amountUnits} leaves them. */
interface AmountRead {
  exact: Money | undefined;
  issues: InputIssue[] | undefined;
}

/** An event's amount in 1/10,000 units, with its issues (not money; a negative revenue) in `out`. */
function amountUnits(raw: unknown, valueField: "margin" | "revenue", row: number, out: AmountRead): number {
  out.exact = undefined;
  out.issues = undefined;
  try {
    const units = scaledUnits(raw, valueField, row, out);
    if (valueField === "revenue" && (units < 0 || (out.exact as Money | undefined)?.isNegative()))
      out.issues = addIssue(out.issues, "revenue", "must not be negative");
    // The amounts' box, as for the assumptions: a margin of 1e308 overflowed a sum into an untyped DecimalError.
    if (Math.abs(units) > MAX_AMOUNT * SCALE || (out.exact as Money | undefined)?.abs().gt(MAX_AMOUNT)) {
      out.issues = addIssue(out.issues, valueField, `must be an amount of at most 1e12 in size, got ${shown(raw)}`);
      return 0;
    }
    return units;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    for (const found of error.issues)
      out.issues = addIssue(out.issues, shown(found.path[0] ?? valueField), found.message);
    return 0;
  }
}

/** The vehicles a dealer's records hold, read and checked (one entry per good vehicle row, in row order). @internal */
export interface DealerVehicles {
  readonly ids: (string | number)[];
  /** Each vehicle's customer, as an index into `customerIds`. */
  readonly customerOf: number[];
  readonly customerIds: (string | number)[];
  readonly deliveryDay: number[];
  /** The vehicle's own odometer reading and its day (NaN: none). */
  readonly readingKm: number[];
  readonly readingDay: number[];
  /** The day the owner acquired it (its delivery, unless a used car) and its odometer then (0 when new). */
  readonly acquiredDay: number[];
  readonly acquiredKm: number[];
  /** The first day each vehicle's own history shows (−Infinity: from its delivery). */
  readonly historyStartDay: number[];
  /** Each vehicle's value of the field that picks its assumptions (empty when none is named). */
  readonly group: unknown[];
  /** Each vehicle's home dealer in a network (undefined: none given). */
  readonly dealer: unknown[];
  /** Vehicle id → index. */
  readonly index: IdIndex;
  /** Ids of vehicle rows left out → their row. */
  readonly bad: Map<unknown, number>;
}

/** A vehicle row's issues with its ids and delivery (`seen`: its id is taken by an earlier row), or undefined. */
function vehicleIssues(
  vehicleIn: VehicleFields,
  seen: boolean,
  asOf: number,
  deliveryField: string,
): InputIssue[] | undefined {
  let issues: InputIssue[] | undefined;
  if (!isId(vehicleIn.vehicleId))
    issues = addIssue(issues, "vehicleId", "must be a non-empty string or a finite number");
  else if (seen) issues = addIssue(issues, "vehicleId", `duplicate vehicle ${shown(vehicleIn.vehicleId)}`);
  if (!isId(vehicleIn.customerId))
    issues = addIssue(issues, "customerId", "must be a non-empty string or a finite number");
  const delivery = vehicleIn.delivery;
  if (typeof delivery === "string") issues = addIssue(issues, deliveryField, delivery);
  else if (delivery > asOf) issues = addIssue(issues, deliveryField, "is after asOf");
  if (vehicleIn.dealer !== undefined && !isId(vehicleIn.dealer))
    issues = addIssue(issues, "dealerId", "must be a non-empty string or a finite number");
  return issues;
}

/** A vehicle's own odometer reading (km and day; NaN for none), checked: both or neither, its day, its km. */
function readingOf(
  vehicleIn: VehicleFields,
  delivery: number,
  asOf: number,
  odometerField: string,
): { km: number; kmDay: number; issues: InputIssue[] | undefined } {
  let issues: InputIssue[] | undefined;
  const hasKm = vehicleIn.odometerKm !== undefined;
  const hasDate = vehicleIn.odometerDay !== undefined;
  let km = Number.NaN;
  let kmDay = Number.NaN;
  if (hasKm !== hasDate)
    issues = addIssue(issues, hasKm ? odometerField : "odometerKm", `odometerKm and ${odometerField} go together`);
  else if (hasKm) {
    km = vehicleIn.odometerKm as number;
    const day = vehicleIn.odometerDay as number | string;
    if (typeof day === "string") issues = addIssue(issues, odometerField, day);
    else if (!Number.isNaN(delivery) && (day < delivery || day > asOf))
      issues = addIssue(issues, odometerField, "must be between the delivery date and asOf");
    else kmDay = day;
    const kmIssue = odometerIssue(km, kmDay, delivery);
    if (kmIssue !== undefined) issues = addIssue(issues, "odometerKm", kmIssue);
  }
  return { km, kmDay, issues };
}

/**
 * A used car's acquisition (day and km; the delivery and 0 km for a car acquired new), checked: a day from the
 * delivery to asOf, a plausible odometer then, the km only with the day, and a later own reading not below it.
 */
function acquisitionOf(
  vehicleIn: VehicleFields,
  delivery: number,
  asOf: number,
  reading: { km: number; kmDay: number },
  acquiredField: string,
): { day: number; km: number; issues: InputIssue[] | undefined } {
  let issues: InputIssue[] | undefined;
  const { acquiredDay, acquiredKm } = vehicleIn;
  if (acquiredDay === undefined) {
    if (acquiredKm !== undefined) issues = addIssue(issues, acquiredField, "is required with odometerAtAcquisition");
    return { day: delivery, km: 0, issues };
  }
  let day = Number.NaN;
  if (typeof acquiredDay === "string") issues = addIssue(issues, acquiredField, acquiredDay);
  else if (!Number.isNaN(delivery) && (acquiredDay < delivery || acquiredDay > asOf))
    issues = addIssue(issues, acquiredField, "must be between the delivery date and asOf");
  else day = acquiredDay;
  const km = acquiredKm === undefined ? 0 : (acquiredKm as number);
  const kmIssue = acquiredKm === undefined ? undefined : odometerIssue(acquiredKm, day, delivery);
  if (kmIssue !== undefined) issues = addIssue(issues, "odometerAtAcquisition", kmIssue);
  else if (reading.kmDay >= day && reading.km < km)
    issues = addIssue(issues, "odometerKm", `is below odometerAtAcquisition (${km} km) on a later day`);
  return { day, km, issues };
}

/** One vehicle row's checks: ids and delivery, its own odometer reading, a used car's acquisition. */
function checkedVehicle(
  vehicleIn: VehicleFields,
  seen: boolean,
  asOf: number,
  fields: { deliveryField: string; odometerField: string; acquiredField: string; historyStartField: string },
) {
  let issues = vehicleIssues(vehicleIn, seen, asOf, fields.deliveryField);
  const deliveredOn = typeof vehicleIn.delivery === "number" ? vehicleIn.delivery : Number.NaN;
  const reading = readingOf(vehicleIn, deliveredOn, asOf, fields.odometerField);
  if (reading.issues !== undefined) issues = [...(issues ?? []), ...reading.issues];
  const acquisition = acquisitionOf(vehicleIn, deliveredOn, asOf, reading, fields.acquiredField);
  if (acquisition.issues !== undefined) issues = [...(issues ?? []), ...acquisition.issues];
  let historyStart = Number.NEGATIVE_INFINITY;
  const start = vehicleIn.historyStartDay;
  if (typeof start === "string") issues = addIssue(issues, fields.historyStartField, start);
  else if (start !== undefined && start > asOf) issues = addIssue(issues, fields.historyStartField, "is after asOf");
  else if (start !== undefined) historyStart = start;
  return { issues, reading, acquisition, historyStart };
}

/**
 * Reads `vehicles` (rows or columns): a vehicle row is left out, with its error in `errors`, for a bad or duplicate
 * id, a bad customer id, a delivery after asOf, or a bad or implausible odometer reading. @internal
 */
export function readDealerVehicles(
  vehicles: unknown,
  asOf: number,
  errors: InvalidInputError[],
  groupField?: string,
): DealerVehicles {
  const vehicleSource = vehicleReader(vehicles, groupField);
  const fields = {
    deliveryField: vehicleSource.field("delivery"),
    odometerField: vehicleSource.field("odometer"),
    acquiredField: vehicleSource.field("acquired"),
    historyStartField: vehicleSource.field("historyStart"),
  };
  const vehicleIn: VehicleFields = {
    vehicleId: 0,
    customerId: 0,
    delivery: 0,
    odometerKm: 0,
    odometerDay: 0,
    acquiredDay: undefined,
    acquiredKm: undefined,
    historyStartDay: undefined,
    group: undefined,
    dealer: undefined,
  };
  const fleet: DealerVehicles = {
    ids: [],
    customerOf: [],
    customerIds: [],
    deliveryDay: [],
    readingKm: [],
    readingDay: [],
    acquiredDay: [],
    acquiredKm: [],
    historyStartDay: [],
    group: [],
    dealer: [],
    index: idIndex(vehicleSource.column("vehicleId")),
    bad: new Map<unknown, number>(),
  };
  const customerOf = customerLookup(fleet, idIndex(vehicleSource.column("customerId")));
  for (let row = 0; row < vehicleSource.length; row++) {
    if (!vehicleSource.read(row, vehicleIn)) {
      errors.push(
        new InvalidInputError("vehicle", [{ code: "invalid_type", path: [], message: "must be an object" }], row),
      );
      continue;
    }
    const seen = fleet.index.get(vehicleIn.vehicleId) !== undefined || fleet.bad.has(vehicleIn.vehicleId);
    const checked = checkedVehicle(vehicleIn, seen, asOf, fields);
    if (checked.issues !== undefined) {
      errors.push(new InvalidInputError("vehicle", checked.issues, row));
      if (isId(vehicleIn.vehicleId) && fleet.index.get(vehicleIn.vehicleId) === undefined)
        fleet.bad.set(vehicleIn.vehicleId, row);
      continue;
    }
    fleet.index.set(vehicleIn.vehicleId, fleet.ids.length);
    fleet.ids.push(vehicleIn.vehicleId as string | number);
    fleet.customerOf.push(customerOf(vehicleIn.customerId));
    fleet.deliveryDay.push(vehicleIn.delivery as number);
    fleet.readingKm.push(checked.reading.km);
    fleet.readingDay.push(checked.reading.kmDay);
    fleet.acquiredDay.push(checked.acquisition.day);
    fleet.acquiredKm.push(checked.acquisition.km);
    fleet.historyStartDay.push(checked.historyStart);
    if (groupField !== undefined) fleet.group.push(vehicleIn.group);
    fleet.dealer.push(vehicleIn.dealer);
  }
  return fleet;
}

/** The index of a customer in `fleet.customerIds`, added on first sight (the last lookup remembered: rows come grouped). */
function customerLookup(fleet: DealerVehicles, customerIndex: IdIndex): (customerId: unknown) => number {
  let lastCustomerId: unknown;
  let lastCustomer: number | undefined;
  return (customerId) => {
    let customer = customerId === lastCustomerId ? lastCustomer : customerIndex.get(customerId);
    if (customer === undefined) {
      customer = fleet.customerIds.length;
      customerIndex.set(customerId, customer);
      fleet.customerIds.push(customerId as string | number);
    }
    lastCustomerId = customerId;
    lastCustomer = customer;
    return customer;
  };
}

/**
 * Folds a history start for the whole export (the `historyStart` option; −Infinity: none) into each vehicle's own:
 * the later of the two. @internal
 */
export function applyHistoryStart(fleet: DealerVehicles, exportStart: number): void {
  const starts = fleet.historyStartDay;
  for (let v = 0; v < starts.length; v++) starts[v] = Math.max(starts[v] as number, exportStart);
}

/** One event as read and checked: its vehicle (index), day, type code, odometer reading and amount. @internal */
export interface EventRow {
  vehicle: number;
  day: number;
  type: number;
  km: number | undefined;
  /** Whether the row gave an amount of the value field. */
  hasAmount: boolean;
  /** The amount in 1/10,000 units (0 with `exact`). */
  units: number;
  /** The amount, when it has more than four decimals. */
  exact: Money | undefined;
  /** It happened at another dealer of the network than its vehicle's own (both given and different). */
  elsewhere: boolean;
}

/** A reusable event row. @internal */
export function newEventRow(): EventRow {
  return {
    vehicle: 0,
    day: 0,
    type: 0,
    km: undefined,
    hasAmount: false,
    units: 0,
    exact: undefined,
    elsewhere: false,
  };
}

/** An event row's issues with its vehicle, date, type (its code) and odometer reading, or undefined. */
function eventIssues(
  eventIn: EventFields,
  vehicle: number | undefined,
  type: number | undefined,
  fleet: DealerVehicles,
  asOf: number,
  dateField: string,
): InputIssue[] | undefined {
  let issues: InputIssue[] | undefined;
  const { bad: badVehicles, deliveryDay } = fleet;
  if (vehicle === undefined)
    issues = addIssue(
      issues,
      "vehicleId",
      badVehicles.has(eventIn.vehicleId)
        ? `belongs to vehicle row ${badVehicles.get(eventIn.vehicleId)}, which is invalid`
        : `is not a known vehicle (${shown(eventIn.vehicleId)})`,
    );
  const day = eventIn.day;
  if (typeof day === "string") issues = addIssue(issues, dateField, day);
  else if (day > asOf) issues = addIssue(issues, dateField, "is after asOf");
  else if (vehicle !== undefined && day < (deliveryDay[vehicle] as number))
    issues = addIssue(issues, dateField, "is before the vehicle's delivery date");
  else if (vehicle !== undefined && day < (fleet.acquiredDay[vehicle] as number))
    issues = addIssue(issues, dateField, "is before the owner acquired the vehicle (acquiredDate): a previous owner's");
  if (type === undefined)
    issues = addIssue(issues, "type", `must be one of ${EVENT_TYPES.join(", ")}, got ${shown(eventIn.type)}`);
  if (eventIn.dealer !== undefined && !isId(eventIn.dealer))
    issues = addIssue(issues, "dealerId", "must be a non-empty string or a finite number");
  const km = eventIn.odometerKm;
  if (km !== undefined) {
    const from = vehicle === undefined ? Number.NaN : (deliveryDay[vehicle] as number);
    const kmIssue = odometerIssue(km, typeof day === "number" ? day : Number.NaN, from);
    if (kmIssue !== undefined) issues = addIssue(issues, "odometerKm", kmIssue);
  }
  return issues;
}

/**
 * Reads `serviceEvents` (rows or columns) one row at a time into an {@link EventRow}: `read` returns the row's issues
 * (an unknown vehicle or one whose row was left out, a date outside delivery and asOf, an unknown type, a bad or
 * implausible odometer reading, an amount that is not money, a negative revenue), or undefined. @internal
 */
export function dealerEventReader(
  events: unknown,
  valueField: "margin" | "revenue",
  fleet: DealerVehicles,
  asOf: number,
): { length: number; read: (row: number, into: EventRow) => InputIssue[] | undefined } {
  const eventSource = eventReader(events, valueField);
  const dateField = eventSource.field("date");
  const eventIn: EventFields = { vehicleId: 0, day: 0, type: "", odometerKm: 0, amount: 0, dealer: undefined };
  const amount: AmountRead = { exact: undefined, issues: undefined };
  const { index: vehicleIndex } = fleet;
  let lastVehicleId: unknown;
  let lastVehicle: number | undefined;
  const read = (row: number, into: EventRow): InputIssue[] | undefined => {
    into.hasAmount = true;
    if (!eventSource.read(row, eventIn)) return [{ code: "invalid_type", path: [], message: "must be an object" }];
    // Logs usually list a vehicle's events together: remember the last lookup.
    const vehicle = eventIn.vehicleId === lastVehicleId ? lastVehicle : vehicleIndex.get(eventIn.vehicleId);
    lastVehicleId = eventIn.vehicleId;
    lastVehicle = vehicle;
    const type = TYPE_CODE.get(eventIn.type);
    let issues = eventIssues(eventIn, vehicle, type, fleet, asOf, dateField);
    const { day, odometerKm: km } = eventIn;
    const raw = eventIn.amount;
    into.hasAmount = raw !== undefined;
    amount.exact = undefined;
    amount.issues = undefined;
    const units = raw === undefined ? 0 : amountUnits(raw, valueField, row, amount);
    if (amount.issues !== undefined) issues = [...(issues ?? []), ...amount.issues];
    if (issues !== undefined) return issues;
    into.vehicle = vehicle as number;
    into.day = day as number;
    into.type = type as number;
    into.km = km as number | undefined;
    into.units = units;
    into.exact = amount.exact;
    const home = fleet.dealer[vehicle as number];
    into.elsewhere = eventIn.dealer !== undefined && home !== undefined && eventIn.dealer !== home;
    return undefined;
  };
  return { length: eventSource.length, read };
}
