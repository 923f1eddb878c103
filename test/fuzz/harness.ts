// The standing fuzz harness (issue 26): every public function is called from its valid call (public-calls.ts) with
// its arguments mutated at random paths — edge numbers, scaled numbers, numeric strings, dates, junk — and each call
// is held to five rules: no untyped throw, no call over 2 s, no NaN or ±Infinity in an answer it gives (a batch's
// NaN only at the rows it reports as errors), its input not mutated, and the same answer twice.
import fc from "fast-check";
import { AutoclvError } from "../../src/index.js";
import { PUBLIC_CALLS, run } from "../input/public-calls.js";

/** FUZZ_SCALE multiplies the runs: 1 in CI (≥ 20,000 calls), 10 for `npm run fuzz` (≥ 200,000). */
export const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));
export const SEED = Number(process.env.FUZZ_SEED ?? 26);
export const SLOW_MS = 2000;

/** Fits, simulations, calibrations, backtests: tens of milliseconds a call, so fewer runs. */
const HEAVY =
  /fit|simulate|calibrate|assess|generateDealerData|backtest|compareModels|tracking|check|diagnose|demo|recover|charts\./i;

export function runsFor(name: string): number {
  return SCALE * (HEAVY.test(name) ? 16 : 150);
}

/** What went wrong in one call. */
export interface Finding {
  readonly rule: "untyped throw" | "slow" | "non-finite" | "mutated input" | "not repeatable";
  readonly detail: string;
  readonly args: string;
}

const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2.5,
  7,
  52,
  365,
  1e-300,
  Number.MIN_VALUE,
  1e-12,
  1e-8,
  1e-3,
  1e3,
  1e6,
  1e8,
  1e12,
  1e15,
  1e300,
  Number.MAX_VALUE,
  -1e6,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
const FACTORS = [1e-12, 1e-6, 1e-3, 0.1, 0.5, 2, 10, 1e3, 1e6, 1e12, -1];
const OTHER_VALUES: (() => unknown)[] = [
  () => "",
  () => "abc",
  () => "1e3",
  () => "30",
  () => " 12.5 ",
  () => "2024-02-30",
  () => "2024-01-01",
  () => "2024-06-01T23:30:00-05:00",
  () => "01/02/2024",
  () => null,
  () => undefined,
  () => true,
  () => [],
  () => ({}),
  () => [1, 2],
  () => new Date(Number.NaN),
  () => new Date("2024-06-01T23:30:00Z"),
  () => new Float64Array([1, Number.NaN]),
  () => 10n,
  () => Symbol("fuzz"),
];

/** One mutation: which path (an index into the call's paths, wrapped), and what to put there. */
type Mutation = readonly [
  number,
  { kind: "edge"; value: number } | { kind: "scale"; factor: number } | { kind: "other"; pick: number },
];

export const mutations = fc.array(
  fc.tuple(
    fc.nat(),
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...EDGE_NUMBERS).map((value) => ({ kind: "edge" as const, value })) },
      { weight: 4, arbitrary: fc.constantFrom(...FACTORS).map((factor) => ({ kind: "scale" as const, factor })) },
      { weight: 2, arbitrary: fc.nat(OTHER_VALUES.length - 1).map((pick) => ({ kind: "other" as const, pick })) },
    ),
  ),
  { minLength: 0, maxLength: 3 },
);

type Path = (string | number)[];

/** The paths into a call's arguments: every argument, keys of plain objects, entries 0, 1 and last of arrays. */
function pathsOf(args: unknown[]): Path[] {
  const out: Path[] = [];
  const walk = (value: unknown, path: Path, depth: number) => {
    out.push(path);
    if (depth >= 4 || out.length > 400) return;
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const list = value as ArrayLike<unknown>;
      const picks = new Set([0, 1, list.length - 1].filter((index) => index >= 0 && index < list.length));
      for (const index of picks) walk(list[index], [...path, index], depth + 1);
    } else if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    }
  };
  args.forEach((argument, index) => {
    walk(argument, [index], 0);
  });
  return out;
}

function setAt(root: unknown[], path: Path, change: (old: unknown) => unknown): void {
  let parent: Record<string | number, unknown> = root as never;
  for (const key of path.slice(0, -1)) parent = parent[key] as never;
  const last = path[path.length - 1] as string | number;
  const value = change(parent[last]);
  // A typed array holds numbers only: anything else goes in as NaN.
  parent[last] = ArrayBuffer.isView(parent) && typeof value !== "number" ? Number.NaN : value;
}

