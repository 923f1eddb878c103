// Loads the peer packages' reference data bundled in test/fixtures (see its README.md) or examples/data.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { summarizeTransactions } from "../../src/index.js";

const candidates = ["../fixtures", "../../examples/data", "../../../shared/data"].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

export function dataPath(name: string): string {
  for (const folder of candidates) {
    const path = `${folder}/${name}`;
    if (existsSync(path)) return path;
  }
  throw new Error(`reference data file ${name} not found in ${candidates.join(" or ")}`);
}

/** Reads a CSV (no quoted fields) into an array of records of strings. */
export function readCsv(name: string): Record<string, string>[] {
  const lines = readFileSync(dataPath(name), "utf8").trim().split(/\r?\n/);
  const header = (lines[0] as string).split(",").map((cell) => cell.replace(/^"|"$/g, ""));
  return lines.slice(1).map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(header.map((name, index) => [name, (cells[index] ?? "").replace(/^"|"$/g, "")]));
  });
}

/** The BTYD CDNOW calibration summary (2,357 customers, weeks, full precision). */
export function cdnowSummary() {
  return readCsv("btyd_cdnow_summary_cbs.csv").map((row) => ({
    id: Number(row["id"]),
    frequency: Number(row["x"]),
    recency: Number(row["t.x"]),
    T: Number(row["T.cal"]),
    holdoutFrequency: Number(row["x.star"]),
    monetaryValue: Number(row["m.x"]),
  }));
}

/**
 * CLVTools' apparel data as the covariate tests use it: summaries of the 104-week estimation period (from the
 * cohort's first day, 2005-01-02; same-day purchases merged, as clvdata() does) computed by autoclv's own
 * summarizeTransactions, joined with Gender and Channel as each customer's covariates.
 */
export function apparelTransactions() {
  return readCsv("clvtools_apparel_trans.csv").map((row) => ({
    id: row["Id"] as string,
    date: row["Date"] as string,
    amount: Number(row["Price"]),
  }));
}

export function apparelCovariates(): Map<string, { Gender: number; Channel: number }> {
  return new Map(
    readCsv("clvtools_apparel_static_cov.csv").map((row) => [
      row["Id"] as string,
      { Gender: Number(row["Gender"]), Channel: Number(row["Channel"]) },
    ]),
  );
}

/** The apparel customers' 104-week summaries with Gender and Channel as covariates (see apparelTransactions). */
export function apparelSummaries() {
  const covariates = apparelCovariates();
  return summarizeTransactions(apparelTransactions(), {
    observationEnd: "2010-12-20",
    calibrationEnd: "2006-12-31", // 104 weeks after the cohort's first day, 2005-01-02
    timeUnit: "week",
    customerId: "id",
    date: "date",
    amount: "amount",
  }).map((summary) => ({
    ...summary,
    covariates: covariates.get(String(summary.customerId)) ?? { Gender: Number.NaN, Channel: Number.NaN },
  }));
}
