import type { SeparableExpectation } from "./model-spec.js";

/**
 * Σ_j w_j(x, t_x, T) × E_j(x, T) of a separable expectation, with E_j given per phase (a memo shared by a cohort):
 * the weights of each history into one scratch array, phases of weight 0 skipped. @internal
 */
export function separableSum(
  separable: SeparableExpectation,
  ofPhase: (x: number, T: number, phase: number) => number,
): (x: number, tx: number, T: number) => number {
  const weights = new Float64Array(separable.phases);
  return (x, tx, T) => {
    separable.weights(x, tx, T, weights);
    let sum = 0;
    for (let phase = 0; phase < separable.phases; phase++) {
      const weight = weights[phase] as number;
      if (weight !== 0) sum += weight * ofPhase(x, T, phase);
    }
    return sum;
  };
}