/** Applies the mutations to freshly built arguments (typed arrays take only numbers: a junk value becomes NaN). */
export function mutated(name: string, list: readonly Mutation[]): unknown[] {
  // A deep copy: valid calls share their parameter records between calls.
  const args = copied((PUBLIC_CALLS[name] as { args: () => unknown[] }).args()) as unknown[];
  for (const [pick, what] of list) {
    const paths = pathsOf(args);
    const path = paths[pick % paths.length] as Path;
    try {
      setAt(args, path, (old) => {
        if (what.kind === "edge") return what.value;
        if (what.kind === "scale") return typeof old === "number" ? old * what.factor : old;
        return (OTHER_VALUES[what.pick] as () => unknown)();
      });
    } catch {
      // A frozen part of a valid call stays as it is.
    }
  }
  return args;
}

/** Plain objects, arrays and typed arrays copied all the way down; anything else (a Date, a Decimal) shared. */
function copied(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copied);
  if (ArrayBuffer.isView(value)) return (value as unknown as Float64Array).slice();
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copied(item)]));
  return value;
}

/** A deterministic picture of a value (typed arrays, dates, Decimals, functions, bigints and symbols included). */
export function snapshot(value: unknown, seen = new Set<unknown>()): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return "<function>";
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  if (seen.has(value)) return "<cycle>";
  seen.add(value);
  try {
    if (value instanceof Date) return `Date(${value.getTime()})`;
    if (ArrayBuffer.isView(value)) return `${value.constructor.name}[${Array.from(value as never).join(",")}]`;
    if (Array.isArray(value)) return `[${value.map((item) => snapshot(item, seen)).join(",")}]`;
    if (Object.getPrototypeOf(value) !== Object.prototype && typeof (value as object).toString === "function")
      return `${value.constructor?.name}(${String(value)})`;
    return `{${Object.keys(value)
      .map((key) => `${key}:${snapshot((value as Record<string, unknown>)[key], seen)}`)
      .join(",")}}`;
  } finally {
    seen.delete(value);
  }
}

/** Paths to NaN or ±Infinity in an answer; a batch result's NaN rows must be exactly its error rows. */
export function nonFinite(value: unknown, path = "", out: string[] = [], seen = new Set<unknown>()): string[] {
  if (out.length > 200) return out;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push(`${path || "result"} = ${value}`);
    return out;
  }
  if (value === null || typeof value !== "object" || seen.has(value)) return out;
  // `seen` holds the ancestors only (a cycle guard): a set of every object of a million-vehicle answer overflows.
  seen.add(value);
  try {
    return nonFiniteObject(value, path, out, seen);
  } finally {
    seen.delete(value);
  }
}

function nonFiniteObject(value: object, path: string, out: string[], seen: Set<unknown>): string[] {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) out.push(`${path} = Invalid Date`);
    return out;
  }
  if (ArrayBuffer.isView(value)) return nonFinite({ "": value }, path, out, seen);
  const decimal = value as { isFinite?: () => boolean; toString: () => string };
  if (typeof decimal.isFinite === "function" && decimal.constructor?.name?.includes("Decimal")) {
    if (!decimal.isFinite()) out.push(`${path} = ${decimal.toString()}`);
    return out;
  }
  // A batch (…Batch, psv.scoreBatch): NaN exactly at the rows its errors name, in every column.
  const errors = (value as { errors?: unknown }).errors;
  const rejected = Array.isArray(errors)
    ? new Set(errors.map((error: { rowIndex?: number }) => error?.rowIndex).filter((row) => row !== undefined))
    : undefined;
  for (const [key, item] of Object.entries(value)) {
    if (ArrayBuffer.isView(item) && rejected !== undefined) {
      const column = item as unknown as ArrayLike<number>;
      for (let index = 0; index < column.length && out.length <= 200; index++) {
        const entry = column[index] as number;
        if (!Number.isFinite(entry) && !rejected.has(index)) out.push(`${path}.${key}[${index}] = ${entry}`);
        if (key === "values" && !Number.isNaN(entry) && rejected.has(index))
          out.push(`${path}.${key}[${index}] = ${entry} at a rejected row`);
      }
    } else if (Array.isArray(item) && rejected !== undefined) {
      item.forEach((entry, index) => {
        if (!rejected.has(index)) nonFinite(entry, `${path}.${key}.${index}`, out, seen);
      });
    } else if (ArrayBuffer.isView(item)) {
      const column = item as unknown as ArrayLike<number>;
      for (let index = 0; index < column.length && out.length <= 200; index++)
        if (typeof column[index] === "number" && !Number.isFinite(column[index]))
          out.push(`${path}.${key}[${index}] = ${column[index]}`);
    } else nonFinite(item, `${path}.${key}`, out, seen);
  }
  return out;
}

