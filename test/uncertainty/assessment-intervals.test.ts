import { describe, expect, it } from "vitest";
import { InvalidInputError, psv, uncertainty } from "../../src/index.js";
import { dealerRecords } from "../helpers/dealer-records.js";

const asOf = "2024-06-01";
const dealer = (vehicles: number, seed: number) => dealerRecords(vehicles, seed, asOf);

describe("psv.calibrate's sampling record", () => {
  const records = dealer(800, 7);
  const calibrated = psv.calibrate({ ...records, asOf });
  const sampling = calibrated.assumptions.sampling;

  it("names every value set from the data with an interval, on its working scale", () => {
    expect(sampling).toBeDefined();
    if (sampling === undefined) return;
    const { names, scales, covariance } = sampling;
    for (const [name, entry] of Object.entries(calibrated.report)) {
      const fromData = entry?.source === "data" || entry?.source === "weak";
      if (fromData && typeof entry?.value === "number" && entry.low !== undefined) expect(names).toContain(name);
      if (entry?.source === "fallback" || entry?.source === "default") expect(names).not.toContain(name);
    }
    expect(names).toContain("repairVisitsByAge.0");
    expect(scales[names.indexOf("maintenanceValue")]).toBe("log");
    expect(scales[names.indexOf("leaveAfterFirstService")]).toBe("logit");
    // The report's 95% interval is the estimate ± 1.96 sd on the working scale for an estimate set from the data.
    const i = names.indexOf("maintenanceValue");
    const entry = calibrated.report.maintenanceValue;
    const sd = Math.sqrt(covariance[i]?.[i] as number);
    expect(entry?.source).toBe("data");
    expect(Math.log((entry?.high as number) / (entry?.low as number)) / (2 * 1.96)).toBeCloseTo(sd, 10);
    // Symmetric, with the joint fit's correlations between behaviour estimates and none across fits.
    covariance.forEach((row, r) => {
      row.forEach((value, c) => {
        expect(value).toBe(covariance[c]?.[r]);
      });
    });
    const a = names.indexOf("leaveAfterFirstService");
    const b = names.indexOf("leaveInWarranty");
    expect(Math.abs(covariance[a]?.[b] as number)).toBeGreaterThan(0);
    expect(covariance[i]?.[a]).toBe(0);
  });

  it("replaces a fallback's own record, and survives checkAssumptions and JSON", () => {
    const again = psv.calibrate({ ...records, asOf, fallback: calibrated.assumptions });
    expect(again.assumptions.sampling?.names).toEqual(sampling?.names);
    const copy = JSON.parse(JSON.stringify(calibrated.assumptions));
    expect(psv.checkAssumptions(copy).sampling).toEqual(sampling);
  });

  it("rejects a record that does not fit its assumptions, naming the field", () => {
    const base = psv.defaultAssumptions({ segment: "mass" }).assumptions;
    const bad = [
      { names: ["noSuchAssumption"], scales: ["log"], covariance: [[1]] },
      { names: ["repairVisitsByAge.99"], scales: ["log"], covariance: [[1]] },
      {
        names: ["maintenanceValue", "maintenanceValue"],
        scales: ["log", "log"],
        covariance: [
          [1, 0],
          [0, 1],
        ],
      },
      { names: ["maintenanceValue"], scales: ["sqrt"], covariance: [[1]] },
      {
        names: ["maintenanceValue", "repairValue"],
        scales: ["log", "log"],
        covariance: [
          [1, 0.5],
          [0.4, 1],
        ],
      },
      { names: ["maintenanceValue"], scales: ["log"], covariance: [[-1]] },
      { names: ["maintenanceValue"], scales: ["log"], covariance: [[Number.NaN]] },
      { names: ["maintenanceValue"], scales: ["log"], covariance: [[1]], extra: 1 },
      "sampling",
    ];
    for (const sampling of bad) {
      expect(() => psv.checkAssumptions({ ...base, sampling } as never)).toThrow(InvalidInputError);
      expect(() => psv.checkAssumptions({ ...base, sampling } as never)).toThrow(/sampling/);
    }
  });
});

