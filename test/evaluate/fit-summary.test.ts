// evaluate.fitSummary (issue 27): estimates, standard errors, z, p and intervals, LL, AIC, BIC and the convergence
// status in words. Checked against independent routes: compareModels' AIC and BIC, p from the regularized gamma
// function (erfc), intervals from the normal quantile written out.
import { describe, expect, it } from "vitest";
import { bgnbd, evaluate, fitBgnbdWithCovariates, gammaGamma, InvalidInputError, mbgcnbd } from "../../src/index.js";
import { regularizedGammaQ } from "../../src/math/index.js";
import { cdnowSummary } from "../helpers/reference-data.js";

const cdnow = cdnowSummary();
const fit = bgnbd.fit(cdnow);

describe("evaluate.fitSummary", () => {
  it("reports each estimate with its error, z, p and 95% log-scale interval", () => {
    const summary = evaluate.fitSummary(fit, { observations: cdnow.length });
    expect(summary.parameters.map((row) => row.name)).toEqual(["r", "alpha", "a", "b"]);
    for (const row of summary.parameters) {
      const estimate = fit.params[row.name as keyof typeof fit.params] as number;
      const error = fit.standardErrors?.[row.name as keyof typeof fit.params] as number;
      expect(row.estimate).toBe(estimate);
      expect(row.standardError).toBe(error);
      expect(row.z).toBeCloseTo(estimate / error, 12);
      // p = erfc(|z|/√2) = Q(½, z²/2)
      expect(row.p).toBeCloseTo(regularizedGammaQ(0.5, (estimate / error) ** 2 / 2), 6);
      expect(row.low).toBeCloseTo(estimate * Math.exp((-1.959963984540054 * error) / estimate), 6);
      expect(row.high).toBeCloseTo(estimate * Math.exp((1.959963984540054 * error) / estimate), 6);
    }
    const compared = evaluate.compareModels([{ model: "bgnbd", fit }], { customers: cdnow }).rows[0];
    expect(summary.aic).toBeCloseTo(compared?.aic as number, 9);
    expect(summary.bic).toBeCloseTo(compared?.bic as number, 9);
    expect(summary.convergence.converged).toBe(true);
    expect(summary.convergence.advice).toMatch(/^none/);
  });

  it("takes another level, and leaves BIC empty without the number of customers", () => {
    const summary = evaluate.fitSummary(fit, { level: 0.9 });
    const r = summary.parameters[0];
    const error = fit.standardErrors?.r as number;
    expect(r?.low).toBeCloseTo(fit.params.r * Math.exp((-1.6448536269514722 * error) / fit.params.r), 6);
    expect(summary.bic).toBeNull();
    expect(summary.observations).toBeNull();
  });

  it("prints as a table and displays as HTML in a notebook, and stays plain JSON", () => {
    const summary = evaluate.fitSummary(fit, { observations: cdnow.length });
    const text = String(summary);
    expect(text.split("\n")[0]).toMatch(/^parameter\s+estimate\s+std\. error\s+z\s+p\s+95% low\s+high$/);
    expect(text).toMatch(/^alpha\s+4\.41/m);
    expect(text).toMatch(/AIC 19172\.\d\d/);
    const display = (summary as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")];
    expect(display?.call(summary)["text/html"]).toMatch(/^<table><thead><tr><th>parameter<\/th>/);
    expect(JSON.parse(JSON.stringify(summary))).toEqual({ ...summary });
    expect(Object.keys(summary)).not.toContain("toString");
  });

  it("compareModels prints and displays as a table the same way", () => {
    const comparison = evaluate.compareModels(
      [
        { model: "bgnbd", fit },
        { model: "mbgcnbd", fit: mbgcnbd.fit(cdnow, { k: 1 }) },
      ],
      { customers: cdnow, holdoutLength: 39 },
    );
    const lines = String(comparison).split("\n");
    expect(lines[0]).toMatch(/^model\s+parameters\s+LL\s+AIC\s+BIC\s+holdout MAE\s+holdout RMSE\s+warnings$/);
    expect(lines[1]).toMatch(new RegExp(`^BG/NBD\\s+4\\s+${fit.logLikelihood.toFixed(2)}\\s`));
    expect(lines.some((line) => line.startsWith("Best by AIC: "))).toBe(true);
    const display = (comparison as unknown as Record<symbol, () => Record<string, string>>)[
      Symbol.for("Jupyter.display")
    ];
    expect(display?.call(comparison)["text/html"]).toMatch(/<th>holdout RMSE<\/th>/);
    expect(JSON.parse(JSON.stringify(comparison))).toEqual(JSON.parse(JSON.stringify({ ...comparison })));
  });

  it("names coefficients by process and gives them natural-scale intervals", () => {
    const rows = cdnow.map((row, index) => ({ ...row, covariates: { channel: index % 2 } }));
    const withCovariates = fitBgnbdWithCovariates(rows, { transaction: ["channel"] });
    const summary = evaluate.fitSummary(withCovariates);
    const coefficient = summary.parameters.find((row) => row.name === "covariates.transaction.channel");
    expect(coefficient).toBeDefined();
    const { estimate, standardError } = coefficient as { estimate: number; standardError: number };
    expect(coefficient?.low).toBeCloseTo(estimate - 1.959963984540054 * standardError, 6);
    expect(summary.parameterCount).toBe(5);
  });

  it("shows a fixed k without an error, and counts it as compareModels does", () => {
    const cnbd = mbgcnbd.fit(cdnow, { k: 1 });
    const summary = evaluate.fitSummary(cnbd, { observations: cdnow.length });
    const k = summary.parameters.find((row) => row.name === "k");
    expect(k?.standardError).toBeNull();
    const compared = evaluate.compareModels([{ model: "mbgcnbd", fit: cnbd }], { customers: cdnow }).rows[0];
    expect(summary.aic).toBeCloseTo(compared?.aic as number, 9);
  });

  it("says why a fit did not converge and what to do", () => {
    const stopped = evaluate.fitSummary(bgnbd.fit(cdnow, { maxIterations: 2 }));
    expect(stopped.convergence.converged).toBe(false);
    expect(stopped.convergence.reason).toMatch(/iteration limit/);
    expect(stopped.convergence.advice).toMatch(/maxIterations/);
    // Spend that hardly differs between customers: q and γ run up a ridge together.
    const flat = cdnow
      .filter((row) => row.frequency > 0)
      .slice(0, 300)
      .map((row, index) => ({ ...row, monetaryValue: 30 + (index % 3) * 0.01 }));
    const ridge = evaluate.fitSummary(gammaGamma.fit(flat));
    expect(ridge.convergence.converged).toBe(false);
    expect(ridge.convergence.advice.length).toBeGreaterThan(20);
    expect(ridge.warnings.length).toBeGreaterThan(0);
  });

  it("rejects what is not a fit, and bad options, with typed errors", () => {
    for (const [value, options] of [
      [{ logLikelihood: -1 }, {}],
      [{ params: { r: 1 }, logLikelihood: Number.NaN }, {}],
      [fit, { level: 1.5 }],
      [fit, { observations: 0 }],
      [fit, { observatons: 10 }],
    ] as const) {
      expect(() => evaluate.fitSummary(value as never, options as never)).toThrow(InvalidInputError);
    }
  });
});
