/**
 * Wilson's score interval for a proportion (Wilson 1927): the p whose score test against `successes` of `trials`
 * is not rejected at the two-sided level of `z` (1.96 for 95%). It stays inside [0, 1] and is sound at 0 and n
 * successes, where the Wald interval collapses. @internal
 */
export function wilsonInterval(successes: number, trials: number, z: number): [low: number, high: number] {
  if (trials <= 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
