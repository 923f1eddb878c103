// Issue 28: P(alive) as SQL, run in DuckDB against the library's batch on 100,000 simulated customers (1e-12
// relative), in each dialect DuckDB also reads; BigQuery's differs from DuckDB's only in its float type's name.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { bgnbd, InvalidInputError, mbgnbd, patternsSql, summarySql, toPatterns } from "../../src/index.js";
import { bgParams, cdnowLog, close, days, frequency, mbgParams, recency, T } from "../helpers/sql-customers.js";

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

/** A DuckDB table from columns of doubles. */
async function loadTable(
  connection: Awaited<ReturnType<typeof customersTable>>,
  name: string,
  columns: Record<string, Float64Array>,
) {
  const names = Object.keys(columns);
  await connection.run(`CREATE TABLE ${name} (${names.map((column) => `"${column}" DOUBLE`).join(", ")})`);
  const appender = await connection.createAppender(name);
  const length = (columns[names[0] as string] as Float64Array).length;
  for (let i = 0; i < length; i++) {
    for (const column of names) appender.appendDouble((columns[column] as Float64Array)[i] as number);
    appender.endRow();
  }
  appender.closeSync();
}

describe("the conditional expectation as P(alive) × a joined factor table, in DuckDB", () => {
  it("matches the library's batch to 1e-12 on 100,000 customers, the factors made from SELECT DISTINCT", async () => {
    const connection = await customersTable();
    for (const [model, params] of [
      [bgnbd, bgParams],
      [mbgnbd, mbgParams],
    ] as const) {
      const pairs = (
        await connection.runAndReadAll("SELECT DISTINCT x AS frequency, age AS T FROM rfm")
      ).getColumnsObjectJS();
      const factors = model.expectationFactors(params, pairs as never, { horizon: 39 });
      expect(factors.frequency.length).toBe((pairs["frequency"] as unknown[]).length);
      await connection.run("DROP TABLE IF EXISTS factors");
      await loadTable(connection, "factors", { frequency: factors.frequency, T: factors.T, factor: factors.factor });
      const sql = model.toSql(params, {
        dialect: "duckdb",
        columns: { frequency: "s.x", recency: "s.tx", T: "s.age" },
        expectationFactor: "f.factor",
      });
      const reader = await connection.runAndReadAll(
        `SELECT ${sql.conditionalExpectedPurchases} AS e FROM rfm s JOIN factors f ON f.frequency = s.x AND f.T = s.age ORDER BY s.id`,
      );
      const got = reader.getColumnsObjectJS()["e"] as unknown[];
      const expected = model.conditionalExpectedPurchasesBatch(params, 39, { frequency, recency, T }).values;
      expect(got.length).toBe(expected.length);
      const misses = got.flatMap((value, i) => (close(value, expected[i] as number) ? [] : [i]));
      expect(
        misses,
        misses
          .slice(0, 3)
          .map((i) => `${got[i]} vs ${expected[i]}`)
          .join("; "),
      ).toEqual([]);
    }
    connection.closeSync();
  });

  it("checks its pairs and options by name", () => {
    expect(() => bgnbd.expectationFactors(bgParams, { frequency: [1.5], T: [3] }, { horizon: 1 })).toThrow(/frequency/);
    expect(() => bgnbd.expectationFactors(bgParams, [{ frequency: 1, T: -3 }], { horizon: 1 })).toThrow(/T/);
    expect(() => bgnbd.expectationFactors(bgParams, [{ frequency: 1, T: 3 }], { horizon: -1 })).toThrow(/horizon/);
    expect(() => bgnbd.expectationFactors(bgParams, [{ frequency: 1, T: 3 }], { horizn: 1 } as never)).toThrow(
      /horizon/,
    );
    expect(() => bgnbd.toSql(bgParams, { dialect: "duckdb", expectationFactor: "f; DROP" })).toThrow(
      /expectationFactor/,
    );
    expect(bgnbd.toSql(bgParams, { dialect: "duckdb" }).conditionalExpectedPurchases).toBeUndefined();
  });
});

