// Runs every TSDoc @example in src/ and checks the values its comments state, so the docs cannot drift.
//
// A line `EXPR // VALUE` is checked: a quoted string, a number, true/false or [..] must match exactly (numbers to
// 1e-12 relative); `≈ VALUE` (numbers, arrays, { key: number }) must match to half a unit of the last digit shown;
// `Float64Array` / `Float64Array(n)` checks the type and length; `NAME ≈ VALUE` after a statement checks NAME.
// Other comments are prose; their lines still run. Fixtures named in the examples come from the reference data.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";
import { describe, it } from "vitest";
import * as library from "../../src/index.js";
import * as math from "../../src/math/index.js";
import * as schemas from "../../src/schemas/index.js";
import { apparelSummaries, cdnowSummary, readCsv } from "../helpers/reference-data.js";
import { check } from "../helpers/stated-values.js";

const sourceRoot = fileURLToPath(new URL("../../src", import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function examplesOf(path: string): { line: number; code: string }[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const found: { line: number; code: string }[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/@example/.test(lines[index] ?? "")) continue;
    let start = index + 1;
    while (start < lines.length && !/```/.test(lines[start] ?? "")) start++;
    let end = start + 1;
    while (end < lines.length && !/```/.test(lines[end] ?? "")) end++;
    const code = lines
      .slice(start + 1, end)
      .map((line) => line.replace(/^\s*\* ?/, ""))
      .join("\n");
    found.push({ line: index + 1, code });
  }
  return found;
}

const cdnow = cdnowSummary();
const bgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const grocery = library.summarizeTransactions(readCsv("btydplus_grocery_elog.csv"), {
  calibrationEnd: "2006-12-31",
  observationEnd: "2007-12-30",
  timeUnit: "week",
  customerId: "cust",
  date: "date",
});
const donations = readCsv("btyd_donations_rf_matrix.csv").map((row) => ({
  frequency: Number(row["x"]),
  recency: Number(row["t.x"]),
  periods: Number(row["n.cal"]),
  weight: Number(row["custs"]),
}));
const paramsByFolder: Record<string, unknown> = {
  bgnbd: bgnbdParams,
  mbgnbd: { r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 },
  "pareto-nbd": { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 },
  bgcnbd: { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 },
  mbgcnbd: { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 },
  cnbd: { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 },
  bgbb: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 },
  "gamma-gamma": { p: 6.25, q: 3.74, gamma: 15.44 },
};
const fixtures = {
  cdnowSummaries: cdnow,
  cdnowSpend: cdnow,
  spendRows: cdnow,
  grocerySummaries: grocery,
  summaries: grocery,
  donations,
  frequency: cdnow.map((row) => row.frequency),
  recency: cdnow.map((row) => row.recency),
  T: cdnow.map((row) => row.T),
  monetaryValue: cdnow.map((row) => row.monetaryValue),
  bgnbdFit: { params: bgnbdParams },
  gammaGammaFit: { params: { p: 6.25, q: 3.74, gamma: 15.44 } },
  apparel: apparelSummaries(),
};

const files = sourceFiles(sourceRoot);
describe("TSDoc @example blocks", () => {
  for (const file of files) {
    const examples = examplesOf(file);
    if (examples.length === 0) continue;
    const folder = relative(sourceRoot, file).split("/").at(-2) ?? "";
    for (const example of examples) {
      it(`${relative(sourceRoot, file)}:${example.line}`, async () => {
        const checks: { expression: string; stated: string }[] = [];
        const lines = example.code.split("\n").map((line) => {
          const at = line.lastIndexOf(" // ");
          if (at < 0) return line;
          const code = line.slice(0, at).trim();
          const comment = line.slice(at + 4).trim();
          const named = /^([A-Za-z_$][\w$]*)\s+(≈.*)$/.exec(comment);
          if (code.endsWith(";") && named) {
            checks.push({ expression: named[1] as string, stated: named[2] as string });
            return `${code}\n__check(${checks.length - 1}, ${named[1]});`;
          }
          if (code === "" || code.endsWith(",") || code.endsWith("(") || code.endsWith(";")) return line;
          checks.push({ expression: code, stated: comment });
          return `__check(${checks.length - 1}, ${code});`;
        });
        const javascript = transformSync(lines.join("\n"), { loader: "ts" }).code;
        const context: Record<string, unknown> = {
          ...math,
          ...schemas,
          ...library,
          ...fixtures,
          params: paramsByFolder[folder] ?? bgnbdParams,
        };
        const results: unknown[] = [];
        // An async function, so that an example may await (a streaming API's `for await`).
        const AsyncFunction = (async () => {}).constructor as new (
          ...args: string[]
        ) => (...values: unknown[]) => Promise<void>;
        const run = new AsyncFunction(...Object.keys(context), "__check", javascript);
        await run(...Object.values(context), (index: number, value: unknown) => {
          results[index] = value;
        });
        for (const [index, entry] of checks.entries())
          check(results[index], entry.stated, `${entry.expression} // ${entry.stated}`);
      });
    }
  }
});
