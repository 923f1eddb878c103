import { shown } from "../errors-shown.js";
import { isoDate as isoDay } from "../schemas/day-number.js";
import { type Reason, reason } from "../schemas/reason.js";
import { thousands } from "../schemas/thousands.js";
import { nextDueDays } from "../service/next-due.js";
import { DEFAULT_SERVICE_SCHEDULE } from "../service/schedule.js";
import {
  type CustomerDays,
  FINANCE,
  INSURANCE,
  MAINTENANCE,
  PAYOFF,
  RECALL,
  REFERRAL,
  TRADE_IN,
  WARRANTY,
} from "./customer-days.js";
import type { LifecycleRules } from "./rules.js";

const DAYS_PER_YEAR = 365.2425;

/** The lifecycle stages (DOMAIN.md §3); every valid customer is in exactly one. */
export type LifecycleStage =
  | "prospect"
  | "new-car-purchase"
  | "in-warranty"
  | "post-warranty"
  | "replacement-window"
  | "lapsed";

/** Flags that can hold alongside any stage. */
export type LifecycleFlag =
  | "insurance-due"
  | "finance-active"
  | "finance-ending"
  | "referrer"
  | "at-risk"
  | "won-back"
  | "traded-in"
  | "second-car-lapsed";

/** One vehicle's own stage (a household's or fleet's cars each have theirs; the customer's is the newest car's). */
export interface VehicleStage {
  readonly vehicleId: string | number;
  readonly stage: Exclude<LifecycleStage, "prospect">;
  /** A trade-in event on it (置换): it gets no more service here. */
  readonly tradedIn: boolean;
}

/** A classification: one stage, any flags, and the facts that decided them in words. */
export interface LifecycleClassification {
  readonly stage: LifecycleStage;
  readonly flags: LifecycleFlag[];
  /** The facts that decided them: `{ code, params, text }` (codes "lifecycle.…", listed in the guide). */
  readonly reasons: Reason[];
  /** Each vehicle acquired by asOf with its own stage (empty for a prospect). */
  readonly vehicles: VehicleStage[];
}

/** Scratch for the maintenance visit days of one customer's newest vehicle (a batch reuses it). */
let visitScratch = /* @__PURE__ */ new Float64Array(16);

/**
 * The latest odometer reading of vehicle `v` on or before `upTo` (its own record, then its service visits on or
 * before asOf in input order, a later or equal day replacing an earlier one); writes km and day into `out` and
 * returns whether there is one.
 */
function latestReading(days: CustomerDays, v: number, asOf: number, upTo: number, out: Float64Array): boolean {
  let found = false;
  const ownDay = days.vehicleKmDay[v] as number;
  if (ownDay <= upTo) {
    out[0] = days.vehicleKm[v] as number;
    out[1] = ownDay;
    found = true;
  }
  const id = days.vehicleId[v];
  for (let e = 0; e < days.eventCount; e++) {
    const km = days.eventKm[e] as number;
    const day = days.eventDay[e] as number;
    if (days.eventVehicleId[e] !== id || Number.isNaN(km) || day > asOf || day > upTo) continue;
    if (!found || day >= (out[1] as number)) {
      out[0] = km;
      out[1] = day;
      found = true;
    }
  }
  return found;
}

const reading = /* @__PURE__ */ new Float64Array(2);
let imputed = /* @__PURE__ */ new Float64Array(64);

/**
 * Whether vehicle v's records start after its first due visit could have fallen (later than 30% of an interval
 * before it), so that the visits before the start are missing rather than missed. @internal
 */
function startsLate(days: CustomerDays, v: number, asOf: number, historyStart: number): boolean {
  if (!(historyStart > (days.acquired[v] as number))) return false;
  const firstDue = dueDayAfter(days, v, imputed, 0, asOf, asOf);
  imputed[0] = firstDue;
  const interval = dueDayAfter(days, v, imputed, 1, asOf, asOf) - firstDue;
  return historyStart > firstDue - 0.3 * interval;
}

