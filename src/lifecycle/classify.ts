import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { isoDate as isoDay } from "../schemas/day-number.js";
import {
  type LifecycleCustomer,
  type LifecycleCustomerInput,
  lifecycleCustomerSchema,
} from "../schemas/lifecycle-customer.js";
import { type DateCache, parseLifecycleCustomerFast } from "../schemas/lifecycle-customer-fast.js";
import { requireObject } from "../schemas/options.js";
import { dateSchema } from "../schemas/primitives.js";
import { thousands } from "../schemas/thousands.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { nextDue } from "../service/next-due.js";
import { status as serviceStatus } from "../service/status.js";
import { type LifecycleRules, resolveRules } from "./rules.js";

const MS_PER_DAY = 86_400_000;
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
  | "traded-in";

/** A classification: one stage, any flags, and the facts that decided them in words. */
export interface LifecycleClassification {
  readonly stage: LifecycleStage;
  readonly flags: LifecycleFlag[];
  readonly reasons: string[];
}

const dayOf = (date: Date): number => Math.floor(date.getTime() / MS_PER_DAY);

/** The latest odometer reading of a vehicle up to a day (vehicle record or service visit). */
function latestReading(
  vehicle: LifecycleCustomer["vehicles"][number],
  events: LifecycleCustomer["serviceEvents"],
  upTo: number,
): { km: number; day: number } | undefined {
  let reading: { km: number; day: number } | undefined;
  if (vehicle.odometerKm !== undefined && vehicle.odometerDate !== undefined && dayOf(vehicle.odometerDate) <= upTo)
    reading = { km: vehicle.odometerKm, day: dayOf(vehicle.odometerDate) };
  for (const event of events) {
    if (event.vehicleId !== vehicle.vehicleId || event.odometerKm === undefined) continue;
    const day = dayOf(event.date);
    if (day <= upTo && (reading === undefined || day >= reading.day)) reading = { km: event.odometerKm, day };
  }
  return reading;
}

