import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import type { CovariateOptions, CovariateProcess } from "./types.js";

/** One coefficient to estimate: a covariate acting on one process, or on two with one shared value. @internal */
export interface CoefficientSpec {
  readonly name: string;
  readonly processes: readonly CovariateProcess[];
  /** L2 penalty per customer (0 for constrained coefficients, as in CLVTools). */
  readonly lambda: number;
}

/**
 * Validates the covariate options of a fit (its options other than `initialParams`, `maxIterations` and
 * `standardErrors`) against the processes a model has and returns the coefficients to estimate (transaction
 * first, then lifetime, then spend, then the constrained ones) and the distinct covariate names. @internal
 */
export function checkCovariateOptions(
  options: CovariateOptions,
  processes: readonly CovariateProcess[],
): { coefficients: CoefficientSpec[]; names: string[] } {
  const subject = "fit options";
  const issues: { code: string; path: (string | number)[]; message: string }[] = [];
  const lists: Partial<Record<CovariateProcess | "constrained", string[]>> = {};
  for (const key of [...processes, "constrained"] as const) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((name) => typeof name === "string" && name.length > 0)) {
      issues.push({ code: "invalid_type", path: [key], message: "must be an array of covariate names" });
      continue;
    }
    if (new Set(value).size !== value.length)
      issues.push({ code: "custom", path: [key], message: "lists a covariate twice" });
    lists[key] = value as string[];
  }
  const constrained = lists.constrained ?? [];
  for (const name of constrained) {
    if (!(lists.transaction?.includes(name) && lists.lifetime?.includes(name)))
      issues.push({
        code: "custom",
        path: ["constrained"],
        message: `${name} must be listed in both transaction and lifetime to share one coefficient`,
      });
  }
  const lambdas: Partial<Record<CovariateProcess, number>> = {};
  const regularization = options.regularization as unknown;
  if (regularization !== undefined) {
    if (regularization === null || typeof regularization !== "object") {
      issues.push({
        code: "invalid_type",
        path: ["regularization"],
        message: `must be an object of penalties by process (${processes.join(", ")})`,
      });
    } else {
      for (const [key, value] of Object.entries(regularization)) {
        if (!processes.includes(key as CovariateProcess)) {
          issues.push({
            code: "unrecognized_keys",
            path: ["regularization", key],
            message: `is not a process of this model (${processes.join(", ")})`,
          });
        } else if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
          issues.push({
            code: "custom",
            path: ["regularization", key],
            message: `must be a finite number ≥ 0, got ${shown(value)}`,
          });
        } else {
          lambdas[key as CovariateProcess] = value;
        }
      }
    }
  }
  if (issues.length > 0) throw new InvalidInputError(subject, issues);
  const coefficients: CoefficientSpec[] = [];
  for (const process of processes) {
    for (const name of lists[process] ?? []) {
      if (!constrained.includes(name)) coefficients.push({ name, processes: [process], lambda: lambdas[process] ?? 0 });
    }
  }
  for (const name of constrained) coefficients.push({ name, processes: ["transaction", "lifetime"], lambda: 0 });
  const names = [...new Set(processes.flatMap((process) => lists[process] ?? []))];
  return { coefficients, names };
}
