/**
 * The Cholesky factor L (lower triangular, row-major n × n) of a symmetric positive-definite matrix, A = L Lᵀ, read
 * from A's lower triangle; `undefined` when A is not positive definite (or not finite). @internal
 */
export function choleskyLower(matrix: ArrayLike<number>, n: number): Float64Array | undefined {
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (lower[i * n + k] as number) * (lower[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0 && Number.isFinite(sum))) return undefined;
        lower[i * n + i] = Math.sqrt(sum);
      } else lower[i * n + j] = sum / (lower[j * n + j] as number);
    }
  }
  return lower;
}
