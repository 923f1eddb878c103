import { toSvg } from "./svg.js";

/** A Vega-Lite v5 specification: plain JSON that Jupyter, Deno notebooks, vega-embed and Observable render. */
export interface VegaLiteSpec {
  readonly $schema: string;
  readonly [key: string]: unknown;
}

/** The Vega-Lite MIME type notebooks render. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * Finishes a spec: adds the schema and, as a non-enumerable property (so JSON and equality ignore it), the
 * `Symbol.for("Jupyter.display")` method by which Deno's Jupyter kernel shows the object as a chart, with an SVG
 * fallback (rendered by {@link toSvg}) for front ends that cannot render Vega-Lite, such as GitHub's notebook view.
 * @internal
 */
export function chart(title: string, body: Record<string, unknown>): VegaLiteSpec {
  const spec: VegaLiteSpec = { $schema: SCHEMA, title, ...body };
  Object.defineProperty(spec, Symbol.for("Jupyter.display"), {
    enumerable: false,
    value: () => ({
      [VEGA_LITE_MIME]: JSON.parse(JSON.stringify(spec)),
      "image/svg+xml": toSvg(spec),
      "text/plain": `Vega-Lite chart: ${title}`,
    }),
  });
  return spec;
}

/** Rounds for compact chart data (12 significant digits keep the JSON short and exact enough to plot). @internal */
export function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}

/** The two series every actual-vs-model chart shows, in a fixed colour order. @internal */
export const SERIES_COLOURS = { domain: ["Actual", "Model"], range: ["#1f77b4", "#d62728"] } as const;
