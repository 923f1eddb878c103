import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { readOptions } from "../../input/read-options.js";

/** Options of {@link dummyCode}. */
export interface DummyCodeOptions {
  /** The covariate's name; each dummy is named `${name}=${level}`. */
  readonly name: string;
  /** The level every other level is compared with: it gets no dummy (its customers have all dummies 0). */
  readonly reference: string | number;
  /** All levels, in the order the dummies should come (default: the levels in order of first appearance). */
  readonly levels?: readonly (string | number)[];
}

/** Dummies of one categorical covariate: their names, one Float64Array per name, and a record per customer. */
export interface DummyCoding {
  readonly names: string[];
  readonly columns: Record<string, Float64Array>;
  readonly rows: Record<string, number>[];
}

/**
 * Turns a categorical covariate (segment, channel, region…) into 0/1 dummy covariates, one per level other than the
 * named reference level, as R's treatment contrasts do. A dummy's coefficient then compares its level with the
 * reference: exp(γ) is the factor by which the rate of that level's customers differs from the reference's.
 *
 * @param values - The category of each customer (strings or numbers).
 * @throws InvalidInputError for a missing or unknown category (with its row), or a reference that is not a level.
 *
 * @example
 * ```ts
 * const coding = dummyCode(["private", "fleet", "premium", "private"], { name: "segment", reference: "private" });
 * coding.names.join(", ") // "segment=fleet, segment=premium"
 * coding.rows[1]["segment=fleet"] // 1
 * ```
 */
export function dummyCode(values: readonly (string | number)[], options: DummyCodeOptions): DummyCoding {
  const subject = "categorical covariate";
  if (!Array.isArray(values))
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: [], message: "must be an array of categories" },
    ]);
  options = readOptions<DummyCodeOptions>(
    "dummy coding options",
    options,
    { name: true, reference: true, levels: true },
    { optional: false },
  );
  if (typeof options.name !== "string" || options.name === "") {
    throw new InvalidInputError("dummy coding options", [
      { code: "invalid_type", path: ["name"], message: "must be the covariate's name (a non-empty string)" },
    ]);
  }
  const levels: (string | number)[] = options.levels ? [...options.levels] : [];
  const known = new Set(levels);
  values.forEach((value, row) => {
    if (!(typeof value === "string" || (typeof value === "number" && Number.isFinite(value)))) {
      throw new InvalidInputError(
        subject,
        [{ code: "invalid_type", path: [options.name], message: `must be a string or a number, got ${shown(value)}` }],
        row,
      );
    }
    if (!known.has(value)) {
      if (options.levels) {
        throw new InvalidInputError(
          subject,
          [{ code: "custom", path: [options.name], message: `${value} is not one of the levels ${levels.join(", ")}` }],
          row,
        );
      }
      known.add(value);
      levels.push(value);
    }
  });
  if (!known.has(options.reference)) {
    throw new InvalidInputError("dummy coding options", [
      {
        code: "custom",
        path: ["reference"],
        message: `${shown(options.reference)} is not a level of ${options.name} (${levels.join(", ")})`,
      },
    ]);
  }
  const others = levels.filter((level) => level !== options.reference);
  const names = others.map((level) => `${options.name}=${level}`);
  const columns: Record<string, Float64Array> = {};
  others.forEach((level, k) => {
    columns[names[k] as string] = Float64Array.from(values, (value) => (value === level ? 1 : 0));
  });
  const rows = values.map((value) => Object.fromEntries(others.map((level, k) => [names[k], value === level ? 1 : 0])));
  return { names, columns, rows };
}
