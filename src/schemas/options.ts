import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";

/** Throws the typed error for one bad option of `subject`. @internal */
export function optionError(subject: string, path: string, message: string): never {
  throw new InvalidInputError(subject, [{ code: "custom", path: [path], message }]);
}

function boundedOption(
  subject: string,
  value: unknown,
  path: string,
  fallback: number,
  low: number,
  high: number,
  whole: boolean,
): number {
  if (value === undefined) return fallback;
  const number = typeof value === "number" && (whole ? Number.isInteger(value) : Number.isFinite(value));
  if (number && value >= low && value <= high) return value;
  return optionError(
    subject,
    path,
    `must be a ${whole ? "whole " : ""}number from ${low} to ${high}, got ${shown(value)}`,
  );
}

/** A number option in [low, high], or the fallback when omitted; anything else is a typed error naming it. @internal */
export function numberOption(
  subject: string,
  value: unknown,
  path: string,
  fallback: number,
  low: number,
  high: number,
): number {
  return boundedOption(subject, value, path, fallback, low, high, false);
}

/** A whole-number option in [low, high], or the fallback when omitted; anything else is a typed error naming it. @internal */
export function wholeNumberOption(
  subject: string,
  value: unknown,
  path: string,
  fallback: number,
  low: number,
  high: number,
): number {
  return boundedOption(subject, value, path, fallback, low, high, true);
}

/** A finite number option > 0, or the fallback when omitted (required without one): a typed error otherwise. @internal */
export function positiveNumberOption(subject: string, value: unknown, path: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0))
    optionError(subject, path, `must be a finite number > 0, got ${shown(value)}`);
  return value;
}
