/**
 * The checks of the scalar entry points: plain comparisons that build nothing, each false for null, undefined,
 * NaN, a string or a value outside the models' box, so that a bad row gives NULL instead of an error. @internal
 */

/** A model parameter in the box [1e-10, 1e10] every model is accurate in. */
export function isParameter(value: unknown): value is number {
  return typeof value === "number" && value >= 1e-10 && value <= 1e10;
}

/** A horizon from 0 to 1e9 time units. */
export function isHorizon(value: unknown): value is number {
  return typeof value === "number" && value >= 0 && value <= 1e9;
}

/** A discount rate per time unit from 1e-12 to 1000. */
export function isDiscountRate(value: unknown): value is number {
  return typeof value === "number" && value >= 1e-12 && value <= 1000;
}

/** A whole number from 0 to `max`. */
export function isWhole(value: unknown, max: number): value is number {
  return typeof value === "number" && value >= 0 && value <= max && value === Math.floor(value);
}

/** A continuous-time summary: x whole to 10,000,000, 0 ≤ t_x ≤ T ≤ 1e9, t_x = 0 when x = 0. */
export function isSummary(x: unknown, tx: unknown, T: unknown): boolean {
  return (
    isWhole(x, 10_000_000) &&
    typeof tx === "number" &&
    typeof T === "number" &&
    tx >= 0 &&
    tx <= T &&
    T <= 1e9 &&
    (x > 0 || tx === 0)
  );
}

/** A discrete summary: whole 0 ≤ x ≤ t_x ≤ n, 1 ≤ n ≤ 10,000,000, t_x = 0 exactly when x = 0. */
export function isDiscreteSummary(x: unknown, tx: unknown, n: unknown): boolean {
  return (
    isWhole(x, 10_000_000) &&
    isWhole(tx, 10_000_000) &&
    isWhole(n, 10_000_000) &&
    n >= 1 &&
    x <= tx &&
    tx <= n &&
    (x === 0) === (tx === 0)
  );
}

/** A result as SQL wants it: the number when finite, else NULL. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
