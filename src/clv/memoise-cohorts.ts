/**
 * A function of (x, T, phase) computed once per distinct argument while that pays: customers of a cohort share T
 * and many share x, so their conditional expectations given alive (and the discounted sums of those) are shared.
 * Keyed by T, then x × phases + phase, up to 200,000 values. The memo is dropped after 4,096 lookups with fewer
 * than a quarter of hits (a T of its own for nearly every customer: its Map would cost more than it saves) and every
 * call computes. @internal
 */
export function memoiseCohorts(
  phases: number,
  compute: (x: number, T: number, phase: number) => number,
): (x: number, T: number, phase: number) => number {
  const byAge = new Map<number, Map<number, number>>();
  let size = 0;
  let lookups = 0;
  let hits = 0;
  let active = true;
  return (x, T, phase) => {
    if (!active) return compute(x, T, phase);
    lookups += 1;
    let byKey = byAge.get(T);
    const key = x * phases + phase;
    let value = byKey?.get(key);
    if (value !== undefined) {
      hits += 1;
      return value;
    }
    value = compute(x, T, phase);
    if (size < 200_000) {
      if (byKey === undefined) {
        byKey = new Map();
        byAge.set(T, byKey);
      }
      byKey.set(key, value);
      size += 1;
    }
    if (lookups === 4096 && hits < 1024) {
      active = false;
      byAge.clear();
    }
    return value;
  };
}
