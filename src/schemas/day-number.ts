import { quoted, shown } from "../errors-shown.js";
import { civilFromDays, daysFromCivil, isCivilDate } from "./civil-days.js";
import { parseDate } from "./parse-date.js";

const MS_PER_DAY = 86_400_000;

/**
 * The civil day number (days since 1970-01-01) of a date input, or an error message. A `"YYYY-MM-DD"` string takes a
 * fast path of character codes (impossible dates are rejected); anything else goes through the general parser. A
 * date-time counts as the UTC day it falls on (one without an offset is read as UTC). @internal
 */
export function dayNumber(value: unknown): number | string {
  if (typeof value === "string" && value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    let year = 0;
    let valid = true;
    for (let index = 0; index < 4; index++) {
      const digit = value.charCodeAt(index) - 48;
      if (digit < 0 || digit > 9) valid = false;
      year = year * 10 + digit;
    }
    const m1 = value.charCodeAt(5) - 48;
    const m2 = value.charCodeAt(6) - 48;
    const d1 = value.charCodeAt(8) - 48;
    const d2 = value.charCodeAt(9) - 48;
    if (valid && m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) {
      const month = m1 * 10 + m2;
      const day = d1 * 10 + d2;
      if (isCivilDate(year, month, day)) return daysFromCivil(year, month, day);
      return `is not a real calendar date: ${quoted(value)}`;
    }
  }
  const parsed = parseDate(value);
  return typeof parsed === "string" ? parsed : Math.floor(parsed.getTime() / MS_PER_DAY);
}

/** The ISO date "YYYY-MM-DD" of a day number (Hinnant's civil_from_days; years 0000–9999). @internal */
export function isoDate(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${shown(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}
