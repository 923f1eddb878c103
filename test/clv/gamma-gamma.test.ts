import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gammaGamma, InvalidInputError } from "../../src/index.js";
import { cdnowSummary } from "../helpers/reference-data.js";

const published = { p: 6.25, q: 3.74, gamma: 15.44 }; // FHL 2005 "RFM and CLV", CDNOW 946 repeat customers

describe("Gamma-Gamma on CDNOW", () => {
  const spend = cdnowSummary().map(({ frequency, monetaryValue }) => ({ frequency, monetaryValue }));
  const fit = gammaGamma.fit(spend);
  it("uses the 946 repeat customers and reproduces the published estimates", () => {
    expect(spend.filter((row) => row.frequency > 0)).toHaveLength(946);
    expect(fit.converged).toBe(true);
    expect(fit.params.p.toPrecision(3)).toBe("6.25");
    expect(fit.params.q.toPrecision(3)).toBe("3.74");
    expect(fit.params.gamma.toPrecision(4)).toBe("15.44");
    // Our optimum: −4,055.918 (the density includes the Jacobian term x^(px)); it beats the published rounding.
    expect(fit.logLikelihood).toBeGreaterThan(gammaGamma.logLikelihood(published, spend));
  });
  it("gives the conditional expected spend as the paper's weighted average", () => {
    const { p, q, gamma } = published;
    const x = 2;
    const m = 22.345;
    const populationMean = (p * gamma) / (q - 1);
    const weightOnOwn = (p * x) / (p * x + q - 1);
    const expected = (1 - weightOnOwn) * populationMean + weightOnOwn * m;
    expect(gammaGamma.conditionalExpectedSpend(published, { frequency: x, monetaryValue: m })).toBeCloseTo(
      expected,
      12,
    );
    expect(gammaGamma.expectedSpend(published)).toBeCloseTo(populationMean, 12);
  });
  it("shrinks toward the customer's own mean as frequency grows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.01, max: 10_000, noNaN: true }), (x, m) => {
        const near = gammaGamma.conditionalExpectedSpend(published, { frequency: x, monetaryValue: m });
        const further = gammaGamma.conditionalExpectedSpend(published, { frequency: x + 1, monetaryValue: m });
        expect(Number.isFinite(near)).toBe(true);
        expect(Math.abs(further - m)).toBeLessThanOrEqual(Math.abs(near - m) + 1e-9 * m);
      }),
    );
  });
  it("recovers simulated parameters", () => {
    const truth = { p: 4, q: 5, gamma: 20 };
    const frequencies = Array.from({ length: 5000 }, (_, index) => 1 + (index % 7));
    const simulated = gammaGamma.simulate(truth, frequencies, { seed: 3 });
    const recovered = gammaGamma.fit(simulated);
    for (const name of ["p", "q", "gamma"] as const) {
      expect(Math.abs(recovered.params[name] - truth[name]), name).toBeLessThan(
        3.5 * (recovered.standardErrors?.[name] ?? Number.NaN),
      );
    }
  });
  it("rejects bad spend rows", () => {
    expect(() => gammaGamma.fit([{ frequency: 2, monetaryValue: -3 }])).toThrow(/row 0: monetaryValue/);
    expect(() => gammaGamma.conditionalExpectedSpend(published, { frequency: 1.5, monetaryValue: 3 })).toThrow(
      InvalidInputError,
    );
    expect(() => gammaGamma.expectedSpend({ ...published, q: 0 })).toThrow(/q: must be/);
  });
});
