// Issue 28: the UDF snippets of docs/udf.md, run as their engines run them, in bare vm contexts (no require, no
// process): BigQuery loads the script as a library file and calls the body as a function of the SQL arguments (NULL
// as null); Snowflake evaluates the body for each row with UPPERCASE arguments (NULL as undefined), the script pasted
// in behind its guard, and calls a UDTF's initialize, processRow and finalize. The bundle is built from the sources
// as `npm run build` builds it; each snippet must give what the same body gives with the library's own modules.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { udfBundle } from "../../scripts/udf-bundle.mjs";
import { udf } from "../../src/index.js";
import { frequency, recency, T } from "../helpers/sql-customers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bundle = udfBundle(root);
const guide = readFileSync(`${root}/docs/udf.md`, "utf8");
const snippets = [...guide.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1] as string);
const PLACEHOLDER = "/* the text of dist/udf/autoclv-udf.iife.js */";

/** The SQL arguments' names of a CREATE FUNCTION, in order. */
function argumentNames(sql: string): string[] {
  const list = /FUNCTION\s+\w+\s*\(([^)]*)\)/.exec(sql)?.[1] ?? "";
  return list.split(",").map((part) => (part.trim().split(/\s+/)[0] as string).trim());
}

/** The rows the snippets score: 2,000 customers, then NULLs and rows that are not summaries. */
const rowCount = 2000;
const rows: (number | null)[][] = [
  ...Array.from({ length: rowCount }, (_, i) => [frequency[i] as number, recency[i] as number, T[i] as number]),
  [null, 1, 2],
  [2, null, 5],
  [3, 9, 4],
  [Number.NaN, 1, 2],
];

/** A bare context with `globalThis.autoclvUdf` from the bundle or, for the expected values, the library's modules. */
function context(withLibrary: boolean): vm.Context {
  const sandbox = vm.createContext({});
  if (withLibrary) sandbox["autoclvUdf"] = udf;
  return sandbox;
}

const same = (got: unknown[], expected: unknown[]) => {
  expect(got.length).toBe(expected.length);
  const misses = got.flatMap((value, i) => {
    const want = expected[i];
    if (value === null || want === null || typeof value !== "number" || typeof want !== "number")
      return value === want ? [] : [i];
    return Math.abs(value - want) <= 1e-12 * Math.abs(want) ? [] : [i];
  });
  expect(
    misses,
    misses
      .slice(0, 3)
      .map((i) => `${i}: ${got[i]} vs ${expected[i]}`)
      .join("; "),
  ).toEqual([]);
};

describe("the UDF bundle", () => {
  it("is one script with nothing a warehouse lacks: no require, no process, no $$, under 20 kB gzipped", async () => {
    const { gzipSync } = await import("node:zlib");
    expect(bundle).not.toMatch(/\brequire\(|\bprocess\.|\$\$/);
    expect(gzipSync(bundle).length).toBeLessThan(20_000);
    const sandbox = context(false);
    vm.runInContext(bundle, sandbox);
    expect(Object.keys(sandbox["autoclvUdf"]).sort()).toEqual(Object.keys(udf).sort());
  });
});

describe("BigQuery: the script as a library file, the body a function of the SQL arguments", () => {
  const sql = snippets.find((snippet) => /LANGUAGE js\b/.test(snippet)) ?? "";
  const body = /AS r"""\n([\s\S]*?)"""/.exec(sql)?.[1] ?? "";

  function run(withLibrary: boolean): unknown[] {
    const sandbox = context(withLibrary);
    if (!withLibrary) vm.runInContext(bundle, sandbox); // OPTIONS (library = [...])
    const udfFunction = vm.runInContext(`(function (${argumentNames(sql).join(", ")}) {\n${body}\n})`, sandbox);
    return rows.map((row) => udfFunction(...row));
  }

  it("scores every customer as the library does, and a NULL or bad row as NULL", () => {
    expect(body).toContain("autoclvUdf.");
    const got = run(false);
    same(got, run(true));
    expect(got.slice(rowCount)).toEqual([null, null, null, null]);
    expect(got.slice(0, rowCount).every((value) => typeof value === "number")).toBe(true);
  });
});

describe("Snowflake: the body evaluated per row, UPPERCASE arguments, the script inline behind its guard", () => {
  const sql = snippets.find((snippet) => /LANGUAGE JAVASCRIPT/.test(snippet) && !/RETURNS TABLE/.test(snippet)) ?? "";
  const body = /AS \$\$\n([\s\S]*?)\$\$/.exec(sql)?.[1] ?? "";

  function run(withLibrary: boolean): { values: unknown[]; evaluations: number } {
    const sandbox = context(withLibrary);
    const script = withLibrary ? "" : `globalThis.evaluations = (globalThis.evaluations || 0) + 1;\n${bundle}`;
    const names = argumentNames(sql).map((name) => name.toUpperCase());
    const udfFunction = vm.runInContext(
      `(function (${names.join(", ")}) {\n${body.replace(PLACEHOLDER, script)}\n})`,
      sandbox,
    );
    const values = rows.map((row) => udfFunction(...row.map((value) => (value === null ? undefined : value))));
    return { values, evaluations: sandbox["evaluations"] ?? 0 };
  }

  it("evaluates the script once, scores as the library does, and gives NULL for bad rows", () => {
    expect(body).toContain(PLACEHOLDER);
    const got = run(false);
    expect(got.evaluations).toBe(1);
    same(got.values, run(true).values);
    expect(got.values.slice(rowCount)).toEqual([null, null, null, null]);
  });
});

describe("Snowflake: a UDTF that buffers its partition and calls the batch", () => {
  const sql = snippets.find((snippet) => /RETURNS TABLE/.test(snippet)) ?? "";
  const body = /AS \$\$\n([\s\S]*?)\$\$/.exec(sql)?.[1] ?? "";

  function run(withLibrary: boolean): Record<string, unknown>[] {
    const sandbox = context(withLibrary);
    const handler = vm.runInContext(`(${body.replace(PLACEHOLDER, withLibrary ? "" : bundle)})`, sandbox);
    const names = argumentNames(sql).map((name) => name.toUpperCase());
    const written: Record<string, unknown>[] = [];
    const rowWriter = { writeRow: (row: Record<string, unknown>) => written.push(row) };
    handler.initialize?.({}, {});
    rows.forEach((row, i) => {
      const values = [`C${i}`, ...row.map((value) => (value === null ? undefined : value))];
      handler.processRow(Object.fromEntries(names.map((name, j) => [name, values[j]])), rowWriter, {});
    });
    handler.finalize?.(rowWriter, {});
    return written;
  }

  it("writes one row per input row, the library's values, NULL for bad rows", () => {
    const got = run(false);
    const expected = run(true);
    expect(got.map((row) => row["CUSTOMER_ID"])).toEqual(rows.map((_, i) => `C${i}`));
    for (const column of Object.keys(expected[0] ?? {}).filter((name) => name !== "CUSTOMER_ID")) {
      same(
        got.map((row) => row[column]),
        expected.map((row) => row[column]),
      );
      expect(got.slice(rowCount).map((row) => row[column])).toEqual([null, null, null, null]);
    }
    // And the batch gives the scalar function's values.
    const alive = got.slice(0, rowCount).map((row) => row["P_ALIVE"]);
    const scalar = rows
      .slice(0, rowCount)
      .map(([x, tx, age]) =>
        udf.paretoNbdProbabilityAlive(0.553, 10.58, 0.606, 11.67, x ?? null, tx ?? null, age ?? null),
      );
    same(alive, scalar);
  });
});
