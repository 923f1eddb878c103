import { describe, expect, it } from "vitest";
import { InvalidInputError, shiftedBetaGeometric as sbg } from "../../src/index.js";
import { relativeError } from "../helpers/high-precision.js";

// Fader & Hardie (2007), "How to project customer retention", the two published cohorts (years 0–7).
const regular = { survivors: [1000, 631, 468, 382, 326, 289, 262, 241] };
const highEnd = { survivors: [1000, 869, 743, 653, 593, 551, 517, 491] };

describe("shifted-beta-geometric (Fader & Hardie 2007)", () => {
  it("reproduces the published estimates for both cohorts", () => {
    const fitRegular = sbg.fit(regular);
    expect(fitRegular.converged).toBe(true);
    expect(fitRegular.params.alpha.toPrecision(3)).toBe("0.704");
    expect(fitRegular.params.beta.toPrecision(4)).toBe("1.182");
    const fitHighEnd = sbg.fit(highEnd);
    expect(fitHighEnd.params.alpha.toPrecision(3)).toBe("0.668");
    expect(fitHighEnd.params.beta.toPrecision(4)).toBe("3.806");
  });
  it("churn, survival and retention agree with each other", () => {
    const p = { alpha: 0.704, beta: 1.182 };
    let survival = 1;
    for (let t = 1; t <= 20; t++) {
      survival -= sbg.churnProbability(p, t);
      expect(sbg.survivalProbability(p, t)).toBeCloseTo(survival, 12);
      expect(sbg.retentionRate(p, t)).toBeCloseTo(
        sbg.survivalProbability(p, t) / sbg.survivalProbability(p, t - 1),
        12,
      );
      if (t > 1) expect(sbg.retentionRate(p, t)).toBeGreaterThan(sbg.retentionRate(p, t - 1));
    }
    expect(sbg.churnProbability(p, 1)).toBeCloseTo(p.alpha / (p.alpha + p.beta), 14);
    const projected = sbg.projectSurvivors(p, 1000, 12);
    expect(projected[7]).toBeCloseTo(1000 * sbg.survivalProbability(p, 7), 9);
  });
  it("DEL and DERL equal their defining discounted sums (Fader & Hardie 2010)", () => {
    const p = { alpha: 0.704, beta: 1.182 };
    const d = 0.1;
    let del = 0;
    for (let t = 1; t < 5000; t++) del += sbg.survivalProbability(p, t - 1) / (1 + d) ** (t - 1);
    expect(relativeError(sbg.discountedExpectedLifetime(p, d), del)).toBeLessThan(1e-10);
    for (const n of [1, 2, 5]) {
      let derl = 0;
      for (let t = n; t < n + 5000; t++)
        derl += sbg.survivalProbability(p, t) / sbg.survivalProbability(p, n - 1) / (1 + d) ** (t - n);
      expect(relativeError(sbg.discountedExpectedResidualLifetime(p, d, n), derl)).toBeLessThan(1e-10);
    }
  });
  it("recovers simulated parameters", () => {
    const truth = { alpha: 1.5, beta: 3 };
    const fit = sbg.fit(sbg.simulate(truth, 50_000, { seed: 8, periods: 10 }));
    for (const name of ["alpha", "beta"] as const) {
      expect(Math.abs(fit.params[name] - truth[name]), name).toBeLessThan(
        3.5 * (fit.standardErrors?.[name] ?? Number.NaN),
      );
    }
  });
  it("rejects series that rise or are too short", () => {
    expect(() => sbg.fit({ survivors: [1000, 600, 700] })).toThrow(/survivors\[2\]: must be a finite count/);
    expect(() => sbg.fit({ survivors: [1000] })).toThrow(InvalidInputError);
    expect(() => sbg.retentionRate({ alpha: 1, beta: 1 }, 0)).toThrow(/t: must be a whole number ≥ 1/);
  });
});
