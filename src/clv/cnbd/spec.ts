import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import type { BtydModelName, ModelSpec } from "../model-spec.js";
import { type CnbdParams, checkK, PARAMETER_NAMES } from "./data.js";
import {
  alivePhaseWeights,
  completionsIfAlive,
  conditionalExpectedKernel,
  expectedPurchasesKernel,
  probabilityAliveKernel,
  probabilityOfPurchasesKernel,
} from "./predict.js";
import { simulateFutureKernel } from "./simulate.js";

/**
 * The spec of an (M)BG/CNBD-k model (Reutterer, Platzer & Schröder 2020): shift 0 the BG/CNBD-k, shift 1 the
 * MBG/CNBD-k; with k = 1 they are the BG/NBD and MBG/NBD (`contains`). @internal
 */
export function cnbdFamilySpec(
  name: BtydModelName,
  label: string,
  shift: 0 | 1,
  contains: BtydModelName,
): ModelSpec<CnbdParams> {
  return {
    name,
    label,
    discrete: false,
    parameterNames: ["k", ...PARAMETER_NAMES],
    covariateEffects: [],
    contains,
    heterogeneity: {
      purchase: {
        family: "gamma",
        quantity: "purchase rate per time unit (λ)",
        first: "r",
        second: "alpha",
        secondTimes: "k",
      },
      dropout: { family: "beta", quantity: "dropout probability after a purchase (p)", first: "a", second: "b" },
    },
    checkParams: (params) => {
      const checked = checkPositiveParameters(params as CnbdParams, PARAMETER_NAMES, `${label} parameters`);
      checkK(checked.k);
      return checked;
    },
    probabilityAlive: (p, x, tx, T) => probabilityAliveKernel(p, x, tx, T, shift),
    conditionalExpected: (p, x, tx, T, t) => conditionalExpectedKernel(p, x, tx, T, t, shift),
    expected: (p, t) => expectedPurchasesKernel(p, t, shift),
    probabilityOfPurchases: (p, t, n) => probabilityOfPurchasesKernel(p, t, n, shift),
    simulateFuture: (p, x, tx, T, t, random) => {
      const weights = new Float64Array(p.k);
      alivePhaseWeights(p, x, tx, T, shift, weights);
      return simulateFutureKernel(p, weights, x, T, t, shift, random);
    },
    separable: (p) => ({
      phases: p.k,
      weights: (x, tx, T, out) => alivePhaseWeights(p, x, tx, T, shift, out),
      ifAlive: (x, T, t, phase) => completionsIfAlive(p, x, T, t, phase, shift),
    }),
  };
}
