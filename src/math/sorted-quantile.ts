/**
 * The type-7 quantile of sorted values (R's default: linear between the order statistics around (n − 1) p).
 * @internal
 */
export function sortedQuantile(sorted: ArrayLike<number>, probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const low = sorted[below] as number;
  return low + (position - below) * ((sorted[above] as number) - low);
}
