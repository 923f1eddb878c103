import { asId } from "../input/columns.js";
import { wholeDayNumber } from "../input/day-numbers.js";
import { isAbsentEntry } from "../schemas/column-entries.js";
import { dayNumber } from "../schemas/day-number.js";
import { checkColumns, columnsError, readColumns } from "./assess-input.js";

/**
 * One row of a reminder-campaign log: on `date` the customer was in a campaign, either sent a reminder
 * (`group: "treatment"`) or held out at random (`"control"`). `reached: false` marks a treatment attempt that failed
 * (no phone, wrong number); a control row has no attempt, so it has no `reached`.
 */
export interface CampaignContact {
  readonly customerId: string | number;
  readonly date: Date | string;
  readonly group: "treatment" | "control";
  /** The vehicle the reminder was about (default: the customer's vehicles, any of them). */
  readonly vehicleId?: string | number;
  /** How the reminder went out (e.g. "sms", "call"): reported, not modelled. */
  readonly channel?: string;
  readonly reached?: boolean;
}

/** Contacts as columns: `date` or day numbers as `day`; optional columns may hold `undefined`/`null` entries. */
export interface CampaignContactColumns {
  readonly customerId: ArrayLike<string | number>;
  readonly date?: ArrayLike<Date | string>;
  readonly day?: ArrayLike<number>;
  readonly group: ArrayLike<"treatment" | "control">;
  readonly vehicleId?: ArrayLike<string | number | null | undefined>;
  readonly channel?: ArrayLike<string | null | undefined>;
  readonly reached?: ArrayLike<boolean | null | undefined>;
}

/** One contact as read, whatever its source. @internal */
export interface ContactFields {
  customerId: unknown;
  day: number | string;
  group: unknown;
  vehicleId: unknown;
  channel: unknown;
  reached: unknown;
}

/** Contacts read one row at a time into one reused record; `read` is false for a row that is not an object. @internal */
export interface ContactReader {
  readonly length: number;
  readonly read: (row: number, into: ContactFields) => boolean;
  /** The date field's name in this input ("date" or "day"). */
  readonly dateField: string;
}

/** Reads `contacts` (rows or columns). @throws InvalidInputError for input that is neither. @internal */
export function contactReader(contacts: unknown): ContactReader {
  if (Array.isArray(contacts)) {
    const rows = contacts as readonly CampaignContact[];
    return {
      length: rows.length,
      read: (row, into) => {
        const contact = rows[row] as CampaignContact | null;
        if (contact === null || typeof contact !== "object") return false;
        into.customerId = asId(contact.customerId);
        into.day = dayNumber(contact.date);
        into.group = contact.group;
        into.vehicleId = asId(contact.vehicleId);
        into.channel = contact.channel;
        into.reached = contact.reached;
        return true;
      },
      dateField: "date",
    };
  }
  if (contacts === null || typeof contacts !== "object")
    columnsError("campaign contact", "", "must be an array of contacts or an object of columns");
  const columns = readColumns(contacts, ["customerId", "vehicleId"], []) as unknown as CampaignContactColumns;
  const length = checkColumns(
    "campaign contact",
    columns,
    ["customerId", "group"],
    ["date", "day", "vehicleId", "channel", "reached"],
    [["date", "day", true]],
  );
  const { customerId, date, day, group, vehicleId, channel, reached } = columns;
  const entry = (column: ArrayLike<unknown> | undefined, row: number) => {
    const value = column?.[row];
    return isAbsentEntry(value) ? undefined : value;
  };
  return {
    length,
    read: (row, into) => {
      into.customerId = customerId[row];
      into.day = day !== undefined ? wholeDayNumber(day[row]) : dayNumber(date?.[row]);
      into.group = group[row];
      into.vehicleId = entry(vehicleId, row);
      into.channel = entry(channel, row);
      into.reached = entry(reached, row);
      return true;
    },
    dateField: day !== undefined ? "day" : "date",
  };
}
