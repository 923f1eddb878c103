import { shown } from "../errors-shown.js";

/** The scale on which an estimate's sampling error is close to normal (see {@link AssumptionSampling}). */
export type SamplingScale = "log" | "logit" | "hazard" | "identity";

/**
 * The sampling error of the assumptions a calibration estimated from the dealer's own records, set by
 * `psv.calibrate`; `uncertainty.assessmentIntervals` turns it into intervals on each owner's obtainable and saveable
 * value. Estimates kept from the fallback are not in it (they are assumptions, not estimates), nor are the delay
 * quantiles. Edit an assumption it names and it no longer describes that value: drop it then.
 */
export interface AssumptionSampling {
  /** The estimated assumptions: a name, or an element of a list as "name.index" (e.g. "repairVisitsByAge.2"). */
  readonly names: readonly string[];
  /**
   * Each one's working scale: "log" for rates and amounts, "logit" for probabilities, "hazard" for a retention
   * r = e^−λ (ln λ), "identity" for ages.
   */
  readonly scales: readonly SamplingScale[];
  /**
   * Their covariance on those scales: the owner-behaviour estimates (leave chances, loyalty, repurchase, replacement
   * age) from their joint fit's observed information, the others independent of them and of each other. A "weak"
   * estimate (shrunk toward the fallback with weight w) has its posterior variance w·se².
   */
  readonly covariance: readonly (readonly number[])[];
}

const SCALES: readonly string[] = ["log", "logit", "hazard", "identity"];

type CheckIssue = { code: string; path: (string | number)[]; message: string };

/**
 * Checks a sampling record against the assumptions it comes with: each name an assumption holding a number (or a
 * list's element in range), no name twice, a known scale each, and a square, symmetric covariance of finite numbers
 * with variances ≥ 0. Returns a frozen copy, or pushes issues. @internal
 */
export function checkSampling(
  sampling: unknown,
  assumptions: Readonly<Record<string, unknown>>,
  issues: CheckIssue[],
): AssumptionSampling | undefined {
  if (sampling === undefined) return undefined;
  const bad = (path: (string | number)[], message: string) => {
    issues.push({ code: "custom", path: ["sampling", ...path], message });
    return undefined;
  };
  if (typeof sampling !== "object" || sampling === null) return bad([], `must be an object, got ${shown(sampling)}`);
  const { names, scales, covariance } = sampling as Record<string, unknown>;
  const extra = Object.keys(sampling).filter((key) => !["names", "scales", "covariance"].includes(key));
  if (extra.length > 0) return bad([extra[0] as string], "is not a field of sampling (names, scales, covariance)");
  if (!Array.isArray(names)) return bad(["names"], `must be a list of assumption names, got ${shown(names)}`);
  const n = names.length;
  const unknown = names.findIndex((name, index) => !namesANumber(name, assumptions) || names.indexOf(name) !== index);
  if (unknown >= 0)
    return bad(["names", unknown], `must name an assumption holding a number (once), got ${shown(names[unknown])}`);
  if (!(Array.isArray(scales) && scales.length === n && scales.every((scale) => SCALES.includes(scale))))
    return bad(["scales"], `must be ${n} of "log", "logit", "hazard", "identity", got ${shown(scales)}`);
  const symmetric = (value: unknown, i: number, j: number) =>
    Number.isFinite(value) && value === ((covariance as unknown[][])[j] as unknown[])[i];
  if (!isCovarianceMatrix(covariance, n, symmetric))
    return bad(["covariance"], `must be ${n} lists of ${n} finite numbers, symmetric, with variances ≥ 0`);
  return Object.freeze({
    names: Object.freeze([...names] as string[]),
    scales: Object.freeze([...scales] as SamplingScale[]),
    covariance: Object.freeze(covariance.map((row) => Object.freeze([...row]))),
  });
}

/** Whether `name` is an assumption holding a number, or "list.index" of a list assumption with that element. */
function namesANumber(name: unknown, assumptions: Readonly<Record<string, unknown>>): boolean {
  if (typeof name !== "string") return false;
  const dot = name.lastIndexOf(".");
  if (dot < 0) return typeof assumptions[name] === "number";
  const list = assumptions[name.slice(0, dot)];
  const index = Number(name.slice(dot + 1));
  return Array.isArray(list) && Number.isInteger(index) && index >= 0 && typeof list[index] === "number";
}

/**
 * Whether a value is n lists of n entries, each accepted by `entry` (its row and column given), with variances ≥ 0:
 * a covariance matrix as plain JSON. @internal
 */
export function isCovarianceMatrix(
  value: unknown,
  n: number,
  entry: (entry: unknown, row: number, column: number) => boolean,
): value is number[][] {
  return (
    Array.isArray(value) &&
    value.length === n &&
    value.every(
      (row, i) =>
        Array.isArray(row) &&
        row.length === n &&
        row.every((item, j) => entry(item, i, j)) &&
        typeof row[i] === "number" &&
        row[i] >= 0,
    )
  );
}
