/**
 * The Hessian of f at `point` over the coordinates `indices` (row-major, indices.length²): central differences of its
 * gradient (`gradient` writes ∂f/∂xⱼ for every j), steps `step(xᵢ)`, symmetrised. Two gradients a coordinate, where
 * second differences of f take 2n² + 1 values and keep fewer digits. @internal
 */
export function gradientHessian(
  gradient: (point: Float64Array, out: Float64Array) => void,
  point: ArrayLike<number>,
  indices: readonly number[],
  step: (value: number) => number,
): Float64Array {
  const m = indices.length;
  const hessian = new Float64Array(m * m);
  const moved = Float64Array.from(point);
  const plus = new Float64Array(moved.length);
  const minus = new Float64Array(moved.length);
  indices.forEach((index, k) => {
    const value = point[index] as number;
    const h = step(value);
    moved[index] = value + h;
    gradient(moved, plus);
    moved[index] = value - h;
    gradient(moved, minus);
    moved[index] = value;
    indices.forEach((other, j) => {
      hessian[j * m + k] = ((plus[other] as number) - (minus[other] as number)) / (2 * h);
    });
  });
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      const mean = ((hessian[i * m + j] as number) + (hessian[j * m + i] as number)) / 2;
      hessian[i * m + j] = mean;
      hessian[j * m + i] = mean;
    }
  return hessian;
}
