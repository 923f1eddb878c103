import { digamma } from "../../math/digamma.js";
import { logGamma } from "../../math/log-gamma.js";

/**
 * ln Γ(r+x) − ln Γ(r) and ψ(r+x) − ψ(r) by frequency x, each computed once while r stays the same: covariates never
 * act on r, so a row kernel evaluated over all customers at one r needs them once per distinct frequency. @internal
 */
export function createRateTerms() {
  let cachedR = Number.NaN;
  const logGammaRatios = new Map<number, number>();
  const digammaRatios = new Map<number, number>();
  const at = (r: number): void => {
    if (r === cachedR) return;
    cachedR = r;
    logGammaRatios.clear();
    digammaRatios.clear();
  };
  return {
    logGammaRatio(r: number, x: number): number {
      at(r);
      let value = logGammaRatios.get(x);
      if (value === undefined) {
        value = logGamma(r + x) - logGamma(r);
        logGammaRatios.set(x, value);
      }
      return value;
    },
    digammaRatio(r: number, x: number): number {
      at(r);
      let value = digammaRatios.get(x);
      if (value === undefined) {
        value = digamma(r + x) - digamma(r);
        digammaRatios.set(x, value);
      }
      return value;
    },
  };
}
