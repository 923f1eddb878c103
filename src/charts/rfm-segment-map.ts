import { chart, chartInput, type VegaLiteSpec } from "./chart.js";

/** A customer as the RFM map reads it: scores and segment (`rfm.score` and `rfm.segment`). */
export interface RfmMapCustomer {
  readonly r: number;
  readonly f: number;
  readonly segment: string;
}

/**
 * The RFM segment map: recency score (x) against frequency score (y), each cell coloured by its most common segment
 * and labelled with its customers — the classic RFM grid, where a segment map's regions show.
 *
 * @example
 * ```ts
 * charts.rfmSegmentMap([{ r: 5, f: 5, segment: "Champions" }, { r: 1, f: 1, segment: "Lost" }]).layer.length // 2
 * ```
 */
export function rfmSegmentMap(
  customers: readonly RfmMapCustomer[],
  options: { readonly title?: string } = {},
): VegaLiteSpec {
  options = chartInput("RFM segment map", customers, "array", options, ["r:number", "f:number", "segment"], ["title"]);
  const cells = new Map<string, { r: number; f: number; segments: Map<string, number>; customers: number }>();
  for (const { r, f, segment } of customers) {
    const key = `${r},${f}`;
    const cell = cells.get(key) ?? { r, f, segments: new Map<string, number>(), customers: 0 };
    cell.customers += 1;
    cell.segments.set(String(segment), (cell.segments.get(String(segment)) ?? 0) + 1);
    cells.set(key, cell);
  }
  const values = [...cells.values()].map(({ r, f, segments, customers: count }) => ({
    recency: r,
    frequency: f,
    segment: [...segments].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "",
    customers: count,
  }));
  const scores = (field: "recency" | "frequency") =>
    [...new Set(values.map((value) => value[field]))].sort((a, b) => a - b);
  const x = { field: "recency", type: "ordinal", sort: scores("recency"), title: "Recency score (5: most recent)" };
  const y = { field: "frequency", type: "ordinal", sort: [...scores("frequency")].reverse(), title: "Frequency score" };
  return chart(options.title ?? "RFM segments", {
    width: 360,
    height: 320,
    data: { values },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          x,
          y,
          color: { field: "segment", type: "nominal", title: "Segment" },
          tooltip: [{ field: "segment" }, { field: "recency" }, { field: "frequency" }, { field: "customers" }],
        },
      },
      { mark: { type: "text", color: "#222" }, encoding: { x, y, text: { field: "customers", type: "quantitative" } } },
    ],
  });
}
