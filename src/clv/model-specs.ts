import { InvalidInputError } from "../errors.js";
import { quoted } from "../errors-shown.js";
import { BGBB_SPEC } from "./bgbb/spec.js";
import { BGCNBD_SPEC } from "./bgcnbd/spec.js";
import { BGNBD_SPEC } from "./bgnbd/spec.js";
import { hasCovariates } from "./covariates/individual-params.js";
import { MBGCNBD_SPEC } from "./mbgcnbd/spec.js";
import { MBGNBD_SPEC } from "./mbgnbd/spec.js";
import type { BtydModelName, ModelParams, ModelSpec } from "./model-spec.js";
import { PARETO_NBD_SPEC } from "./pareto-nbd/spec.js";

// The one place a spec's parameter type is erased: the generic code reads parameters by the spec's own names.
const SPECS: Readonly<Record<BtydModelName, ModelSpec>> = {
  bgnbd: BGNBD_SPEC as unknown as ModelSpec,
  mbgnbd: MBGNBD_SPEC as unknown as ModelSpec,
  paretoNbd: PARETO_NBD_SPEC as unknown as ModelSpec,
  bgcnbd: BGCNBD_SPEC as unknown as ModelSpec,
  mbgcnbd: MBGCNBD_SPEC as unknown as ModelSpec,
  bgbb: BGBB_SPEC as unknown as ModelSpec,
};

/** The BTYD models, in the order they are listed in messages. @internal */
export const MODEL_NAMES = Object.keys(SPECS) as BtydModelName[];

/**
 * The spec of a named model; an InvalidInputError at `path` for any other name. `continuousOnly` leaves out the
 * discrete BG/BB (for functions of continuous-time customers). @internal
 */
export function modelSpec(
  name: unknown,
  subject: string,
  path: readonly (string | number)[],
  continuousOnly = false,
): ModelSpec {
  const names = continuousOnly ? MODEL_NAMES.filter((model) => !SPECS[model].discrete) : MODEL_NAMES;
  if (typeof name === "string" && (names as string[]).includes(name)) return SPECS[name as BtydModelName];
  throw new InvalidInputError(subject, [
    { code: "custom", path: [...path], message: `must name one of ${names.join(", ")}, got ${quoted(name)}` },
  ]);
}

/**
 * A model's parameters checked by its spec (a copy); covariate coefficients only for a model that takes them.
 * @internal
 */
export function readModelParams(spec: ModelSpec, params: unknown): ModelParams {
  const checked = spec.checkParams(params);
  if (spec.covariateEffects.length === 0 && hasCovariates(checked)) {
    throw new InvalidInputError(`${spec.label} parameters`, [
      { code: "custom", path: ["covariates"], message: `the ${spec.label} takes no covariates` },
    ]);
  }
  return checked;
}
