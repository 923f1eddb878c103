import * as z from "zod";
import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type MoneyInput, toMoney } from "../money/parse-money.js";
import { type DateInput, parseDate } from "./parse-date.js";

/**
 * A calendar date or instant: a `Date`, or an ISO 8601 string (`"2024-03-01"`, `"2024-03-01T08:30:00Z"`).
 * A date-only string is read as midnight UTC, never in the host's time zone. Output: a `Date`.
 */
export const dateSchema = z
  .custom<DateInput>(() => true)
  .transform((value, context) => {
    const parsed = parseDate(value);
    if (typeof parsed === "string") {
      context.addIssue({ code: "custom", message: parsed });
      return z.NEVER;
    }
    return parsed;
  });

/** A money amount (string, finite number or Decimal), parsed exactly into the library's Decimal. */
export const moneySchema = z
  .custom<MoneyInput>(() => true)
  .transform((value, context) => {
    try {
      return toMoney(value, "amount", undefined);
    } catch (error) {
      const message = error instanceof InvalidInputError ? (error.issues[0]?.message ?? error.message) : shown(error);
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

export type { DateInput };
