import type * as z from "zod";
import { InvalidInputError } from "../errors.js";
import { guardRead } from "../input/read-options.js";

/**
 * Parses `value` with `schema`; throws {@link InvalidInputError} carrying every zod issue (and the row index, when
 * given) if it does not conform.
 *
 * @param schema - A zod schema.
 * @param value - The untrusted input.
 * @param subject - What the value is, for the message (e.g. `"transaction"`).
 * @param rowIndex - The row's index when the value is one row of a batch.
 * @returns The parsed value (with the schema's transforms applied).
 *
 * @example
 * ```ts
 * validate(customerSummarySchema, { frequency: 2, recency: 30, T: 38 }, "customer summary").T // 38
 * ```
 */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  subject: string,
  rowIndex?: number,
): z.output<Schema> {
  const result = guardRead(subject, [], () => schema.safeParse(value), rowIndex);
  if (!result.success) throw new InvalidInputError(subject, result.error.issues, rowIndex);
  return result.data;
}

/** Outcome of validating a batch row by row: the good rows and one error per bad row. */
export interface BatchValidation<T> {
  /** Parsed rows, `undefined` where the row was invalid; same length and order as the input. */
  readonly values: (T | undefined)[];
  /** One error per invalid row, in row order, each carrying its `rowIndex`. */
  readonly errors: InvalidInputError[];
}

/**
 * Validates every row of a batch without stopping at the first bad one, so batch scoring can report per-row
 * errors and still score the good rows.
 *
 * @example
 * ```ts
 * const { values, errors } = validateEach(customerSummarySchema, [{ frequency: 1, recency: 2, T: 3 }, { frequency: -1, recency: 0, T: 1 }], "customer summary");
 * errors[0].rowIndex // 1
 * ```
 */
export function validateEach<Schema extends z.ZodType>(
  schema: Schema,
  rows: readonly unknown[],
  subject: string,
): BatchValidation<z.output<Schema>> {
  if (!Array.isArray(rows))
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: [], message: `must be an array of ${subject} rows, got ${kindOf(rows)}` },
    ]);
  const values: (z.output<Schema> | undefined)[] = new Array(rows.length);
  const errors: InvalidInputError[] = [];
  for (let index = 0; index < rows.length; index++) {
    let result: z.ZodSafeParseResult<z.output<Schema>>;
    try {
      result = guardRead(subject, [], () => schema.safeParse(rows[index]), index);
    } catch (error) {
      values[index] = undefined;
      errors.push(error as InvalidInputError);
      continue;
    }
    if (result.success) values[index] = result.data;
    else {
      values[index] = undefined;
      errors.push(new InvalidInputError(subject, result.error.issues, index));
    }
  }
  return { values, errors };
}

/**
 * Validates every row and throws the first row's error if any row is bad (the message also counts the others).
 *
 * @example
 * ```ts
 * validateAll(customerSummarySchema, [{ frequency: 1, recency: 2, T: 3 }], "customer summary").length // 1
 * ```
 */
export function validateAll<Schema extends z.ZodType>(
  schema: Schema,
  rows: readonly unknown[],
  subject: string,
): z.output<Schema>[] {
  const { values, errors } = validateEach(schema, rows, subject);
  const first = errors[0];
  if (first !== undefined) {
    if (errors.length === 1) throw first;
    throw new InvalidInputError(
      subject,
      [...first.issues, { code: "custom", path: [], message: `and ${errors.length - 1} more invalid rows` }],
      first.rowIndex,
    );
  }
  return values as z.output<Schema>[];
}

function kindOf(value: unknown): string {
  return value === null ? "null" : typeof value;
}
