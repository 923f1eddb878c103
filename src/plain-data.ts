import type { Decimal } from "decimal.js";
import { type InputIssue, InvalidInputError } from "./errors.js";
import { shown } from "./errors-shown.js";
import { lazyMoneySource } from "./money/lazy-money-array.js";

/** An error as plain data: its class name, message and, for autoclv's errors, their code, subject, row and issues. */
export interface PlainError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly subject?: string;
  readonly rowIndex?: number;
  readonly issues?: readonly { readonly code: string; readonly path: (string | number)[]; readonly message: string }[];
}

/**
 * The type of {@link toPlainData}'s result for a value of type `T`: Money (Decimal) becomes its decimal text, errors
 * become {@link PlainError}, methods and symbol keys are left out; dates, typed arrays, maps and sets stay as they
 * are (the structured-clone algorithm copies them).
 */
export type PlainData<T> = T extends Decimal
  ? string
  : T extends Error
    ? PlainError
    : T extends Date | ArrayBufferView | ArrayBuffer
      ? T
      : T extends (...args: never[]) => unknown
        ? undefined
        : T extends ReadonlyMap<infer K, infer V>
          ? Map<PlainData<K>, PlainData<V>>
          : T extends ReadonlySet<infer V>
            ? Set<PlainData<V>>
            : T extends readonly (infer U)[]
              ? PlainData<U>[]
              : T extends object
                ? {
                    -readonly [K in keyof T as K extends symbol
                      ? never
                      : T[K] extends (...args: never[]) => unknown
                        ? never
                        : K]: PlainData<T[K]>;
                  }
                : T;

const SUBJECT = "toPlainData value";

/**
 * A copy of any autoclv result as plain data that crosses `postMessage` (to and from a Web Worker), survives
 * `structuredClone` and prints as JSON: every Money value becomes its exact decimal text (`"1234.5"`, read back with
 * {@link parseMoney}), errors become {@link PlainError} records, methods and symbol-keyed properties (notebook
 * displays) are left out, and class instances become plain objects. Numbers, strings, booleans, BigInts, dates,
 * typed arrays, maps and sets are kept (a typed array is the same array, so `postMessage(plain, [buffer])` can
 * transfer it); objects shared or cyclic in the value are shared or cyclic in the copy. A CLV result's lazily
 * made Money column is written straight from its whole units, without making a Decimal per row.
 *
 * A value it cannot read (a getter that throws) is an `InvalidInputError` naming the path.
 *
 * @example
 * ```ts
 * const result = psv.assessCustomers({ asOf: "2024-06-30",
 *   vehicles: [{ vehicleId: "V1", customerId: "C1", deliveryDate: "2022-01-10" }],
 *   serviceEvents: [{ vehicleId: "V1", date: "2022-06-01", type: "maintenance", margin: "300.50" }] });
 * structuredClone(toPlainData(result)).customers[0].realisedValue // "300.5"
 * ```
 */
export function toPlainData<T>(value: T): PlainData<T> {
  const path: (string | number)[] = [];
  try {
    return plainCopy(value, new Map(), path) as PlainData<T>;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(SUBJECT, [
      { code: "custom", path, message: `could not be read (${error instanceof Error ? error.message : shown(error)})` },
    ]);
  }
}

/** The plain copy of one value; `copies` maps each object already copied to its copy (shared and cyclic objects). */
function plainCopy(value: unknown, copies: Map<object, unknown>, path: (string | number)[]): unknown {
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (value === null || typeof value !== "object") return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (isDecimal(value)) return value.toFixed();
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (value instanceof Error) return plainError(value);
  if (Array.isArray(value)) return plainArray(value, copies, path);
  if (value instanceof Map) {
    const copy = new Map();
    copies.set(value, copy);
    for (const [key, entry] of value) copy.set(plainCopy(key, copies, path), plainCopy(entry, copies, path));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    copies.set(value, copy);
    for (const entry of value) copy.add(plainCopy(entry, copies, path));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const key of Object.keys(value)) {
    path.push(key);
    const raw = (value as Record<string, unknown>)[key];
    const entry = plainCopy(raw, copies, path);
    path.pop();
    if (entry !== undefined || raw === undefined) copy[key] = entry;
  }
  return copy;
}

/** An array's plain copy; a lazy Money column (a CLV result's `values`) as text straight from its whole units. */
function plainArray(value: unknown[], copies: Map<object, unknown>, path: (string | number)[]): unknown[] {
  const lazy = lazyMoneySource(value);
  const copy: unknown[] = new Array(value.length);
  copies.set(value, copy);
  if (lazy !== undefined) {
    for (let index = 0; index < copy.length; index++)
      copy[index] = unitsText(lazy.units[index] as number, lazy.decimals);
    return copy;
  }
  for (let index = 0; index < copy.length; index++) {
    path.push(index);
    copy[index] = plainCopy(value[index], copies, path);
    path.pop();
  }
  return copy;
}

/** decimal.js's own test (an instance of any clone, or of another copy of decimal.js). */
function isDecimal(value: object): value is Decimal {
  return (value as { toStringTag?: unknown }).toStringTag === "[object Decimal]";
}

function plainError(error: Error): PlainError {
  const { code, subject, rowIndex, issues } = error as Partial<InvalidInputError>;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof subject === "string" ? { subject } : {}),
    ...(typeof rowIndex === "number" ? { rowIndex } : {}),
    ...(Array.isArray(issues)
      ? {
          issues: (issues as readonly InputIssue[]).map((issue) => ({
            code: String(issue.code),
            path: issue.path.map((key: PropertyKey) => (typeof key === "number" ? key : String(key))),
            message: String(issue.message),
          })),
        }
      : {}),
  };
}

/** The decimal text of units × 10^(−decimals) for a whole number of units, as decimal.js's `toFixed()` writes it. */
function unitsText(units: number, decimals: number): string {
  if (decimals === 0) return String(units);
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  const text = fraction.length > 0 ? `${whole}.${fraction}` : whole;
  return negative && text !== "0" ? `-${text}` : text;
}