/** The due day of vehicle v with no visit in a history that starts late: each due visit kept on time up to the start. */
function dueOnScheduleFrom(days: CustomerDays, v: number, asOf: number, historyStart: number): number {
  let done = 0;
  let due = dueDayAfter(days, v, imputed, 0, asOf, asOf);
  while (due < historyStart && done < 400) {
    if (done === imputed.length) {
      const grown = new Float64Array(2 * done);
      grown.set(imputed);
      imputed = grown;
    }
    imputed[done] = due;
    done += 1;
    due = dueDayAfter(days, v, imputed, done, asOf, asOf);
  }
  return due;
}

/**
 * The unrounded due day of the next maintenance of vehicle `v` after its first `done` visits (the default service
 * schedule), with the latest odometer reading up to `readingsUpTo`: what `service.nextDue` computes for that vehicle.
 */
function dueDayAfter(
  days: CustomerDays,
  v: number,
  visits: Float64Array,
  done: number,
  asOf: number,
  readingsUpTo: number,
): number {
  const hasReading = latestReading(days, v, asOf, readingsUpTo, reading);
  const due = nextDueDays(
    DEFAULT_SERVICE_SCHEDULE,
    days.delivery[v] as number,
    done > 0 ? (visits[done - 1] as number) : undefined,
    done === 0 && days.acquired[v] === days.delivery[v],
    undefined,
    hasReading ? (reading[0] as number) : undefined,
    hasReading ? (reading[1] as number) : undefined,
    days.acquired[v] as number,
    days.acquiredKm[v] as number,
  );
  return due.dueDay;
}

/**
 * Referrals (the customer's referral records and "referral" events) and a finance contract paid off lately (a
 * "finance-payoff" event within `financeEndingDays` before asOf: the owner is free to replace the car — a
 * replacement conversation, flagged "finance-ending" like a contract about to end).
 */
function officeRecords(
  days: CustomerDays,
  asOf: number,
  rules: LifecycleRules,
  reasons: Reason[] | undefined,
  flags: LifecycleFlag[],
): void {
  let referrals = days.referrals;
  let payoff = Number.NEGATIVE_INFINITY;
  for (let e = 0; e < days.eventCount; e++) {
    const day = days.eventDay[e] as number;
    if (day > asOf) continue;
    if (days.eventType[e] === REFERRAL) referrals += 1;
    if (days.eventType[e] === PAYOFF && day > payoff) payoff = day;
  }
  if (asOf - payoff <= rules.financeEndingDays) {
    if (!flags.includes("finance-ending")) flags.push("finance-ending");
    reasons?.push(
      reason(
        "lifecycle.finance-paid-off",
        { date: isoDay(payoff) },
        `paid off a finance contract on ${isoDay(payoff)}: free to replace the car (a replacement conversation)`,
      ),
    );
  }
  if (referrals > 0) {
    flags.push("referrer");
    reasons?.push(
      reason("lifecycle.referrer", { referrals }, `has referred ${referrals} ${referrals === 1 ? "person" : "people"}`),
    );
  }
}

/**
 * Classifies one customer held in day columns as of a day (DOMAIN.md §3; the rules of `lifecycle.classify`), with
 * the reasons in words when `explain` is set (else `reasons` stays empty). Never throws: the columns hold a validated
 * customer. @internal
 */
