import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import type { ModelSpec } from "../model-spec.js";
import { type BgbbParams, PARAMETER_NAMES } from "./log-likelihood.js";
import {
  conditionalExpectedKernel,
  dertKernel,
  expectedPurchasesKernel,
  probabilityAliveKernel,
  probabilityOfPurchasesKernel,
} from "./predict.js";
import { simulateFutureKernel } from "./simulate.js";

/**
 * The BG/BB's spec (Fader, Hardie & Shang 2010): discrete time, a history is (x, t_x, n) in opportunities and t a
 * whole number of them; its DERT (eq. 14) at d = e^δ − 1 per opportunity. @internal
 */
export const BGBB_SPEC: ModelSpec<BgbbParams> = {
  name: "bgbb",
  label: "BG/BB",
  discrete: true,
  parameterNames: PARAMETER_NAMES,
  covariateEffects: [],
  heterogeneity: {
    purchase: {
      family: "beta",
      quantity: "transaction probability per opportunity (p)",
      first: "alpha",
      second: "beta",
    },
    dropout: { family: "beta", quantity: "dropout probability per opportunity (θ)", first: "gamma", second: "delta" },
  },
  checkParams: (params) => checkPositiveParameters(params as BgbbParams, PARAMETER_NAMES, "BG/BB parameters"),
  probabilityAlive: (p, x, tx, n) => probabilityAliveKernel(p.alpha, p.beta, p.gamma, p.delta, x, tx, n),
  conditionalExpected: (p, x, tx, n, t) => conditionalExpectedKernel(p.alpha, p.beta, p.gamma, p.delta, x, tx, n, t),
  expected: (p, n) => expectedPurchasesKernel(p.alpha, p.beta, p.gamma, p.delta, n),
  probabilityOfPurchases: (p, n, x) => probabilityOfPurchasesKernel(p.alpha, p.beta, p.gamma, p.delta, n, x),
  simulateFuture: (p, x, tx, n, t, random) =>
    simulateFutureKernel(p, probabilityAliveKernel(p.alpha, p.beta, p.gamma, p.delta, x, tx, n), x, n, t, random),
  dert: (delta) => {
    const d = Math.expm1(delta);
    return (p, x, tx, n) => dertKernel(p.alpha, p.beta, p.gamma, p.delta, x, tx, n, d);
  },
};
