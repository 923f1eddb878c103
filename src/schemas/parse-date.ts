import { quoted } from "../errors-shown.js";
import { daysFromCivil, isCivilDate } from "./civil-days.js";
import { civilDayInActiveZone } from "./time-zone.js";

/** A date as accepted everywhere: a `Date`, or an ISO 8601 string such as "2024-03-01" (README, "Dates"). */
export type DateInput = Date | string;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/;
const MS_PER_DAY = 86_400_000;

/**
 * Parses a Date or ISO 8601 string into a civil day, returned as a Date at midnight UTC of that day; returns an
 * error message instead of throwing. The policy, the same whatever the machine's time zone: a date-only string is
 * that day; a date-time with an offset, and a Date, is the day its instant falls on in the zone of the current
 * {@link withTimeZone} call (UTC by default); a date-time without an offset is a wall-clock time there, so its day is
 * the date written; impossible dates and times (30 February, 24:00, minute 60) are rejected rather than rolled over;
 * years are the four digits written (0050 is the year 50). @internal
 */
export function parseDate(value: unknown): Date | string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "must be a valid date, got an invalid Date";
    const day = civilDayInActiveZone(value.getTime()) ?? Math.floor(value.getTime() / MS_PER_DAY);
    return new Date(day * MS_PER_DAY);
  }
  if (typeof value !== "string")
    return `must be a Date or an ISO 8601 date string, got ${value === null ? "null" : typeof value}`;
  const trimmed = value.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  const dateTime = dateOnly ? undefined : DATE_TIME.exec(trimmed);
  const parts = dateOnly ?? dateTime;
  if (!parts) return `must be an ISO 8601 date such as "2024-03-01", got ${quoted(value)}`;
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  if (!isCivilDate(year, month, day)) return `is not a real calendar date: ${quoted(value)}`;
  const time = daysFromCivil(year, month, day) * MS_PER_DAY;
  if (dateTime) {
    const hour = Number(dateTime[4]);
    const minute = Number(dateTime[5]);
    const second = Number(dateTime[6] ?? 0);
    const fraction = dateTime[7] === undefined ? 0 : Number(`0.${dateTime[7]}`);
    const offsetHours = Number(dateTime[10] ?? 0);
    const offsetMinutes = Number(dateTime[11] ?? 0);
    if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59)
      return `is not a real time of day: ${quoted(value)}`;
    const hasOffset = dateTime[8] !== undefined || dateTime[9] !== undefined;
    const offset = (dateTime[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
    const instant = time + ((hour * 60 + minute - offset) * 60 + second) * 1000 + Math.round(fraction * 1000);
    // A date-time with an offset is the civil day it falls on in the zone (UTC by default); one without an offset
    // is already a wall-clock time there, so its day is the date written.
    if (hasOffset) {
      const civilDay = civilDayInActiveZone(instant) ?? Math.floor(instant / MS_PER_DAY);
      return new Date(civilDay * MS_PER_DAY);
    }
  }
  return new Date(time);
}
