import { hashKey, mixHash } from "./hash-key.js";

/** Poisson bootstrap replicates behind the standard error of a pseudo-count (deterministic: hashed owner keys). */
const DRAWS = 60;
/** The moments of groups a pseudo-count needs: Σ squares, Σ (size − 1), Σ mean, Σ mean², Σ 1/size, Σ 1. */
const MOMENTS = 6;

/**
 * Mergeable sums behind an empirical-Bayes pseudo-count (see {@link shrinkageCount}): the groups' moments, once
 * unweighted and once under each of 60 Poisson bootstrap weightings — each group (an owner) weighted Poisson(1)
 * draws from a hash of its key, so the sums of any split of the owners add up to those of all. @internal
 */
export interface ShrinkageSums {
  /** `MOMENTS` sums, then `MOMENTS` for each bootstrap draw. */
  readonly moments: number[];
  /** Values in the groups of two or more. */
  evidence: number;
}

/** Empty sums. @internal */
export const newShrinkageSums = (): ShrinkageSums => ({
  moments: new Array(MOMENTS * (DRAWS + 1)).fill(0),
  evidence: 0,
});

/** Adds `from` into `into`. @internal */
export function mergeShrinkageSums(into: ShrinkageSums, from: ShrinkageSums): void {
  from.moments.forEach((value, index) => {
    into.moments[index] = (into.moments[index] as number) + value;
  });
  into.evidence += from.evidence;
}

/** A Poisson(1) draw from a uniform number in [0, 1) (the inverse distribution function). */
function poissonOne(u: number): number {
  let k = 0;
  let p = Math.exp(-1);
  let cdf = p;
  while (u >= cdf && k < 20) {
    k += 1;
    p /= k;
    cdf += p;
  }
  return k;
}

/**
 * Adds one group of values (one owner's delays or price ratios; fewer than two are left out), keyed for its
 * bootstrap weights; `salt` keeps the weights of different statistics apart. @internal
 */
export function addShrinkageGroup(sums: ShrinkageSums, key: unknown, values: readonly number[], salt: number): void {
  const size = values.length;
  if (size < 2) return;
  let total = 0;
  for (const value of values) total += value;
  const mean = total / size;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  sums.evidence += size;
  const moments = sums.moments;
  const terms = [squares, size - 1, mean, mean * mean, 1 / size, 1];
  const seed = hashKey(key, salt);
  for (let draw = 0; draw <= DRAWS; draw++) {
    const weight = draw === 0 ? 1 : poissonOne(mixHash(seed + Math.imul(draw, 0x9e3779b9)) / 2 ** 32);
    if (weight === 0) continue;
    const at = draw * MOMENTS;
    for (let k = 0; k < MOMENTS; k++) moments[at + k] = (moments[at + k] as number) + weight * (terms[k] as number);
  }
}

/** The pseudo-count from one set of (weighted) group moments (NaN: too few groups or values). */
function pseudoCount(moments: readonly number[], at: number): number {
  const [withinSum, withinDegrees, meanSum, meanSquares, inverseSizeSum, count] = moments.slice(at, at + MOMENTS) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (withinDegrees < 2 || count < 3) return Number.NaN;
  const grand = meanSum / count;
  const betweenSum = Math.max(0, meanSquares - count * grand * grand);
  const within = withinSum / withinDegrees;
  const between = betweenSum / (count - 1) - within * (inverseSizeSum / count);
  // No detectable spread between owners: a large pseudo-count (owners all take the average).
  return between > 1e-12 * within ? Math.min(1000, within / between) : 1000;
}

/**
 * The empirical-Bayes pseudo-count of groups of values (owners' delays, price ratios): within-owner variance /
 * between-owner variance of the group means (method of moments), with the standard error of its log from a Poisson
 * bootstrap over owners (60 draws; Chamandy et al. 2012, "Estimating uncertainty for massive data streams": each
 * owner weighted Poisson(1), from a hash of its key — so partitions' sums merge into the whole's). @internal
 */
export function shrinkageCount(sums: ShrinkageSums): { value: number; evidence: number; logSe: number } {
  const value = pseudoCount(sums.moments, 0);
  if (Number.isNaN(value)) return { value, evidence: 0, logSe: Number.NaN };
  const logs: number[] = [];
  for (let draw = 1; draw <= DRAWS; draw++) {
    const replicate = pseudoCount(sums.moments, draw * MOMENTS);
    if (Number.isFinite(replicate)) logs.push(Math.log(replicate));
  }
  const mean = logs.reduce((sum, x) => sum + x, 0) / logs.length;
  const variance = logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, logs.length - 1);
  return { value, evidence: sums.evidence, logSe: logs.length >= 2 ? Math.sqrt(variance) : Number.NaN };
}