export function classifyDays(
  days: CustomerDays,
  asOf: number,
  rules: LifecycleRules,
  explain: boolean,
  historyStart = Number.NEGATIVE_INFINITY,
): LifecycleClassification {
  const reasons: Reason[] = [];
  const flags: LifecycleFlag[] = [];
  for (let k = 0; k < days.contractCount; k++) {
    const start = days.contractStart[k] as number;
    const end = days.contractEnd[k] as number;
    if (start > asOf || end < asOf) continue;
    const type = days.contractType[k];
    if (type === INSURANCE && end - asOf <= rules.insuranceDueDays) {
      if (!flags.includes("insurance-due")) flags.push("insurance-due");
      if (explain)
        reasons.push(
          reason(
            "lifecycle.insurance-due",
            { endDate: isoDay(end), withinDays: rules.insuranceDueDays },
            `insurance ends on ${isoDay(end)}, within ${rules.insuranceDueDays} days`,
          ),
        );
    }
    if (type === FINANCE) {
      if (!flags.includes("finance-active")) flags.push("finance-active");
      if (end - asOf <= rules.financeEndingDays && !flags.includes("finance-ending")) {
        flags.push("finance-ending");
        if (explain)
          reasons.push(
            reason(
              "lifecycle.finance-ending",
              { endDate: isoDay(end), withinDays: rules.financeEndingDays },
              `finance contract ends on ${isoDay(end)}, within ${rules.financeEndingDays} days`,
            ),
          );
      }
    }
  }
  // 置换: a trade-in (a purchase of that type, or a trade-in event): the old car gets no more service here.
  let tradeIn = days.latestTradeInPurchase;
  for (let e = 0; e < days.eventCount; e++) {
    const day = days.eventDay[e] as number;
    if (days.eventType[e] === TRADE_IN && day <= asOf && day > tradeIn) tradeIn = day;
  }
  if (tradeIn > Number.NEGATIVE_INFINITY) {
    flags.push("traded-in");
    if (explain)
      reasons.push(
        reason("lifecycle.traded-in", { date: isoDay(tradeIn) }, `traded in a car on ${isoDay(tradeIn)} (置换)`),
      );
  }
  officeRecords(days, asOf, rules, explain ? reasons : undefined, flags);

  // The newest vehicle acquired by asOf (delivered new, or a used car bought; the first of equals).
  let v = -1;
  for (let w = 0; w < days.vehicleCount; w++) {
    const acquired = days.acquired[w] as number;
    if (acquired <= asOf && (v < 0 || acquired > (days.acquired[v] as number))) v = w;
  }
  if (v < 0) {
    const leads = days.leads;
    if (explain)
      reasons.push(
        reason(
          "lifecycle.prospect",
          { leads },
          leads > 0 ? `no vehicle yet; ${leads} sales ${leads === 1 ? "lead" : "leads"}` : "no vehicle yet",
        ),
      );
    return { stage: "prospect", flags, reasons, vehicles: [] };
  }
  secondCarLapsed(days, v, asOf, rules, explain ? reasons : undefined, flags);
  const stage = vehicleStage(days, v, asOf, rules, historyStart, explain ? reasons : undefined, flags);
  return { stage, flags, reasons, vehicles: vehicleStages(days, v, stage, asOf, rules, historyStart) };
}

/**
 * Each vehicle the customer had acquired by asOf with its own stage (the newest's is the customer's: `stage`), and
 * whether it was traded in (置换: a trade-in event on it), in the customer's order of vehicles.
 */
function vehicleStages(
  days: CustomerDays,
  newest: number,
  newestStage: Exclude<LifecycleStage, "prospect">,
  asOf: number,
  rules: LifecycleRules,
  historyStart: number,
): VehicleStage[] {
  const stages: VehicleStage[] = [];
  const scratchFlags: LifecycleFlag[] = [];
  for (let w = 0; w < days.vehicleCount; w++) {
    if ((days.acquired[w] as number) > asOf) continue;
    const id = days.vehicleId[w] as string | number;
    let tradedIn = false;
    for (let e = 0; e < days.eventCount; e++)
      if (days.eventVehicleId[e] === id && days.eventType[e] === TRADE_IN && (days.eventDay[e] as number) <= asOf)
        tradedIn = true;
    const stage =
      w === newest ? newestStage : vehicleStage(days, w, asOf, rules, historyStart, undefined, scratchFlags);
    stages.push({ vehicleId: id, stage, tradedIn });
  }
  return stages;
}

