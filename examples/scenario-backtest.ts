// The call list on a grid of dealer worlds it was not written for: each scenario switches and varies one mechanism of
// the generator (how long before the due date a reminder still acts and how fast it fades, its effect by stage,
// overdue owners who can still be swayed, drift to independent garages, unreachable owners, fleets and households,
// an effect too small to learn, used cars, a dealer group, finance payoffs, households of mixed segments). Each world has two years of quarterly reminder campaigns with a random control
// group before the cut; the library sees only the history and the contact log before the cut, never the settings.
// The measure: the simulator's expected value that a call on the cut date saves (its own effect, its reach).
import { evaluate, type GenerateDealerDataOptions, generateDealerData, psv, rfm } from "../src/index.js";
import { calibrateBySegment, type ExportWorld } from "./call-list-backtest.js";

/** One dealer world: what differs from the base world. */
export interface Scenario {
  readonly name: string;
  readonly mechanics?: GenerateDealerDataOptions["mechanics"];
  readonly campaigns?: Partial<NonNullable<GenerateDealerDataOptions["campaigns"]>>;
  readonly fleets?: GenerateDealerDataOptions["fleets"];
  readonly usedCars?: GenerateDealerDataOptions["usedCars"];
  /** Finance, referrals, recalls, households of mixed segments, a dealer group. */
  readonly world?: ExportWorld;
}

/** The grid: a base world and one mechanism varied at a time (some two). */
export const SCENARIOS: readonly Scenario[] = [
  { name: "base: half the leave chance within 60 days" },
  { name: "short window: 30 days", campaigns: { effectLeadDays: [0, 30], effect: 0.6 } },
  { name: "long window: 180 days", campaigns: { effectLeadDays: [0, 180], effect: 0.4 } },
  {
    name: "fading: strong early, gone by 6 months",
    campaigns: { effectLeadDays: [0, 240], decayDays: 60, effect: 0.8 },
  },
  {
    name: "by stage: after the first service most",
    campaigns: { effectByStage: [0.2, 0.8, 0.4, 0.15], effectLeadDays: [0, 90] },
  },
  {
    name: "overdue owners still swayable",
    mechanics: { decideAtVisitShare: 0.8 },
    campaigns: { effectLeadDays: [-90, 60] },
  },
  { name: "drift to independent garages", mechanics: { driftShare: 0.35 }, campaigns: { effectLeadDays: [-60, 90] } },
  { name: "a third unreachable", campaigns: { unreachableShare: 0.33 } },
  { name: "fleets of 5–10 that heed reminders less", fleets: { share: 0.04, size: [5, 10], effect: 0.3 } },
  { name: "households of two cars", fleets: { share: 0.25, size: [2, 2], effect: 1 } },
  { name: "an effect too small to learn (0.08)", campaigns: { effect: 0.08, effectLeadDays: [0, 90] } },
  {
    name: "other owners: loyal, late, leave after warranty",
    mechanics: { loyaltySpread: 1.2, meanDelayDays: 50, leaveAfterFirstService: 0.12, leavePostWarranty: 0.4 },
    campaigns: { effectLeadDays: [-30, 120], effect: 0.6 },
  },
  { name: "dealer only ever called 0–60 days ahead", campaigns: { leadDays: [0, 60], effectLeadDays: [0, 120] } },
  { name: "a quarter of the cars bought used (1–6 years old)", usedCars: { share: 0.25, ageYears: [1, 6] } },
  { name: "a group of two dealers: 40% of leavers move to the other", world: { dealers: { moveShare: 0.4 } } },
  {
    name: "finance payoffs that set off replacements; referrals; recalls",
    world: { finance: { replacementAfterPayoff: 0.4 }, referrals: {}, recalls: {} },
  },
  { name: "households: a luxury car beside a mass one", world: { households: { share: 0.25 } } },
];

/** The base world's campaigns: quarterly for two years before the cut, owners due from 120 days overdue to 240 ahead. */
function campaignDates(cut: string): string[] {
  const cutDay = Date.parse(cut) / 86_400_000;
  return Array.from({ length: 8 }, (_, k) =>
    new Date((cutDay - 730 + k * 91 + 10) * 86_400_000).toISOString().slice(0, 10),
  );
}

export interface ScenarioResult {
  readonly name: string;
  readonly owners: number;
  /** Top 10% of owners by each ranking: share of the oracle's saved value it captures (oracle = 1). */
  readonly ofOracle: Readonly<Record<string, number>>;
  /** The call list's saveable total and the simulator's true total saved value. */
  readonly saveableTotal: number;
  /** Its 95% interval from the learned effect's sampling error (null: the effect is assumed). */
  readonly saveableInterval: readonly [low: number, high: number] | null;
  readonly trueSavedTotal: number;
  readonly calibration: psv.CalibrationResult;
}

