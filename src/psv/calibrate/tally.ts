import type { PsvAssumptions } from "../assumptions.js";
import { EVENT_TYPES } from "../dealer-records.js";
import { DAYS_PER_YEAR } from "../maintenance-timeline.js";
import { EVENT_CODE } from "./calibration-events.js";
import type { Facts } from "./facts.js";
import { hashKey, mixHash } from "./hash-key.js";
import { addUnit, newRatioSums, type RatioSums } from "./ratio-sums.js";

/** The salt of the gap sample's hashes. */
const GAP_SALT = 3;

/**
 * Pass 2 over the vehicles: each rate as a ratio over vehicles (so that its error counts owners who differ), the
 * maintenance gaps and the repurchases. @internal
 */
export interface Tallies {
  /** Departures over vehicle-years with the dealer, in the warranty and after it. */
  readonly retentionIn: RatioSums;
  readonly retentionPost: RatioSums;
  /** The same by age year (a departure counts in the year it falls in): the hazard by age, for the standardised rates. */
  readonly departuresInByAge: RatioSums[];
  readonly departuresPostByAge: RatioSums[];
  /** Repairs over vehicle-years with the dealer, by age year. */
  readonly repairsByAge: RatioSums[];
  /** Insurance renewals over the delivery anniversaries with the dealer. */
  readonly renewals: RatioSums;
  /** Events of each type over vehicle-years with the dealer (the first service apart: an event of its own). */
  readonly rates: Record<string, RatioSums>;
  /** The value field over the events that have it, by type (all events, with the dealer or not): the first pass's. */
  readonly values: Record<string, RatioSums>;
  maintenanceExposure: number;
  /** Gaps between consecutive maintenance visits (at most two years), and a sample of them (see GapSample). */
  gapCount: number;
  readonly gaps: GapSample;
  repurchaseCandidates: number;
  repurchases: number;
  repurchaseAgeSum: number;
  /** Finance: vehicles whose sale the history shows (c: financed here at it), renewals over years with the dealer. */
  readonly financeSales: RatioSums;
  readonly financeRenewals: RatioSums;
}

/**
 * Up to {@link GAP_SAMPLE} gaps between maintenance visits with their owners' km a year: those of the smallest
 * hashes of (vehicle id, gap number) — a sample that any split of the vehicles merges into the whole's. @internal
 */
export interface GapSample {
  readonly hash: number[];
  readonly years: number[];
  readonly kmPerYear: number[];
}

/** Gaps the schedule report fits. @internal */
export const GAP_SAMPLE = 2000;

/** Keeps the sample's {@link GAP_SAMPLE} smallest hashes (ties by gap, then km), in hash order. @internal */
export function trimGapSample(sample: GapSample): void {
  const order = sample.hash.map((_, index) => index);
  order.sort(
    (i, j) =>
      (sample.hash[i] as number) - (sample.hash[j] as number) ||
      (sample.years[i] as number) - (sample.years[j] as number) ||
      (sample.kmPerYear[i] as number) - (sample.kmPerYear[j] as number),
  );
  const kept = order.slice(0, GAP_SAMPLE);
  for (const column of [sample.hash, sample.years, sample.kmPerYear]) {
    const values = kept.map((index) => column[index] as number);
    column.length = 0;
    column.push(...values);
  }
}

/** Vehicle-years with the dealer over all vehicles, in and after the warranty. @internal */
export const totalExposure = (t: Tallies) => t.retentionIn.e + t.retentionPost.e;

/** One vehicle's counts and amounts by type code, before they join the ratios (reused from vehicle to vehicle). */
interface VehicleCounts {
  readonly byType: Float64Array;
  readonly repairsByYear: number[];
}

/** The value field's sums by event type over the vehicles seen (all their events, with the dealer or not). @internal */
export function valueSums(facts: readonly Facts[]): Record<string, RatioSums> {
  const values = Object.fromEntries(EVENT_TYPES.map((type) => [type, newRatioSums()]));
  const sum = new Float64Array(EVENT_TYPES.length);
  const count = new Float64Array(EVENT_TYPES.length);
  for (const fact of facts) {
    if (Number.isNaN(fact.entryAge)) continue;
    sum.fill(0);
    count.fill(0);
    const { events } = fact;
    for (let e = fact.first; e < fact.end; e++) {
      const value = events.value[e] as number;
      if (Number.isNaN(value)) continue;
      const type = events.type[e] as number;
      sum[type] = (sum[type] as number) + value;
      count[type] = (count[type] as number) + 1;
    }
    EVENT_TYPES.forEach((type, code) => {
      if ((count[code] as number) > 0) addUnit(values[type] as RatioSums, sum[code] as number, count[code] as number);
    });
  }
  return values;
}

