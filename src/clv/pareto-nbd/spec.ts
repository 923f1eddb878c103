import { createFloatMemo } from "../../math/float-memo.js";
import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import type { ModelSpec } from "../model-spec.js";
import { PARAMETER_NAMES, type ParetoNbdParams } from "./log-likelihood.js";
import {
  COVARIATE_EFFECTS,
  conditionalExpectedKernel,
  dertKernel,
  expectedIfAliveKernel,
  expectedPurchasesKernel,
  probabilityAliveKernel,
  probabilityOfPurchasesKernel,
} from "./predict.js";
import { simulateFutureKernel } from "./simulate.js";

/** The Pareto/NBD's spec (Schmittlein, Morrison & Colombo 1987). @internal */
export const PARETO_NBD_SPEC: ModelSpec<ParetoNbdParams> = {
  name: "paretoNbd",
  label: "Pareto/NBD",
  discrete: false,
  parameterNames: PARAMETER_NAMES,
  covariateEffects: COVARIATE_EFFECTS,
  heterogeneity: {
    purchase: { family: "gamma", quantity: "purchase rate per time unit (λ)", first: "r", second: "alpha" },
    dropout: { family: "gamma", quantity: "dropout rate per time unit (μ)", first: "s", second: "beta" },
  },
  checkParams: (params) => checkPositiveParameters(params as ParetoNbdParams, PARAMETER_NAMES, "Pareto/NBD parameters"),
  probabilityAlive: (p, x, tx, T) => probabilityAliveKernel(p.r, p.alpha, p.s, p.beta, x, tx, T),
  conditionalExpected: (p, x, tx, T, t) => conditionalExpectedKernel(p.r, p.alpha, p.s, p.beta, x, tx, T, t),
  expected: (p, t) => expectedPurchasesKernel(p.r, p.alpha, p.s, p.beta, t),
  probabilityOfPurchases: (p, t, n) => probabilityOfPurchasesKernel(p.r, p.alpha, p.s, p.beta, t, n),
  simulateFuture: (p, x, tx, T, t, random) =>
    simulateFutureKernel(p, probabilityAliveKernel(p.r, p.alpha, p.s, p.beta, x, tx, T), x, T, t, random),
  // E given alive holds (1 + t/(β+T))^(1−s): singular for t ≤ −(β+T)
  analyticRadius: (p, T) => p.beta + T,
  separable: (p) => ({
    phases: 1,
    weights: (x, tx, T, out) => {
      out[0] = probabilityAliveKernel(p.r, p.alpha, p.s, p.beta, x, tx, T);
    },
    ifAlive: (x, T, t) => (t === 0 ? 0 : expectedIfAliveKernel(p.r, p.alpha, p.s, p.beta, x, T, t)),
  }),
  dert: (delta) => {
    const cache = createFloatMemo(); // ln U(1, 2 − s, z) by z = δ(β+T): customers of a cohort share T
    return (p, x, tx, T) => dertKernel(p.r, p.alpha, p.s, p.beta, x, tx, T, delta, cache);
  },
};