/** Won back: the latest visit came after the one before it had lapsed (a real gap against the schedule). */
function wonBack(
  days: CustomerDays,
  v: number,
  { visits, count }: { visits: Float64Array; count: number },
  asOf: number,
  rules: LifecycleRules,
  reasons: Reason[] | undefined,
  flags: LifecycleFlag[],
): void {
  const lastVisit = visits[count - 1] as number;
  const readingsUpTo = count > 1 ? (visits[count - 2] as number) : asOf;
  const late = lastVisit - Math.round(dueDayAfter(days, v, visits, count - 1, asOf, readingsUpTo));
  if (late <= rules.lapsedAfterDays) return;
  flags.push("won-back");
  reasons?.push(
    reason(
      "lifecycle.won-back",
      { date: isoDay(lastVisit), daysLate: late, lapsedAfterDays: rules.lapsedAfterDays },
      `came back on ${isoDay(lastVisit)}, ${late} days after the service was due (lapsed after ${rules.lapsedAfterDays})`,
    ),
  );
}

/**
 * One vehicle's stage against its own schedule, warranty and age (lapsed, new-car purchase, replacement window, in
 * or after the warranty), its at-risk and won-back flags into `flags` and its reasons into `reasons` (if given).
 */
function vehicleStage(
  days: CustomerDays,
  v: number,
  asOf: number,
  rules: LifecycleRules,
  historyStart: number,
  reasons: Reason[] | undefined,
  flags: LifecycleFlag[],
): Exclude<LifecycleStage, "prospect"> {
  const id = days.vehicleId[v] as string | number;
  const delivery = days.delivery[v] as number;
  const ageDays = asOf - delivery;
  const ageYears = ageDays / DAYS_PER_YEAR;
  // Lapsed, at risk and won back: the newest vehicle against its maintenance schedule (the library's one definition
  // of lapsed: overdue by more than lapsedAfterDays).
  if (visitScratch.length < days.eventCount) visitScratch = new Float64Array(2 * days.eventCount);
  let count = 0;
  for (let e = 0; e < days.eventCount; e++) {
    const day = days.eventDay[e] as number;
    if (days.eventVehicleId[e] === id && days.eventType[e] === MAINTENANCE && day <= asOf && day >= historyStart)
      visitScratch[count++] = day;
  }
  const visits = visitScratch;
  sortAscending(visits, count);
  // A history that starts after the first service could have fallen: the visits before it are not in the records.
  const late = startsLate(days, v, asOf, historyStart);
  const dueDay = Math.round(
    late && count === 0
      ? dueOnScheduleFrom(days, v, asOf, historyStart)
      : dueDayAfter(days, v, visits, count, asOf, asOf),
  );
  const daysOverdue = Math.max(0, asOf - dueDay);
  const lapsed = daysOverdue > rules.lapsedAfterDays;
  if (count > (late ? 1 : 0) && !lapsed) wonBack(days, v, { visits, count }, asOf, rules, reasons, flags);
  const used = (days.acquired[v] as number) > delivery;
  const service = count === 0 && !used && !late ? "first service" : "maintenance";
  if (lapsed) {
    reasons?.push(overdueReason(true, { id, service, dueDay, daysOverdue }, rules));
    if (reasons !== undefined) freeVisitReason(days, id, dueDay, asOf, reasons);
    return "lapsed";
  }
  if (daysOverdue > 0) {
    flags.push("at-risk");
    reasons?.push(overdueReason(false, { id, service, dueDay, daysOverdue }, rules));
    if (reasons !== undefined) freeVisitReason(days, id, dueDay, asOf, reasons);
  }
  if (asOf - (days.acquired[v] as number) < rules.onboardingDays) {
    reasons?.push(newCarReason(id, delivery, ageYears, used ? (days.acquired[v] as number) : undefined, rules));
    return "new-car-purchase";
  }
  if (ageYears >= rules.replacementWindowYears) {
    reasons?.push(
      reason(
        "lifecycle.replacement-window",
        { ...vehicleParams(id, delivery, ageYears), replacementWindowYears: rules.replacementWindowYears },
        `${described(id, delivery, ageYears)}: at or past ${rules.replacementWindowYears} years, the usual replacement age`,
      ),
    );
    return "replacement-window";
  }
  return warrantyStage(days, v, asOf, rules, reasons);
}

