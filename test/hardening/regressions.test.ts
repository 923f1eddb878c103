// Regression tests for issue 13 items fixed so far: each failed on the code before the fix.
import { describe, expect, it } from "vitest";
import {
  bgbb,
  bgcnbd,
  bgnbd,
  gammaGamma,
  InvalidInputError,
  mbgcnbd,
  mbgnbd,
  paretoNbd,
  psv,
  shiftedBetaGeometric,
  sumMoney,
} from "../../src/index.js";

describe("issue 13.1: psv.score follows assumptions edited in place", () => {
  it("rebuilds its value curve when the content changes, and validates the edit", () => {
    const { assumptions } = psv.defaultAssumptions({ segment: "mass" });
    const vehicle = { vehicleId: "V1", deliveryDate: "2022-01-01" };
    const before = psv.score(vehicle, assumptions, { asOf: "2024-01-01" }).total.toNumber();
    const edited = assumptions as { maintenanceValue: number };
    edited.maintenanceValue *= 10;
    const after = psv.score(vehicle, assumptions, { asOf: "2024-01-01" }).total.toNumber();
    const fresh = psv.score(vehicle, structuredClone(assumptions), { asOf: "2024-01-01" }).total.toNumber();
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(fresh);
    edited.maintenanceValue = -5;
    expect(() => psv.score(vehicle, assumptions, { asOf: "2024-01-01" })).toThrow(InvalidInputError);
  });
});

describe("issue 13.5: sumMoney takes a list, not a string of digits", () => {
  it("rejects a bare string and sums a list of strings", () => {
    expect(() => sumMoney("100" as never)).toThrow(InvalidInputError);
    expect(() => sumMoney(null as never)).toThrow(InvalidInputError);
    expect(sumMoney(["100"]).toString()).toBe("100");
  });
});

describe("issue 13.4 and 13.6: fits on no data, bad options, and maxima that are not estimates", () => {
  const fits: [string, (data: never, options?: never) => unknown][] = [
    ["bgnbd", bgnbd.fit as never],
    ["mbgnbd", mbgnbd.fit as never],
    ["paretoNbd", paretoNbd.fit as never],
    ["bgcnbd", bgcnbd.fit as never],
    ["mbgcnbd", mbgcnbd.fit as never],
    ["bgbb", bgbb.fit as never],
    ["gammaGamma", gammaGamma.fit as never],
  ];
  it.each(fits)("%s.fit([]) is an InvalidInputError, not LL 0 and converged", (_, fitModel) => {
    expect(() => fitModel([] as never)).toThrow(InvalidInputError);
  });

  it("rejects maxIterations −1, a negative starting value and a misspelt option, naming the option", () => {
    const data = [{ frequency: 1, recency: 5, T: 10 }];
    expect(() => bgnbd.fit(data, { maxIterations: -1 })).toThrow(/maxIterations/);
    expect(() => bgnbd.fit(data, { initialParams: { r: -1 } })).toThrow(/initialParams/);
    expect(() => bgnbd.fit(data, { maxIteration: 5 } as never)).toThrow(/maxIteration/);
    expect(() => bgnbd.fit(data, { initialParams: { s: 1 } as never })).toThrow(/not a parameter/);
  });

  it("one customer: not converged, with the reason in words", () => {
    const fit = bgnbd.fit([{ frequency: 3, recency: 20, T: 30 }]);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/not converged to estimates/);
    expect(fit.warnings.length).toBeGreaterThan(0);
  });

  it("identified fits still converge", () => {
    const fit = shiftedBetaGeometric.fit({ survivors: [1000, 631, 468, 382, 326, 289, 262, 241] });
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
  });
});
