// Issue 23: columns from where users' data lives. BigInt ids (DuckDB's BIGINT, Arrow's Int64), Arrow vectors and
// tables, Arrow date and timestamp columns, epoch milliseconds given with dateUnit, and a DuckDB query's columns and
// rows give the same results as plain arrays; implausible day numbers (Excel serials) say what was probably meant.
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import * as arrow from "apache-arrow";
import { describe, expect, it } from "vitest";
import { bgnbd, generateDealerData, InvalidInputError, psv, rfm, summarizeTransactions } from "../../src/index.js";

const MS_PER_DAY = 86_400_000;

/** The CDNOW sample log bundled with the examples: customer, YYYYMMDD, CDs, sales. */
function cdnowLog() {
  const lines = readFileSync(new URL("../../examples/data/cdnow_sample_transactions.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  const customerId = new Int32Array(lines.length);
  const day = new Int32Array(lines.length);
  const amount = new Float64Array(lines.length);
  lines.forEach((line, index) => {
    const [id, , yyyymmdd, , sales] = line.split(",") as [string, string, string, string, string];
    customerId[index] = Number(id);
    day[index] =
      Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6))) / MS_PER_DAY;
    amount[index] = Number(sales);
  });
  return { customerId, day, amount };
}

const window = { observationEnd: "1998-06-30", calibrationEnd: "1997-09-30", timeUnit: "week" } as const;
const log = cdnowLog();
const expected = summarizeTransactions(log, window);

describe("transaction columns from data tools", () => {
  it("reads BigInt ids (BigInt64Array and arrays of BigInt) as the same customers", () => {
    const bigIds = BigInt64Array.from(log.customerId, (id) => BigInt(id));
    expect(summarizeTransactions({ ...log, customerId: bigIds }, window)).toEqual(expected);
    const mixed = Array.from(log.customerId, (id) => BigInt(id));
    expect(summarizeTransactions({ ...log, customerId: mixed }, window)).toEqual(expected);
  });
  it("keeps ids beyond the safe integer range as exact decimal strings", () => {
    const base = 2n ** 60n;
    const ids = BigInt64Array.from(log.customerId, (id) => base + BigInt(id));
    const summary = summarizeTransactions({ ...log, customerId: ids }, window);
    expect(summary.customerId[0]).toBe((base + BigInt(log.customerId[0] as number)).toString());
    expect(summary.frequency).toEqual(expected.frequency);
  });
  it("reads an Arrow table, an Arrow date column and a timestamp column like plain arrays", () => {
    const table = arrow.tableFromArrays({
      customerId: BigInt64Array.from(log.customerId, (id) => BigInt(id)),
      day: log.day,
      amount: log.amount,
    });
    expect(summarizeTransactions(table as never, window)).toEqual(expected);
    const dates = arrow.vectorFromArray(
      Array.from(log.day, (day) => new Date(day * MS_PER_DAY)),
      new arrow.DateDay(),
    );
    const withDates = {
      customerId: arrow.vectorFromArray(Array.from(log.customerId)),
      date: dates,
      amount: log.amount,
    };
    expect(summarizeTransactions(withDates as never, window)).toEqual(expected);
    // Timestamps are instants: in Shanghai, 20:00 UTC is the next civil day.
    const evening = arrow.vectorFromArray(
      Array.from(log.day, (day) => day * MS_PER_DAY - 4 * 3_600_000),
      new arrow.TimestampMillisecond(),
    );
    const shanghai = summarizeTransactions({ ...log, day: undefined, date: evening } as never, {
      ...window,
      timeZone: "Asia/Shanghai",
    });
    expect(shanghai).toEqual(summarizeTransactions(log, { ...window, timeZone: "Asia/Shanghai" }));
  });
  it("reads Polars-style series (objects with toArray) like plain arrays", () => {
    const series = (values: ArrayLike<unknown>) => ({ toArray: () => Array.from(values) });
    const columns = { customerId: series(log.customerId), day: series(log.day), amount: series(log.amount) };
    expect(summarizeTransactions(columns as never, window)).toEqual(expected);
  });
  it("reads epoch milliseconds only when dateUnit says so", () => {
    const ms = Float64Array.from(log.day, (day) => day * MS_PER_DAY + 3_600_000);
    const columns = { customerId: log.customerId, date: ms, amount: log.amount };
    expect(summarizeTransactions(columns, { ...window, dateUnit: "millisecond" })).toEqual(expected);
    expect(() => summarizeTransactions(columns as never, window)).toThrow(
      /epoch milliseconds need the option dateUnit/,
    );
  });
  it("says that day numbers after 2069 look like Excel serial dates, and huge ones like epoch time", () => {
    const in2024 = { customerId: [1, 1], day: Int32Array.of(19_723 + 25_569, 19_800 + 25_569) };
    expect(() => summarizeTransactions(in2024, { observationEnd: "2024-12-31", timeUnit: "week" })).toThrow(
      /an Excel serial date\? As one it is 2024-01-01/,
    );
    // CDNOW's serials land in 2067, before 2070: every purchase is then after the window, which is an error too.
    const excel = Int32Array.from(log.day, (day) => day + 25_569);
    expect(() => summarizeTransactions({ ...log, day: excel }, window)).toThrow(
      /all 6919 transactions are after observationEnd \(1998-06-30\): the first is on 2067-01-03; as an Excel serial date it would be 1997-01-01/,
    );
    const ms = Float64Array.from(log.day, (day) => day * MS_PER_DAY);
    expect(() => summarizeTransactions({ ...log, day: ms }, window)).toThrow(
      /looks like epoch milliseconds \(1997-01-01\)/,
    );
  });
  it("gives RFM measures from an Arrow table equal to plain arrays", () => {
    const table = arrow.tableFromArrays({ customerId: log.customerId, day: log.day, amount: log.amount });
    expect(rfm.fromTransactions(table as never, { asOf: "1998-06-30" })).toEqual(
      rfm.fromTransactions(log, { asOf: "1998-06-30" }),
    );
  });
});

