/**
 * The discounted sum of a cumulative expectation's increments over a horizon's steps,
 * Σᵢ e^(−δ t̄ᵢ) [E(tᵢ) − E(tᵢ₋₁)] with E(0) = 0 (t̄ᵢ the middle of step i; for a discrete model the step's end),
 * rearranged as Σᵢ ωᵢ E(tᵢ) with weights computed once per horizon. @internal
 */
export type StepDiscounter = (cumulativeAt: (t: number) => number, analyticRadius?: number) => number;

/** Interpolation error asked of the Chebyshev form, relative to the largest |E| on the horizon. */
const INTERPOLATION_DIGITS = Math.log(1e16);

/**
 * A step discounter for `steps` steps ending at min(horizon, i/stepsPerUnit). Where E is analytic off the cut
 * (−∞, −radius] of the complex t-plane (`analyticRadius`; the BTYD expectations given alive are, with radius α + T
 * or β + T), E is interpolated at n + 1 Chebyshev points of [0, horizon] and the steps' weights folded into weights
 * of those points once per n (barycentric Lagrange interpolation, Berrut & Trefethen 2004): n evaluations instead of
 * one a step. The interpolation error falls as ρ⁻ⁿ with ρ the Bernstein ellipse through −radius (Trefethen,
 * "Approximation Theory and Approximation Practice", thm 8.2), so n is chosen for ρ⁻ⁿ < 1e-16; the interpolant's
 * last two Chebyshev coefficients confirm it (else 2n points are tried), and the steps are summed one by one when
 * that needs as many points as there are steps. @internal
 */
export function stepDiscounter(
  horizon: number,
  steps: number,
  stepsPerUnit: number,
  delta: number,
  discrete: boolean,
): StepDiscounter {
  const ends = new Float64Array(steps + 1);
  for (let step = 1; step <= steps; step++) ends[step] = Math.min(horizon, step / stepsPerUnit);
  const discountOf = (step: number) =>
    Math.exp(
      discrete ? -delta * (ends[step] as number) : -delta * 0.5 * ((ends[step - 1] as number) + (ends[step] as number)),
    );
  const weights = new Float64Array(steps + 1);
  for (let step = 1; step <= steps; step++)
    weights[step] = discountOf(step) - (step < steps ? discountOf(step + 1) : 0);
  const byNodes = new Map<number, ChebyshevRule>();
  const ruleOf = (nodes: number): ChebyshevRule => {
    let rule = byNodes.get(nodes);
    if (rule === undefined) {
      rule = chebyshevRule(ends, weights, horizon, nodes);
      byNodes.set(nodes, rule);
    }
    return rule;
  };
  return (cumulativeAt, analyticRadius) => {
    let nodes = analyticRadius === undefined ? steps : chebyshevNodeCount(analyticRadius / horizon);
    for (let attempt = 0; attempt < 2 && nodes < steps; attempt++, nodes *= 2) {
      const sum = interpolatedSum(ruleOf(nodes), cumulativeAt);
      if (!Number.isNaN(sum)) return sum;
    }
    let sum = 0;
    for (let step = 1; step <= steps; step++) sum += (weights[step] as number) * cumulativeAt(ends[step] as number);
    return sum;
  };
}

/**
 * Σ_j ω_j E(t_j), or NaN when the interpolant's two highest Chebyshev coefficients, c_n = (1/n) Σ″ (−1)^j E_j and
 * c_(n−1) = (2/n) Σ″ (−1)^j cos(jπ/n) E_j, are not below 1e-15 of max |E_j|: E not yet resolved at n points (a high
 * power near the cut: a Pareto/NBD s of 30, a BG/NBD r + x far above b).
 */
function interpolatedSum(rule: ChebyshevRule, cumulativeAt: (t: number) => number): number {
  const nodes = rule.weights.length - 1;
  let sum = 0; // the point at t = 0 carries E(0) = 0
  let last = 0;
  let nextToLast = 0;
  let largest = 0;
  for (let node = 1; node <= nodes; node++) {
    const value = cumulativeAt(rule.times[node] as number);
    sum += (rule.weights[node] as number) * value;
    const signed = (node % 2 === 0 ? 1 : -1) * (node === nodes ? 0.5 : 1) * value;
    last += signed;
    nextToLast += (rule.cosines[node] as number) * signed;
    largest = Math.max(largest, Math.abs(value));
  }
  const tail = Math.abs(last) / nodes + (2 * Math.abs(nextToLast)) / nodes;
  return tail <= 1e-15 * largest ? sum : Number.NaN;
}

/** The n of the Chebyshev interpolant whose error ρ⁻ⁿ is below 1e-16, for a cut at −radius·horizon. */
function chebyshevNodeCount(relativeRadius: number): number {
  if (!(relativeRadius > 0)) return Number.POSITIVE_INFINITY;
  const xi = 1 + 2 * relativeRadius; // the cut's end on the [−1, 1] scale, mirrored
  const rho = xi + Math.sqrt(xi * xi - 1);
  return Math.ceil(INTERPOLATION_DIGITS / Math.log(rho)) + 1;
}

/** The n + 1 Chebyshev points of the second kind on [0, horizon] and the step weights carried onto them. */
interface ChebyshevRule {
  readonly times: Float64Array;
  readonly weights: Float64Array;
  /** cos(jπ/n). */
  readonly cosines: Float64Array;
}

/**
 * ω_j = Σᵢ wᵢ ℓ_j(tᵢ) at the points t_j = horizon (1 − cos(jπ/n))/2: the step weights carried onto the points
 * through the barycentric Lagrange basis ℓ_j (barycentric weights (−1)^j, halved at the ends).
 */
function chebyshevRule(ends: Float64Array, weights: Float64Array, horizon: number, nodes: number): ChebyshevRule {
  const points = Float64Array.from({ length: nodes + 1 }, (_, node) => 0.5 * (1 - Math.cos((node * Math.PI) / nodes)));
  const barycentric = Float64Array.from(
    points,
    (_, node) => (node % 2 === 0 ? 1 : -1) * (node === 0 || node === nodes ? 0.5 : 1),
  );
  const folded = new Float64Array(nodes + 1);
  const terms = new Float64Array(nodes + 1);
  for (let step = 1; step < ends.length; step++) {
    const at = (ends[step] as number) / horizon;
    const weight = weights[step] as number;
    const exact = points.indexOf(at);
    if (exact >= 0) {
      folded[exact] = (folded[exact] as number) + weight;
      continue;
    }
    let total = 0;
    for (let node = 0; node <= nodes; node++) {
      terms[node] = (barycentric[node] as number) / (at - (points[node] as number));
      total += terms[node] as number;
    }
    for (let node = 0; node <= nodes; node++)
      folded[node] = (folded[node] as number) + (weight * (terms[node] as number)) / total;
  }
  return {
    times: points.map((point) => horizon * point),
    weights: folded,
    cosines: points.map((point) => 1 - 2 * point),
  };
}
