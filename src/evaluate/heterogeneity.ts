import type { MixingDistribution, ModelParams } from "../clv/model-spec.js";
import { readOptions } from "../input/read-options.js";
import { logBeta } from "../math/log-beta.js";
import { logGamma } from "../math/log-gamma.js";
import { regularizedBeta } from "../math/regularized-beta.js";
import { regularizedGammaP } from "../math/regularized-gamma.js";
import { wholeNumberOption } from "../schemas/options.js";
import { type BtydModel, modelFunctions } from "./btyd-model.js";

/** A fitted mixing distribution and its density on a grid. */
export interface MixingDensity {
  /** What varies across customers, in words. */
  readonly quantity: string;
  readonly distribution: "gamma" | "beta";
  /** `{ shape, rate }` of a gamma, `{ shape1, shape2 }` of a beta distribution. */
  readonly parameters: Readonly<Record<string, number>>;
  readonly mean: number;
  readonly variance: number;
  /** Density at evenly spaced points from 0 to the 99% quantile (points where the density is infinite left out). */
  readonly points: readonly { readonly value: number; readonly density: number }[];
}

/** Heterogeneity of the purchase and dropout processes. */
export interface Heterogeneity {
  readonly purchase: MixingDensity;
  readonly dropout: MixingDensity;
}

function quantile(cdf: (x: number) => number, probability: number, upper: number): number {
  let low = 0;
  let high = upper;
  while (cdf(high) < probability && high < 1e300) high *= 2;
  for (let iteration = 0; iteration < 200; iteration++) {
    const middle = (low + high) / 2;
    if (cdf(middle) < probability) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function gammaDensity(quantity: string, shape: number, rate: number, count: number): MixingDensity {
  const limit = quantile((x) => regularizedGammaP(shape, rate * x), 0.99, shape / rate);
  return density(quantity, "gamma", { shape, rate }, shape / rate, shape / (rate * rate), limit, count, (x) =>
    Math.exp(shape * Math.log(rate) + (shape - 1) * Math.log(x) - rate * x - logGamma(shape)),
  );
}

function betaDensity(quantity: string, a: number, b: number, count: number): MixingDensity {
  const limit = Math.min(
    1,
    quantile((x) => (x >= 1 ? 1 : regularizedBeta(x, a, b)), 0.99, 1),
  );
  return density(
    quantity,
    "beta",
    { shape1: a, shape2: b },
    a / (a + b),
    (a * b) / ((a + b) ** 2 * (a + b + 1)),
    limit,
    count,
    (x) => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b)),
  );
}

/** The density of a spec's mixing distribution at the fitted parameters. */
function mixingDensity(mixing: MixingDistribution, params: ModelParams, count: number): MixingDensity {
  const first = params[mixing.first] as number;
  const second =
    (params[mixing.second] as number) * (mixing.secondTimes === undefined ? 1 : (params[mixing.secondTimes] as number));
  return mixing.family === "gamma"
    ? gammaDensity(mixing.quantity, first, second, count)
    : betaDensity(mixing.quantity, first, second, count);
}

function density(
  quantity: string,
  distribution: "gamma" | "beta",
  parameters: Record<string, number>,
  mean: number,
  variance: number,
  limit: number,
  count: number,
  at: (x: number) => number,
): MixingDensity {
  const points: { value: number; density: number }[] = [];
  for (let index = 0; index <= count; index++) {
    const value = (limit * index) / count;
    const height = at(value);
    if (Number.isFinite(height)) points.push({ value, density: height });
  }
  return { quantity, distribution, parameters, mean, variance, points };
}

/**
 * The fitted heterogeneity of the purchase and dropout processes across customers, as densities to plot (BTYD's
 * `*.PlotTransactionRateHeterogeneity` / `*.PlotDropoutRateHeterogeneity`, lifetimes' `plot_*_heterogeneity`):
 * - BG/NBD, MBG/NBD: purchase rate λ ~ Gamma(r, α), dropout probability p ~ Beta(a, b);
 * - (M)BG/CNBD-k: purchase rate λ/k ~ Gamma(r, kα) (λ drives the Erlang-k clock), p ~ Beta(a, b);
 * - Pareto/NBD: purchase rate λ ~ Gamma(r, α), dropout rate μ ~ Gamma(s, β);
 * - BG/BB: transaction probability p ~ Beta(α, β), dropout probability θ ~ Beta(γ, δ).
 * Rates are per time unit of the fit. Each density is given at `points` + 1 even steps from 0 to its 99% quantile.
 *
 * @example
 * ```ts
 * evaluate.heterogeneity({ model: "bgnbd", params: bgnbdFit.params }).purchase.mean // ≈ 0.05505
 * ```
 */
export function heterogeneity(model: BtydModel, options: { readonly points?: number } = {}): Heterogeneity {
  options = readOptions<NonNullable<typeof options>>("heterogeneity", options, { points: true });
  const subject = "heterogeneity";
  const functions = modelFunctions(model, subject);
  const count = wholeNumberOption(subject, options?.points, "points", 100, 2, 100_000);
  const { purchase, dropout } = functions.spec.heterogeneity;
  return {
    purchase: mixingDensity(purchase, functions.params, count),
    dropout: mixingDensity(dropout, functions.params, count),
  };
}
