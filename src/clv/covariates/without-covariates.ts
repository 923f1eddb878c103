import { InvalidInputError } from "../../errors.js";
import { hasCovariates } from "./individual-params.js";
import type { CovariateCoefficients } from "./types.js";

/**
 * For predictions about a new or average customer (no history row to read covariates from): params with covariate
 * coefficients must first be made a customer's own by the model's `individualParams`. @internal
 */
export function requireWithoutCovariates(
  params: { readonly covariates?: CovariateCoefficients },
  model: string,
  namespace: string,
  functionName: string,
): void {
  if (params !== null && typeof params === "object" && hasCovariates(params)) {
    throw new InvalidInputError(`${model} parameters`, [
      {
        code: "custom",
        path: ["covariates"],
        message:
          `${functionName} describes one kind of customer, but these parameters carry covariate coefficients: pass ` +
          `${namespace}.individualParams(params, covariates) for the profile you mean`,
      },
    ]);
  }
}
