import { type InputIssue, InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { isId } from "../schemas/is-id.js";
import { type ContactFields, contactReader } from "./contact-input.js";
import { addIssue, type DealerVehicles } from "./dealer-records.js";

/** The contacts of a campaign log that passed their checks, as columns (one entry per good row). @internal */
export interface ContactColumns {
  readonly customer: Int32Array;
  /** The contacted vehicle, or −1: any of the customer's vehicles. */
  readonly vehicle: Int32Array;
  readonly day: Int32Array;
  /** 1 treatment, 0 control. */
  readonly treated: Uint8Array;
  /** 1 reached, 0 not reached, 2 not said (control rows, or treatment rows without `reached`). */
  readonly reached: Uint8Array;
  readonly channel: (string | undefined)[];
  readonly count: number;
}

/** A contact row's issues (its customer and vehicle looked up: −1 if unknown or not given), or undefined. */
function contactIssues(
  contact: ContactFields,
  fleet: DealerVehicles,
  customer: number,
  vehicle: number,
  asOf: number,
  dateField: string,
): InputIssue[] | undefined {
  let issues: InputIssue[] | undefined;
  if (customer < 0)
    issues = addIssue(issues, "customerId", `is not a customer of the vehicles (${shown(contact.customerId)})`);
  if (typeof contact.day === "string") issues = addIssue(issues, dateField, contact.day);
  else if (contact.day > asOf) issues = addIssue(issues, dateField, "is after asOf");
  const { group, reached, vehicleId, channel } = contact;
  if (group !== "treatment" && group !== "control")
    issues = addIssue(issues, "group", `must be "treatment" or "control", got ${shown(group)}`);
  if (reached !== undefined && typeof reached !== "boolean")
    issues = addIssue(issues, "reached", `must be true or false, got ${shown(reached)}`);
  else if (group === "control" && reached === false)
    issues = addIssue(issues, "reached", "is false on a control row: control customers get no reminder to miss");
  if (channel !== undefined && typeof channel !== "string")
    issues = addIssue(issues, "channel", `must be a string, got ${shown(channel)}`);
  if (vehicleId !== undefined) {
    if (vehicle < 0 || !isId(vehicleId))
      issues = addIssue(issues, "vehicleId", `is not a known vehicle (${shown(vehicleId)})`);
    else if (customer >= 0 && fleet.customerOf[vehicle] !== customer)
      issues = addIssue(issues, "vehicleId", `belongs to another customer than ${shown(contact.customerId)}`);
  }
  return issues;
}

/**
 * Reads a campaign log (rows or columns): one InvalidInputError per bad row in `errors` (an unknown customer or
 * vehicle, a date after asOf, a group other than treatment or control, a control row marked unreached, the same
 * customer twice in one campaign), the good rows as columns. @internal
 */
export function readContacts(
  contacts: unknown,
  fleet: DealerVehicles,
  asOf: number,
  errors: InvalidInputError[],
): ContactColumns {
  const reader = contactReader(contacts);
  const customerIndex = new Map<unknown, number>(fleet.customerIds.map((id, index) => [id, index]));
  const fields: ContactFields = {
    customerId: 0,
    day: 0,
    group: "",
    vehicleId: undefined,
    channel: undefined,
    reached: undefined,
  };
  const out = { customer: [] as number[], vehicle: [] as number[], day: [] as number[], treated: [] as number[] };
  const reached: number[] = [];
  const channel: (string | undefined)[] = [];
  const accepted = acceptedRows(out.day);
  const pairs = fleet.ids.length + 1;
  for (let row = 0; row < reader.length; row++) {
    if (!reader.read(row, fields)) {
      errors.push(
        new InvalidInputError(
          "campaign contact",
          [{ code: "invalid_type", path: [], message: "must be an object" }],
          row,
        ),
      );
      continue;
    }
    const customer = customerIndex.get(fields.customerId) ?? -1;
    const vehicle = fields.vehicleId === undefined ? -1 : (fleet.index.get(fields.vehicleId) ?? -1);
    let issues = contactIssues(fields, fleet, customer, vehicle, asOf, reader.dateField);
    const pair = customer * pairs + vehicle + 1;
    const earlier = issues === undefined ? accepted.rowOn(pair, fields.day) : -1;
    if (earlier >= 0)
      issues = addIssue(issues, "customerId", `is already in the campaign of this date (row ${earlier})`);
    if (issues !== undefined) {
      errors.push(new InvalidInputError("campaign contact", issues, row));
      continue;
    }
    accepted.add(pair, row);
    out.customer.push(customer);
    out.vehicle.push(vehicle);
    out.day.push(typeof fields.day === "number" ? fields.day : Number.NaN);
    out.treated.push(fields.group === "treatment" ? 1 : 0);
    reached.push(fields.reached === true ? 1 : fields.reached === false ? 0 : 2);
    channel.push(fields.channel as string | undefined);
  }
  return {
    customer: Int32Array.from(out.customer),
    vehicle: Int32Array.from(out.vehicle),
    day: Int32Array.from(out.day),
    treated: Uint8Array.from(out.treated),
    reached: Uint8Array.from(reached),
    channel,
    count: out.customer.length,
  };
}

/**
 * The accepted rows of each (customer, vehicle) pair, chained newest first (a pair has few rows), to find a row of
 * the same pair and day: the duplicate check without a string key per row. `days` is the accepted rows' days.
 */
function acceptedRows(days: readonly number[]): {
  rowOn: (pair: number, day: number | string) => number;
  add: (pair: number, row: number) => void;
} {
  const lastOfPair = new Map<number, number>();
  const previous: number[] = [];
  const rowOf: number[] = [];
  return {
    rowOn: (pair, day) => {
      let earlier = lastOfPair.get(pair) ?? -1;
      while (earlier >= 0 && days[earlier] !== day) earlier = previous[earlier] as number;
      return earlier >= 0 ? (rowOf[earlier] as number) : -1;
    },
    add: (pair, row) => {
      previous.push(lastOfPair.get(pair) ?? -1);
      lastOfPair.set(pair, rowOf.length);
      rowOf.push(row);
    },
  };
}