/** In or past the warranty: its years and the odometer, the latest reading projected to asOf at the vehicle's own pace. */
function warrantyStage(
  days: CustomerDays,
  v: number,
  asOf: number,
  rules: LifecycleRules,
  reasons: Reason[] | undefined,
): "in-warranty" | "post-warranty" {
  const id = days.vehicleId[v] as string | number;
  const delivery = days.delivery[v] as number;
  const ageYears = (asOf - delivery) / DAYS_PER_YEAR;
  // Odometer: the latest reading (vehicle record or service visit), projected to asOf at the vehicle's own rate.
  const hasReading = latestReading(days, v, asOf, asOf, reading);
  // The pace since the customer acquired it (a used car's odometer then; a new car's 0 km at delivery).
  const acquired = days.acquired[v] as number;
  const acquiredKm = days.acquiredKm[v] as number;
  const readingKm = hasReading ? (reading[0] as number) : acquiredKm;
  const readingDay = hasReading ? (reading[1] as number) : acquired;
  const kmPerDay =
    hasReading && readingDay - acquired >= 30 && readingKm >= acquiredKm
      ? (readingKm - acquiredKm) / (readingDay - acquired)
      : rules.defaultKmPerDay;
  const odometerKm = readingKm + kmPerDay * (asOf - readingDay);
  const inWarranty = ageYears < rules.warrantyYears && odometerKm < rules.warrantyKm;
  reasons?.push(
    reason(
      inWarranty ? "lifecycle.in-warranty" : "lifecycle.post-warranty",
      {
        ...vehicleParams(id, delivery, ageYears),
        odometerKm: Math.round(odometerKm),
        warrantyYears: rules.warrantyYears,
        warrantyKm: rules.warrantyKm,
      },
      `${described(id, delivery, ageYears)}, about ${thousands(odometerKm)} km: ${inWarranty ? "within" : "past"} the ${rules.warrantyYears}-year / ${thousands(rules.warrantyKm)} km warranty`,
    ),
  );
  return inWarranty ? "in-warranty" : "post-warranty";
}

/**
 * A household's other car that lapsed recently — overdue by more than `lapsedAfterDays` but less than two years
 * (older lapses are old news), serviced here before, not traded in — while the stage follows the newest car: flags
 * "second-car-lapsed" and names it (a lapsed second car is otherwise silent).
 */
function secondCarLapsed(
  days: CustomerDays,
  newest: number,
  asOf: number,
  rules: LifecycleRules,
  reasons: Reason[] | undefined,
  flags: LifecycleFlag[],
): void {
  const scratch = secondScratch;
  for (let w = 0; w < days.vehicleCount; w++) {
    const id = days.vehicleId[w];
    if (w === newest || (days.acquired[w] as number) > asOf) continue;
    let count = 0;
    let tradedIn = false;
    for (let e = 0; e < days.eventCount && count < scratch.length; e++) {
      if (days.eventVehicleId[e] !== id || (days.eventDay[e] as number) > asOf) continue;
      if (days.eventType[e] === TRADE_IN) tradedIn = true;
      if (days.eventType[e] === MAINTENANCE) scratch[count++] = days.eventDay[e] as number;
    }
    if (tradedIn || count === 0) continue;
    sortAscending(scratch, count);
    const overdue = asOf - Math.round(dueDayAfter(days, w, scratch, count, asOf, asOf));
    if (overdue <= rules.lapsedAfterDays || overdue > 2 * 365) continue;
    flags.push("second-car-lapsed");
    reasons?.push(
      reason(
        "lifecycle.second-car-lapsed",
        { vehicleId: id as string | number, daysOverdue: overdue, lapsedAfterDays: rules.lapsedAfterDays },
        `second car ${shown(id)}: maintenance overdue by ${overdue} days (lapsed after ${rules.lapsedAfterDays})`,
      ),
    );
    return;
  }
}
const secondScratch = /* @__PURE__ */ new Float64Array(256);

