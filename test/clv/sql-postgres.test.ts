// Issue 28: the Postgres dialect run in a real PostgreSQL (Debian packages; .ci/run starts a scratch cluster with
// scripts/postgres-up.sh and sets AUTOCLV_POSTGRES): P(alive), the conditional expectation through a factor table
// and the pattern GROUP BY, against the library on 100,000 customers. Without AUTOCLV_POSTGRES the tests are skipped,
// unless AUTOCLV_REQUIRE_POSTGRES=1 (CI), where a missing server fails them.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { bgnbd, mbgnbd, patternsSql, summarySql, toPatterns } from "../../src/index.js";
import { bgParams, cdnowLog, days, frequency, mbgParams, misses, recency, T } from "../helpers/sql-customers.js";

const connection = process.env["AUTOCLV_POSTGRES"];
const required = process.env["AUTOCLV_REQUIRE_POSTGRES"] === "1";

/** Runs SQL through psql (stdin for COPY … FROM STDIN); rows of comma-separated values, as text (NULL as "NULL"). */
function psql(sql: string, input?: string): string[][] {
  const result = spawnSync(
    "psql",
    [connection ?? "", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-F", ",", "-P", "null=NULL", "-c", sql],
    {
      input,
      encoding: "utf8",
      maxBuffer: 1 << 30,
    },
  );
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr || result.error}`);
  return result.stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => line.split(","));
}

/** A table of doubles loaded by COPY. */
function load(name: string, columns: Record<string, Float64Array>): void {
  const names = Object.keys(columns);
  psql(`DROP TABLE IF EXISTS ${name}`);
  psql(`CREATE TABLE ${name} (${names.map((column) => `${column} DOUBLE PRECISION`).join(", ")})`);
  const length = (columns[names[0] as string] as Float64Array).length;
  const lines = Array.from({ length }, (_, i) => names.map((column) => String(columns[column]?.[i])).join(","));
  psql(`COPY ${name} FROM STDIN WITH (FORMAT csv)`, `${lines.join("\n")}\n`);
}

const number = (text: string | undefined) => (text === undefined || text === "NULL" ? null : Number(text));
const sqlColumns = { frequency: "s.x", recency: "s.tx", T: "s.age" };

describe.runIf(connection !== undefined || required)("the Postgres dialect in PostgreSQL", () => {
  it("has a server to run on", () => {
    expect(connection, "AUTOCLV_POSTGRES (set by .ci/run from scripts/postgres-up.sh)").toBeDefined();
    expect(psql("SELECT 1")).toEqual([["1"]]);
  });

  it("reproduces P(alive) and the conditional expectation to 1e-12 on 100,000 customers", () => {
    load("rfm", { id: Float64Array.from(frequency, (_, i) => i), x: frequency, tx: recency, age: T });
    for (const [model, params] of [
      [bgnbd, bgParams],
      [mbgnbd, mbgParams],
    ] as const) {
      const pairs = psql("SELECT DISTINCT x, age FROM rfm");
      const factors = model.expectationFactors(
        params,
        { frequency: pairs.map((row) => Number(row[0])), T: pairs.map((row) => Number(row[1])) },
        { horizon: 39 },
      );
      load("factors", { frequency: factors.frequency, t: factors.T, factor: factors.factor });
      const sql = model.toSql(params, { dialect: "postgres", columns: sqlColumns, expectationFactor: "f.factor" });
      const rows = psql(
        `SELECT ${sql.probabilityAlive}, ${sql.conditionalExpectedPurchases} FROM rfm s ` +
          "JOIN factors f ON f.frequency = s.x AND f.t = s.age ORDER BY s.id",
      );
      const alive = model.probabilityAliveBatch(params, { frequency, recency, T }).values;
      const expected = model.conditionalExpectedPurchasesBatch(params, 39, { frequency, recency, T }).values;
      expect(rows.length).toBe(frequency.length);
      const aliveMisses = misses(
        rows.map((row) => number(row[0])),
        alive,
      );
      expect(aliveMisses.rows, aliveMisses.shown).toEqual([]);
      const expectedMisses = misses(
        rows.map((row) => number(row[1])),
        expected,
      );
      expect(expectedMisses.rows, expectedMisses.shown).toEqual([]);
    }
  });

  it("gives NULL for rows that are not summaries, without aborting the query", () => {
    const sql = bgnbd.toSql(bgParams, { dialect: "postgres", columns: { frequency: "x", recency: "tx", T: "age" } });
    const rows = psql(
      `SELECT ${sql.probabilityAlive} FROM (VALUES (NULL::float8, 1.0::float8, 2.0::float8), (-1, 0, 2), (2, 3, 2), (0, 1, 2)) AS t(x, tx, age)`,
    );
    expect(rows).toEqual([["NULL"], ["NULL"], ["NULL"], ["NULL"]]);
  });

  it("groups customers into the patterns toPatterns makes, by weeks", () => {
    load("days", { x: days.frequency, tx: days.recency, age: days.T });
    const { query } = patternsSql({
      dialect: "postgres",
      from: "days",
      columns: { frequency: "x", recency: "tx", T: "age" },
      resolution: 7,
    });
    const got = psql(query).map((row) => row.map(Number).join(" "));
    const mine = toPatterns(days, { resolution: 7 });
    const expected = Array.from(mine.frequency, (x, i) => [x, mine.recency[i], mine.T[i], mine.weight[i]].join(" "));
    expect(got.sort()).toEqual(expected.sort());
  });

  it("summarises CDNOW's log as summarizeTransactions does, customer for customer", () => {
    const { rows, byId } = cdnowLog();
    psql("DROP TABLE IF EXISTS sales");
    psql("CREATE TABLE sales (cust INTEGER, day DATE, amount DOUBLE PRECISION)");
    psql(
      "COPY sales FROM STDIN WITH (FORMAT csv)",
      `${rows.map((row) => `${row.id},${row.date},${row.sales}`).join("\n")}\n`,
    );
    const query = summarySql({
      dialect: "postgres",
      from: "sales",
      columns: { customerId: "cust", date: "day", amount: "amount" },
      calibrationEnd: "1997-09-30",
      timeUnit: "week",
    });
    const got = psql(query);
    expect(got.length).toBe(byId.size);
    for (const [id, x, tx, age, m] of got) {
      const mine = byId.get(Number(id));
      expect([Number(x), Number(tx), Number(age)], String(id)).toEqual([mine?.frequency, mine?.recency, mine?.T]);
      expect(Math.abs(Number(m) - (mine?.monetaryValue ?? Number.NaN))).toBeLessThanOrEqual(
        1e-12 * Math.abs(Number(m)) + 1e-300,
      );
    }
  });
});
