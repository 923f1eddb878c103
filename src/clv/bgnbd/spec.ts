import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import { simulateFutureKernel as simulateCnbdFuture } from "../cnbd/simulate.js";
import type { BtydModelName, ModelSpec } from "../model-spec.js";
import { aliveExpectation } from "./alive-expectation.js";
import { aliveExpectationTables } from "./alive-expectation-tables.js";
import { type BgnbdParams, PARAMETER_NAMES } from "./log-likelihood.js";
import {
  COVARIATE_EFFECTS,
  conditionalExpectedKernel,
  probabilityAliveKernel,
  probabilityOfPurchasesKernel,
} from "./predict-family.js";

/**
 * The spec of a BG/NBD-family model: shift 0 is the BG/NBD (Fader, Hardie & Lee 2005), shift 1 the MBG/NBD
 * (Batislam, Denizel & Filiztekin 2007), which may also drop out right after the first purchase. @internal
 */
export function bgnbdFamilySpec(name: BtydModelName, label: string, shift: 0 | 1): ModelSpec<BgnbdParams> {
  const survivesFirst = (p: BgnbdParams) => (shift === 0 ? 1 : p.b / (p.a + p.b));
  return {
    name,
    label,
    discrete: false,
    parameterNames: PARAMETER_NAMES,
    covariateEffects: COVARIATE_EFFECTS,
    heterogeneity: {
      purchase: { family: "gamma", quantity: "purchase rate per time unit (λ)", first: "r", second: "alpha" },
      dropout: { family: "beta", quantity: "dropout probability after a purchase (p)", first: "a", second: "b" },
    },
    checkParams: (params) => checkPositiveParameters(params as BgnbdParams, PARAMETER_NAMES, `${label} parameters`),
    probabilityAlive: (p, x, tx, T) => probabilityAliveKernel(p.r, p.alpha, p.a, p.b, x, tx, T, shift),
    conditionalExpected: (p, x, tx, T, t) => conditionalExpectedKernel(p.r, p.alpha, p.a, p.b, x, tx, T, t, shift),
    expected: (p, t) => (t === 0 ? 0 : survivesFirst(p) * aliveExpectation(p.r, p.a, p.b + shift, 0, t / p.alpha)),
    probabilityOfPurchases: (p, t, n) => probabilityOfPurchasesKernel(p.r, p.alpha, p.a, p.b, t, n, shift),
    // The (M)BG/CNBD-k's draw with k = 1: λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x + shift), exponential gaps.
    simulateFuture: (p, x, tx, T, t, random) =>
      simulateCnbdFuture(
        { k: 1, ...p },
        Float64Array.of(probabilityAliveKernel(p.r, p.alpha, p.a, p.b, x, tx, T, shift)),
        x,
        T,
        t,
        shift,
        random,
      ),
    // E given alive is an expectation of (1 − (1 + p t/(α+T))^−(r+x))/p over p in (0, 1): singular for t ≤ −(α+T)
    analyticRadius: (p, T) => p.alpha + T,
    separable: (p) => {
      const expectation = aliveExpectationTables(p.r, p.a, p.b + shift); // series coefficients once per frequency
      return {
        phases: 1,
        weights: (x, tx, T, out) => {
          out[0] = probabilityAliveKernel(p.r, p.alpha, p.a, p.b, x, tx, T, shift);
        },
        ifAlive: (x, T, t) => (t === 0 ? 0 : expectation(x, t / (p.alpha + T))),
      };
    },
  };
}

/** The BG/NBD's spec. @internal */
export const BGNBD_SPEC = /* @__PURE__ */ bgnbdFamilySpec("bgnbd", "BG/NBD", 0);