describe("summary columns from data tools", () => {
  const columns = { frequency: expected.frequency, recency: expected.recency, T: expected.T };
  const plain = bgnbd.fit(columns, { standardErrors: false }).params;
  it("fits an Arrow table of summaries, and BigInt frequencies, like plain columns", () => {
    const table = arrow.tableFromArrays({
      frequency: BigInt64Array.from(expected.frequency, (x) => BigInt(x)),
      recency: expected.recency,
      T: expected.T,
    });
    expect(bgnbd.fit(table as never, { standardErrors: false }).params).toEqual(plain);
    const rows = Array.from(expected.frequency, (x, index) => ({
      frequency: BigInt(x),
      recency: expected.recency[index],
      T: expected.T[index],
    }));
    expect(bgnbd.fit(rows as never, { standardErrors: false }).params).toEqual(plain);
  });
  it("reads an Arrow vector with nulls as missing entries, not zeros", () => {
    const T = arrow.vectorFromArray([38, null, 38], new arrow.Float64());
    const result = bgnbd.probabilityAliveBatch(plain, { frequency: [1, 0, 0], recency: [10, 0, 0], T } as never);
    expect(result.errors.map((error) => error.rowIndex)).toEqual([1]);
  });
});

describe("dealer records from data tools", () => {
  const base = generateDealerData({ vehicles: 300, seed: 7, asOf: "2024-06-01" });
  const vehicles = base.flatMap((owner) =>
    owner.vehicles.map((vehicle) => ({ ...vehicle, customerId: owner.customerId })),
  );
  const events = base.flatMap((owner) => owner.serviceEvents);
  const numberOf = (id: unknown) => Number(String(id).replace(/\D/g, ""));
  const options = { asOf: "2024-06-01" };
  const plain = psv.assessCustomers({
    ...options,
    vehicles: vehicles.map((vehicle) => ({
      ...vehicle,
      vehicleId: numberOf(vehicle.vehicleId),
      customerId: numberOf(vehicle.customerId),
    })),
    serviceEvents: events.map((event) => ({ ...event, vehicleId: numberOf(event.vehicleId) })),
  });
  it("assesses BigInt ids (rows) as the same owners", () => {
    const big = psv.assessCustomers({
      ...options,
      vehicles: vehicles.map((vehicle) => ({
        ...vehicle,
        vehicleId: BigInt(numberOf(vehicle.vehicleId)),
        customerId: BigInt(numberOf(vehicle.customerId)),
      })) as never,
      serviceEvents: events.map((event) => ({ ...event, vehicleId: BigInt(numberOf(event.vehicleId)) })) as never,
    });
    expect(big.errors).toEqual([]);
    expect(big.customers.length).toBe(plain.customers.length);
    expect(big.customers.map((row) => row.obtainableValue.toFixed(2))).toEqual(
      plain.customers.map((row) => row.obtainableValue.toFixed(2)),
    );
  });
  it("assesses Arrow tables with Int64 ids and date columns as the same owners", () => {
    const vehicleTable = arrow.tableFromArrays({
      vehicleId: BigInt64Array.from(vehicles, (vehicle) => BigInt(numberOf(vehicle.vehicleId))),
      customerId: BigInt64Array.from(vehicles, (vehicle) => BigInt(numberOf(vehicle.customerId))),
    });
    const deliveryDate = arrow.vectorFromArray(
      vehicles.map((vehicle) => new Date(`${String(vehicle.deliveryDate).slice(0, 10)}T00:00:00Z`)),
      new arrow.DateDay(),
    );
    const eventTable = {
      vehicleId: arrow.vectorFromArray(events.map((event) => BigInt(numberOf(event.vehicleId)))),
      date: arrow.vectorFromArray(
        events.map((event) => new Date(`${String(event.date).slice(0, 10)}T00:00:00Z`)),
        new arrow.DateDay(),
      ),
      type: arrow.vectorFromArray(events.map((event) => event.type)),
      odometerKm: arrow.vectorFromArray(
        events.map((event) => event.odometerKm ?? null),
        new arrow.Float64(),
      ),
      margin: events.map((event) => event.margin),
    };
    const fromArrow = psv.assessCustomers({
      ...options,
      vehicles: {
        vehicleId: vehicleTable.getChild("vehicleId"),
        customerId: vehicleTable.getChild("customerId"),
        deliveryDate,
      } as never,
      serviceEvents: eventTable as never,
    });
    expect(fromArrow.errors).toEqual([]);
    expect(fromArrow.customers.map((row) => row.obtainableValue.toFixed(2))).toEqual(
      plain.customers.map((row) => row.obtainableValue.toFixed(2)),
    );
  });
});

