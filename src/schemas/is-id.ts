/**
 * Whether a value is an id as the library accepts them everywhere (customers, vehicles): a non-empty string or a
 * finite number (zod's `idSchema` states the same rule). A plain function, so hot loops inline it. @internal
 */
export function isId(value: unknown): value is string | number {
  return (typeof value === "string" && value !== "") || (typeof value === "number" && Number.isFinite(value));
}
