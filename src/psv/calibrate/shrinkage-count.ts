/** The groups' sizes, means and within sums of squares, as columns. */
interface GroupMoments {
  readonly size: Float64Array;
  readonly mean: Float64Array;
  readonly squares: Float64Array;
}

/** The pseudo-count from group moments (a subset, by index, with repeats: a bootstrap draw). */
function pseudoCount(groups: GroupMoments, draw: ArrayLike<number>): number {
  const { size, mean, squares } = groups;
  let withinSum = 0;
  let withinDegrees = 0;
  let meanSum = 0;
  let inverseSizeSum = 0;
  const count = draw.length;
  for (let k = 0; k < count; k++) {
    const group = draw[k] as number;
    withinSum += squares[group] as number;
    withinDegrees += (size[group] as number) - 1;
    meanSum += mean[group] as number;
    inverseSizeSum += 1 / (size[group] as number);
  }
  if (withinDegrees < 2 || count < 3) return Number.NaN;
  const grand = meanSum / count;
  let betweenSum = 0;
  for (let k = 0; k < count; k++) betweenSum += ((mean[draw[k] as number] as number) - grand) ** 2;
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
  const used = groups.filter((values) => values.length >= 2);
  const moments: GroupMoments = {
    size: Float64Array.from(used, (values) => values.length),
    mean: Float64Array.from(used, (values) => values.reduce((sum, value) => sum + value, 0) / values.length),
    squares: new Float64Array(used.length),
  };
  let evidence = 0;
  used.forEach((values, group) => {
    evidence += values.length;
    const mean = moments.mean[group] as number;
    moments.squares[group] = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  });
  const all = Int32Array.from(used, (_, index) => index);
  const value = pseudoCount(moments, all);
  if (Number.isNaN(value)) return { value, evidence: 0, logSe: Number.NaN };
  let state = 0x2545f491;
  const draw = new Int32Array(used.length);
  const logs: number[] = [];
  for (let b = 0; b < BOOTSTRAP_DRAWS; b++) {
    for (let k = 0; k < draw.length; k++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      draw[k] = Math.floor((state / 2 ** 32) * used.length);
    }
    const replicate = pseudoCount(moments, draw);
    if (Number.isFinite(replicate)) logs.push(Math.log(replicate));
  }
  const mean = logs.reduce((sum, x) => sum + x, 0) / logs.length;
  const variance = logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, logs.length - 1);
  return { value, evidence, logSe: logs.length >= 2 ? Math.sqrt(variance) : Number.NaN };
}