/**
 * Tallies every vehicle seen (a record the history does not show at all is left out); `values` are the value sums
 * of the same vehicles (see valueSums). @internal
 */
export function tally(
  facts: readonly Facts[],
  meanGap: number,
  fallback: PsvAssumptions,
  values: Record<string, RatioSums>,
): Tallies {
  const t: Tallies = {
    retentionIn: newRatioSums(),
    retentionPost: newRatioSums(),
    departuresInByAge: [],
    departuresPostByAge: [],
    repairsByAge: [],
    renewals: newRatioSums(),
    rates: Object.fromEntries(EVENT_TYPES.map((type) => [type, newRatioSums()])),
    values,
    maintenanceExposure: 0,
    gapCount: 0,
    gaps: { hash: [], years: [], kmPerYear: [] },
    repurchaseCandidates: 0,
    repurchases: 0,
    repurchaseAgeSum: 0,
    financeSales: newRatioSums(),
    financeRenewals: newRatioSums(),
  };
  const counts: VehicleCounts = { byType: new Float64Array(EVENT_TYPES.length), repairsByYear: [] };
  for (const fact of facts) if (!Number.isNaN(fact.entryAge)) tallyVehicle(t, fact, meanGap, fallback, counts);
  trimGapSample(t.gaps);
  return t;
}

/** One vehicle seen: its exposure and departure in each phase, its events, renewals and repurchase. */
function tallyVehicle(t: Tallies, fact: Facts, meanGap: number, fallback: PsvAssumptions, counts: VehicleCounts): void {
  const { departed, cutoff, lastAge, ownKmPerYear, entryAge } = fact;
  // A record entered at an event is counted from a month after it: events of the same visit come with it.
  const entry = fact.enteredAtEvent ? entryAge + ENTRY_MONTH : entryAge;
  const withDealerUntil = Math.max(entry, departed ? Math.min(cutoff, lastAge + meanGap) : cutoff);
  const end = Math.min(fallback.warrantyYears, fallback.warrantyKm / ownKmPerYear);
  const inWarranty = Math.max(0, Math.min(withDealerUntil, end) - entry);
  const postWarranty = Math.max(0, withDealerUntil - Math.max(end, entry));
  addUnit(t.retentionIn, departed && withDealerUntil < end ? 1 : 0, inWarranty);
  addUnit(t.retentionPost, departed && withDealerUntil >= end ? 1 : 0, postWarranty);
  const leftIn = departed && withDealerUntil < end;
  addByAge(t.departuresInByAge, entry, Math.min(withDealerUntil, end), leftIn);
  addByAge(t.departuresPostByAge, Math.max(entry, end), withDealerUntil, departed && !leftIn);
  const firstService = Math.min(fallback.firstServiceMonths / 12, fallback.firstServiceKm / ownKmPerYear);
  t.maintenanceExposure += Math.max(0, withDealerUntil - Math.max(firstService, entry));
  countEvents(t, fact, entry, withDealerUntil, counts);
  for (let year = Math.floor(entry); year < withDealerUntil; year++) {
    const sums = t.repairsByAge[year] ?? newRatioSums();
    t.repairsByAge[year] = sums;
    const exposure = Math.max(0, Math.min(year + 1, withDealerUntil) - Math.max(year, entry));
    addUnit(sums, counts.repairsByYear[year] ?? 0, exposure);
  }
  // Renewals fall on the delivery anniversaries, the first at delivery; a record seen from a later age has those after it.
  const anniversaries = entry === 0 ? Math.floor(withDealerUntil) + 1 : Math.floor(withDealerUntil) - Math.floor(entry);
  addUnit(t.renewals, counts.byType[EVENT_CODE.insurance] as number, anniversaries);
  EVENT_TYPES.forEach((type, code) => {
    addUnit(t.rates[type] as RatioSums, counts.byType[code] as number, inWarranty + postWarranty);
  });
  tallyRepurchase(t, fact, meanGap, fallback.replacementAgeYears);
  tallyFinance(t, fact, entry, withDealerUntil);
}

/**
 * Finance: a vehicle whose sale the history shows is financed here if a "finance" row falls within 60 days of it;
 * later rows while with the dealer are renewals.
 */
function tallyFinance(t: Tallies, fact: Facts, from: number, withDealerUntil: number): void {
  const acquired = fact.vehicle.acquiredAgeDays / DAYS_PER_YEAR;
  const saleSeen = !fact.enteredAtEvent && fact.entryAge <= acquired + 1e-9;
  let financed = 0;
  let renewals = 0;
  const { events } = fact;
  for (let e = fact.first; e < fact.end; e++) {
    if (events.type[e] !== EVENT_CODE.finance) continue;
    const age = events.age[e] as number;
    if (age <= acquired + FINANCE_AT_SALE_YEARS) financed = 1;
    else if (age <= withDealerUntil + 1e-9 && age > from) renewals += 1;
  }
  if (saleSeen) addUnit(t.financeSales, financed, 1);
  addUnit(t.financeRenewals, renewals, Math.max(0, withDealerUntil - from));
}

