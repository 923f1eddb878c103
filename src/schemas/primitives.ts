import * as z from "zod";
import { InvalidInputError } from "../errors.js";
import { parseMoney } from "../money/parse-money.js";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Parses a Date or ISO 8601 string; returns an error message instead of throwing. @internal */
export function parseDate(value: unknown): Date | string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "must be a valid date, got an invalid Date" : value;
  if (typeof value !== "string")
    return `must be a Date or an ISO 8601 date string, got ${value === null ? "null" : typeof value}`;
  const trimmed = value.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    const year = Number(dateOnly[1]);
    const month = Number(dateOnly[2]);
    const day = Number(dateOnly[3]);
    const parsed = new Date(Date.UTC(year, month - 1, day));
    if (parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
      return `is not a real calendar date: ${JSON.stringify(value)}`;
    }
    return parsed;
  }
  if (!ISO_DATE_TIME.test(trimmed))
    return `must be an ISO 8601 date such as "2024-03-01", got ${JSON.stringify(value)}`;
  const parsed = new Date(trimmed);
  return Number.isNaN(parsed.getTime()) ? `is not a real calendar date: ${JSON.stringify(value)}` : parsed;
}

/**
 * A calendar date or instant: a `Date`, or an ISO 8601 string (`"2024-03-01"`, `"2024-03-01T08:30:00Z"`).
 * A date-only string is read as midnight UTC, never in the host's time zone. Output: a `Date`.
 */
export const dateSchema = z.unknown().transform((value, context) => {
  const parsed = parseDate(value);
  if (typeof parsed === "string") {
    context.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  return parsed;
});

/** A money amount (string, finite number or Decimal), parsed exactly into the library's Decimal. */
export const moneySchema = z.unknown().transform((value, context) => {
  try {
    return parseMoney(value);
  } catch (error) {
    const message = error instanceof InvalidInputError ? (error.issues[0]?.message ?? error.message) : String(error);
    context.addIssue({ code: "custom", message });
    return z.NEVER;
  }
});

/** A non-negative money amount. */
export const nonNegativeMoneySchema = moneySchema.refine((value) => !value.isNegative(), {
  message: "must not be negative",
});

/** An identifier: a non-empty string or a finite number. */
export const idSchema = z.union([z.string().min(1, "must not be empty"), z.number().finite()]);

/** A finite number ≥ 0. */
export const nonNegativeNumber = z.number().finite().nonnegative();
