// normalCdf and the internal normalCdfWithSlope share one coefficient table: the value is the same double, bit for
// bit, as the fit written out in full (the form normalCdf had before the table), and the slope is the fit's own
// derivative (central differences of the value agree away from 0, where the fit's halves meet).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/math/index.js";
import { normalCdfWithSlope } from "../../src/math/normal-cdf.js";

/** The Numerical Recipes fit as normalCdf wrote it before its coefficients became a table. */
function writtenOut(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

describe("normalCdf", () => {
  it("is the written-out fit bit for bit, and so is normalCdfWithSlope's value", () => {
    const slope = new Float64Array(1);
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        expect(normalCdf(x)).toBe(writtenOut(x));
        expect(normalCdfWithSlope(x, slope)).toBe(writtenOut(x));
      }),
      { numRuns: 2000, seed: 27 },
    );
  });

  it("has the fit's own slope", () => {
    const slope = new Float64Array(1);
    fc.assert(
      fc.property(
        fc.double({ min: -8, max: 8, noNaN: true }).filter((x) => Math.abs(x) > 1e-3),
        (x) => {
          normalCdfWithSlope(x, slope);
          const h = 1e-6;
          const numeric = (writtenOut(x + h) - writtenOut(x - h)) / (2 * h);
          expect(Math.abs((slope[0] as number) - numeric)).toBeLessThan(1e-8 + 1e-6 * Math.abs(numeric));
        },
      ),
      { numRuns: 1000, seed: 27 },
    );
  });
});
