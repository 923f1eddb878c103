import { addPattern } from "../calibrate-behaviour.js";
import type { ReminderCounts } from "../reminder/learn-effect.js";
import type { DecisionStatistics, FactStatistics, TallyStatistics } from "./partition.js";
import { newRatioSums, type RatioSums } from "./ratio-sums.js";
import { mergeShrinkageSums } from "./shrinkage-count.js";
import { type Tallies, trimGapSample } from "./tally.js";

/** Adds ratio sums. */
function addSums(into: RatioSums, from: RatioSums): void {
  into.c += from.c;
  into.e += from.e;
  into.cc += from.cc;
  into.ce += from.ce;
  into.ee += from.ee;
  into.units += from.units;
}

/** Adds lists of ratio sums element by element (a missing element is empty). */
function addSumsList(into: (RatioSums | undefined)[], from: readonly (RatioSums | null | undefined)[]): void {
  from.forEach((sums, index) => {
    if (sums === undefined || sums === null) return;
    const target = into[index] ?? newRatioSums();
    into[index] = target;
    addSums(target, sums);
  });
}

/** Adds records of ratio sums by key. */
function addSumsRecord(into: Record<string, RatioSums>, from: Readonly<Record<string, RatioSums>>): void {
  for (const [key, sums] of Object.entries(from)) {
    const target = into[key] ?? newRatioSums();
    into[key] = target;
    addSums(target, sums);
  }
}

/** Adds pass 1's statistics of a partition into the running ones. @internal */
export function mergeFactStatistics(into: FactStatistics, from: FactStatistics): void {
  into.vehicles += from.vehicles;
  into.beforeStart += from.beforeStart;
  into.told ||= from.told;
  into.earliest = Math.min(into.earliest, from.earliest);
  into.exposure += from.exposure;
  into.eventsSeen += from.eventsSeen;
  addSumsRecord(into.values, from.values);
  into.km.count += from.km.count;
  into.km.sum += from.km.sum;
  into.delays.count += from.delays.count;
  for (const [bin, count] of from.delays.bins) into.delays.bins.set(bin, (into.delays.bins.get(bin) ?? 0) + count);
  mergeShrinkageSums(into.delays.shrinkage, from.delays.shrinkage);
}

/** Adds tallies (their value sums are pass 1's, not merged here); the gap sample keeps the smallest hashes. */
function mergeTallies(into: Tallies, from: Tallies): void {
  for (const key of ["retentionIn", "retentionPost", "renewals", "financeSales", "financeRenewals"] as const)
    addSums(into[key], from[key]);
  addSumsList(into.departuresInByAge, from.departuresInByAge);
  addSumsList(into.departuresPostByAge, from.departuresPostByAge);
  addSumsList(into.repairsByAge, from.repairsByAge);
  addSumsRecord(into.rates, from.rates);
  into.maintenanceExposure += from.maintenanceExposure;
  into.gapCount += from.gapCount;
  into.gaps.hash.push(...from.gaps.hash);
  into.gaps.years.push(...from.gaps.years);
  into.gaps.kmPerYear.push(...from.gaps.kmPerYear);
  trimGapSample(into.gaps);
  into.repurchaseCandidates += from.repurchaseCandidates;
  into.repurchases += from.repurchases;
  into.repurchaseAgeSum += from.repurchaseAgeSum;
}

/** Adds pass 2's statistics of a partition into the running ones. @internal */
export function mergeTallyStatistics(into: TallyStatistics, from: TallyStatistics): void {
  mergeTallies(into.tallies, from.tallies);
  into.kmSquares += from.kmSquares;
  into.delayValues.push(...from.delayValues);
  mergeShrinkageSums(into.price, from.price);
  into.seen += from.seen;
  into.late += from.late;
}

/** Adds pass 3's statistics of a partition into the running ones. @internal */
export function mergeDecisionStatistics(into: DecisionStatistics, from: DecisionStatistics): void {
  const patterns = into.patterns;
  for (const group of from.patterns.groups.values()) addPattern(patterns.groups, group);
  for (let stage = 0; stage < 4; stage++) {
    patterns.decisions[stage] = (patterns.decisions[stage] as number) + (from.patterns.decisions[stage] as number);
    patterns.departures[stage] = (patterns.departures[stage] as number) + (from.patterns.departures[stage] as number);
  }
  patterns.vehicles += from.patterns.vehicles;
  patterns.payoffs += from.patterns.payoffs;
  addSums(into.rate.sums, from.rate.sums);
  into.rate.evidence += from.rate.evidence;
}

/** Adds a partition's campaign-log counts into the running ones. @internal */
export function mergeReminderCounts(into: ReminderCounts, from: ReminderCounts): void {
  for (const [key, stratum] of from.strata) {
    const target = into.strata.get(key);
    if (target === undefined) {
      into.strata.set(key, { ...stratum, cell: [...stratum.cell] });
      continue;
    }
    for (let k = 0; k < 4; k++) target.cell[k] = (target.cell[k] as number) + (stratum.cell[k] as number);
    target.leaveSum += stratum.leaveSum;
  }
  into.attempts += from.attempts;
  into.reached += from.reached;
  into.used += from.used;
  into.censored += from.censored;
  into.outsideBands += from.outsideBands;
}
