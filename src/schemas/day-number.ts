import { shown } from "../errors-shown.js";
import { daysFromCivil, isCivilDate } from "./civil-days.js";
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
      return `is not a real calendar date: ${JSON.stringify(value)}`;
    }
  }
  const parsed = parseDate(value);
  return typeof parsed === "string" ? parsed : Math.floor(parsed.getTime() / MS_PER_DAY);
}

/** The ISO date "YYYY-MM-DD" of a day number (Hinnant's civil_from_days; years 0000–9999). @internal */
export function isoDate(day: number): string {
  const z = Math.floor(day) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${shown(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${dayOfMonth < 10 ? "0" : ""}${dayOfMonth}`;
}
