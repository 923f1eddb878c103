import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { chartInput, type VegaLiteSpec } from "./chart.js";

// A small SVG renderer for the Vega-Lite subset the chart functions write: line, area (stacked), bar (grouped with
// xOffset), rect (heat maps and x/x2 ranges), rule and text marks; quantitative and ordinal x/y; nominal colour and
// dash legends; a quantitative colour ramp; layers and hconcat. It is the fallback where Vega-Lite does not render
// (GitHub's notebook view, static reports), not a general Vega-Lite implementation.

type Datum = Record<string, unknown>;
type Spec = Record<string, unknown>;
interface Channel {
  readonly field?: string;
  readonly type?: string;
  readonly title?: string | null;
  readonly sort?: readonly unknown[];
  readonly value?: unknown;
  readonly scale?: {
    readonly domain?: readonly unknown[];
    readonly range?: readonly unknown[];
    readonly scheme?: string;
  };
  readonly axis?: { readonly format?: string; readonly values?: readonly unknown[] };
  readonly stack?: string | null;
}
interface Layer {
  readonly mark: { readonly type: string; readonly [key: string]: unknown };
  readonly encoding: Record<string, Channel | undefined>;
  readonly data: readonly Datum[];
}
interface Scale {
  (value: unknown): number;
  readonly ticks: readonly { readonly value: unknown; readonly label: string; readonly at: number }[];
  readonly bandwidth: number;
}

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
const FONT = 'font-family="sans-serif"';