/** A "finance" row within this many years of the vehicle's sale is the contract of that sale. */
const FINANCE_AT_SALE_YEARS = 60 / DAYS_PER_YEAR;

/** A vehicle's time with the dealer from one age to another, by age year, and its departure at the end, if it left. */
function addByAge(byAge: RatioSums[], from: number, to: number, left: boolean): void {
  const lastYear = Math.ceil(to) - 1;
  for (let year = Math.floor(from); year <= lastYear; year++) {
    const sums = byAge[year] ?? newRatioSums();
    byAge[year] = sums;
    addUnit(sums, left && year === lastYear ? 1 : 0, Math.max(0, Math.min(year + 1, to) - Math.max(year, from)));
  }
}

/**
 * A vehicle's events into `counts` (cleared first): maintenance gaps, and counts (by age year for repairs) while
 * with the dealer.
 */
function countEvents(t: Tallies, fact: Facts, from: number, withDealerUntil: number, counts: VehicleCounts): void {
  counts.byType.fill(0);
  counts.repairsByYear.length = 0;
  const { events } = fact;
  // A record that enters at an event: its first service lies before it (or is that event, the entry, not counted);
  // a used car's first service was a previous owner's.
  let firstMaintenanceSeen = fact.enteredAtEvent || fact.vehicle.acquiredAgeDays > 0;
  let previousMaintenance = Number.NaN;
  let vehicleHash: number | undefined;
  let gapNumber = 0;
  for (let e = fact.first; e < fact.end; e++) {
    const age = events.age[e] as number;
    const type = events.type[e] as number;
    if (type === EVENT_CODE.maintenance) {
      const gap = age - previousMaintenance;
      if (gap > 0 && gap <= 2) {
        vehicleHash ??= hashKey(fact.vehicle.vehicleId, GAP_SALT);
        t.gaps.hash.push(mixHash(vehicleHash + Math.imul(gapNumber, 0x9e3779b9)));
        gapNumber += 1;
        t.gaps.years.push(gap);
        t.gaps.kmPerYear.push(fact.ownKmPerYear);
        t.gapCount += 1;
      }
      previousMaintenance = age;
    }
    if (age > withDealerUntil + 1e-9 || (fact.enteredAtEvent && age <= from)) continue;
    if (type === EVENT_CODE.maintenance && !firstMaintenanceSeen) {
      firstMaintenanceSeen = true; // the first service is an event of its own in the model
      continue;
    }
    counts.byType[type] = (counts.byType[type] as number) + 1;
    if (type === EVENT_CODE.repair) {
      const year = Math.floor(age);
      counts.repairsByYear[year] = (counts.repairsByYear[year] ?? 0) + 1;
    }
  }
}

/** Years after an entry event from which a record entered at it is counted. */
const ENTRY_MONTH = 30 / DAYS_PER_YEAR;

/** A sale row within this many years of the vehicle's own delivery (or acquisition) is the sale of that vehicle. */
const OWN_SALE_YEARS = 30 / DAYS_PER_YEAR;

/**
 * Repurchase: with the dealer at the replacement age, and observed a year past it. A "new-car-purchase" or
 * "used-car-sale" row on a vehicle is the owner buying its successor — unless it falls within 30 days of the
 * vehicle's own delivery (or acquisition): DMS exports that write the sale row on the car sold (not on the car it
 * replaced) are read the same way.
 */
function tallyRepurchase(t: Tallies, fact: Facts, meanGap: number, replacementAge: number): void {
  const { events, observedAge, departed, lastAge, nextDeliveryAge, entryAge } = fact;
  const ownSale = fact.vehicle.acquiredAgeDays / DAYS_PER_YEAR + OWN_SALE_YEARS;
  let purchaseAge = nextDeliveryAge;
  for (let e = fact.first; e < fact.end; e++) {
    const type = events.type[e];
    if (
      (type === EVENT_CODE.newCarPurchase || type === EVENT_CODE.usedCarSale) &&
      (events.age[e] as number) > ownSale
    ) {
      purchaseAge = events.age[e] as number;
      break;
    }
  }
  if (entryAge > replacementAge) return; // seen only after the age it would have been replaced at
  if (purchaseAge !== undefined) {
    t.repurchases += 1;
    t.repurchaseAgeSum += purchaseAge;
    t.repurchaseCandidates += 1;
  } else if (observedAge >= replacementAge + 1 && (departed ? lastAge + meanGap : observedAge) >= replacementAge) {
    t.repurchaseCandidates += 1;
  }
}
