// Loads the peer packages' reference data bundled in test/fixtures (see its README.md) or examples/data.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

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