describe("uncertainty.assessmentIntervals", () => {
  const records = dealer(500, 11);
  const { assumptions } = psv.calibrate({ ...records, asOf });
  const ranges = uncertainty.assessmentIntervals({ ...records, asOf, assumptions });

  it("brackets every customer's values and the totals", () => {
    const { columns, totals } = ranges.assessment;
    for (const value of ["obtainableValue", "obtainableLifetimeValue", "saveableValue", "winBackValue"] as const) {
      columns[value].forEach((point, index) => {
        expect(ranges.columns[value].low[index]).toBeLessThanOrEqual(point + 1e-9);
        expect(ranges.columns[value].high[index]).toBeGreaterThanOrEqual(point - 1e-9);
        expect(ranges.columns[value].low[index]).toBeGreaterThanOrEqual(0);
      });
      expect(ranges.totals[value].low.lte(totals[value])).toBe(true);
      expect(ranges.totals[value].high.gte(totals[value])).toBe(true);
    }
    expect(ranges.totals.obtainableValue.high.gt(ranges.totals.obtainableValue.low)).toBe(true);
    expect(ranges.directions).toBe((assumptions.sampling?.names.length ?? 0) - 2); // retention: psv.score's only
    expect(ranges.level).toBe(0.9);
  });

  it("is the delta method: one estimate moved ± its sd by hand gives the same half width", () => {
    const sd = 0.05;
    const one = {
      ...assumptions,
      sampling: { names: ["maintenanceValue"], scales: ["log" as const], covariance: [[sd * sd]] },
    };
    const narrow = uncertainty.assessmentIntervals({ ...records, asOf, assumptions: one }, { level: 0.95 });
    const at = (factor: number) =>
      psv
        .assessCustomers({ ...records, asOf, assumptions: { ...one, maintenanceValue: one.maintenanceValue * factor } })
        .totals.obtainableValue.toNumber();
    const half = (at(Math.exp(sd)) - at(Math.exp(-sd))) / 2;
    const point = narrow.assessment.totals.obtainableValue.toNumber();
    expect(narrow.totals.obtainableValue.high.toNumber() - point).toBeCloseTo(1.959964 * Math.abs(half), 1);
    expect(narrow.directions).toBe(1);
  });

  it("widens with the level, and moves each assumption set of a per-vehicle choice on its own", () => {
    const wide = uncertainty.assessmentIntervals({ ...records, asOf, assumptions }, { level: 0.99 });
    expect(wide.totals.obtainableValue.high.gt(ranges.totals.obtainableValue.high)).toBe(true);
    const bySegment = uncertainty.assessmentIntervals({
      ...records,
      asOf,
      assumptions: { by: { mass: assumptions }, default: psv.defaultAssumptions({ segment: "mass" }).assumptions },
    });
    expect(bySegment.directions).toBe(ranges.directions);
  });

  it("reads amounts given as decimal text as psv.assessCustomers does", () => {
    const asText = { ...assumptions, maintenanceValue: String(assumptions.maintenanceValue) as unknown as number };
    const fromText = uncertainty.assessmentIntervals({ ...records, asOf, assumptions: asText });
    expect(fromText.totals.obtainableValue.low.toString()).toBe(ranges.totals.obtainableValue.low.toString());
    expect(fromText.totals.obtainableValue.high.toString()).toBe(ranges.totals.obtainableValue.high.toString());
  });

  it("reports its progress, stops on an aborted signal and says what is wrong", () => {
    const fractions: number[] = [];
    uncertainty.assessmentIntervals({
      ...records,
      asOf,
      assumptions: { ...assumptions, sampling: { names: ["repairValue"], scales: ["log"], covariance: [[0.01]] } },
      onProgress: ({ fraction }) => fractions.push(fraction),
    });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((value, index) => index === 0 || value >= (fractions[index - 1] as number))).toBe(true);
    const controller = new AbortController();
    controller.abort();
    expect(() => uncertainty.assessmentIntervals({ ...records, asOf, assumptions, signal: controller.signal })).toThrow(
      /abort/i,
    );
    const plain = psv.defaultAssumptions({ segment: "mass" }).assumptions;
    expect(() => uncertainty.assessmentIntervals({ ...records, asOf, assumptions: plain })).toThrow(
      /carry no sampling error/,
    );
    expect(() => uncertainty.assessmentIntervals({ ...records, asOf, assumptions }, { level: 1.5 })).toThrow(
      InvalidInputError,
    );
    expect(() => uncertainty.assessmentIntervals({ ...records, asOf, assumptions }, { levels: 0.9 } as never)).toThrow(
      /level/,
    );
  });
});
