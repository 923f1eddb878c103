import { AutoclvError, type InputIssue, InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { editDistance } from "./misspelt-keys.js";

/**
 * Every option name of an options type, each once: a name missing from it, or one the type does not have, is a
 * compile error, so the list a function checks against cannot drift from the type it documents. @internal
 */
export type OptionNames<T> = { readonly [K in keyof T]-?: true };

/** Where an options object sits, for messages and issue paths. @internal */
export interface OptionsPlace {
  /** The argument's name when the object is an argument of its own (default `options`); unused with `path`. */
  readonly argument?: string;
  /** The object's path inside the argument, when it is nested (e.g. `["rounding"]`). */
  readonly path?: readonly (string | number)[];
  /** Whether the object may be omitted (read as `{}`); default true. */
  readonly optional?: boolean;
  /** Names that are not options but that users write for one, with what to say instead (e.g. the option's name). */
  readonly hints?: Readonly<Record<string, string>>;
  /** What the names are, in messages (default `option`; e.g. `parameter`). */
  readonly kind?: string;
}

/**
 * The known name an unknown one most likely misspells, if any: the same letters but for case, within a few edits, or
 * the start of a longer name (`horizon` for `horizonYears`).
 */
function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (candidate.toLowerCase() === lower) return candidate;
    const distance = editDistance(lower, candidate.toLowerCase());
    const allowed = Math.min(3, Math.floor(Math.max(name.length, candidate.length) / 3));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined || lower.length < 4) return best;
  return known.find((candidate) => candidate.toLowerCase().startsWith(lower));
}

/** The issue for an option name the function does not have, with the closest valid name or the list of them. @internal */
export function unknownOptionIssue(
  name: string,
  known: readonly string[],
  path: readonly (string | number)[],
  hints: Readonly<Record<string, string>> = {},
  kind = "option",
): InputIssue {
  const suggestion = Object.hasOwn(hints, name) ? hints[name] : closestName(name, known);
  const hint =
    suggestion === undefined
      ? known.length === 0
        ? ` (this object takes no ${kind}s)`
        : ` (${kind}s: ${known.join(", ")})`
      : known.includes(suggestion)
        ? ` — did you mean \`${suggestion}\`?`
        : `: ${suggestion}`;
  return { code: "unrecognized_keys", path: [...path, name], message: `unknown ${kind} \`${name}\`${hint}` };
}

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

/**
 * The one option reader of the public functions: checks that `value` is an object (or omitted, when optional), that
 * every own key is one of `known` — naming the closest valid key ("unknown option `margn` — did you mean
 * `margin`?") — and returns a plain copy holding only the known keys that are set, each read once. A getter that
 * throws, or a proxy that refuses its keys, is a typed error naming the option, never the caller's own exception.
 * The values themselves are left to the function's checks. @internal
 */
export function readOptions<T extends object>(
  subject: string,
  value: unknown,
  known: OptionNames<T>,
  place: OptionsPlace = {},
): T {
  return copyRecord<T>(subject, value, known, place);
}

/**
 * A record whose keys are the caller's (named columns, rankings, segment maps): checked to be an object and copied
 * with each entry read once, like {@link readOptions} but with any key. @internal
 */
export function readRecord<T extends object>(subject: string, value: unknown, place: OptionsPlace = {}): T {
  return copyRecord<T>(subject, value, undefined, place);
}

function copyRecord<T extends object>(
  subject: string,
  value: unknown,
  known: Readonly<Record<string, true>> | undefined,
  place: OptionsPlace,
): T {
  const path = place.path ?? [];
  const where = place.path === undefined ? [place.argument ?? "options"] : path;
  if (value === undefined && place.optional !== false) return {} as T;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: where, message: `must be an object, got ${kindOf(value)}` },
    ]);
  }
  const issues: InputIssue[] = [];
  const copy: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch (error) {
    throw new InvalidInputError(subject, [unreadableIssue(where, error)]);
  }
  for (const key of keys) {
    if (known !== undefined && !Object.hasOwn(known, key)) {
      issues.push(unknownOptionIssue(key, Object.keys(known), path, place.hints, place.kind));
      continue;
    }
    try {
      const entry = (value as Record<string, unknown>)[key];
      // A key "__proto__" (from JSON.parse) is data: define it rather than set the copy's prototype.
      if (entry !== undefined)
        Object.defineProperty(copy, key, { value: entry, enumerable: true, writable: true, configurable: true });
    } catch (error) {
      issues.push(unreadableIssue([...path, key], error));
    }
  }
  if (issues.length > 0) throw new InvalidInputError(subject, issues);
  return copy as T;
}

/** The issue of input that could not be read (a throwing getter, a revoked proxy), at `path`. @internal */
export function unreadableIssue(path: readonly (string | number)[], error: unknown): InputIssue {
  return { code: "custom", path: [...path], message: `could not be read (${shown(error)})` };
}

/**
 * Runs a reading step of the input layer: an exception from the caller's own objects while they are read (a throwing
 * getter, a revoked proxy) becomes a typed error naming what could not be read; the library's own typed errors pass
 * through. Only reading belongs inside: computation errors must not be relabelled as input errors. @internal
 */
export function guardRead<T>(subject: string, path: readonly (string | number)[], read: () => T, rowIndex?: number): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof AutoclvError) throw error;
    throw new InvalidInputError(subject, [unreadableIssue(path, error)], rowIndex);
  }
}
