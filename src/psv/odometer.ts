/** The most km a year a reading may imply since delivery before it is taken for a typo (an odometer × 10). */
export const MAX_KM_PER_YEAR = 250_000;

const DAYS_PER_YEAR = 365.2425;

/**
 * Why an odometer reading on `day` of a vehicle delivered on `deliveryDay` cannot be used, or undefined: not a number
 * ≥ 0, or more km than 250,000 a year since delivery (the first three months counted as three months), which a
 * passenger car does not drive: a typo such as an extra digit. `psv.calibrate` and `psv.assessCustomers` apply the
 * same rule, and report such a row as an error instead of using it. @internal
 */
export function odometerIssue(km: unknown, day: number, deliveryDay: number): string | undefined {
  if (!(typeof km === "number" && Number.isFinite(km) && km >= 0)) return "must be a number ≥ 0";
  const years = Math.max(day - deliveryDay, 91) / DAYS_PER_YEAR;
  if (km > MAX_KM_PER_YEAR * years)
    return `${km} km ${Math.round(day - deliveryDay)} days after delivery is more than ${MAX_KM_PER_YEAR.toLocaleString("en-US")} km a year: a typo?`;
  return undefined;
}
