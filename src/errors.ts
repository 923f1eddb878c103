import { shown } from "./errors-shown.js";
/**
 * Typed errors of autoclv. Every error the library throws is an {@link AutoclvError} with a stable `code`,
 * so callers can branch on `error.code` instead of parsing messages.
 *
 * @module
 */

/** Stable machine-readable error codes. */
export type AutoclvErrorCode = "INVALID_INPUT" | "CONVERGENCE";

/**
 * One problem found in an input, in the shape zod 4 reports it (zod's issues satisfy this type), so that the
 * error layer does not depend on zod.
 */
export interface InputIssue {
  /** Kind of problem, e.g. `too_small`, `invalid_type`, `custom`. */
  readonly code: string;
  /** Where in the record the problem is, e.g. `["amount"]` or `["vehicles", 3, "odometerKm"]`. */
  readonly path: readonly PropertyKey[];
  /** What was wrong and what is allowed. */
  readonly message: string;
}

/** A brand every autoclv error carries: the kinds along its class chain (global symbol, shared by every copy). */
const KINDS = Symbol.for("autoclv.error.kinds");

/**
 * Base class of every error autoclv throws. `instanceof` holds across copies of the library (the ESM and the
 * CommonJS build loaded side by side, or two bundled copies): errors carry a brand, and each class recognises it.
 */
export class AutoclvError extends Error {
  /** The kind this class recognises (stable across copies of the library). */
  static readonly kind: string = "AutoclvError";

  // `this` is the class on the right of `instanceof` (a subclass inherits this method): it must be read here.
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: the class being tested is `this`, not AutoclvError
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kinds = value !== null && typeof value === "object" ? (value as { [KINDS]?: unknown })[KINDS] : undefined;
    // biome-ignore lint/complexity/noThisInStatic: as above
    return Array.isArray(kinds) && kinds.includes((this as unknown as { kind: string }).kind);
  }

  /** Stable code of the error kind. */
  readonly code: AutoclvErrorCode;

  constructor(code: AutoclvErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AutoclvError";
    this.code = code;
    const kinds: string[] = [];
    for (let type: unknown = new.target; typeof type === "function" && Object.hasOwn(type, "kind"); ) {
      kinds.push((type as unknown as { kind: string }).kind);
      type = Object.getPrototypeOf(type);
    }
    Object.defineProperty(this, KINDS, { value: kinds });
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : shown(part)))
    .join(".")
    .replaceAll(".[", "[");
}

/**
 * Input that does not satisfy the documented schema. Carries every issue found (not only the first) and, when
 * the input was one row of a batch, the row's zero-based index.
 *
 * @example
 * ```ts
 * try { parseMoney("12,50") } catch (error) {
 *   if (error instanceof InvalidInputError) console.log(error.issues[0].message);
 * }
 * ```
 */
export class InvalidInputError extends AutoclvError {
  static override readonly kind: string = "InvalidInputError";

  /** All problems found, each with its path inside the record. */
  readonly issues: readonly InputIssue[];
  /** Zero-based index of the offending row when a batch was validated; `undefined` for a single record. */
  readonly rowIndex: number | undefined;
  /** What was being validated, e.g. `"transaction"` or `"customer summary"`. */
  readonly subject: string;

  constructor(subject: string, issues: readonly InputIssue[], rowIndex?: number) {
    const where = rowIndex === undefined ? "" : ` at row ${rowIndex}`;
    const details = issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join("; ");
    super("INVALID_INPUT", `Invalid ${subject}${where}: ${details}`);
    this.name = "InvalidInputError";
    this.issues = issues;
    this.rowIndex = rowIndex;
    this.subject = subject;
  }
}

/** Summary of an optimisation run, as carried by {@link ConvergenceError}. */
export interface FailedFit {
  readonly converged: boolean;
  readonly iterations: number;
  readonly message: string;
  readonly [key: string]: unknown;
}

/**
 * A model fit that did not converge. Thrown only on request (for example by `assertConverged`): fitting itself
 * returns `converged: false` so that callers can inspect the partial result. The failed fit is kept in `fit`.
 */
export class ConvergenceError extends AutoclvError {
  static override readonly kind: string = "ConvergenceError";

  /** The fit result that failed to converge. */
  readonly fit: FailedFit;

  constructor(fit: FailedFit, context = "model fit") {
    super("CONVERGENCE", `The ${context} did not converge after ${fit.iterations} iterations: ${fit.message}`);
    this.name = "ConvergenceError";
    this.fit = fit;
  }
}

/**
 * Throws {@link ConvergenceError} unless `fit.converged` is true; returns the fit unchanged otherwise, so it can
 * wrap a call: `const fit = assertConverged(bgnbd.fit(data))`.
 *
 * @example
 * ```ts
 * assertConverged({ converged: true, iterations: 12, message: "ok" }).iterations // 12
 * ```
 */
export function assertConverged<T extends FailedFit>(fit: T, context?: string): T {
  let converged: unknown;
  try {
    converged = fit !== null && typeof fit === "object" ? fit.converged : undefined;
  } catch {
    converged = undefined; // a failing getter: not a fit record
  }
  if (typeof converged !== "boolean") {
    throw new InvalidInputError("fit", [
      { code: "invalid_type", path: ["converged"], message: "must be a fit record with a converged flag" },
    ]);
  }
  if (!converged) throw new ConvergenceError(fit, context);
  return fit;
}
