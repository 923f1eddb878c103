import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, rfm } from "../../src/index.js";

describe("rfm.fromTransactions on columns", () => {
  const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  it("gives the rows form's customers, order and measures, from day numbers or dates, plain or typed arrays", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom("a", "b", "c")),
            day: fc.integer({ min: 19_700, max: 19_830 }),
            cents: fc.integer({ min: -5_000, max: 500_000 }),
          }),
          { maxLength: 80 },
        ),
        fc.boolean(),
        (log, typed) => {
          const asOf = "2024-03-31"; // day 19,813: later transactions are left out
          const rows = rfm.fromTransactions(
            log.map(({ id, day, cents }) => ({ id, date: dateOf(day), amount: cents / 100 })),
            { asOf, customerId: "id", date: "date", amount: "amount" },
          );
          const ids = log.map(({ id }) => id);
          const amounts = log.map(({ cents }) => cents / 100);
          const columns = rfm.fromTransactions(
            typed
              ? { customerId: ids, day: Int32Array.from(log, ({ day }) => day), amount: Float64Array.from(amounts) }
              : { customerId: ids, date: log.map(({ day }) => dateOf(day)), amount: amounts },
            { asOf },
          );
          expect(columns.customerId).toEqual(rows.map((row) => row.customerId));
          expect(Array.from(columns.daysSinceLastPurchase)).toEqual(rows.map((row) => row.daysSinceLastPurchase));
          expect(Array.from(columns.purchaseCount)).toEqual(rows.map((row) => row.purchaseCount));
          // The float sum is within an ulp or so of the amounts' size (amounts such as 0.1 are not exact doubles).
          const sizeOf = new Map<unknown, number>();
          for (const { id, day, cents } of log)
            if (day <= 19_813) sizeOf.set(id, (sizeOf.get(id) ?? 0) + Math.abs(cents / 100));
          rows.forEach((row, index) => {
            const exact = row.totalSpend.toNumber();
            const size = sizeOf.get(row.customerId) as number;
            expect(Math.abs((columns.totalSpend[index] as number) - exact)).toBeLessThanOrEqual(4.5e-16 * size);
          });
          // Amounts in cents sum exactly.
          const inCents = rfm.fromTransactions(
            { customerId: ids, day: log.map(({ day }) => day), amount: log.map(({ cents }) => cents) },
            { asOf },
          );
          rows.forEach((row, index) => {
            expect(inCents.totalSpend[index]).toBe(row.totalSpend.times(100).toNumber());
          });
        },
      ),
      { numRuns: 200 },
    );
  });
  it("scores straight from the measures, as the rows do", () => {
    const log = Array.from({ length: 500 }, (_, index) => ({
      id: index % 37,
      day: 19_700 + ((index * 7919) % 113),
      amount: ((index * 104_729) % 20_000) / 100,
    }));
    const rows = rfm.fromTransactions(
      log.map(({ id, day, amount }) => ({ id, date: dateOf(day), amount })),
      {
        asOf: "2024-03-31",
        customerId: "id",
        date: "date",
        amount: "amount",
      },
    );
    const columns = rfm.fromTransactions(
      {
        customerId: Int32Array.from(log, ({ id }) => id),
        day: Int32Array.from(log, ({ day }) => day),
        amount: Float64Array.from(log, ({ amount }) => amount),
      },
      { asOf: "2024-03-31" },
    );
    const fromRows = rfm.scoreColumns(rows);
    const fromColumns = rfm.scoreColumns(columns);
    expect(fromColumns.r).toEqual(fromRows.r);
    expect(fromColumns.f).toEqual(fromRows.f);
    expect(fromColumns.m).toEqual(fromRows.m);
    expect(dayOf("2024-03-31")).toBe(19_813);
  });
  it("rejects bad columns and options with the column and row", () => {
    const asOf = "2024-03-31";
    const ok = { customerId: [1, 2], day: [19_800, 19_801], amount: [1, 2] };
    const fails = (columns: unknown, pattern: RegExp, options: unknown = { asOf }) => {
      expect(() => rfm.fromTransactions(columns as never, options as never)).toThrow(InvalidInputError);
      expect(() => rfm.fromTransactions(columns as never, options as never)).toThrow(pattern);
    };
    fails({ customerId: [1, 2], day: [19_800, 19_801] }, /amount: is required/);
    fails({ ...ok, day: [19_800, 19_801.5] }, /row 1: day: must be a whole day number/);
    fails({ ...ok, amount: [1, Number.NaN] }, /row 1: amount/);
    fails({ ...ok, customerId: ["x", ""] }, /row 1: customerId/);
    fails({ ...ok, amount: [1] }, /amount: has 1 entries/);
    fails(ok, /asOf/, { asOf: "2024-02-30" });
    fails(ok, /customerId: unknown option `customerId`: is not an option for a log given as columns/, {
      asOf,
      customerId: "id",
    });
  });
});

