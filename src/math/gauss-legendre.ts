const rules = new Map<number, { nodes: Float64Array; weights: Float64Array }>();

/**
 * Gauss–Legendre nodes and weights on [−1, 1] for n points, by Newton's method on Pₙ (computed once per n), for
 * kernels that integrate several functions over the same nodes in one pass. @internal
 */
export function gaussLegendreRule(n: number): { readonly nodes: Float64Array; readonly weights: Float64Array } {
  return ruleOf(n);
}

function ruleOf(n: number): { nodes: Float64Array; weights: Float64Array } {
  let rule = rules.get(n);
  if (rule !== undefined) return rule;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const weight = 2 / ((1 - x * x) * derivative * derivative);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = weight;
    weights[n - 1 - i] = weight;
  }
  rule = { nodes, weights };
  rules.set(n, rule);
  return rule;
}

/**
 * ∫ₐᵇ f(t) dt by n-point Gauss–Legendre quadrature: exact for polynomials of degree 2n − 1 and exponentially
 * accurate for functions analytic around [a, b]; not for end-point singularities (use tanh-sinh there). Nodes are
 * computed by Newton's method on the first call for each n. @internal
 */
export function integrateGaussLegendre(f: (t: number) => number, a: number, b: number, n: number): number {
  const { nodes, weights } = ruleOf(n);
  const half = (b - a) / 2;
  const middle = (a + b) / 2;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (weights[i] as number) * f(middle + half * (nodes[i] as number));
  return sum * half;
}