function escapeXml(text: unknown): string {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function number(value: unknown): number {
  return typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
}

/** Pixel positions to 0.01 px: exact enough to draw, and the SVG stays small. */
function pixel(value: number): number {
  return Math.round(value * 100) / 100;
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

function formatTick(value: number, format: string | undefined, step: number): string {
  if (format === "%") return `${Math.round(value * 100)}%`;
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return value.toFixed(Math.min(decimals, 6));
}

function linearScale(
  values: readonly number[],
  range: [number, number],
  channel: Channel | undefined,
  zero: boolean,
): Scale {
  const domain = channel?.scale?.domain;
  let low = domain ? number(domain[0]) : Math.min(...values);
  let high = domain ? number(domain[1]) : Math.max(...values);
  if (!domain && zero) {
    low = Math.min(0, low);
    high = Math.max(0, high);
  }
  if (!(Number.isFinite(low) && Number.isFinite(high))) [low, high] = [0, 1];
  if (high === low) high = low + 1;
  if (!domain) {
    const domainStep = niceStep(high - low, 10);
    low = Math.floor(low / domainStep + 1e-9) * domainStep;
    high = Math.ceil(high / domainStep - 1e-9) * domainStep;
  }
  const step = niceStep(high - low, 5);
  const map = (value: unknown) => pixel(range[0] + ((number(value) - low) / (high - low)) * (range[1] - range[0]));
  const ticks = [];
  for (let index = Math.ceil(low / step - 1e-9); index * step <= high + step * 1e-9; index++) {
    const tick = index * step;
    ticks.push({ value: tick, label: formatTick(tick, channel?.axis?.format, step), at: map(tick) });
  }
  return Object.assign(map, { ticks, bandwidth: 0 });
}

function bandScale(values: readonly unknown[], range: [number, number], channel: Channel | undefined): Scale {
  const seen = new Set<string>();
  const order: string[] = [];
  for (const value of [...(channel?.sort ?? []), ...values]) {
    const key = String(value);
    if (!seen.has(key) && values.some((candidate) => String(candidate) === key)) {
      seen.add(key);
      order.push(key);
    }
  }
  const band = pixel((range[1] - range[0]) / Math.max(1, order.length));
  const map = (value: unknown) => pixel(range[0] + band * order.indexOf(String(value)));
  const shown = channel?.axis?.values?.map(String);
  const ticks = order
    .filter((key) => shown === undefined || shown.includes(key))
    .map((key) => ({ value: key, label: key, at: map(key) + band / 2 }));
  return Object.assign(map, { ticks, bandwidth: band });
}

function flattenLayers(
  spec: Spec,
  inherited: readonly Datum[],
  encoding: Record<string, Channel | undefined>,
): Layer[] {
  const data = ((spec["data"] as { values?: Datum[] } | undefined)?.values ?? inherited) as readonly Datum[];
  const merged = { ...encoding, ...((spec["encoding"] as Record<string, Channel>) ?? {}) };
  if (Array.isArray(spec["layer"])) {
    return (spec["layer"] as Spec[]).flatMap((child) => flattenLayers(child, data, merged));
  }
  const mark = spec["mark"];
  if (mark === undefined || mark === null || (typeof mark !== "string" && typeof mark !== "object")) return [];
  return [{ mark: typeof mark === "string" ? { type: mark } : (mark as Layer["mark"]), encoding: merged, data }];
}

function colourOf(layers: readonly Layer[]): {
  legend: [string, string][];
  of: (datum: Datum, layer: Layer) => string;
} {
  const nominal = layers.find((layer) => layer.encoding["color"]?.field && layer.encoding["color"]?.type === "nominal");
  const channel = nominal?.encoding["color"];
  const keys: string[] = [];
  if (channel?.field) {
    for (const value of channel.scale?.domain ?? []) keys.push(String(value));
    for (const layer of layers) {
      if (layer.encoding["color"]?.field !== channel.field) continue;
      for (const datum of layer.data) {
        const key = String(datum[channel.field]);
        if (!keys.includes(key)) keys.push(key);
      }
    }
  }
  const range = (channel?.scale?.range as string[] | undefined) ?? PALETTE;
  const colourByKey = new Map(keys.map((key, index) => [key, range[index % range.length] as string]));
  const quantitative = layers.find((layer) => layer.encoding["color"]?.type === "quantitative");
  const quantitativeField = quantitative?.encoding["color"]?.field;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  if (quantitative && quantitativeField) {
    for (const datum of quantitative.data) {
      const value = number(datum[quantitativeField]);
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  return {
    legend: [...colourByKey.entries()],
    of: (datum, layer) => {
      const colour = layer.encoding["color"];
      if (colour?.type === "quantitative" && colour.field) {
        const share = high > low ? (number(datum[colour.field]) - low) / (high - low) : 1;
        const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
        return `rgb(${mix(247, 8)},${mix(251, 48)},${mix(255, 107)})`;
      }
      if (colour?.field) return colourByKey.get(String(datum[colour.field])) ?? (PALETTE[0] as string);
      return (layer.mark["color"] as string | undefined) ?? (PALETTE[0] as string);
    },
  };
}

function dashOf(layer: Layer, datum: Datum | undefined): string {
  const channel = layer.encoding["strokeDash"];
  let dash: unknown = layer.mark["strokeDash"];
  if (channel?.field && datum) {
    const domain = (channel.scale?.domain ?? []).map(String);
    const index = domain.indexOf(String(datum[channel.field]));
    dash = index >= 0 ? channel.scale?.range?.[index] : undefined;
  }
  return Array.isArray(dash) && !(dash.length === 2 && dash[1] === 0) ? ` stroke-dasharray="${dash.join(",")}"` : "";
}

function titleOf(value: unknown): { text: string; subtitle: string[] } {
  if (typeof value === "string") return { text: value, subtitle: [] };
  const record = (value ?? {}) as { text?: string; subtitle?: string | string[] };
  const subtitle =
    record.subtitle === undefined ? [] : Array.isArray(record.subtitle) ? record.subtitle : [record.subtitle];
  return { text: record.text ?? "", subtitle };
}

/** Renders one view (a spec with mark or layer) at (left, top); returns its SVG and its size. */
function renderView(spec: Spec, left: number, top: number): { svg: string; width: number; height: number } {
  const width = number(spec["width"] ?? 400);
  const height = number(spec["height"] ?? 260);
  const title = titleOf(spec["title"]);
  const layers = flattenLayers(spec, [], {});
  const colours = colourOf(layers);
  const withLegend = colours.legend.length > 1;
  const titleHeight = title.text ? 22 + 14 * title.subtitle.length : 0;
  const plotLeft = left + 62;
  const plotTop = top + titleHeight + 8;
  const plotBottom = plotTop + height;
  const plotRight = plotLeft + width;
  const xChannel = layers.map((layer) => layer.encoding["x"]).find((channel) => channel?.field);
  const yChannel = layers.map((layer) => layer.encoding["y"]).find((channel) => channel?.field);
  const collect = (axis: "x" | "y"): unknown[] =>
    layers.flatMap((layer) => {
      const channel = layer.encoding[axis];
      const other = layer.encoding[axis === "x" ? "x2" : "y2"];
      if (!channel?.field) return [];
      const stacked = axis === "y" && layer.mark.type === "area" && channel.stack !== null;
      if (stacked) return stackTotals(layer);
      return layer.data.flatMap((datum) => [
        datum[channel.field as string],
        ...(other?.field ? [datum[other.field]] : []),
      ]);
    });
  const xValues = collect("x").filter((value) => value !== undefined);
  const yValues = collect("y").filter((value) => value !== undefined);
  const ordinal = (channel: Channel | undefined) => channel?.type === "ordinal" || channel?.type === "nominal";
  const x = ordinal(xChannel)
    ? bandScale(xValues, [plotLeft, plotRight], xChannel)
    : linearScale(xValues.map(number), [plotLeft, plotRight], xChannel, false);
  const y = ordinal(yChannel)
    ? bandScale(yValues, [plotTop, plotBottom], yChannel)
    : linearScale(yValues.map(number), [plotBottom, plotTop], yChannel, true);
  const parts: string[] = [];
  if (title.text) {
    parts.push(
      `<text x="${plotLeft}" y="${top + 16}" font-size="14" font-weight="bold" ${FONT}>${escapeXml(title.text)}</text>`,
    );
    title.subtitle.forEach((line, index) => {
      parts.push(
        `<text x="${plotLeft}" y="${top + 32 + 14 * index}" font-size="11" fill="#555" ${FONT}>${escapeXml(line)}</text>`,
      );
    });
  }
  for (const tick of y.ticks) {
    if (!ordinal(yChannel))
      parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${tick.at}" y2="${tick.at}" stroke="#eee"/>`);
    parts.push(
      `<text x="${plotLeft - 6}" y="${tick.at + 4}" font-size="10" text-anchor="end" ${FONT}>${escapeXml(tick.label)}</text>`,
    );
  }
  for (const tick of x.ticks) {
    parts.push(
      `<text x="${tick.at}" y="${plotBottom + 14}" font-size="10" text-anchor="middle" ${FONT}>${escapeXml(tick.label)}</text>`,
    );
  }
  parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" stroke="#888"/>`);
  parts.push(`<line x1="${plotLeft}" x2="${plotLeft}" y1="${plotTop}" y2="${plotBottom}" stroke="#888"/>`);
  const axisTitle = (channel: Channel | undefined) =>
    channel?.title === null ? "" : (channel?.title ?? channel?.field ?? "");
  parts.push(
    `<text x="${(plotLeft + plotRight) / 2}" y="${plotBottom + 32}" font-size="11" text-anchor="middle" ${FONT}>${escapeXml(axisTitle(xChannel))}</text>`,
  );
  const yMiddle = (plotTop + plotBottom) / 2;
  parts.push(
    `<text x="${left + 12}" y="${yMiddle}" font-size="11" text-anchor="middle" transform="rotate(-90 ${left + 12} ${yMiddle})" ${FONT}>${escapeXml(axisTitle(yChannel))}</text>`,
  );
  for (const layer of layers) parts.push(renderLayer(layer, x, y, colours.of, plotTop, plotBottom));
  let legendWidth = 0;
  if (withLegend) legendWidth = renderLegend(colours.legend, plotRight, plotTop, parts);
  return { svg: parts.join(""), width: plotRight - left + 10 + legendWidth, height: plotBottom - top + 42 };
}

/** Draws the legend's keys right of the plot; returns its width. */
function renderLegend(
  legend: readonly (readonly [string, string])[],
  plotRight: number,
  plotTop: number,
  parts: string[],
) {
  legend.forEach(([key, colour], index) => {
    const ly = plotTop + 6 + index * 16;
    parts.push(`<rect x="${plotRight + 14}" y="${ly - 8}" width="10" height="10" fill="${colour}"/>`);
    parts.push(`<text x="${plotRight + 28}" y="${ly + 1}" font-size="10" ${FONT}>${escapeXml(key)}</text>`);
  });
  return 40 + 6 * Math.max(...legend.map(([key]) => key.length));
}

/** Per-x totals of a stacked area (its y extent). */
function stackTotals(layer: Layer): number[] {
  const xField = layer.encoding["x"]?.field as string;
  const yField = layer.encoding["y"]?.field as string;
  const totals = new Map<string, number>();
  for (const datum of layer.data) {
    const key = String(datum[xField]);
    totals.set(key, (totals.get(key) ?? 0) + number(datum[yField]));
  }
  return [...totals.values()];
}

function renderLayer(
  layer: Layer,
  x: Scale,
  y: Scale,
  colourOf: (datum: Datum, layer: Layer) => string,
  plotTop: number,
  plotBottom: number,
): string {
  const { mark, encoding, data } = layer;
  const xField = encoding["x"]?.field;
  const yField = encoding["y"]?.field;
  const xAt = (datum: Datum) => (xField ? x(datum[xField]) + x.bandwidth / 2 : 0);
  const yAt = (datum: Datum) =>
    yField ? y(datum[yField]) + y.bandwidth / 2 : number(encoding["y"]?.value ?? 0) + plotTop;
  const parts: string[] = [];
  const groupsBy = (field: string | undefined) => {
    const groups = new Map<string, Datum[]>();
    for (const datum of data) {
      const key = field ? String(datum[field]) : "";
      const group = groups.get(key);
      if (group) group.push(datum);
      else groups.set(key, [datum]);
    }
    return [...groups.values()];
  };
  const seriesField = encoding["color"]?.type === "nominal" ? encoding["color"]?.field : undefined;
  switch (mark.type) {
    case "line": {
      for (const group of groupsBy(seriesField)) {
        const points = group.map((datum) => [xAt(datum), yAt(datum)] as const);
        const path =
          mark["interpolate"] === "step-after"
            ? points.map(([px, py], index) => (index === 0 ? `M${px},${py}` : `H${px}V${py}`)).join("")
            : points.map(([px, py], index) => `${index === 0 ? "M" : "L"}${px},${py}`).join("");
        const colour = colourOf(group[0] as Datum, layer);
        parts.push(
          `<path d="${path}" fill="none" stroke="${colour}" stroke-width="${number(mark["strokeWidth"] ?? 1.5)}"${dashOf(layer, group[0])}/>`,
        );
        if (mark["point"])
          for (const [px, py] of points) parts.push(`<circle cx="${px}" cy="${py}" r="3" fill="${colour}"/>`);
      }
      break;
    }
    case "area": {
      const stacked = encoding["y"]?.stack !== null && seriesField !== undefined;
      const base = new Map<string, number>();
      for (const group of groupsBy(seriesField)) {
        const upper: string[] = [];
        const lower: string[] = [];
        for (const datum of group) {
          const key = String(datum[xField as string]);
          const from = stacked ? (base.get(key) ?? 0) : 0;
          const to = from + number(datum[yField as string]);
          if (stacked) base.set(key, to);
          upper.push(`${xAt(datum)},${y(to)}`);
          lower.unshift(`${xAt(datum)},${y(from)}`);
        }
        const colour = colourOf(group[0] as Datum, layer);
        parts.push(
          `<path d="M${upper.join("L")}L${lower.join("L")}Z" fill="${colour}" fill-opacity="${number(mark["opacity"] ?? 0.7)}" stroke="${colour}"/>`,
        );
      }
      break;
    }
    case "bar": {
      const offsetField = encoding["xOffset"]?.field;
      const offsets = offsetField ? [...new Set(data.map((datum) => String(datum[offsetField])))] : [""];
      const inner = (x.bandwidth * 0.8) / offsets.length;
      for (const datum of data) {
        const index = offsetField ? offsets.indexOf(String(datum[offsetField])) : 0;
        const left = x(datum[xField as string]) + x.bandwidth * 0.1 + index * inner;
        const top = y(datum[yField as string]);
        parts.push(
          `<rect x="${left}" y="${Math.min(top, y(0))}" width="${inner}" height="${Math.abs(y(0) - top)}" fill="${colourOf(datum, layer)}"/>`,
        );
      }
      break;
    }
    case "rect": {
      const x2Field = encoding["x2"]?.field;
      for (const datum of data) {
        const colour = colourOf(datum, layer);
        if (x2Field) {
          const left = x(datum[xField as string]);
          const right = x(datum[x2Field]);
          const top = y(datum[yField as string]);
          parts.push(
            `<rect x="${left}" y="${top}" width="${Math.max(0, right - left - 0.5)}" height="${Math.max(0, y(0) - top)}" fill="${colour}"/>`,
          );
        } else {
          parts.push(
            `<rect x="${x(datum[xField as string])}" y="${y(datum[yField as string])}" width="${x.bandwidth}" height="${y.bandwidth}" fill="${colour}"/>`,
          );
        }
      }
      break;
    }
    case "rule": {
      // A vertical rule: across the plot, or from y to y2 (an interval); with xOffset, at the centre of its bar.
      const y2Field = encoding["y2"]?.field;
      const offsetField = encoding["xOffset"]?.field;
      const offsets = offsetField ? [...new Set(data.map((datum) => String(datum[offsetField])))] : [];
      const inner = (x.bandwidth * 0.8) / Math.max(1, offsets.length);
      for (const datum of data) {
        const px = offsetField
          ? x(datum[xField as string]) + x.bandwidth * 0.1 + (offsets.indexOf(String(datum[offsetField])) + 0.5) * inner
          : xAt(datum);
        const [from, to] = y2Field && yField ? [y(datum[yField]), y(datum[y2Field])] : [plotTop, plotBottom];
        parts.push(
          `<line x1="${px}" x2="${px}" y1="${from}" y2="${to}" stroke="${(mark["color"] as string) ?? "#888"}" stroke-width="${number(mark["strokeWidth"] ?? 1)}"${dashOf(layer, undefined)}/>`,
        );
      }
      break;
    }
    case "text": {
      const textField = encoding["text"]?.field;
      for (const datum of data) {
        parts.push(
          `<text x="${xAt(datum) + number(mark["dx"] ?? 0)}" y="${yAt(datum) + number(mark["dy"] ?? 0)}" font-size="10" fill="${(mark["color"] as string) ?? "#444"}" ${FONT}>${escapeXml(textField ? datum[textField] : "")}</text>`,
        );
      }
      break;
    }
  }
  return parts.join("");
}

/**
 * The spec as plain JSON (what Vega-Lite reads too): a value JSON cannot hold, or a failing getter, is a typed error.
 * @internal
 */
export function plainSpec(spec: VegaLiteSpec, subject = "SVG chart"): VegaLiteSpec {
  try {
    return JSON.parse(JSON.stringify(spec)) as VegaLiteSpec;
  } catch (error) {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: [], message: `must be a JSON Vega-Lite spec (${shown(error)})` },
    ]);
  }
}

/**
 * Renders a chart of this module as a standalone SVG string, without Vega: for places where Vega-Lite does not
 * render (GitHub's notebook view, e-mail, static reports). Covers the marks and encodings the chart functions use;
 * the Vega-Lite spec stays the reference rendering.
 *
 * @example
 * ```ts
 * charts.toSvg(charts.periodTransactions([{ label: "0", frequency: 0, actual: 5, expected: 4.5 }])).startsWith("<svg") // true
 * ```
 */
export function toSvg(spec: VegaLiteSpec): string {
  chartInput("SVG", spec, "object");
  const plain = plainSpec(spec);
  try {
    return renderSpec(plain);
  } catch (error) {
    // The renderer reads the shapes the chart functions write; a spec edited into another shape (data.values not
    // an array, a layer without data) is the caller's input, so a typed error, not a TypeError from deep inside.
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError("SVG chart", [
      {
        code: "invalid_type",
        path: [],
        message: `must be a spec as the chart functions make it: ${shown(String(error))}`,
      },
    ]);
  }
}

function renderSpec(spec: VegaLiteSpec): string {
  const title = titleOf(spec["title"]);
  const panels = Array.isArray(spec["hconcat"]) ? (spec["hconcat"] as Spec[]) : [spec as Spec];
  const header = Array.isArray(spec["hconcat"]) && title.text ? 26 : 0;
  let left = 0;
  let height = 0;
  const parts: string[] = [];
  if (header)
    parts.push(`<text x="10" y="18" font-size="15" font-weight="bold" ${FONT}>${escapeXml(title.text)}</text>`);
  for (const panel of panels) {
    const view = renderView(panel, left, header);
    parts.push(view.svg);
    left += view.width + 10;
    height = Math.max(height, view.height + header);
  }
  const width = Math.ceil(left);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.ceil(height)}" viewBox="0 0 ${width} ${Math.ceil(height)}"><rect width="100%" height="100%" fill="white"/>${parts.join("")}</svg>`;
}