/** Classifies a validated customer. @internal */
export function classifyValidated(
  customer: LifecycleCustomer,
  asOf: number,
  rules: LifecycleRules,
): LifecycleClassification {
  const reasons: string[] = [];
  const flags: LifecycleFlag[] = [];
  const vehicles = customer.vehicles.filter((vehicle) => dayOf(vehicle.deliveryDate) <= asOf);
  const events = customer.serviceEvents.filter((event) => dayOf(event.date) <= asOf);
  for (const contract of customer.contracts) {
    const start = dayOf(contract.start);
    const end = dayOf(contract.end);
    if (start > asOf || end < asOf) continue;
    if (contract.type === "insurance" && end - asOf <= rules.insuranceDueDays) {
      flags.push("insurance-due");
      reasons.push(`insurance ends on ${isoDay(end)}, within ${rules.insuranceDueDays} days`);
    }
    if (contract.type === "finance") {
      if (!flags.includes("finance-active")) flags.push("finance-active");
      if (end - asOf <= rules.financeEndingDays && !flags.includes("finance-ending")) {
        flags.push("finance-ending");
        reasons.push(`finance contract ends on ${isoDay(end)}, within ${rules.financeEndingDays} days`);
      }
    }
  }
  // 置换: a trade-in (a purchase of that type, or a trade-in event): the old car gets no more service here.
  const tradeIns = [
    ...customer.purchases.filter((purchase) => purchase.type === "trade-in").map((purchase) => dayOf(purchase.date)),
    ...customer.serviceEvents.filter((event) => event.type === "trade-in").map((event) => dayOf(event.date)),
  ].filter((day) => day <= asOf);
  if (tradeIns.length > 0) {
    flags.push("traded-in");
    reasons.push(`traded in a car on ${isoDay(Math.max(...tradeIns))} (置换)`);
  }
  const referrals = customer.referrals.filter((referral) => dayOf(referral.date) <= asOf).length;
  if (referrals > 0) {
    flags.push("referrer");
    reasons.push(`has referred ${referrals} ${referrals === 1 ? "person" : "people"}`);
  }

  if (vehicles.length === 0) {
    const leads = customer.leads.filter((lead) => dayOf(lead.date) <= asOf).length;
    reasons.push(leads > 0 ? `no vehicle yet; ${leads} sales ${leads === 1 ? "lead" : "leads"}` : "no vehicle yet");
    return { stage: "prospect", flags, reasons };
  }

  const newest = vehicles.reduce((latest, vehicle) => (vehicle.deliveryDate > latest.deliveryDate ? vehicle : latest));
  const delivery = dayOf(newest.deliveryDate);
  const ageDays = asOf - delivery;
  const ageYears = ageDays / DAYS_PER_YEAR;
  const described = `newest vehicle ${shown(newest.vehicleId)} delivered ${isoDay(delivery)} (${ageYears.toFixed(1)} years ago)`;
  // Lapsed, at risk and won back: the newest vehicle against its maintenance schedule (the library's one definition
  // of lapsed: overdue by more than lapsedAfterDays).
  const visits = events
    .filter((event) => event.vehicleId === newest.vehicleId && event.type === "maintenance")
    .map((event) => event.date)
    .sort((x, y) => x.getTime() - y.getTime());
  // The vehicle as known after its first `upTo` visits, with the latest odometer reading up to `readingsUpTo`.
  const scheduleVehicle = (upTo: number, readingsUpTo: number) => {
    const last = visits[upTo - 1];
    const reading = latestReading(newest, events, readingsUpTo);
    return {
      deliveryDate: newest.deliveryDate,
      ...(last === undefined ? {} : { lastServiceDate: last, servicesDone: upTo }),
      ...(reading === undefined ? {} : { odometerKm: reading.km, odometerDate: new Date(reading.day * MS_PER_DAY) }),
    };
  };
  const timing = serviceStatus(
    scheduleVehicle(visits.length, asOf),
    {},
    {
      asOf: new Date(asOf * MS_PER_DAY),
      lapsedAfterDays: rules.lapsedAfterDays,
    },
  );
  const lastVisit = visits[visits.length - 1];
  if (lastVisit !== undefined && timing.state !== "lapsed") {
    // Won back: the latest visit came after the one before it had lapsed (a real gap against the schedule).
    const previous = visits[visits.length - 2];
    const before = nextDue(scheduleVehicle(visits.length - 1, previous === undefined ? asOf : dayOf(previous)));
    const late = dayOf(lastVisit) - dayOf(before.dueDate);
    if (late > rules.lapsedAfterDays) {
      flags.push("won-back");
      reasons.push(
        `came back on ${isoDay(dayOf(lastVisit))}, ${late} days after the service was due (lapsed after ${rules.lapsedAfterDays})`,
      );
    }
  }
  const dueDay = dayOf(timing.next.dueDate);
  if (timing.state === "lapsed") {
    reasons.push(
      `${visits.length === 0 ? "first service" : "maintenance"} of ${shown(newest.vehicleId)} was due on ${isoDay(dueDay)}, ${timing.daysOverdue} days ago: lapsed after ${rules.lapsedAfterDays}`,
    );
    return { stage: "lapsed", flags, reasons };
  }
  if (timing.state === "overdue") {
    flags.push("at-risk");
    reasons.push(
      `${visits.length === 0 ? "first service" : "maintenance"} of ${shown(newest.vehicleId)} overdue by ${timing.daysOverdue} days (due ${isoDay(dueDay)}; lapsed after ${rules.lapsedAfterDays})`,
    );
  }
  if (ageDays < rules.onboardingDays) {
    reasons.push(`${described}: within the first ${rules.onboardingDays} days`);
    return { stage: "new-car-purchase", flags, reasons };
  }
  if (ageYears >= rules.replacementWindowYears) {
    reasons.push(`${described}: at or past ${rules.replacementWindowYears} years, the usual replacement age`);
    return { stage: "replacement-window", flags, reasons };
  }
  // Odometer: the latest reading (vehicle record or service visit), projected to asOf at the vehicle's own rate.
  const reading = latestReading(newest, events, asOf);
  const kmPerDay =
    reading !== undefined && reading.day - delivery >= 30
      ? reading.km / (reading.day - delivery)
      : rules.defaultKmPerDay;
  const odometerKm = (reading?.km ?? 0) + kmPerDay * (asOf - (reading?.day ?? delivery));
  const inWarranty = ageYears < rules.warrantyYears && odometerKm < rules.warrantyKm;
  reasons.push(
    `${described}, about ${thousands(odometerKm)} km: ${inWarranty ? "within" : "past"} the ${rules.warrantyYears}-year / ${thousands(rules.warrantyKm)} km warranty`,
  );
  return { stage: inWarranty ? "in-warranty" : "post-warranty", flags, reasons };
}

function asOfDay(asOf: unknown): number {
  const parsed = dateSchema.safeParse(asOf);
  if (!parsed.success)
    throw new InvalidInputError("lifecycle options", [
      { code: "custom", path: ["asOf"], message: "must be a Date or an ISO date" },
    ]);
  return dayOf(parsed.data);
}

