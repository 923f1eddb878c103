import { type InputIssue, InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";

/** How far a long call has come, as its `onProgress` callback receives it. */
export interface Progress {
  /** The stage running, e.g. "optimise", "standard errors", "owner behaviour", "outlooks". */
  readonly stage: string;
  /**
   * The share of the call's work done, from 0 to 1: never falls, and is 1 at the end. For an optimiser it is the
   * share of `maxIterations` used (an upper bound on the work left: a fit that converges jumps to 1).
   */
  readonly fraction: number;
}

/**
 * Progress reports and cancellation, taken by the long calls (every model's `fit`, `psv.calibrate`,
 * `psv.assessCustomers`). Both work inside the call, which runs synchronously: `onProgress` is called at each stage
 * and each optimiser iteration (in a Web Worker, it can `postMessage` the progress to the page while the work goes
 * on), and `signal` is checked at the same points.
 */
export interface ProgressOptions {
  /** Called as the call advances, with its stage and the share done; whatever it throws ends the call. */
  readonly onProgress?: (progress: Progress) => void;
  /**
   * Stops the call at its next progress point once aborted (an already aborted signal stops it before any work):
   * the call throws `signal.reason`, an "AbortError" DOMException unless the signal was aborted with another reason.
   * Abort it from `onProgress` (a time budget, a cancel flag) or, in a Web Worker, end the worker (`terminate()`).
   */
  readonly signal?: AbortSignalLike;
}

/** What autoclv reads of an `AbortSignal` (the DOM's, Node's or Deno's: any object with these). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/** Reports a stage and the share of the work done (checking the signal first). @internal */
export type Reporter = (stage: string, fraction: number) => void;

/** A reporter that reports nothing (no options given). @internal */
export const SILENT: Reporter = () => {};

/** The option names of {@link ProgressOptions}, for the readers of options that extend it. @internal */
export const PROGRESS_OPTION_NAMES = { onProgress: true, signal: true } as const;

/**
 * The reporter of a call's progress options, checked: `onProgress` must be a function and `signal` an AbortSignal
 * (anything with a boolean `aborted`, so a signal from another realm is one too). Aborted signals throw at once.
 * Fractions are kept within [0, 1] and never fall. @internal
 */
export function readProgress(subject: string, options: ProgressOptions): Reporter {
  const { onProgress, signal } = options;
  const issues: InputIssue[] = [];
  if (onProgress !== undefined && typeof onProgress !== "function")
    issues.push({ code: "custom", path: ["onProgress"], message: `must be a function, got ${shown(onProgress)}` });
  if (signal !== undefined && !isAbortSignal(signal))
    issues.push({ code: "custom", path: ["signal"], message: `must be an AbortSignal, got ${shown(signal)}` });
  if (issues.length > 0) throw new InvalidInputError(subject, issues);
  if (onProgress === undefined && signal === undefined) return SILENT;
  let done = 0;
  const report: Reporter = (stage, fraction) => {
    if (signal?.aborted) throw abortReason(signal);
    done = Math.min(1, Math.max(done, fraction));
    onProgress?.({ stage, fraction: done });
  };
  if (signal?.aborted) throw abortReason(signal);
  return report;
}

/** A reporter for a part of the work: its fractions 0–1 are `from` to `to` of the whole. @internal */
export function partOf(report: Reporter, from: number, to: number): Reporter {
  if (report === SILENT) return SILENT;
  return (stage, fraction) => report(stage, from + (to - from) * Math.min(1, Math.max(0, fraction)));
}

function isAbortSignal(value: unknown): value is AbortSignalLike {
  return value !== null && typeof value === "object" && typeof (value as { aborted?: unknown }).aborted === "boolean";
}

/** What an aborted call throws: the signal's reason, or an "AbortError" DOMException when it has none. */
function abortReason(signal: AbortSignalLike): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const { DOMException } = globalThis as { DOMException?: new (message: string, name: string) => Error };
  const message = "The operation was aborted.";
  if (DOMException !== undefined) return new DOMException(message, "AbortError");
  return Object.assign(new Error(message), { name: "AbortError" });
}