function describe(args: unknown[]): string {
  const text = snapshot(args);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/**
 * Where a function's answer may hold NaN by its documented contract, and why (every other NaN or ±Infinity is a
 * finding). Report records say "not estimable" with NaN (JSON writes it as null); a pass-through returns its input;
 * an out-parameter is the caller's array, written on purpose.
 */
const ALLOWED_NON_FINITE: Record<string, RegExp> = {
  // Pearson correlation of a constant column, the total error when nothing was bought (documented NaN).
  "evaluate.holdoutErrors": /\.(correlation|totalError) =/,
  "evaluate.calibrationVsHoldout": /\.(correlation|totalError) =/,
  // A response rate of no contacts, an uplift the data cannot estimate (documented NaN).
  "evaluate.campaign":
    /(reachRate|responseRate|pooledRateDifference|relativeRate\.\w+|difference\.\w+|uplift\.\w+(\.\w+)?) =/,
  // A reminder effect at a lead with no treated or no control vehicles (documented NaN).
  "psv.calibrate": /\.reminder\.[\w.]*(notBackTreated|notBackControl|estimate|low|high) =/,
  // assertConverged returns the caller's own record; toPlainData a copy of the caller's value, numbers as they are.
  assertConverged: /./,
  toPlainData: /./,
  // The mean spend of a log read without an amount column (documented NaN).
  summarizeTransactions: /monetaryValue/,
  // AIC and BIC without the number of observations (documented NaN).
  "evaluate.compareModels": /\.(aic|bic) =/,
};

/**
 * The time a call may take: 2 s, plus, where the answer itself is as large as asked (a dealer world of a million
 * vehicles, a million simulated customers), a budget per row of it: work in proportion to the answer, not a hang.
 */
function budgetMs(name: string, args: unknown[]): number {
  const rows = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : 0);
  if (name === "generateDealerData") return SLOW_MS + 0.08 * rows((args[0] as { vehicles?: unknown })?.vehicles);
  if (/\.simulate$/.test(name)) return SLOW_MS + 0.01 * rows(args[1]);
  return SLOW_MS;
}
const MAY_WRITE_ARGUMENTS = new Set(["math.numericGradient"]); // writes the gradient into its `out` argument

/** Calls one public function on one set of arguments and returns what broke the rules (nothing if all held). */
export function check(name: string, args: unknown[], twice: boolean): Finding[] {
  const before = snapshot(args);
  const findings: Finding[] = [];
  const start = performance.now();
  let result: unknown;
  let error: unknown;
  try {
    result = run(name, args);
  } catch (caught) {
    error = caught;
  }
  const elapsed = performance.now() - start;
  if (elapsed > budgetMs(name, args))
    findings.push({ rule: "slow", detail: `${elapsed.toFixed(0)} ms`, args: describe(args) });
  if (error !== undefined && !(error instanceof AutoclvError))
    findings.push({ rule: "untyped throw", detail: String(error).slice(0, 300), args: describe(args) });
  if (!MAY_WRITE_ARGUMENTS.has(name) && snapshot(args) !== before)
    findings.push({ rule: "mutated input", detail: "", args: before.slice(0, 600) });
  if (error !== undefined || findings.length > 0) return findings;
  // math.* kernels answer NaN for arguments outside their domain by contract (as Math.log does): not a finding.
  const allowed = ALLOWED_NON_FINITE[name];
  const bad = name.startsWith("math.") ? [] : nonFinite(result).filter((path) => !allowed?.test(path));
  if (bad.length > 0) findings.push({ rule: "non-finite", detail: bad.slice(0, 6).join("; "), args: describe(args) });
  if (twice && !/simulate|sample|createRandomSource|generateDealerData/.test(name)) {
    let again: unknown;
    try {
      again = run(name, args);
    } catch (caught) {
      again = caught;
    }
    if (snapshot(again) !== snapshot(result))
      findings.push({ rule: "not repeatable", detail: "a second call gave another answer", args: describe(args) });
  }
  return findings;
}
