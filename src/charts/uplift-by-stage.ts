import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/** A segment as the uplift chart reads it: an `evaluate.campaign` segment (`byStage`, `campaigns`, `byLeadTime`). */
export interface UpliftSegment {
  readonly label: string;
  readonly uplift: Partial<Record<"rate" | "visits" | "value", UpliftEstimate>>;
  readonly treatment?: { readonly contacts: number };
  readonly control?: { readonly contacts: number };
}

const MEASURES = {
  rate: { title: "Uplift in response rate (points)", scale: 100 },
  visits: { title: "Uplift in visits per contact", scale: 1 },
  value: { title: "Uplift in value per contact", scale: 1 },
} as const;

/** An uplift with its 95% interval, as `evaluate.campaign` gives it. */
export interface UpliftEstimate {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

function isEstimate(value: unknown): value is UpliftEstimate {
  if (value === null || typeof value !== "object") return false;
  const { estimate, low, high } = value as Record<string, unknown>;
  return [estimate, low, high].every((entry) => typeof entry === "number" && Number.isFinite(entry));
}

/**
 * What a reminder did, by stage (or by campaign, or by lead time): each segment's uplift of treated over control with
 * its 95% interval, from `evaluate.campaign(...).byStage` (or `.campaigns`, `.byLeadTime`). `measure` picks the
 * response rate (in points, default), visits or value per contact (`currency` names the value's unit).
 *
 * @example
 * ```ts
 * charts.upliftByStage([{ label: "in-warranty", uplift: { rate: { estimate: 0.1, low: 0.02, high: 0.18 } } }]).layer.length // 2
 * ```
 */
export function upliftByStage(
  segments: readonly UpliftSegment[],
  options: { readonly measure?: keyof typeof MEASURES; readonly currency?: string; readonly title?: string } = {},
): VegaLiteSpec {
  options = chartInput(
    "uplift",
    segments,
    "array",
    options,
    ["label", "uplift:object"],
    ["measure", "currency", "title"],
  );
  const measure = options.measure ?? "rate";
  if (!Object.hasOwn(MEASURES, measure))
    throw new InvalidInputError("uplift chart", [
      { code: "custom", path: ["measure"], message: `must be "rate", "visits" or "value", got ${shown(measure)}` },
    ]);
  const { title, scale } = MEASURES[measure];
  const values = segments.map((segment, index) => {
    const found = segment.uplift[measure];
    if (!isEstimate(found))
      throw new InvalidInputError("uplift chart", [
        {
          code: "custom",
          path: [index, "uplift", measure],
          message: `must be { estimate, low, high } of finite numbers, got ${shown(found)}`,
        },
      ]);
    return {
      segment: String(segment.label),
      uplift: round(scale * found.estimate),
      low: round(scale * found.low),
      high: round(scale * found.high),
      contacts: (segment.treatment?.contacts ?? 0) + (segment.control?.contacts ?? 0),
    };
  });
  const order = values.map((value) => value.segment);
  const x = { field: "segment", type: "nominal", sort: order, title: "Segment" };
  const unit = measure === "value" && options.currency ? ` (${options.currency})` : "";
  return chart(options.title ?? "What a reminder did, with 95% intervals", {
    width: Math.max(320, 70 * values.length),
    height: 300,
    data: { values },
    layer: [
      {
        mark: { type: "bar", color: "#6baed6" },
        encoding: {
          x,
          y: { field: "uplift", type: "quantitative", title: `${title}${unit}` },
          tooltip: [
            { field: "segment" },
            { field: "uplift" },
            { field: "low" },
            { field: "high" },
            { field: "contacts" },
          ],
        },
      },
      {
        mark: { type: "rule", color: "#08306b", strokeWidth: 2 },
        encoding: { x, y: { field: "low", type: "quantitative" }, y2: { field: "high" } },
      },
    ],
  });
}
