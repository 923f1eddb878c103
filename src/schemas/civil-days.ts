/** Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian; Hinnant's days_from_civil). @internal */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether y-m-d is a day of the proleptic Gregorian calendar (month 1–12, day within the month). @internal */
export function isCivilDate(year: number, month: number, day: number): boolean {
  const length = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= length;
}

/** The civil date of a day number (days since 1970-01-01; Hinnant's civil_from_days). @internal */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = Math.floor(dayNumber) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The day number `months` calendar months after a day: whole months keep the day of the month, clamped to the
 * target month's length (31 January + 1 month = 28 or 29 February); a fractional month adds its share of a mean
 * month (365.2425 / 12 days). @internal
 */
export function addCivilMonths(dayNumber: number, months: number): number {
  const { year, month, day } = civilFromDays(dayNumber);
  const whole = Math.floor(months);
  const monthIndex = month - 1 + whole;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - Math.floor(monthIndex / 12) * 12 + 1;
  let length = DAYS_IN_MONTH[targetMonth - 1] as number;
  if (targetMonth === 2 && isLeapYear(targetYear)) length = 29;
  return daysFromCivil(targetYear, targetMonth, Math.min(day, length)) + (months - whole) * (365.2425 / 12);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