/**
 * Classifies a customer into exactly one lifecycle stage (DOMAIN.md §3) with flags and readable reasons:
 *
 * - prospect: no delivered vehicle yet (leads are counted in the reasons);
 * - lapsed: the newest vehicle's maintenance (the first service included) is overdue by more than
 *   `lapsedAfterDays` (default 95: the library's one definition of lapsed, shared with `service.status` and
 *   `psv.assessCustomers`);
 * - new-car-purchase: the newest vehicle was delivered less than `onboardingDays` ago;
 * - replacement-window: the newest vehicle is `replacementWindowYears` old or older;
 * - in-warranty / post-warranty: inside or past `warrantyYears` / `warrantyKm` (odometer: latest reading projected
 *   to asOf at the vehicle's own rate, or `defaultKmPerDay`).
 *
 * Flags: insurance-due, finance-active, finance-ending, referrer, at-risk (the newest vehicle's service is overdue,
 * not yet lapsed), won-back (its latest visit came more than `lapsedAfterDays` after the due date: a real gap against
 * the schedule), traded-in (置换: a trade-in purchase or event; the old car gets no more service here). Events after `asOf` are ignored.
 * Defaults in {@link DEFAULT_LIFECYCLE_RULES}.
 *
 * @throws InvalidInputError for an invalid customer (e.g. a service visit before delivery, an unknown vehicle).
 *
 * @example
 * ```ts
 * lifecycle.classify({ customerId: 1, vehicles: [{ vehicleId: "V1", deliveryDate: "2022-03-01" }], serviceEvents: [{ vehicleId: "V1", date: "2024-02-01", type: "maintenance", odometerKm: 64000 }] }, { asOf: "2024-06-01" }).stage // "post-warranty" (past 60,000 km)
 * ```
 */
export function classify(
  customer: LifecycleCustomerInput,
  options: { asOf: Date | string; rules?: Partial<LifecycleRules>; timeZone?: string },
): LifecycleClassification {
  return withTimeZone(options?.timeZone, () => classifyInZone(customer, options));
}

function classifyInZone(
  customer: LifecycleCustomerInput,
  options: { asOf: Date | string; rules?: Partial<LifecycleRules>; timeZone?: string },
): LifecycleClassification {
  requireObject("lifecycle options", options);
  const rules = resolveRules(options.rules);
  const asOf = asOfDay(options.asOf);
  const parsed = lifecycleCustomerSchema.safeParse(customer);
  if (!parsed.success) throw new InvalidInputError("lifecycle customer", parsed.error.issues);
  return classifyValidated(parsed.data, asOf, rules);
}

/**
 * Classifies many customers; invalid customers get an error in `errors` (with their row index) and `undefined`
 * in `results`, without stopping the batch.
 *
 * @example
 * ```ts
 * lifecycle.classifyBatch([{ customerId: 1 }], { asOf: "2024-06-01" }).results[0].stage // "prospect"
 * ```
 */
export function classifyBatch(
  customers: readonly LifecycleCustomerInput[],
  options: { asOf: Date | string; rules?: Partial<LifecycleRules>; timeZone?: string },
): { results: (LifecycleClassification | undefined)[]; errors: InvalidInputError[] } {
  return withTimeZone(options?.timeZone, () => classifyBatchInZone(customers, options));
}

function classifyBatchInZone(
  customers: readonly LifecycleCustomerInput[],
  options: { asOf: Date | string; rules?: Partial<LifecycleRules>; timeZone?: string },
): { results: (LifecycleClassification | undefined)[]; errors: InvalidInputError[] } {
  requireObject("lifecycle options", options);
  const rules = resolveRules(options.rules);
  const asOf = asOfDay(options.asOf);
  if (!Array.isArray(customers)) {
    throw new InvalidInputError("lifecycle customers", [
      { code: "invalid_type", path: [], message: "must be an array of customers" },
    ]);
  }
  // The hand-written checks take the customers every rule accepts; zod sees only the others, for its issues.
  const results: (LifecycleClassification | undefined)[] = new Array(customers.length);
  const errors: InvalidInputError[] = [];
  const dates: DateCache = new Map();
  for (let index = 0; index < customers.length; index++) {
    let customer = parseLifecycleCustomerFast(customers[index], dates);
    if (customer === undefined) {
      const parsed = lifecycleCustomerSchema.safeParse(customers[index]);
      if (parsed.success) customer = parsed.data;
      else errors.push(new InvalidInputError("lifecycle customer", parsed.error.issues, index));
    }
    results[index] = customer === undefined ? undefined : classifyValidated(customer, asOf, rules);
  }
  return { results, errors };
}
