// Run by .ci/run with a scratch project (argument 1) that holds the packed autoclv beside vega 6 and vega-lite 6 (what
// vega-embed 7 bundles; the test suite compiles with vega-lite 5, what vega-embed 6 and Jupyter bundle). Every chart
// of autoclv/charts is built from bundled data, compiled by Vega-Lite 6 without a warning and rendered to SVG by
// vega 6, with a legend wherever its colours tell series apart.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = process.argv[2];
if (!project) throw new Error("usage: node vega-lite-6.mjs <project with autoclv, vega@6 and vega-lite@6 installed>");
const load = (name) => import(pathToFileURL(createRequire(join(project, "package.json")).resolve(name)).href);
const [
  { charts, evaluate, generateDealerData, lifecycle, psv, rfm, summarizeTransactions, uncertainty },
  vega,
  vegaLite,
] = await Promise.all([load("autoclv"), load("vega"), load("vega-lite")]);
if (!vegaLite.version.startsWith("6.") || !vega.version.startsWith("6."))
  throw new Error(`expected vega 6 and vega-lite 6, got ${vega.version} and ${vegaLite.version}`);

const log = readFileSync(new URL("../../examples/data/cdnow_sample_transactions.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [, id = "", day = "", , sales = ""] = line.split(",");
    return { id, date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`, sales: Number(sales) };
  });
const cdnow = summarizeTransactions(log, {
  calibrationEnd: "1997-09-30",
  observationEnd: "1998-06-30",
  timeUnit: "week",
  customerId: "id",
  date: "date",
  amount: "sales",
});
const model = { model: "bgnbd", params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 } };
const series = evaluate.repeatTransactionsByPeriod(log, {
  customerId: "id",
  date: "date",
  start: "1997-01-01",
  periods: 78,
});
const tracking = evaluate.tracking(model, {
  calibrationT: cdnow.map((row) => row.T),
  actualCumulative: series.cumulative,
  totalTime: 78,
});
const dealer = generateDealerData({ vehicles: 300, seed: 2, asOf: "2024-06-30", prospectShare: 0 });
const records = {
  vehicles: dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
  serviceEvents: dealer.flatMap((c) => c.serviceEvents),
  asOf: "2024-06-30",
};
const assessed = psv.assessCustomers(records);
const ranges = uncertainty.assessmentIntervals({ ...records, assumptions: psv.calibrate(records).assumptions });
const stageOf = new Map(dealer.map((c) => [c.customerId, lifecycle.classify(c, { asOf: "2024-06-30" }).stage]));
const { assumptions } = psv.defaultAssumptions({ segment: "premium" });
const byAge = [0, 2, 4, 6, 8].flatMap((age) =>
  Object.entries(
    psv.score({ vehicleId: "v", deliveryDate: `${2024 - age}-06-01` }, assumptions, { asOf: "2024-06-01" }).components,
  ).map(([component, value]) => ({ age, component, value: value.toNumber() })),
);
const specs = {
  tracking: charts.tracking(tracking),
  calibrationVsHoldout: charts.calibrationVsHoldout(evaluate.calibrationVsHoldout(model, cdnow, { holdoutLength: 39 })),
  periodTransactions: charts.periodTransactions(evaluate.periodTransactions(model, cdnow)),
  frequencyRecencyMatrix: charts.frequencyRecencyMatrix(
    evaluate.frequencyRecencyMatrix(model, { T: 39, maxFrequency: 20 }),
  ),
  probabilityAliveHistory: charts.probabilityAliveHistory(
    evaluate.probabilityAliveHistory(model, [0, 3, 8], { end: 39 }),
  ),
  heterogeneity: charts.heterogeneity(evaluate.heterogeneity(model)),
  spendCheck: charts.spendCheck(evaluate.spendCheck({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnow), { currency: "USD" }),
  gainsCurve: charts.gainsCurve({
    model: evaluate.gainsCurve(
      cdnow.map((row) => row.frequency),
      cdnow.map((row) => row.holdoutFrequency),
    ),
  }),
  valueByAge: charts.valueByAge(byAge, { currency: "RMB" }),
  callList: charts.callList(assessed.customers, { top: 15, currency: "RMB" }),
  callListWithIntervals: charts.callList(ranges.assessment.customers, { top: 15, intervals: ranges.columns }),
  valueByStage: charts.valueByStage(
    assessed.customers.map((c) => ({ ...c, stage: stageOf.get(c.customerId) ?? "prospect" })),
    { currency: "RMB" },
  ),
  firstServiceWasLast: charts.firstServiceWasLast(
    assessed.customers.flatMap((c) => c.vehicles.map((v) => ({ ...v, cohort: String(v.vehicleId).length % 3 }))),
  ),
  rfmSegmentMap: charts.rfmSegmentMap(
    Array.from({ length: 125 }, (_, i) => {
      const [r, f, m] = [1 + (i % 5), 1 + (Math.floor(i / 5) % 5), 1 + Math.floor(i / 25)];
      return { r, f, segment: rfm.segment({ code: rfm.rfmCode(r, f, m) }) };
    }),
  ),
  upliftByStage: charts.upliftByStage([
    { label: "in warranty", uplift: { rate: { estimate: 0.1, low: 0.02, high: 0.18 } } },
    { label: "post warranty", uplift: { rate: { estimate: 0.05, low: -0.01, high: 0.11 } } },
  ]),
};

let failed = 0;
for (const [name, spec] of Object.entries(specs)) {
  const warnings = [];
  const logger = {
    level: () => logger,
    error: (...args) => {
      throw new Error(args.join(" "));
    },
    warn: (...args) => {
      warnings.push(args.join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  try {
    // Declared as Vega-Lite 6 (charts.forVegaLite6), as a vega-embed 7 user would pass it.
    const declared = charts.forVegaLite6(spec);
    if (declared.$schema !== "https://vega.github.io/schema/vega-lite/v6.json") throw new Error("not declared v6");
    const compiled = vegaLite.compile(JSON.parse(JSON.stringify(declared)), { logger });
    const view = new vega.View(vega.parse(compiled.spec), { renderer: "none" });
    const svg = await view.toSVG();
    view.finalize();
    const colours = new Set();
    JSON.stringify(spec, (key, value) => {
      if (key === "color" && typeof value?.field === "string" && value.type === "nominal") colours.add(value.field);
      return value;
    });
    const rows = [spec.data, ...(spec.layer ?? []).map((layer) => layer.data)].flatMap((data) => data?.values ?? []);
    const seriesCount = Math.max(0, ...[...colours].map((field) => new Set(rows.map((row) => row[field])).size));
    const problems = [
      ...warnings.map((warning) => `warning: ${warning}`),
      ...(svg.startsWith("<svg") && svg.length > 2000 ? [] : ["no SVG"]),
      ...(seriesCount >= 2 && !/role-legend/.test(svg) ? [`${seriesCount} coloured series and no legend`] : []),
    ];
    const legend = seriesCount >= 2 ? ` (${seriesCount} series, legend)` : "";
    console.log(
      `${problems.length === 0 ? "ok  " : "FAIL"} ${name}${legend}${problems.length ? `: ${problems.join("; ")}` : ""}`,
    );
    failed += problems.length === 0 ? 0 : 1;
  } catch (error) {
    console.log(`FAIL ${name}: ${error}`);
    failed += 1;
  }
}
console.log(
  `${Object.keys(specs).length - failed} of ${Object.keys(specs).length} charts compile with Vega-Lite ${vegaLite.version} and render with vega ${vega.version}`,
);
process.exit(failed === 0 ? 0 : 1);