/**
 * A warranty or recall visit of the vehicle since its maintenance fell due: the owner came (the maker paid), so the
 * maintenance can still be won back at the next touchpoint — named in the reasons.
 */
function freeVisitReason(days: CustomerDays, id: string | number, dueDay: number, asOf: number, reasons: Reason[]) {
  let latest = Number.NEGATIVE_INFINITY;
  let type = "";
  for (let e = 0; e < days.eventCount; e++) {
    const code = days.eventType[e];
    const day = days.eventDay[e] as number;
    if (days.eventVehicleId[e] !== id || (code !== WARRANTY && code !== RECALL)) continue;
    if (day >= dueDay && day <= asOf && day > latest) {
      latest = day;
      type = code === RECALL ? "a recall" : "warranty work";
    }
  }
  if (latest > Number.NEGATIVE_INFINITY)
    reasons.push(
      reason(
        "lifecycle.free-visit",
        { vehicleId: id, visit: type === "a recall" ? "recall" : "warranty", date: isoDay(latest) },
        `came for ${type} on ${isoDay(latest)}, after the maintenance fell due: still reachable at the workshop`,
      ),
    );
}

/** Lapsed (overdue past `lapsedAfterDays`) or at risk (overdue, not yet lapsed): the service, the vehicle, the days. */
function overdueReason(
  lapsed: boolean,
  due: { id: string | number; service: string; dueDay: number; daysOverdue: number },
  rules: LifecycleRules,
): Reason {
  const { id, service, dueDay, daysOverdue } = due;
  const params = {
    vehicleId: id,
    service,
    dueDate: isoDay(dueDay),
    daysOverdue,
    lapsedAfterDays: rules.lapsedAfterDays,
  };
  return lapsed
    ? reason(
        "lifecycle.lapsed",
        params,
        `${service} of ${shown(id)} was due on ${isoDay(dueDay)}, ${daysOverdue} days ago: lapsed after ${rules.lapsedAfterDays}`,
      )
    : reason(
        "lifecycle.at-risk",
        params,
        `${service} of ${shown(id)} overdue by ${daysOverdue} days (due ${isoDay(dueDay)}; lapsed after ${rules.lapsedAfterDays})`,
      );
}

/** A vehicle within its first `onboardingDays` (a used car's from its purchase). */
function newCarReason(
  id: string | number,
  delivery: number,
  ageYears: number,
  boughtUsed: number | undefined,
  rules: LifecycleRules,
): Reason {
  const used = boughtUsed === undefined ? "" : `, bought used on ${isoDay(boughtUsed)}`;
  return reason(
    "lifecycle.new-car-purchase",
    {
      ...vehicleParams(id, delivery, ageYears),
      ...(boughtUsed === undefined ? {} : { boughtUsedOn: isoDay(boughtUsed) }),
      onboardingDays: rules.onboardingDays,
    },
    `${described(id, delivery, ageYears)}${used}: within the first ${rules.onboardingDays} days`,
  );
}

/** The params of the newest vehicle as {@link described} names it. */
function vehicleParams(id: string | number, delivery: number, ageYears: number) {
  return { vehicleId: id, deliveryDate: isoDay(delivery), ageYears: Math.round(ageYears * 10) / 10 };
}

function described(id: string | number, delivery: number, ageYears: number): string {
  return `newest vehicle ${shown(id)} delivered ${isoDay(delivery)} (${ageYears.toFixed(1)} years ago)`;
}

/** Sorts the first `count` values in place (insertion sort: visits usually come in date order, which is linear). */
function sortAscending(values: Float64Array, count: number): void {
  if (count > 64) {
    values.subarray(0, count).sort();
    return;
  }
  for (let i = 1; i < count; i++) {
    const value = values[i] as number;
    let j = i - 1;
    while (j >= 0 && (values[j] as number) > value) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = value;
  }
}