/** Runs the call list and its alternatives on one scenario. */
export function scenarioBacktest(
  scenario: Scenario,
  options: { vehicles: number; seed: number; cut?: string; paths?: number },
): ScenarioResult {
  const cut = options.cut ?? "2023-06-30";
  const data = generateDealerData({
    vehicles: options.vehicles,
    seed: options.seed,
    asOf: cut,
    ...(scenario.mechanics === undefined ? {} : { mechanics: scenario.mechanics }),
    ...(scenario.fleets === undefined ? {} : { fleets: scenario.fleets }),
    ...(scenario.usedCars === undefined ? {} : { usedCars: scenario.usedCars }),
    ...scenario.world,
    campaigns: { dates: campaignDates(cut), leadDays: [-120, 240], effectLeadDays: [0, 60], ...scenario.campaigns },
    truth: { date: cut, paths: options.paths ?? 24 },
  });
  const owners = data.filter((customer) => customer.vehicles.length > 0);
  const vehicles = owners.flatMap((customer) =>
    customer.vehicles.map((vehicle) => ({ ...vehicle, customerId: customer.customerId })),
  );
  const serviceEvents = owners.flatMap((customer) => customer.serviceEvents);
  const contacts = owners.flatMap((customer) =>
    (customer.contacts ?? []).map((contact) => ({ ...contact, customerId: customer.customerId })),
  );
  // Per segment where the world mixes them (docs/psv.md's recipe); else one pooled calibration.
  const { pooled: calibration, assumptions } = calibrateBySegment({ vehicles, serviceEvents, asOf: cut, contacts });
  const assessment = psv.assessCustomers({
    vehicles,
    serviceEvents,
    asOf: cut,
    assumptions,
    contacts,
    rows: 0,
  });
  const index = new Map(owners.map((customer, position) => [customer.customerId, position]));
  const n = owners.length;
  const saved = Float64Array.from(owners, (customer) => customer.truth?.expectedSavedValue ?? 0);
  const column = (values: ArrayLike<number>, ids: readonly (string | number)[]) => {
    const out = new Float64Array(n);
    ids.forEach((id, k) => {
      out[index.get(String(id)) as number] = values[k] as number;
    });
    return out;
  };
  const { columns } = assessment;
  const rankings = {
    "call list": column(columns.saveableValue, columns.customerId),
    obtainableValue: column(columns.obtainableValue, columns.customerId),
    "analyst heuristic": analystHeuristic(owners, cut),
    RFM: rfmScores(owners, cut, index),
    random: Float64Array.from({ length: n }, (_, k) => ((k * 2_654_435_761) % 2 ** 32) / 2 ** 32),
    oracle: saved,
  };
  const interval = assessment.totals.saveableValueInterval;
  const table = evaluate.compareRankings(rankings, saved, { shares: [0.1], reference: "oracle" });
  return {
    name: scenario.name,
    owners: n,
    ofOracle: Object.fromEntries(table.map((row) => [row.name, row.ofReference?.[0] ?? Number.NaN])),
    saveableTotal: assessment.totals.saveableValue.toNumber(),
    saveableInterval: interval === null ? null : [interval.low.toNumber(), interval.high.toNumber()],
    trueSavedTotal: saved.reduce((sum, value) => sum + value, 0),
    calibration,
  };
}

/**
 * What an analyst would do with the same data: owners with a vehicle whose next maintenance visit is due (the dealer's
 * median gap between visits after the last one; the median first-service age after delivery) from 30 days overdue to
 * 90 days ahead, and who were seen in the last 15 months (a visit or a purchase: not an office record), ranked by
 * their margin over the last two years.
 */
function analystHeuristic(owners: readonly ReturnType<typeof generateDealerData>[number][], cut: string): Float64Array {
  const cutDay = Date.parse(cut) / 86_400_000;
  const day = (date: string) => Date.parse(date) / 86_400_000;
  const visitsOf = (customer: (typeof owners)[number], vehicleId: string) =>
    customer.serviceEvents.filter((e) => e.vehicleId === vehicleId && e.type === "maintenance").map((e) => day(e.date));
  // The day the owner got the car: a used car's purchase, else its delivery.
  const bought = (vehicle: (typeof owners)[number]["vehicles"][number]) =>
    day(vehicle.acquiredDate ?? vehicle.deliveryDate);
  const gaps: number[] = [];
  const firsts: number[] = [];
  for (const customer of owners)
    for (const vehicle of customer.vehicles) {
      const visits = visitsOf(customer, vehicle.vehicleId);
      if (visits[0] !== undefined) firsts.push(visits[0] - bought(vehicle));
      for (let k = 1; k < visits.length; k++) gaps.push((visits[k] as number) - (visits[k - 1] as number));
    }
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 365;
  const gap = median(gaps);
  const first = median(firsts);
  return Float64Array.from(owners, (customer) => {
    let value = 0;
    let lastSeen = Number.NEGATIVE_INFINITY;
    for (const event of customer.serviceEvents) {
      if (day(event.date) >= cutDay - 730) value += Number(event.margin);
      // Office records (a finance contract, its payoff, a referral) do not show the owner at the dealer.
      if (!OFFICE_RECORDS.has(event.type)) lastSeen = Math.max(lastSeen, day(event.date));
    }
    const dueSoon = customer.vehicles.some((vehicle) => {
      const last = visitsOf(customer, vehicle.vehicleId).at(-1);
      const due = last === undefined ? bought(vehicle) + first : last + gap;
      return due - cutDay >= -30 && due - cutDay <= 90;
    });
    const recent = cutDay - lastSeen <= 456 || customer.vehicles.some((v) => cutDay - bought(v) < 456);
    return dueSoon && recent ? value + 1 : 0;
  });
}

const OFFICE_RECORDS = new Set(["finance", "finance-payoff", "referral"]);

/** RFM on the margins before the cut (r + f + m, quintiles). */
function rfmScores(
  owners: readonly ReturnType<typeof generateDealerData>[number][],
  cut: string,
  index: Map<string, number>,
): Float64Array {
  const rows = owners.flatMap((customer) =>
    customer.serviceEvents.map((event) => ({
      customerId: customer.customerId,
      date: event.date,
      amount: event.margin,
    })),
  );
  const out = new Float64Array(owners.length);
  const measures = rfm.fromTransactions(rows, { asOf: cut, customerId: "customerId", date: "date", amount: "amount" });
  rfm.score(measures).forEach((score, k) => {
    out[index.get(String(measures[k]?.customerId)) as number] = score.r + score.f + score.m;
  });
  return out;
}
