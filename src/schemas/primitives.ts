import * as z from "zod";
import { InvalidInputError } from "../errors.js";
import { parseMoney } from "../money/parse-money.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A calendar date or instant: a `Date`, or an ISO 8601 string (`"2024-03-01"`, `"2024-03-01T08:30:00Z"`).
 * A date-only string is read as midnight UTC, never in the host's time zone. Output: a `Date`.
 */
export const dateSchema = z
  .union([z.custom<Date>((value) => value instanceof Date, "must be a Date or an ISO 8601 string"), z.string()])
  .transform((value, context) => {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) {
        context.addIssue({ code: "custom", message: "must be a valid date, got an invalid Date" });
        return z.NEVER;
      }
      return value;
    }
    const trimmed = value.trim();
    if (!ISO_DATE.test(trimmed)) {
      context.addIssue({
        code: "custom",
        message: `must be an ISO 8601 date such as "2024-03-01", got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    const dateOnly = trimmed.length === 10;
    const parsed = new Date(dateOnly ? `${trimmed}T00:00:00Z` : trimmed);
    if (Number.isNaN(parsed.getTime()) || (dateOnly && parsed.toISOString().slice(0, 10) !== trimmed)) {
      context.addIssue({ code: "custom", message: `is not a real calendar date: ${JSON.stringify(value)}` });
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
