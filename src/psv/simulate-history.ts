import { InvalidInputError } from "../errors.js";
import { createRandomSource } from "../math/random-source.js";
import { sampleExponential } from "../math/sample-exponential.js";
import { parseDate } from "../schemas/primitives.js";
import { checkAssumptions, type PsvAssumptions } from "./assumptions.js";

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.2425;

/** A synthetic dealer history: vehicles and their after-sales and sales events. */
export interface DealerHistory {
  readonly vehicles: {
    vehicleId: string;
    customerId: string;
    deliveryDate: string;
    odometerKm: number;
    odometerDate: string;
  }[];
  readonly serviceEvents: { vehicleId: string; date: string; type: string; odometerKm: number; margin: number }[];
}

/** Options of {@link simulateHistory}. */
export interface SimulateHistoryOptions {
  readonly assumptions: PsvAssumptions;
  /** Number of vehicles. */
  readonly vehicles: number;
  readonly seed: number;
  /** Deliveries are spread uniformly between these dates. */
  readonly firstDelivery: Date | string;
  readonly lastDelivery: Date | string;
  /** End of the history. */
  readonly asOf: Date | string;
  /** Spread of each vehicle's own mileage around kmPerYear: uniform in ±spread (default 0.3 = ±30%). */
  readonly mileageSpread?: number;
}

const isoDay = (day: number) => new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * Simulates a dealer's history from PSV assumptions, as the model tells it: each owner stays with the dealer until
 * an exponential departure (hazard −ln(retention), switching at the warranty end), has the first service and then
 * maintenance every interval (time or mileage, whichever first), repairs as a Poisson process at the rate of the
 * vehicle's age year, one insurance decision in each age year (renewed here with the renewal probability), detailing jobs and
 * other purchases as Poisson processes, and — if still here at the replacement age — buys the next car here with
 * the repurchase probability (a "new-car-purchase" and a "trade-in" event). Event margins are the assumptions'
 * values. Seeded: the same options give the same history.
 *
 * @example
 * ```ts
 * psv.simulateHistory({ assumptions: psv.defaultAssumptions({ segment: "mass" }).assumptions, vehicles: 10, seed: 1, firstDelivery: "2015-01-01", lastDelivery: "2023-12-31", asOf: "2024-06-01" }).vehicles.length // 10
 * ```
 */
export function simulateHistory(options: SimulateHistoryOptions): DealerHistory {
  const a = checkAssumptions(options.assumptions);
  const first = parseDate(options.firstDelivery);
  const last = parseDate(options.lastDelivery);
  const end = parseDate(options.asOf);
  if (
    typeof first === "string" ||
    typeof last === "string" ||
    typeof end === "string" ||
    first > last ||
    last > end ||
    !(Number.isInteger(options.vehicles) && options.vehicles >= 0)
  ) {
    throw new InvalidInputError("history simulation options", [
      {
        code: "custom",
        path: [],
        message: "needs firstDelivery ≤ lastDelivery ≤ asOf (dates) and a whole number of vehicles",
      },
    ]);
  }
  const random = createRandomSource(options.seed);
  const spread = options.mileageSpread ?? 0.3;
  const firstDay = first.getTime() / MS_PER_DAY;
  const lastDay = last.getTime() / MS_PER_DAY;
  const endDay = end.getTime() / MS_PER_DAY;
  const hazardIn = -Math.log(a.retentionInWarranty);
  const hazardPost = -Math.log(a.retentionPostWarranty);
  const history: DealerHistory = { vehicles: [], serviceEvents: [] };
  for (let index = 0; index < options.vehicles; index++) {
    const vehicleId = `V${index + 1}`;
    const delivery = Math.floor(firstDay + random() * (lastDay - firstDay + 1));
    const kmPerYear = a.kmPerYear * (1 + spread * (2 * random() - 1));
    const warrantyEnd = Math.min(a.warrantyYears, a.warrantyKm / kmPerYear);
    const serviceEnd = Math.min(a.horizonYears, a.horizonKm / kmPerYear);
    // Departure age by inverse transform of the piecewise-exponential survival.
    const target = -Math.log(1 - random());
    const departure =
      hazardIn > 0 && target < hazardIn * warrantyEnd
        ? target / hazardIn
        : hazardPost > 0
          ? warrantyEnd + (target - hazardIn * warrantyEnd) / hazardPost
          : Number.POSITIVE_INFINITY;
    const observedAge = (endDay - delivery) / DAYS_PER_YEAR;
    const stop = Math.min(departure, serviceEnd, observedAge);
    const events: { age: number; type: string; margin: number }[] = [];
    const firstService = Math.min(a.firstServiceMonths / 12, a.firstServiceKm / kmPerYear);
    const period = Math.min(a.serviceIntervalMonths / 12, a.serviceIntervalKm / kmPerYear);
    for (let age = firstService; age < stop; age += period)
      events.push({ age, type: "maintenance", margin: a.maintenanceValue });
    for (let year = 0; year < stop; year++) {
      const rate = a.repairVisitsByAge[Math.min(year, a.repairVisitsByAge.length - 1)] as number;
      if (rate > 0)
        for (
          let age = year + sampleExponential(random, rate);
          age < Math.min(year + 1, stop);
          age += sampleExponential(random, rate)
        )
          events.push({ age, type: "repair", margin: a.repairValue });
      // One insurance decision a year with the dealer, at a random point of the age year.
      const renewalAge = year + random();
      if (renewalAge < stop && random() < a.insuranceRenewalProbability)
        events.push({ age: renewalAge, type: "insurance", margin: a.insuranceValue });
    }
    if (a.detailingJobsPerYear > 0)
      for (
        let age = sampleExponential(random, a.detailingJobsPerYear);
        age < stop;
        age += sampleExponential(random, a.detailingJobsPerYear)
      )
        events.push({ age, type: "detailing", margin: a.detailingValue });
    if (a.otherValuePerYear > 0)
      for (let age = sampleExponential(random, 1); age < stop; age += sampleExponential(random, 1))
        events.push({ age, type: "other", margin: a.otherValuePerYear });
    const replacement = Math.min(a.replacementAgeYears, serviceEnd);
    if (replacement < Math.min(departure, observedAge) && random() < a.repurchaseProbability) {
      events.push({ age: replacement, type: "new-car-purchase", margin: a.newCarValue });
      events.push({ age: replacement, type: "trade-in", margin: a.tradeInValue });
    }
    events.sort((x, y) => x.age - y.age);
    for (const event of events) {
      history.serviceEvents.push({
        vehicleId,
        date: isoDay(delivery + event.age * DAYS_PER_YEAR),
        type: event.type,
        odometerKm: Math.round(event.age * kmPerYear),
        margin: event.margin,
      });
    }
    const readingAge = events.length > 0 ? (events[events.length - 1] as { age: number }).age : 0;
    history.vehicles.push({
      vehicleId,
      customerId: `C${index + 1}`,
      deliveryDate: isoDay(delivery),
      odometerKm: Math.round(readingAge * kmPerYear),
      odometerDate: isoDay(delivery + readingAge * DAYS_PER_YEAR),
    });
  }
  return history;
}
