// The one batch rule (issue 12): every model `...Batch` takes rows or columns and returns { values, errors }: one
// value per input row in input order, NaN exactly at the rows that fail validation, one InvalidInputError per such
// row (its rowIndex and issues), and for every other row the value the single-customer function gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BatchResult,
  bgbb,
  bgcnbd,
  bgnbd,
  gammaGamma,
  InvalidInputError,
  mbgcnbd,
  mbgnbd,
  paretoNbd,
} from "../../src/index.js";

type Row = Record<string, unknown>;
interface Case {
  readonly name: string;
  readonly good: fc.Arbitrary<Row>;
  readonly corrupt: (row: Row, kind: number) => Row;
  readonly batch: (data: never) => BatchResult;
  readonly single: (row: never) => number;
}

const continuous = fc
  .tuple(
    fc.integer({ min: 0, max: 30 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0.5, max: 80, noNaN: true }),
  )
  .map(([x, share, T]) => ({ frequency: x, recency: x === 0 ? 0 : share * T, T }));
const corruptContinuous = (row: Row, kind: number): Row =>
  [
    { ...row, frequency: -1 },
    { ...row, frequency: 1.5 },
    { ...row, T: Number.NaN },
    { ...row, recency: (row["T"] as number) + 1 },
    { ...row, frequency: "2" },
    { ...row, weight: 0 },
  ][kind % 6] as Row;
const bgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const paretoParams = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };
const cnbdParams = { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 };
const bgbbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const ggParams = { p: 6.25, q: 3.74, gamma: 15.44 };

const cases: Case[] = [
  ...(
    [
      ["bgnbd", bgnbd, bgnbdParams],
      ["mbgnbd", mbgnbd, bgnbdParams],
      ["paretoNbd", paretoNbd, paretoParams],
      ["bgcnbd", bgcnbd, cnbdParams],
      ["mbgcnbd", mbgcnbd, cnbdParams],
    ] as const
  ).flatMap(([name, model, params]) => {
    const m = model as unknown as {
      probabilityAliveBatch(p: unknown, d: unknown): BatchResult;
      probabilityAlive(p: unknown, c: unknown): number;
      conditionalExpectedPurchasesBatch(p: unknown, t: number, d: unknown): BatchResult;
      conditionalExpectedPurchases(p: unknown, t: number, c: unknown): number;
    };
    return [
      {
        name: `${name}.probabilityAliveBatch`,
        good: continuous,
        corrupt: corruptContinuous,
        batch: (data: never) => m.probabilityAliveBatch(params, data),
        single: (row: never) => m.probabilityAlive(params, row),
      },
      {
        name: `${name}.conditionalExpectedPurchasesBatch`,
        good: continuous,
        corrupt: corruptContinuous,
        batch: (data: never) => m.conditionalExpectedPurchasesBatch(params, 26, data),
        single: (row: never) => m.conditionalExpectedPurchases(params, 26, row),
      },
    ];
  }),
  {
    name: "bgbb.probabilityAliveBatch",
    good: fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }))
      .map(([n, a, b]) => {
        const tx = Math.min(a, n);
        return { frequency: tx === 0 ? 0 : Math.max(1, Math.min(b, tx)), recency: tx, periods: n };
      }),
    corrupt: (row, kind) =>
      [
        { ...row, periods: 0 },
        { ...row, frequency: -1 },
        { ...row, recency: (row["periods"] as number) + 1 },
      ][kind % 3] as Row,
    batch: (data: never) => bgbb.probabilityAliveBatch(bgbbParams, data),
    single: (row: never) => bgbb.probabilityAlive(bgbbParams, row),
  },
  {
    name: "gammaGamma.conditionalExpectedSpendBatch",
    good: fc
      .tuple(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0.5, max: 500, noNaN: true }))
      .map(([x, m]) => ({ frequency: x, monetaryValue: m })),
    corrupt: (row, kind) =>
      [
        { ...row, monetaryValue: -3 },
        { ...row, frequency: 0.5 },
        { ...row, monetaryValue: null },
      ][kind % 3] as Row,
    batch: (data: never) => gammaGamma.conditionalExpectedSpendBatch(ggParams, data),
    single: (row: never) => gammaGamma.conditionalExpectedSpend(ggParams, row),
  },
];

const toColumns = (rows: Row[]): Record<string, unknown[]> => {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return Object.fromEntries(
    keys.map((key) => [key, rows.map((row) => (key in row ? row[key] : key === "weight" ? 1 : undefined))]),
  );
};

describe("the batch rule", () => {
  for (const entry of cases) {
    it(`${entry.name}: NaN and an error exactly at the bad rows, the single-customer value elsewhere (rows and columns)`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(entry.good, fc.option(fc.nat(), { freq: 3 })), { minLength: 1, maxLength: 12 }),
          (drawn) => {
            const rows = drawn.map(([row, kind]) => (kind === null ? row : entry.corrupt(row, kind)));
            const bad = drawn.flatMap(([, kind], index) => (kind === null ? [] : [index]));
            for (const data of [rows, toColumns(rows)]) {
              const { values, errors } = entry.batch(data as never);
              expect(values).toBeInstanceOf(Float64Array);
              expect(values.length).toBe(rows.length);
              expect(errors.every((error) => error instanceof InvalidInputError)).toBe(true);
              expect(errors.map((error) => error.rowIndex)).toEqual(bad);
              rows.forEach((row, index) => {
                if (bad.includes(index)) expect(values[index]).toBeNaN();
                else expect(values[index]).toBe(entry.single(row as never));
              });
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  }
  it("still throws when no row could be scored: not rows or columns, unequal columns, bad parameters", () => {
    expect(() => bgnbd.probabilityAliveBatch(bgnbdParams, null as never)).toThrow(InvalidInputError);
    expect(() => bgnbd.probabilityAliveBatch(bgnbdParams, { frequency: [1, 2], recency: [1], T: [3, 3] })).toThrow(
      /recency/,
    );
    expect(() => bgnbd.probabilityAliveBatch({ ...bgnbdParams, r: -1 }, [])).toThrow(InvalidInputError);
  });
});

describe("the batch rule with covariates", () => {
  it("one error per bad row, in row order, when a row fails both its summary and its covariates", () => {
    const params = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67, covariates: { transaction: { g: 0.5 } } };
    const rows = [
      { frequency: 1, recency: 2, T: 5, covariates: { g: 1 } },
      { frequency: 1, recency: 2, T: 5 }, // no covariate
      { frequency: -1, recency: 2, T: 5 }, // bad summary and no covariate
      { frequency: 2, recency: 9, T: 5, covariates: { g: 0 } }, // recency above T
    ];
    const { values, errors } = paretoNbd.probabilityAliveBatch(params, rows as never);
    expect(errors.map((error) => [error.rowIndex, error.issues[0]?.path?.[0]])).toEqual([
      [1, "covariates"],
      [2, "frequency"],
      [3, "recency"],
    ]);
    expect([Number.isFinite(values[0]), ...[1, 2, 3].map((index) => Number.isNaN(values[index]))]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});
