/** One group's size, mean and within sum of squares. */
interface GroupMoments {
  readonly size: number;
  readonly mean: number;
  readonly squares: number;
}

/** The pseudo-count from group moments (a subset, by index, with repeats: a bootstrap draw). */
function pseudoCount(groups: readonly GroupMoments[], draw: ArrayLike<number>): number {
  let withinSum = 0;
  let withinDegrees = 0;
  let meanSum = 0;
  let inverseSizeSum = 0;
  const count = draw.length;
  for (let k = 0; k < count; k++) {
    const group = groups[draw[k] as number] as GroupMoments;
    withinSum += group.squares;
    withinDegrees += group.size - 1;
    meanSum += group.mean;
    inverseSizeSum += 1 / group.size;
  }
  if (withinDegrees < 2 || count < 3) return Number.NaN;
  const grand = meanSum / count;
  let betweenSum = 0;
  for (let k = 0; k < count; k++) betweenSum += ((groups[draw[k] as number] as GroupMoments).mean - grand) ** 2;
  const within = withinSum / withinDegrees;
  const between = betweenSum / (count - 1) - within * (inverseSizeSum / count);
  // No detectable spread between owners: a large pseudo-count (owners all take the average).
  return between > 1e-12 * within ? Math.min(1000, within / between) : 1000;
}

/** Bootstrap draws of owners for the standard error of a pseudo-count (deterministic: the same data, the same error). */
const BOOTSTRAP_DRAWS = 60;

/**
 * The empirical-Bayes pseudo-count of groups of values (owners' delays, price ratios): within-owner variance /
 * between-owner variance of the group means (method of moments), with the standard error of its log from a
 * bootstrap over owners (60 draws, a fixed linear congruential stream). Groups of fewer than two values are left
 * out. @internal
 */
export function shrinkageCount(groups: readonly number[][]): { value: number; evidence: number; logSe: number } {
  const moments: GroupMoments[] = [];
  let evidence = 0;
  for (const values of groups) {
    if (values.length < 2) continue;
    evidence += values.length;
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
    moments.push({ size: values.length, mean, squares });
  }
  const all = Int32Array.from(moments, (_, index) => index);
  const value = pseudoCount(moments, all);
  if (Number.isNaN(value)) return { value, evidence: 0, logSe: Number.NaN };
  let state = 0x2545f491;
  const draw = new Int32Array(moments.length);
  const logs: number[] = [];
  for (let b = 0; b < BOOTSTRAP_DRAWS; b++) {
    for (let k = 0; k < draw.length; k++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      draw[k] = Math.floor((state / 2 ** 32) * moments.length);
    }
    const replicate = pseudoCount(moments, draw);
    if (Number.isFinite(replicate)) logs.push(Math.log(replicate));
  }
  const mean = logs.reduce((sum, x) => sum + x, 0) / logs.length;
  const variance = logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, logs.length - 1);
  return { value, evidence, logSe: logs.length >= 2 ? Math.sqrt(variance) : Number.NaN };
}
