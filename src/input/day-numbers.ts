import { shown } from "../errors-shown.js";

/** Day numbers of data (whole days since 1970-01-01) lie after 1900-01-01 … */
export const MIN_DAY = -25_568;
/** … and before 2070-01-01: later ones are Excel serials or epoch seconds or milliseconds given as days. */
export const MAX_DAY = 36_525;

const MS_PER_DAY = 86_400_000;
/** Excel's serial of 1970-01-01 (its day 0 is 1899-12-30). */
const EXCEL_EPOCH_SERIAL = 25_569;

function civil(day: number): string {
  const date = new Date(day * MS_PER_DAY);
  return Number.isNaN(date.getTime()) ? "far outside the calendar" : date.toISOString().slice(0, 10);
}

/**
 * Why an entry is not a plausible day number (whole days since 1970-01-01, 1900 to 2069), naming what it
 * probably is: an Excel serial date (days since 1899-12-30), epoch seconds or epoch milliseconds. @internal
 */
export function dayNumberIssue(value: unknown): string {
  const base = "must be a whole day number (days since 1970-01-01)";
  if (!(typeof value === "number" && Number.isInteger(value))) return `${base}, got ${shown(value)}`;
  const size = Math.abs(value);
  if (size >= 1e11)
    return `${base}; ${value} looks like epoch milliseconds (${civil(Math.floor(value / MS_PER_DAY))}): day = floor(ms / 86,400,000), or pass dates`;
  if (size >= 1e8)
    return `${base}; ${value} looks like epoch seconds (${civil(Math.floor(value / 86_400))}): day = floor(s / 86,400), or pass dates`;
  if (value >= MAX_DAY)
    return `${base}; ${value} is after 2069: an Excel serial date? As one it is ${civil(value - EXCEL_EPOCH_SERIAL)} (day = serial − 25,569)`;
  return `${base}, from 1900 to 2069; ${value} is ${civil(value)}`;
}

/** An entry of a day-number column, or the issue's message. @internal */
export function wholeDayNumber(value: unknown): number | string {
  return typeof value === "number" && Number.isInteger(value) && value > MIN_DAY && value < MAX_DAY
    ? value
    : dayNumberIssue(value);
}
