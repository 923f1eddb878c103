import { hashKey } from "./hash-key.js";

/**
 * Plain JSON of the statistics a calibration round hands between processes: a number that is not finite becomes
 * `{ $number: "NaN" | "Infinity" | "-Infinity" }`, a Map `{ $map: [key, value][] }`, a hole or an undefined element of
 * an array `{ $undefined: 1 }`; undefined properties are left out, as JSON does. {@link decodeStatistics} restores
 * them. @internal
 */
export function encodeStatistics(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : { $number: String(value) };
  if (value instanceof Map)
    return { $map: [...value].map(([key, entry]) => [encodeStatistics(key), encodeStatistics(entry)]) };
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    for (let index = 0; index < value.length; index++)
      list.push(value[index] === undefined ? { $undefined: 1 } : encodeStatistics(value[index]));
    return list;
  }
  if (value !== null && typeof value === "object") {
    const record: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) if (entry !== undefined) record[key] = encodeStatistics(entry);
    return record;
  }
  return value;
}

/** The statistics {@link encodeStatistics} wrote. @internal */
export function decodeStatistics(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeStatistics);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === "$number") return Number(record["$number"]);
  if (keys.length === 1 && keys[0] === "$undefined") return undefined;
  if (keys.length === 1 && keys[0] === "$map")
    return new Map(
      (record["$map"] as [unknown, unknown][]).map(([key, entry]) => [decodeStatistics(key), decodeStatistics(entry)]),
    );
  return Object.fromEntries(keys.map((key) => [key, decodeStatistics(record[key])]));
}

/** A checksum of a body's JSON text: a round or statistics changed (or hand-made) after they were written fail it. @internal */
export function checksumOf(body: unknown): string {
  const text = JSON.stringify(body);
  return `${hashKey(text, 0x5eed).toString(16)}-${hashKey(text, 0xca11).toString(16)}-${text.length}`;
}