describe("patternsSql in DuckDB", () => {
  it("groups the customers into the patterns toPatterns makes, exact and by weeks", async () => {
    const connection = await customersTable();
    await loadTable(connection, "days", { x: days.frequency, tx: days.recency, age: days.T });
    const sorted = (rows: number[][]) => rows.map((row) => row.join(" ")).sort();
    for (const resolution of [undefined, 7, 30.4375]) {
      const { query } = patternsSql({
        dialect: "duckdb",
        from: "days",
        columns: { frequency: "x", recency: "tx", T: "age" },
        ...(resolution === undefined ? {} : { resolution }),
      });
      const got = (await connection.runAndReadAll(query)).getColumnsObjectJS();
      const mine = toPatterns(days, resolution === undefined ? {} : { resolution });
      const gotRows = (got["frequency"] as number[]).map((x, i) => [
        x,
        (got["recency"] as number[])[i] as number,
        (got["T"] as number[])[i] as number,
        Number((got["weight"] as bigint[])[i]),
      ]);
      const myRows = Array.from(mine.frequency, (x, i) => [x, mine.recency[i], mine.T[i], mine.weight[i]] as number[]);
      expect(gotRows.length).toBe(myRows.length);
      expect(sorted(gotRows)).toEqual(sorted(myRows));
      // The query's result is a fit's input as it comes back, BIGINT weights included.
      if (resolution === 7) expect(bgnbd.fit(got as never).params.r).toBeCloseTo(bgnbd.fit(mine).params.r, 10);
    }
    connection.closeSync();
  });

  it("quotes its output names per dialect and checks its options", () => {
    expect(patternsSql({ dialect: "bigquery", from: "rfm" }).query).toContain("AS `T`");
    expect(patternsSql({ dialect: "postgres", from: "rfm" }).query).toContain('AS "T"');
    expect(() => patternsSql({ dialect: "duckdb", from: "rfm; DROP TABLE rfm" })).toThrow(/from/);
    expect(() => patternsSql({ dialect: "duckdb", from: "rfm", resolution: 0 })).toThrow(/resolution/);
    expect(() => patternsSql({ dialect: "duckdb" } as never)).toThrow(/from/);
  });
});

describe("summarySql in DuckDB", () => {
  it("summarises CDNOW's log as summarizeTransactions does, customer for customer", async () => {
    const { rows, byId } = cdnowLog();
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run("CREATE TABLE sales (cust INTEGER, day VARCHAR, amount DOUBLE)");
    const appender = await connection.createAppender("sales");
    for (const row of rows) {
      appender.appendInteger(row.id);
      appender.appendVarchar(row.date);
      appender.appendDouble(row.sales);
      appender.endRow();
    }
    appender.closeSync();
    const query = summarySql({
      dialect: "duckdb",
      from: "sales",
      columns: { customerId: "cust", date: "day", amount: "amount" },
      calibrationEnd: "1997-09-30",
      timeUnit: "week",
    });
    const got = (await connection.runAndReadAll(query)).getRowObjectsJS();
    expect(got.length).toBe(byId.size);
    for (const row of got) {
      const mine = byId.get(Number(row["customerId"]));
      expect(mine, String(row["customerId"])).toBeDefined();
      expect([row["frequency"], row["recency"], row["T"]]).toEqual([mine?.frequency, mine?.recency, mine?.T]);
      expect(
        close(row["monetaryValue"], mine?.monetaryValue ?? Number.NaN) || row["monetaryValue"] === mine?.monetaryValue,
      ).toBe(true);
    }
    connection.closeSync();
  });

  it("writes each dialect's day arithmetic and checks its options", () => {
    const options = {
      from: "sales",
      columns: { customerId: "c", date: "d" },
      calibrationEnd: "2024-06-30",
      timeUnit: "day",
    } as const;
    expect(summarySql({ ...options, dialect: "bigquery" })).toContain("DATE_DIFF(");
    expect(summarySql({ ...options, dialect: "spark" })).toContain("DATEDIFF(CAST((d) AS DATE)");
    expect(summarySql({ ...options, dialect: "snowflake" })).toContain("DATEDIFF(day,");
    expect(summarySql({ ...options, dialect: "duckdb" })).not.toContain("monetaryValue");
    expect(summarySql({ ...options, dialect: "duckdb" })).toContain("<= 19904");
    expect(() => summarySql({ ...options, dialect: "duckdb", calibrationEnd: "2024-13-01" })).toThrow(/calibrationEnd/);
    expect(() => summarySql({ ...options, dialect: "duckdb", timeUnit: "fortnight" as never })).toThrow(/timeUnit/);
    expect(() => summarySql({ ...options, dialect: "duckdb", columns: { customerId: "c" } as never })).toThrow(/date/);
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
