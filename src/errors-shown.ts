/**
 * A value as error messages show it, without ever throwing: primitives as `String` writes them, objects by their
 * text when they have one, else "an object" / "an array" (an object without a prototype, or with a throwing
 * `toString`, must not turn a typed error into a TypeError). @internal
 */
export function shown(value: unknown): string {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return String(value);
  try {
    return String(value);
  } catch {
    return Array.isArray(value) ? "an array" : typeof value === "function" ? "a function" : "an object";
  }
}

/** A value as messages quote it, without ever throwing: strings in JSON quotes, anything else as {@link shown}. @internal */
export function quoted(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : shown(value);
}
