import { InvalidInputError } from "../errors.js";
import { quoted } from "../errors-shown.js";
import { asId, fieldReader } from "../input/columns.js";
import { dayNumber } from "../schemas/day-number.js";
import { isId } from "../schemas/is-id.js";
import type { FieldAccessor } from "./summarize-transactions.js";

/**
 * Reads each transaction's customer id (a non-empty string or a finite number) and civil day number from a log,
 * with a typed error naming the row for a bad id or date. @internal
 */
export function readCustomerDays<Row>(
  log: readonly Row[],
  customerId: FieldAccessor<Row>,
  date: FieldAccessor<Row>,
  subject: string,
): { readonly ids: (string | number)[]; readonly days: Float64Array } {
  if (!Array.isArray(log)) {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: ["log"], message: "must be an array of transactions" },
    ]);
  }
  if (customerId === undefined || date === undefined) {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: ["options"], message: "need customerId and date (field names or accessors)" },
    ]);
  }
  const readId = fieldReader(customerId, subject);
  const readDate = fieldReader(date, subject);
  const ids: (string | number)[] = new Array(log.length);
  const days = new Float64Array(log.length);
  log.forEach((row, index) => {
    const id = asId(readId(row));
    if (!isId(id)) {
      throw new InvalidInputError(
        subject,
        [
          {
            code: "custom",
            path: ["customerId"],
            message: `must be a non-empty string or a finite number, got ${quoted(id)}`,
          },
        ],
        index,
      );
    }
    const day = dayNumber(readDate(row));
    if (typeof day === "string") {
      throw new InvalidInputError(subject, [{ code: "custom", path: ["date"], message: day }], index);
    }
    ids[index] = id;
    days[index] = day;
  });
  return { ids, days };
}
