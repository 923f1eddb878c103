// npm run bench:scale [-- patterns | psv | calibrate] — the scale paths of issue 28, at a maker's size, one run each
// (figures, not timed tests). psv: a network of 10 M vehicles and ~104 M events assessed in partitions of 250,000
// vehicles (psv.assessPartitions; peak RSS), after checking on 1 M vehicles that partitions give the one-process
// result. calibrate: the same network calibrated in partitions (psv.calibratePartitions; peak RSS), then 1 M
// vehicles in 8 partitions against psv.calibrate in one process.
// patterns:
// a BG/NBD fit on the weekly patterns of 9 M simulated customers, made partition by partition (no process holds the
// customers: each million is simulated, grouped and dropped), against the truth it was drawn from. Twice: with the
// model's continuous recency (the weekly rounding the only approximation), and with recency in whole days as a log
// of dated purchases gives it (the day clock's floor is an approximation of its own).
import {
  assessNetwork,
  calibrateNetwork,
  networkPartition,
  networkPartitions,
} from "../examples/network-partitions.js";
import { bgnbd, psv, toPatterns } from "../src/index.js";

const million = 1_000_000;
const customers = Number(process.env["SCALE_CUSTOMERS"] ?? 9 * million);
// CDNOW's estimates on a day clock (α × 7); customers joined over two years, whole days.
const truth = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };

function partitionPatterns(seed: number, count: number) {
  const ages = Float64Array.from(
    { length: count },
    (_, i) => 1 + Math.floor(((i * 0.6180339887 + seed * 0.1) % 1) * 730),
  );
  const simulated = bgnbd.simulate(truth, count, { seed, T: ages });
  const days = { frequency: simulated.frequency, recency: simulated.recency.map(Math.floor), T: simulated.T };
  return {
    exactDays: toPatterns(days).frequency.length,
    weekly: toPatterns(simulated, { resolution: 7 }),
    weeklyOfDays: toPatterns(days, { resolution: 7 }),
  };
}

type Patterns = ReturnType<typeof toPatterns>;
function merge(left: Patterns | undefined, right: Patterns): Patterns {
  if (left === undefined) return right;
  const join = (key: "frequency" | "recency" | "T" | "weight") => {
    const out = new Float64Array(left[key].length + right[key].length);
    out.set(left[key]);
    out.set(right[key], left[key].length);
    return out;
  };
  return toPatterns({ frequency: join("frequency"), recency: join("recency"), T: join("T"), weight: join("weight") });
}

async function patternsBench() {
  let start = performance.now();
  let weekly: Patterns | undefined;
  let weeklyOfDays: Patterns | undefined;
  let exactRows = 0;
  for (let seed = 1, left = customers; left > 0; seed++, left -= million) {
    const part = partitionPatterns(seed, Math.min(million, left));
    exactRows += part.exactDays;
    weekly = merge(weekly, part.weekly);
    weeklyOfDays = merge(weeklyOfDays, part.weeklyOfDays);
  }
  const simulateAndGroup = performance.now() - start;
  if (weekly === undefined || weeklyOfDays === undefined) throw new Error("no customers");
  start = performance.now();
  const fit = bgnbd.fit(weekly);
  const fitting = performance.now() - start;
  const fitOfDays = bgnbd.fit(weeklyOfDays);
  const rows = weekly.frequency.length;
  const errors = (params: typeof truth) =>
    Object.entries(truth)
      .map(([name, value]) => `${name} ${(100 * (params[name as keyof typeof truth] / value - 1)).toFixed(2)}%`)
      .join(", ");
  const percent = (part: number) => `${((100 * part) / customers).toFixed(2)}%`;
  console.log(`customers                         ${customers.toLocaleString("en-US")}`);
  console.log(`exact day patterns (partitions)   ${exactRows.toLocaleString("en-US")} (${percent(exactRows)})`);
  console.log(`weekly patterns (merged)          ${rows.toLocaleString("en-US")} (${percent(rows)})`);
  console.log(`simulate + group, both (s)        ${(simulateAndGroup / 1000).toFixed(1)}`);
  console.log(`fit on weekly patterns (s)        ${(fitting / 1000).toFixed(2)} (converged ${fit.converged})`);
  console.log(`estimate vs truth                 ${errors(fit.params)}`);
  console.log(`same, recency in whole days       ${errors(fitOfDays.params)}`);
  console.log(`peak RSS (MB)                     ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`);
}

