/**
 * Merges rows equal in every column into one whose weight is the sum of theirs (a weighted log-likelihood over the
 * merged rows is exactly the one over the originals). Returns the rows kept and their merged weights. Covariate
 * columns with many distinct values (a continuous covariate) make nearly every row distinct, so then the rows are
 * kept as they are without building keys. @internal
 */
export function compressRows(
  columns: readonly ArrayLike<number>[],
  weight: ArrayLike<number>,
  covariateColumns: readonly ArrayLike<number>[] = [],
): { rows: Int32Array; weight: Float64Array } {
  const length = weight.length;
  const continuous = covariateColumns.some((column) => {
    const seen = new Set<number>();
    for (let index = 0; index < column.length && seen.size <= 256; index++) seen.add(column[index] as number);
    return seen.size > 256;
  });
  if (continuous) return { rows: Int32Array.from({ length }, (_, index) => index), weight: Float64Array.from(weight) };
  columns = [...columns, ...covariateColumns];
  const rowOf = new Map<string, number>();
  const keep: number[] = [];
  const merged: number[] = [];
  for (let index = 0; index < length; index++) {
    let key = "";
    for (const column of columns) key += `${column[index] as number},`;
    const row = rowOf.get(key);
    if (row === undefined) {
      rowOf.set(key, keep.length);
      keep.push(index);
      merged.push(weight[index] as number);
    } else {
      merged[row] = (merged[row] as number) + (weight[index] as number);
    }
  }
  return { rows: Int32Array.from(keep), weight: Float64Array.from(merged) };
}
