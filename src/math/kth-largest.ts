/**
 * The k-th largest of the values (k = 1: the largest), by Hoare's selection (quickselect) with a median-of-three
 * pivot on a scratch array that it reorders: O(n) on average, where a sort costs O(n log n). NaN values must not
 * be present: `kthLargest(Float64Array.of(3, 9, 1, 7), 2)` is 7. Returns NaN for k out of 1 … n. @internal
 */
export function kthLargest(scratch: Float64Array, k: number): number {
  if (!(Number.isInteger(k) && k >= 1 && k <= scratch.length)) return Number.NaN;
  const target = scratch.length - k; // its index in ascending order
  let low = 0;
  let high = scratch.length - 1;
  while (low < high) {
    const pivot = medianOfThree(scratch[low] as number, scratch[(low + high) >>> 1] as number, scratch[high] as number);
    let i = low;
    let j = high;
    while (i <= j) {
      while ((scratch[i] as number) < pivot) i++;
      while ((scratch[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = scratch[i] as number;
        scratch[i] = scratch[j] as number;
        scratch[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else return scratch[target] as number;
  }
  return scratch[target] as number;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
