import { type InputIssue, InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, readRecord } from "../input/read-options.js";
import type { ParamDraws } from "./param-draws.js";

const SUBJECT = "parameter draws";

/**
 * A parameter record read once into a plain copy: finite numbers by name, or (for combined draws) records of them.
 * Issues go to `issues`. @internal
 */
function readParamRecord(value: unknown, path: (string | number)[], issues: InputIssue[], depth = 0): object {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    issues.push({ code: "custom", path, message: `must be a record of parameters, got ${shown(value)}` });
    return {};
  }
  const record = readRecord<Record<string, unknown>>(SUBJECT, value, { path });
  const copy: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(record)) {
    if (typeof entry === "number" && Number.isFinite(entry)) copy[name] = entry;
    else if (depth < 2 && entry !== null && typeof entry === "object" && !Array.isArray(entry))
      copy[name] = readParamRecord(entry, [...path, name], issues, depth + 1);
    else
      issues.push({ code: "custom", path: [...path, name], message: `must be a finite number, got ${shown(entry)}` });
  }
  return copy;
}

/**
 * Parameter draws read once and checked (from `drawParams`, `combineDraws` or JSON): an object with an `estimate`
 * record and a non-empty `params` list of records, returned as a plain copy. @internal
 */
export function readDraws<P>(draws: unknown): ParamDraws<P> {
  const record = readRecord<Record<string, unknown>>(SUBJECT, draws, { argument: "draws", optional: false });
  const issues: InputIssue[] = [];
  const estimate = readParamRecord(record["estimate"], ["estimate"], issues);
  const list = guardRead(SUBJECT, ["params"], () =>
    Array.isArray(record["params"]) ? Array.from(record["params"] as unknown[]) : undefined,
  );
  if (list === undefined || list.length === 0)
    issues.push({
      code: "custom",
      path: ["params"],
      message: "must be a non-empty list of parameter records (from drawParams)",
    });
  const params = (list ?? []).map((each, index) => readParamRecord(each, ["params", index], issues));
  const method = record["method"];
  if (method !== "normal" && method !== "bootstrap")
    issues.push({ code: "custom", path: ["method"], message: `must be "normal" or "bootstrap", got ${shown(method)}` });
  const warnings = guardRead(SUBJECT, ["warnings"], () => record["warnings"]);
  if (issues.length > 0) throw new InvalidInputError(SUBJECT, issues.slice(0, 10));
  return {
    model: record["model"] as ParamDraws<P>["model"],
    method: method as ParamDraws<P>["method"],
    seed: typeof record["seed"] === "number" ? record["seed"] : 0,
    estimate: estimate as P,
    params: params as P[],
    warnings: Array.isArray(warnings) ? warnings.filter((each): each is string => typeof each === "string") : [],
  };
}

/** The statistic of an interval, checked to be a function. @internal */
export function readStatistic<F>(statistic: unknown): F {
  if (typeof statistic !== "function")
    throw new InvalidInputError("interval statistic", [
      {
        code: "invalid_type",
        path: ["statistic"],
        message: `must be a function of a parameter record, got ${shown(statistic)}`,
      },
    ]);
  return statistic as F;
}