/** One process against partitions on the same 1 M vehicles: every customer's columns and the exact totals. */
async function partitionsEqualOneProcess(vehicles: number) {
  const whole = psv.assessCustomers({ ...networkPartition(0, vehicles), asOf: "2024-06-30", rows: 1000 });
  const size = 3 * Math.ceil(vehicles / 24); // 8 partitions of whole customers
  const run = psv.assessPartitions(() => networkPartitions(vehicles, size), { asOf: "2024-06-30", rows: 1000 });
  const position = new Map(whole.columns.customerId.map((id, index) => [id, index]));
  let differences = 0;
  for await (const part of run.results)
    part.columns.customerId.forEach((id, i) => {
      const at = position.get(id) ?? -1;
      for (const key of ["obtainableValue", "saveableValue", "winBackValue", "lockedValue", "pAlive"] as const)
        if (part.columns[key][i] !== whole.columns[key][at]) differences += 1;
    });
  const summary = run.summary();
  const totals = ["lockedValue", "realisedValue", "obtainableValue", "saveableValue", "winBackValue"] as const;
  const totalsEqual = totals.every((key) => summary.totals[key].equals(whole.totals[key]));
  const topEqual = summary.customers.every((row, rank) => row.customerId === whole.customers[rank]?.customerId);
  return { differences, totalsEqual, topEqual };
}

async function psvBench() {
  // The network first, so that the peak memory is its own.
  const vehicles = Number(process.env["SCALE_VEHICLES"] ?? 10 * million);
  const { summary, events, seconds, peakRssMb } = await assessNetwork(vehicles);
  const count = (value: number) => value.toLocaleString("en-US");
  console.log(
    `network vehicles                  ${count(vehicles)} (${count(summary.customerCount)} customers, ${summary.partitions} partitions)`,
  );
  console.log(`service events                    ${count(events)}`);
  console.log(`assessed in partitions (s)        ${seconds.toFixed(1)}`);
  console.log(
    `obtainable / saveable value       ${summary.totals.obtainableValue.toFixed(0)} / ${summary.totals.saveableValue.toFixed(0)}`,
  );
  console.log(`peak RSS (MB)                     ${peakRssMb.toFixed(0)}`);
  const check = await partitionsEqualOneProcess(999_999);
  console.log(
    `1 M vehicles, 8 partitions vs one process: ${check.differences} customer values differ, totals equal ${check.totalsEqual}, top 1,000 equal ${check.topEqual}`,
  );
}

/** The largest relative difference between two calibrations' assumptions (numbers below 1e-12 count as 1e-12). */
function largestDifference(x: unknown, y: unknown): number {
  if (typeof x === "number" && typeof y === "number")
    return x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-12);
  if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return x === y ? 0 : 1;
  return Object.keys(x).reduce(
    (worst, key) =>
      Math.max(worst, largestDifference((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key])),
    0,
  );
}

async function calibrateBench() {
  const vehicles = Number(process.env["SCALE_VEHICLES"] ?? 10 * million);
  const { result, seconds, peakRssMb } = await calibrateNetwork(vehicles);
  const count = (value: number) => value.toLocaleString("en-US");
  const sources = Object.values(result.report).filter((entry) => entry?.source === "data").length;
  console.log(`network vehicles                  ${count(vehicles)} (${result.errors.length} rows left out)`);
  console.log(`calibrated in partitions (s)      ${seconds.toFixed(1)} (${sources} assumptions from the data)`);
  console.log(`peak RSS (MB)                     ${peakRssMb.toFixed(0)}`);
  const check = 999_999;
  const size = 3 * Math.ceil(check / 24); // 8 partitions of whole customers
  const started = performance.now();
  const once = psv.calibrate({ ...networkPartition(0, check), asOf: "2024-06-30" });
  const oneProcess = (performance.now() - started) / 1000;
  const parts = await psv.calibratePartitions(() => networkPartitions(check, size), { asOf: "2024-06-30" });
  console.log(
    `1 M vehicles, 8 partitions vs one process (${oneProcess.toFixed(1)} s): largest relative difference ${largestDifference(once.assumptions, parts.assumptions).toExponential(1)}`,
  );
}

const which = process.argv[2];
if (which === "calibrate") await calibrateBench();
if (which === undefined || which === "psv") await psvBench();
if (which === undefined || which === "patterns") await patternsBench();