describe("rfm.fromTransactions", () => {
  it("aggregates up to asOf with exact spend", () => {
    const rows = rfm.fromTransactions(
      [
        { c: "a", d: "2024-03-01", m: "10.10" },
        { c: "b", d: "2024-01-15", m: 99 },
        { c: "a", d: "2024-03-20", m: "0.20" },
        { c: "a", d: "2024-04-02", m: 1000 }, // after asOf: not counted
      ],
      { asOf: "2024-03-31", customerId: "c", date: "d", amount: "m" },
    );
    expect(
      rows.map((row) => [row.customerId, row.daysSinceLastPurchase, row.purchaseCount, row.totalSpend.toString()]),
    ).toEqual([
      ["a", 11, 2, "10.3"],
      ["b", 76, 1, "99"],
    ]);
  });
  it("rejects bad rows with their index", () => {
    const options = { asOf: "2024-03-31", customerId: "c", date: "d", amount: "m" } as const;
    expect(() => rfm.fromTransactions([{ c: "a", d: "2024-02-31", m: 1 }], options)).toThrow(/row 0: date/);
    expect(() =>
      rfm.fromTransactions(
        [
          { c: "a", d: "2024-02-01", m: 1 },
          { c: "a", d: "2024-02-01", m: "1,5" },
        ],
        options,
      ),
    ).toThrow(/row 1/);
    expect(() => rfm.fromTransactions([{ c: null, d: "2024-02-01", m: 1 }], options)).toThrow(InvalidInputError);
  });
});

