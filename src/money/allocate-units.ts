/**
 * Rounds parts to whole units (cents, or 10^−decimals) so that they add up exactly to their rounded whole: each part
 * is floored, and the units left over go one each to the parts with the largest remainders (ties to the earlier
 * part) — the largest-remainder method. Parts must be finite and ≥ 0; the whole is round(Σ parts) half-even.
 * Returns whole units as integers in a Float64Array. @internal
 */
export function allocateUnits(parts: ArrayLike<number>, unitsPerOne: number): { whole: number; parts: Float64Array } {
  const n = parts.length;
  const whole = roundedWholeUnits(parts, 0, n, unitsPerOne);
  if (n === 1) return { whole, parts: Float64Array.of(whole) };
  const floors = new Float64Array(n);
  let floorSum = 0;
  for (let index = 0; index < n; index++) {
    floors[index] = Math.floor((parts[index] as number) * unitsPerOne);
    floorSum += floors[index] as number;
  }
  let left = whole - floorSum;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, index) => index).sort((x, y) => {
      const rx = (parts[x] as number) * unitsPerOne - (floors[x] as number);
      const ry = (parts[y] as number) * unitsPerOne - (floors[y] as number);
      return ry - rx || x - y;
    });
    for (let k = 0; left > 0 && k < n; k++, left--) {
      const index = order[k] as number;
      floors[index] = (floors[index] as number) + 1;
    }
  }
  return { whole: whole - Math.max(0, left), parts: floors };
}

/**
 * The whole of {@link allocateUnits} (`count` parts from `from`: their compensated sum in units, rounded half-even),
 * without allocating: what a batch sums over a million rows, and what {@link allocateUnits} allocates. @internal
 */
export function roundedWholeUnits(values: ArrayLike<number>, from: number, count: number, unitsPerOne: number): number {
  let exactSum = 0;
  let compensation = 0;
  for (let index = from; index < from + count; index++) {
    const scaled = (values[index] as number) * unitsPerOne;
    const next = exactSum + scaled;
    compensation += Math.abs(exactSum) >= Math.abs(scaled) ? exactSum - next + scaled : scaled - next + exactSum;
    exactSum = next;
  }
  const total = exactSum + compensation;
  const rounded = Math.round(total);
  return Math.abs(total - Math.trunc(total)) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}
