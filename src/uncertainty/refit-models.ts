import { toDiscreteColumns } from "../clv/bgbb/data.js";
import { fit as fitBgbb } from "../clv/bgbb/fit.js";
import { fit as fitBgcnbd } from "../clv/bgcnbd/model.js";
import { fit as fitBgnbd } from "../clv/bgnbd/fit.js";
import { toCnbdColumns } from "../clv/cnbd/data.js";
import { fit as fitGammaGamma } from "../clv/gamma-gamma/fit.js";
import { toSpendColumns } from "../clv/gamma-gamma/log-likelihood.js";
import type { FitResult } from "../clv/maximum-likelihood.js";
import { fit as fitMbgcnbd } from "../clv/mbgcnbd/model.js";
import { fit as fitMbgnbd } from "../clv/mbgnbd/fit.js";
import { fit as fitParetoNbd } from "../clv/pareto-nbd/fit.js";
import { fit as fitShiftedBetaGeometric } from "../clv/shifted-beta-geometric/fit.js";
import { checkSeries } from "../clv/shifted-beta-geometric/log-likelihood.js";
import { toSummaryColumns } from "../schemas/summary-columns.js";

/** The models whose parameters can be drawn: the BTYD models, the Gamma-Gamma spend model and the sBG. */
export type DrawableModel =
  | "bgnbd"
  | "mbgnbd"
  | "paretoNbd"
  | "bgcnbd"
  | "mbgcnbd"
  | "bgbb"
  | "gammaGamma"
  | "shiftedBetaGeometric";

/** A model's data as columns of customers (or of customer groups) with a count each. @internal */
export type CountedColumns = Readonly<Record<string, Float64Array>> & { readonly weight: Float64Array };

/** What a customer bootstrap needs of a model: its data read once as counted columns, and a refit of them. @internal */
export interface Refitter {
  readonly label: string;
  /** The estimated parameters, as the fit names them. */
  readonly parameterNames: readonly string[];
  read(data: unknown): CountedColumns;
  refit(columns: CountedColumns, estimate: Readonly<Record<string, number>>): FitResult<Record<string, number>>;
}

type AnyFit = (data: never, options: never) => FitResult<object>;

/** A refit from the estimate, without standard errors (a bootstrap replicate needs only the estimates). */
function refitWith(fit: AnyFit, extra: (estimate: Readonly<Record<string, number>>) => object = () => ({})) {
  return (columns: CountedColumns, estimate: Readonly<Record<string, number>>) => {
    const { k: _k, ...initialParams } = estimate;
    const options = { initialParams, standardErrors: false, ...extra(estimate) };
    return (fit as unknown as (data: unknown, options: unknown) => FitResult<Record<string, number>>)(columns, options);
  };
}

const continuous = (label: string, parameterNames: readonly string[], fit: AnyFit): Refitter => ({
  label,
  parameterNames,
  read: (data) => ({ ...toSummaryColumns(data as never) }),
  refit: refitWith(fit),
});

const cnbd = (label: string, fit: AnyFit): Refitter => ({
  label,
  parameterNames: ["k", "r", "alpha", "a", "b"],
  read: (data) => {
    const { frequency, recency, T, weight, sumLogInterPurchaseTimes } = toCnbdColumns(data as never, false);
    return { frequency, recency, T, weight, sumLogInterPurchaseTimes };
  },
  refit: refitWith(fit, (estimate) => ({ k: estimate["k"] })),
});

/** The sBG's survivors as counts of customers lost in each period, then of those still there. */
const shiftedBetaGeometric: Refitter = {
  label: "shifted-beta-geometric",
  parameterNames: ["alpha", "beta"],
  read: (data) => {
    const survivors = checkSeries(data as never);
    const weight = new Float64Array(survivors.length);
    for (let period = 1; period < survivors.length; period++)
      weight[period - 1] = (survivors[period - 1] as number) - (survivors[period] as number);
    weight[survivors.length - 1] = survivors[survivors.length - 1] as number;
    return { weight };
  },
  refit: (columns, estimate) => {
    const counts = columns.weight;
    const survivors = new Array<number>(counts.length);
    let still = 0;
    for (let period = counts.length - 1; period >= 0; period--) {
      still += counts[period] as number;
      survivors[period] = still;
    }
    return fitShiftedBetaGeometric(
      { survivors },
      {
        initialParams: { alpha: estimate["alpha"] as number, beta: estimate["beta"] as number },
        standardErrors: false,
      },
    ) as unknown as FitResult<Record<string, number>>;
  },
};

/** The refitters of the drawable models. @internal */
export const REFITTERS: Readonly<Record<DrawableModel, Refitter>> = {
  bgnbd: continuous("BG/NBD", ["r", "alpha", "a", "b"], fitBgnbd as AnyFit),
  mbgnbd: continuous("MBG/NBD", ["r", "alpha", "a", "b"], fitMbgnbd as AnyFit),
  paretoNbd: continuous("Pareto/NBD", ["r", "alpha", "s", "beta"], fitParetoNbd as AnyFit),
  bgcnbd: cnbd("BG/CNBD-k", fitBgcnbd as AnyFit),
  mbgcnbd: cnbd("MBG/CNBD-k", fitMbgcnbd as AnyFit),
  bgbb: {
    label: "BG/BB",
    parameterNames: ["alpha", "beta", "gamma", "delta"],
    read: (data) => ({ ...toDiscreteColumns(data as never) }),
    refit: refitWith(fitBgbb as AnyFit),
  },
  gammaGamma: {
    label: "Gamma-Gamma",
    parameterNames: ["p", "q", "gamma"],
    read: (data) => {
      const { frequency, monetaryValue, weight } = toSpendColumns(data as never);
      return { frequency, monetaryValue, weight };
    },
    refit: refitWith(fitGammaGamma as AnyFit),
  },
  shiftedBetaGeometric,
};