describe("rfm.score", () => {
  it("scores a hand-worked example (10 customers, quintiles)", () => {
    const days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const scores = rfm.scoreColumns({ daysSinceLastPurchase: days, purchaseCount: days, totalSpend: days });
    expect(Array.from(scores.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(Array.from(scores.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Ties: the four 1s sit at mid-rank 2 of 10 → quintile 2 of 5 (⌊5 × 2/10⌋ + 1); the 9 at mid-rank 9.5 → 5.
    const tied = rfm.scoreColumns({
      daysSinceLastPurchase: days,
      purchaseCount: [1, 1, 1, 1, 2, 3, 4, 5, 6, 9],
      totalSpend: days,
    });
    expect(Array.from(tied.f)).toEqual([2, 2, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(
      rfm.score(
        [
          { daysSinceLastPurchase: 3, purchaseCount: 12, totalSpend: "1500" },
          { daysSinceLastPurchase: 300, purchaseCount: 1, totalSpend: 80 },
        ],
        { bins: 2 },
      ),
    ).toEqual([
      { r: 2, f: 2, m: 2, code: "222" },
      { r: 1, f: 1, m: 1, code: "111" },
    ]);
  });
  it("scores with fixed thresholds", () => {
    const scores = rfm.score(
      [
        { daysSinceLastPurchase: 10, purchaseCount: 1, totalSpend: 50 },
        { daysSinceLastPurchase: 30, purchaseCount: 3, totalSpend: 500 },
        { daysSinceLastPurchase: 200, purchaseCount: 12, totalSpend: 5000 },
      ],
      { bins: 3, method: "thresholds", thresholds: { recency: [30, 180], frequency: [1, 5], monetary: [100, 1000] } },
    );
    expect(scores.map((s) => s.code)).toEqual(["311", "322", "133"]);
  });
  it("quantile scores: equal values equal scores, monotone, balanced bins for distinct values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 10 }),
        (values, bins) => {
          const { r, f } = rfm.scoreColumns(
            { daysSinceLastPurchase: values, purchaseCount: values.map((v) => v + 1), totalSpend: values },
            { bins },
          );
          for (let i = 0; i < values.length; i++) {
            expect(f[i]).toBeGreaterThanOrEqual(1);
            expect(f[i]).toBeLessThanOrEqual(bins);
            expect(r[i]).toBe(bins + 1 - f[i]!);
            for (let j = 0; j < values.length; j += 7) {
              if (values[i] === values[j]) expect(f[i]).toBe(f[j]);
              if (values[i]! < values[j]!) expect(f[i]).toBeLessThanOrEqual(f[j]!);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2, max: 10 }), (perBin, bins) => {
        const n = perBin * bins;
        const values = Array.from({ length: n }, (_, index) => (index * 7919) % n); // a permutation of 0..n−1
        const { m } = rfm.scoreColumns(
          { daysSinceLastPurchase: values, purchaseCount: values.map(() => 1), totalSpend: values },
          { bins },
        );
        const counts = new Array(bins + 1).fill(0);
        for (const value of m) counts[value] += 1;
        expect(counts.slice(1)).toEqual(new Array(bins).fill(perBin));
      }),
    );
  });
  it("fractional values (sorted path) score like whole numbers (histogram path) of the same order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 10 }),
        (values, bins) => {
          const ones = values.map(() => 1);
          const whole = rfm.scoreColumns(
            { daysSinceLastPurchase: values, purchaseCount: ones, totalSpend: values },
            { bins },
          );
          const fractional = rfm.scoreColumns(
            {
              daysSinceLastPurchase: values.map((v) => v * 1.37 + 0.25),
              purchaseCount: ones,
              totalSpend: values.map((v) => Math.sqrt(v) + 0.5),
            },
            { bins },
          );
          expect(Array.from(fractional.r)).toEqual(Array.from(whole.r));
          expect(Array.from(fractional.m)).toEqual(Array.from(whole.m));
        },
      ),
      { numRuns: 100 },
    );
  });
  it("rejects bad measures and options", () => {
    expect(() => rfm.score([{ daysSinceLastPurchase: -1, purchaseCount: 1, totalSpend: 1 }])).toThrow(
      /row 0: daysSinceLastPurchase/,
    );
    expect(() => rfm.score([{ daysSinceLastPurchase: 1, purchaseCount: 0, totalSpend: 1 }])).toThrow(/purchaseCount/);
    expect(() => rfm.score([{ daysSinceLastPurchase: 1, purchaseCount: 1, totalSpend: "ten" }])).toThrow(/totalSpend/);
    expect(() => rfm.score([], { bins: 11 })).toThrow(/bins/);
    expect(() =>
      rfm.score([], {
        method: "thresholds",
        thresholds: { recency: [1, 2], frequency: [1, 2, 3, 4], monetary: [1, 2, 3, 4] },
      }),
    ).toThrow(/thresholds.recency/);
  });
});

describe("rfm segments", () => {
  it("the standard map partitions the 125 codes", () => {
    const lookup = rfm.checkSegmentMap(rfm.STANDARD_SEGMENT_MAP);
    expect(lookup.size).toBe(125);
    const sizes = Object.values(rfm.STANDARD_SEGMENT_MAP).map((codes) => codes.length);
    expect(sizes).toEqual([7, 8, 24, 7, 16, 8, 5, 22, 8, 14, 6]);
    expect(rfm.segment({ code: "555" })).toBe("Champions");
    expect(rfm.segment({ code: "111" })).toBe("Lost");
    expect(rfm.segment({ code: "155" })).toBe("Can't Lose Them");
  });
  it("every score of every customer falls in exactly one segment", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ d: fc.nat(400), c: fc.integer({ min: 1, max: 30 }), s: fc.nat(5000) }), {
          minLength: 1,
          maxLength: 200,
        }),
        (rows) => {
          const scores = rfm.score(
            rows.map((row) => ({ daysSinceLastPurchase: row.d, purchaseCount: row.c, totalSpend: row.s })),
          );
          const memberships = scores.map(
            (score) => Object.values(rfm.STANDARD_SEGMENT_MAP).filter((codes) => codes.includes(score.code)).length,
          );
          expect(memberships.every((count) => count === 1)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
  it("names the gaps and overlaps of a user's map", () => {
    const map = { Best: ["555", "554"], Rest: ["554", "999"] };
    try {
      rfm.checkSegmentMap(map);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/overlap: "554" is also in "Best"/);
      expect(message).toMatch(/"999" is not an RFM code/);
      expect(message).toMatch(/gaps: 123 codes have no segment/);
    }
    const twoBins = { High: ["222", "221", "212", "122"], Low: ["111", "112", "121", "211"] };
    expect(rfm.segment({ code: "221" }, twoBins, 2)).toBe("High");
  });
  it("summarises count, share and exact mean spend per segment", () => {
    const summary = rfm.segmentSummary([
      { code: "555", totalSpend: "100.10" },
      { code: "554", totalSpend: "0.20" },
      { code: "111", totalSpend: 10 },
    ]);
    expect(summary).toHaveLength(11);
    const champions = summary.find((row) => row.segment === "Champions");
    expect(champions?.count).toBe(2);
    expect(champions?.meanSpend.toString()).toBe("50.15");
    expect(summary.reduce((sum, row) => sum + row.share, 0)).toBeCloseTo(1, 12);
  });
});
