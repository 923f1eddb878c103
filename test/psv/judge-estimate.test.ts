import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { judgeEstimate } from "../../src/psv/calibrate/judge-estimate.js";

describe("judgeEstimate: the verdict of an estimate from its standard error against the fallback", () => {
  it("calls a precise estimate data, an imprecise one weak (shrunk), one the data barely inform default", () => {
    // ln 2 is the fallback's prior spread: weight = τ² / (τ² + se²).
    const precise = judgeEstimate(0.2, { se: 0.1, scale: "logit" }, 0.1);
    expect(precise.source).toBe("data");
    expect(precise.value).toBe(0.2);
    const weak = judgeEstimate(0.2, { se: Math.LN2, scale: "logit" }, 0.1);
    expect(weak.source).toBe("weak");
    expect(weak.weight).toBeCloseTo(0.5, 12);
    // Halfway between the two on the logit scale.
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(logit(weak.value)).toBeCloseTo((logit(0.2) + logit(0.1)) / 2, 12);
    const vague = judgeEstimate(0.2, { se: 5, scale: "logit" }, 0.1);
    expect(vague.source).toBe("default");
    expect(vague.value).toBe(0.1);
    expect(vague.note).toMatch(/not identifiable here/);
  });

  it("calls an estimate without a finite standard error (a flat ridge) default, without an interval", () => {
    for (const se of [Number.NaN, Number.POSITIVE_INFINITY, -1]) {
      const judged = judgeEstimate(7, { se, scale: "identity", spread: 2 }, 6.4);
      expect(judged.source).toBe("default");
      expect(judged.value).toBe(6.4);
      expect(Number.isNaN(judged.low)).toBe(true);
    }
  });

  it("maps the interval back to the natural scale, around the estimate, for every scale", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.constantFrom("log", "logit", "hazard", "identity" as const),
        (estimate, se, scale) => {
          const judged = judgeEstimate(estimate, { se, scale }, 0.5);
          expect(judged.low).toBeLessThanOrEqual(estimate * (1 + 1e-12));
          expect(judged.high).toBeGreaterThanOrEqual(estimate * (1 - 1e-12));
          if (judged.source === "data") expect(judged.value).toBe(estimate);
          else if (judged.source === "weak")
            expect(judged.value).toBeGreaterThanOrEqual(Math.min(estimate, 0.5) - 1e-12);
        },
      ),
    );
  });
});
