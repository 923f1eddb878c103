// Issue 28: P(alive) as SQL, run in DuckDB against the library's batch on 100,000 simulated customers (1e-12
// relative), in each dialect DuckDB also reads; BigQuery's differs from DuckDB's only in its float type's name.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { bgnbd, InvalidInputError, mbgnbd } from "../../src/index.js";

const bgParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const mbgParams = { r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 };
const simulated = bgnbd.simulate(bgParams, 100_000, {
  seed: 4,
  T: Float64Array.from({ length: 100_000 }, (_, i) => 20 + ((i * 0.6180339887) % 60)),
});
// Edge rows: a heavy buyer long gone (the log-odds past 709), a repeat buyer seen at T, a customer seen once.
const edges = [
  [600, 1, 400],
  [5, 30, 30],
  [0, 0, 0.5],
];
const frequency = Float64Array.from([...simulated.frequency, ...edges.map((row) => row[0] as number)]);
const recency = Float64Array.from([...simulated.recency, ...edges.map((row) => row[1] as number)]);
const T = Float64Array.from([...simulated.T, ...edges.map((row) => row[2] as number)]);

async function customersTable() {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run("CREATE TABLE rfm (id INTEGER, x BIGINT, tx DOUBLE, age DOUBLE)");
  const appender = await connection.createAppender("rfm");
  for (let i = 0; i < frequency.length; i++) {
    appender.appendInteger(i);
    appender.appendBigInt(BigInt(frequency[i] as number));
    appender.appendDouble(recency[i] as number);
    appender.appendDouble(T[i] as number);
    appender.endRow();
  }
  appender.closeSync();
  return connection;
}

const columns = { frequency: "x", recency: "tx", T: "age" };
const close = (got: unknown, expected: number) =>
  typeof got === "number" && Math.abs(got - expected) <= 1e-12 * Math.abs(expected) + 1e-300;

describe("bgnbd.toSql and mbgnbd.toSql in DuckDB", () => {
  it("match the library's P(alive) to 1e-12 on 100,000 customers, in every dialect DuckDB reads", async () => {
    const connection = await customersTable();
    const cases = [
      { model: bgnbd, params: bgParams },
      { model: mbgnbd, params: mbgParams },
    ] as const;
    for (const { model, params } of cases) {
      const expected = model.probabilityAliveBatch(params, { frequency, recency, T }).values;
      for (const dialect of ["duckdb", "postgres", "snowflake", "spark"] as const) {
        const { probabilityAlive } = model.toSql(params, { dialect, columns });
        const reader = await connection.runAndReadAll(`SELECT ${probabilityAlive} AS p FROM rfm ORDER BY id`);
        const got = reader.getColumnsObjectJS()["p"] as unknown[];
        expect(got.length).toBe(expected.length);
        const misses = got.flatMap((value, i) => (close(value, expected[i] as number) ? [] : [i]));
        expect(misses, `${dialect}: ${misses.slice(0, 3).map((i) => `${got[i]} vs ${expected[i]}`)}`).toEqual([]);
      }
      expect(expected.at(-3)).toBe(0); // the heavy buyer long gone: the library's infinite odds, the SQL's 0
    }
    connection.closeSync();
  });

  it("gives NULL for a row that is not a summary, and never aborts the query", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      "CREATE TABLE bad AS SELECT * FROM (VALUES (NULL, 1.0, 2.0), (-1, 0, 2), (2, 3, 2), (0, 1, 2), (2, -1, 3)) t(x, tx, age)",
    );
    for (const model of [bgnbd, mbgnbd]) {
      const sql = model.toSql(bgParams, { dialect: "duckdb", columns }).probabilityAlive;
      const got = (await connection.runAndReadAll(`SELECT ${sql} AS p FROM bad`)).getColumnsObjectJS()["p"];
      expect(got).toEqual([null, null, null, null, null]);
    }
    connection.closeSync();
  });
});

describe("toSql's dialects and options", () => {
  it("writes BigQuery as DuckDB's SQL with FLOAT64, Postgres with DOUBLE PRECISION; default columns", () => {
    const duckdb = bgnbd.toSql(bgParams, { dialect: "duckdb" }).probabilityAlive;
    expect(bgnbd.toSql(bgParams, { dialect: "bigquery" }).probabilityAlive).toBe(
      duckdb.replaceAll("DOUBLE", "FLOAT64"),
    );
    expect(bgnbd.toSql(bgParams, { dialect: "postgres" }).probabilityAlive).toBe(
      duckdb.replaceAll("DOUBLE", "DOUBLE PRECISION"),
    );
    expect(duckdb).toContain("CAST((frequency) AS DOUBLE)");
    expect(duckdb).toContain("CAST((recency) AS DOUBLE)");
    expect(duckdb).toContain("CAST((T) AS DOUBLE)");
    expect(duckdb).toContain("CAST('0.243' AS DOUBLE)"); // the parameters exactly, as text
  });

  it("rejects what it cannot write, by name", () => {
    expect(() => bgnbd.toSql(bgParams, { dialect: "oracle" } as never)).toThrow(/dialect/);
    expect(() => bgnbd.toSql(bgParams, {} as never)).toThrow(InvalidInputError);
    expect(() => bgnbd.toSql(bgParams, { dialect: "duckdb", columns: { frequency: "x; DROP TABLE t" } })).toThrow(
      /columns\.frequency|frequency/,
    );
    expect(() => bgnbd.toSql(bgParams, { dialect: "duckdb", columns: { recency: "tx -- c" } })).toThrow(/recency/);
    expect(() => bgnbd.toSql(bgParams, { dialect: "duckdb", columns: { age: "a" } } as never)).toThrow(/age/);
    expect(() => bgnbd.toSql({ ...bgParams, r: -1 }, { dialect: "duckdb" })).toThrow(/r/);
    expect(() => bgnbd.toSql({ ...bgParams, covariates: { transaction: { c: 1 } } }, { dialect: "duckdb" })).toThrow(
      /covariates/,
    );
  });
});
