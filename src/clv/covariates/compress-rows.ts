/**
 * Merges rows equal in every column into one whose weight is the sum of theirs (a weighted log-likelihood over the
 * merged rows is exactly the one over the originals). Returns the rows kept and their merged weights. @internal
 */
export function compressRows(
  columns: readonly ArrayLike<number>[],
  weight: ArrayLike<number>,
): { rows: Int32Array; weight: Float64Array } {
  const length = weight.length;
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