describe("DuckDB to autoclv (the recipe in docs/data-sources.md)", () => {
  it("summarises a DuckDB query's columns and rows like the same log read in JavaScript", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const csv = new URL("../../examples/data/cdnow_sample_transactions.csv", import.meta.url).pathname;
    await connection.run(`CREATE TABLE purchases AS SELECT * FROM read_csv('${csv}', types = {'date': 'VARCHAR'})`);
    const query = `
      SELECT masterid AS customerId,
             strptime(date, '%Y%m%d')::DATE - DATE '1970-01-01' AS day,
             sales AS amount
      FROM purchases`;
    const reader = await connection.runAndReadAll(query);
    const columns = reader.getColumnsObjectJS() as Record<string, unknown[]>;
    expect(typeof columns["customerId"]?.[0]).toBe("bigint"); // read_csv infers BIGINT
    expect(summarizeTransactions(columns as never, window)).toEqual(expected);
    // Rows with DATE values as JavaScript Dates (UTC midnight) read in the default time zone, UTC.
    const rows = (
      await connection.runAndReadAll(
        "SELECT masterid AS id, strptime(date, '%Y%m%d')::DATE AS date, sales AS amount FROM purchases",
      )
    ).getRowObjectsJS();
    const fromRows = summarizeTransactions(rows, { ...window, customerId: "id", date: "date", amount: "amount" });
    expect(fromRows.map((row) => [row.customerId, row.frequency, row.recency, row.T])).toEqual(
      Array.from(expected.customerId, (id, index) => [
        id,
        expected.frequency[index],
        expected.recency[index],
        expected.T[index],
      ]),
    );
    connection.closeSync();
  });
  it("rejects day numbers that are Excel serials with the typed error", () => {
    expect(() =>
      summarizeTransactions({ ...log, day: Int32Array.from(log.day, (day) => day + 25_569) }, window),
    ).toThrow(InvalidInputError);
  });
});

describe("dateUnit", () => {
  it('takes only "millisecond", in summarizeTransactions and rfm.fromTransactions alike', () => {
    const columns = { customerId: [1], date: [0], amount: [1] };
    expect(() => summarizeTransactions(columns, { ...window, dateUnit: "second" as never })).toThrow(
      /dateUnit: must be "millisecond", got "second"/,
    );
    expect(() => rfm.fromTransactions(columns, { asOf: "1998-06-30", dateUnit: "second" as never })).toThrow(
      /dateUnit: must be "millisecond", got "second"/,
    );
  });
});
