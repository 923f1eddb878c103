import { InvalidInputError } from "../errors.js";

/** Checks a whole-number option within bounds, or returns its default. @internal */
export function wholeOption(
  subject: string,
  name: string,
  value: unknown,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  if (!(typeof value === "number" && Number.isInteger(value) && value >= minimum && value <= maximum)) {
    throw new InvalidInputError(subject, [
      {
        code: "custom",
        path: [name],
        message: `must be a whole number from ${minimum} to ${maximum}, got ${String(value)}`,
      },
    ]);
  }
  return value;
}

/** Checks a positive finite number option, or returns its default. @internal */
export function positiveOption(subject: string, name: string, value: unknown, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    throw new InvalidInputError(subject, [
      { code: "custom", path: [name], message: `must be a finite number > 0, got ${String(value)}` },
    ]);
  }
  return value;
}

/** "0", "1", …, "7+". @internal */
export function frequencyLabel(group: number, maximum: number): string {
  return group === maximum ? `${maximum}+` : String(group);
}
