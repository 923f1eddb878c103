// The customers the SQL tests score in every engine: 100,000 simulated BG/NBD customers (distinct T) and three edge
// rows — a heavy buyer long gone (the log-odds past 709), a repeat buyer seen at T, a customer seen once.
import { bgnbd, summarizeTransactions } from "../../src/index.js";
import { readCsv } from "./reference-data.js";

export const bgParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
export const mbgParams = { r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 };

const simulated = bgnbd.simulate(bgParams, 100_000, {
  seed: 4,
  T: Float64Array.from({ length: 100_000 }, (_, i) => 20 + ((i * 0.6180339887) % 60)),
});
const edges = [
  [600, 1, 400],
  [5, 30, 30],
  [0, 0, 0.5],
];
export const frequency = Float64Array.from([...simulated.frequency, ...edges.map((row) => row[0] as number)]);
export const recency = Float64Array.from([...simulated.recency, ...edges.map((row) => row[1] as number)]);
export const T = Float64Array.from([...simulated.T, ...edges.map((row) => row[2] as number)]);

/** The same customers on a day clock (whole days), for pattern tables. */
export const days = {
  frequency,
  recency: recency.map((v) => Math.round(v * 7)),
  T: T.map((v) => Math.round(v * 7)),
};

/** Whether an engine's value is the library's to 1e-12 relative. */
export const close = (got: unknown, expected: number) =>
  typeof got === "number" && Math.abs(got - expected) <= 1e-12 * Math.abs(expected) + 1e-300;

/** The rows an engine's result misses, with the first few shown. */
export function misses(got: readonly unknown[], expected: Float64Array): { rows: number[]; shown: string } {
  const rows = got.flatMap((value, i) => (close(value, expected[i] as number) ? [] : [i]));
  return {
    rows,
    shown: rows
      .slice(0, 3)
      .map((i) => `${i}: ${String(got[i])} vs ${expected[i]}`)
      .join("; "),
  };
}

/** CDNOW's sample log (2,357 customers, 1997–98) as rows of id, ISO date and amount, and its BTYD summaries by id. */
export function cdnowLog() {
  const rows = readCsv("cdnow_sample_transactions.csv").map((row) => {
    const day = row["date"] as string;
    return {
      id: Number(row["sampleid"]),
      date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
      sales: Number(row["sales"]),
    };
  });
  const summaries = summarizeTransactions(rows, {
    calibrationEnd: "1997-09-30",
    observationEnd: "1998-06-30",
    timeUnit: "week",
    customerId: "id",
    date: "date",
    amount: "sales",
  });
  return { rows, byId: new Map(summaries.map((summary) => [summary.customerId, summary])) };
}
