import { InvalidInputError } from "../errors.js";
import { quoted } from "../errors-shown.js";

const MS_PER_DAY = 86_400_000;
const QUARTER_HOUR = 900_000;

/** Reads instants as civil days in one IANA zone; offsets are cached by quarter hour (transitions fall on them). */
interface ZoneReader {
  readonly format: Intl.DateTimeFormat;
  readonly offsets: Map<number, number>;
}

const readers = new Map<string, ZoneReader>();
let active: ZoneReader | undefined;

function readerFor(timeZone: unknown): ZoneReader | undefined {
  if (timeZone === undefined || timeZone === "UTC" || timeZone === "Etc/UTC") return undefined;
  const known = typeof timeZone === "string" ? readers.get(timeZone) : undefined;
  if (known !== undefined) return known;
  let format: Intl.DateTimeFormat | undefined;
  if (typeof timeZone === "string" && timeZone !== "") {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
      });
    } catch {
      format = undefined;
    }
  }
  if (format === undefined) {
    throw new InvalidInputError("options", [
      {
        code: "custom",
        path: ["timeZone"],
        message: `must be an IANA time zone name such as "Asia/Shanghai" or "UTC", got ${quoted(timeZone)}`,
      },
    ]);
  }
  const reader = { format, offsets: new Map<number, number>() };
  readers.set(timeZone as string, reader);
  return reader;
}

/** The zone's offset from UTC, in ms, at an instant: its wall clock read as if it were UTC, minus the instant. */
function offsetAt(reader: ZoneReader, ms: number): number {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const cached = reader.offsets.get(bucket);
  if (cached !== undefined) return cached;
  const at = bucket * QUARTER_HOUR;
  const part: Record<string, number> = {};
  for (const { type, value } of reader.format.formatToParts(at)) part[type] = Number(value);
  const wall = Date.UTC(part["year"] ?? 1970, (part["month"] ?? 1) - 1, part["day"] ?? 1, part["hour"], part["minute"]);
  const offset = wall - at;
  if (reader.offsets.size > 100_000) reader.offsets.clear();
  reader.offsets.set(bucket, offset);
  return offset;
}

/**
 * Runs `run` with date-times with an offset, and Date objects, read as civil days in `timeZone` (an IANA name;
 * "UTC": their UTC day; undefined: the zone already in force, UTC outside any call). Parsing is synchronous, so the zone is set for the call and restored after it,
 * however it ends. An unknown zone is an InvalidInputError naming the `timeZone` option. @internal
 */
export function withTimeZone<T>(timeZone: unknown, run: () => T): T {
  // No zone given: keep the caller's (a public function calling another must not fall back to UTC midway).
  if (timeZone === undefined) return run();
  const reader = readerFor(timeZone);
  const previous = active;
  active = reader;
  try {
    return run();
  } finally {
    active = previous;
  }
}

/**
 * The civil day (days since 1970-01-01) of an instant in the zone of the current {@link withTimeZone} call, or
 * undefined when that zone is UTC (the instant's own UTC day applies). @internal
 */
export function civilDayInActiveZone(ms: number): number | undefined {
  if (active === undefined) return undefined;
  return Math.floor((ms + offsetAt(active, ms)) / MS_PER_DAY);
}
