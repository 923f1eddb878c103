import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, type OptionNames, readOptions } from "../input/read-options.js";
import { plainSpec, toSvg } from "./svg.js";

/** A Vega-Lite v5 specification: plain JSON that Jupyter, Deno notebooks, vega-embed and Observable render. */
export interface VegaLiteSpec {
  readonly $schema: string;
  readonly [key: string]: unknown;
}

/** The Vega-Lite MIME type notebooks render. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const SCHEMA_V6 = "https://vega.github.io/schema/vega-lite/v6.json";

/**
 * Finishes a spec: adds the schema and, as a non-enumerable property (so JSON and equality ignore it), the
 * `Symbol.for("Jupyter.display")` method by which Deno's Jupyter kernel shows the object as a chart, with an SVG
 * fallback (rendered by {@link toSvg}) for front ends that cannot render Vega-Lite, such as GitHub's notebook view.
 * @internal
 */
export function chart(title: string, body: Record<string, unknown>): VegaLiteSpec {
  const spec: VegaLiteSpec = { $schema: SCHEMA, title, ...body };
  const where = nonFinitePath(body, "");
  if (where !== undefined) {
    throw new InvalidInputError(`${title} chart`, [
      { code: "custom", path: [], message: `must plot finite numbers, got ${where}` },
    ]);
  }
  return withDisplay(spec, title);
}

/**
 * A chart of `autoclv/charts` declared as Vega-Lite 6 (`$schema` v6), for vega-embed 7, which notes a v5 spec in the
 * console: the same JSON otherwise, which Vega-Lite 6 compiles without a warning and renders with its legends (CI
 * checks every chart under Vega-Lite 6.4 and vega 6). Jupyter's renderer stays on the v5 MIME type.
 *
 * @example
 * ```ts
 * charts.forVegaLite6(charts.valueByAge([{ age: 1, component: "maintenance", value: 100 }])).$schema // "https://vega.github.io/schema/vega-lite/v6.json"
 * ```
 */
export function forVegaLite6(spec: VegaLiteSpec): VegaLiteSpec {
  const ok = guardRead(
    "chart",
    [],
    () => spec !== null && typeof spec === "object" && (spec.$schema === SCHEMA || spec.$schema === SCHEMA_V6),
  );
  if (!ok)
    throw new InvalidInputError("chart", [
      {
        code: "custom",
        path: ["$schema"],
        message: `must be a chart of autoclv/charts (Vega-Lite v5), got ${shown(spec)}`,
      },
    ]);
  const copy: VegaLiteSpec = { ...plainSpec(spec, "chart"), $schema: SCHEMA_V6 };
  return withDisplay(copy, typeof copy["title"] === "string" ? copy["title"] : "chart");
}

/** Adds the notebook display to a spec (see {@link chart}). */
function withDisplay(spec: VegaLiteSpec, title: string): VegaLiteSpec {
  Object.defineProperty(spec, Symbol.for("Jupyter.display"), {
    enumerable: false,
    value: () => {
      const svg = toSvg(spec);
      return {
        [VEGA_LITE_MIME]: { ...JSON.parse(JSON.stringify(spec)), $schema: SCHEMA }, // the renderer's version
        "image/svg+xml": svg,
        // An image inside HTML: what `jupyter nbconvert --to html` keeps (nbconvert 7 sanitises raw SVG outputs to
        // their text); front ends that render Vega-Lite rank it first and ignore this.
        "text/html": `<img alt="${title.replace(/[&"<]/g, (c) => `&#${c.charCodeAt(0)};`)}" src="data:image/svg+xml,${encodeURIComponent(svg)}">`,
        "text/plain": `Vega-Lite chart: ${title}`,
      };
    },
  });
  return spec;
}

/** The first NaN or ±Infinity in a spec's body (as "data.values.1.customers = NaN"), or undefined. */
function nonFinitePath(value: unknown, path: string): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path.slice(1)} = ${value}`;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinitePath(item, `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Rounds for compact chart data (12 significant digits keep the JSON short and exact enough to plot). @internal */
export function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}

/** The two series every actual-vs-model chart shows, in a fixed colour order. @internal */
export const SERIES_COLOURS = { domain: ["Actual", "Model"], range: ["#1f77b4", "#d62728"] } as const;

/**
 * Checks a chart's input — an array of records (or, with `object`, a record) with `fields` (each `name` or
 * `name:kind`, kind `number`, `array` or `object`) — and reads its options with the one option reader (`names`: the
 * chart's options). @internal
 */
export function chartInput<Options extends object>(
  name: string,
  value: unknown,
  kind: "array" | "object" = "array",
  options: Options | undefined = undefined,
  fields: readonly string[] = [],
  names: readonly (keyof Options & string)[] = [],
): Options {
  const hasFields = (record: unknown) =>
    record !== null &&
    typeof record === "object" &&
    fields.every((field) => {
      const [key, kind] = field.split(":") as [string, string | undefined];
      const entry = (record as Record<string, unknown>)[key];
      if (kind === "number") return typeof entry === "number" && Number.isFinite(entry);
      if (kind === "array") return Array.isArray(entry);
      if (kind === "object") return entry !== null && typeof entry === "object";
      return entry !== undefined && entry !== null;
    });
  const ok = guardRead(`${name} chart`, [], () =>
    kind === "array"
      ? Array.isArray(value) && value.every(hasFields)
      : value !== null && typeof value === "object" && !Array.isArray(value) && hasFields(value),
  );
  const read = readOptions(
    `${name} chart`,
    options,
    Object.fromEntries(names.map((option) => [option, true])) as OptionNames<Options>,
  );
  // Labels are text: a number or a Date as a title reached the spec as NaN or an Invalid Date.
  for (const [option, value] of Object.entries(read))
    if (/title|Name$|currency/.test(option) && value !== undefined && typeof value !== "string")
      throw new InvalidInputError(`${name} chart`, [
        { code: "invalid_type", path: [option], message: `must be a string, got ${shown(value)}` },
      ]);
  if (!ok) {
    const got = value === null ? "null" : typeof value;
    throw new InvalidInputError(`${name} chart`, [
      {
        code: "invalid_type",
        path: [],
        message: `needs ${kind === "array" ? "an array of plot-ready records" : "a plot-ready record"}${fields.length > 0 ? ` with ${fields.map((field) => field.replace(":", " (") + (field.includes(":") ? ")" : "")).join(", ")}` : ""} (as evaluate returns it), got ${shown(got)}`,
      },
    ]);
  }
  return read;
}
