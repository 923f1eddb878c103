// The call-list backtest: a simulated dealer cut at a date, ranked on what came before, measured on what came after.
// Used by the demo (npm run demo) and by test/psv/assess-customers.test.ts, so the README's table is what CI checks.
import { evaluate, type GenerateDealerDataOptions, generateDealerData, psv, rfm } from "../src/index.js";

export interface BacktestResult {
  readonly owners: number;
  readonly table: evaluate.RankingComparison[];
  readonly valueTable: evaluate.RankingComparison[];
  /** Share of the call list's top 10% who had already left by the cut (the simulator knows). */
  readonly lostInTop: number;
  readonly assessment: psv.AssessCustomersResult;
  /** Cumulative gains of each ranking on the saved value, for `charts.gainsCurve`. */
  readonly gains: Readonly<Record<string, evaluate.GainsCurve>>;
}

/** The parts of a real export the generator can add: finance, referrals, recalls, households, a dealer group. */
export type ExportWorld = Pick<
  GenerateDealerDataOptions,
  "finance" | "referrals" | "recalls" | "households" | "dealers"
>;

/**
 * Assumptions per vehicle segment, as docs/psv.md recommends for a mixed portfolio: the pooled calibration, then each
 * segment calibrated on its own vehicles with the pooled one as fallback (thin segments keep the pooled values).
 * Without segments, the pooled assumptions.
 */
export function calibrateBySegment(
  options: psv.CalibrateOptions & { vehicles: Extract<psv.CalibrateOptions["vehicles"], readonly unknown[]> },
): { pooled: psv.CalibrationResult; assumptions: psv.PsvAssumptions | psv.AssumptionsByVehicle } {
  const pooled = psv.calibrate(options);
  const segments = [...new Set(options.vehicles.flatMap((vehicle) => vehicle.segment ?? []))];
  if (segments.length < 2) return { pooled, assumptions: pooled.assumptions };
  const events = options.serviceEvents as readonly psv.AssessEvent[];
  const contacts = options.contacts as readonly evaluate.CampaignContact[] | undefined;
  const by = Object.fromEntries(
    segments.map((segment) => {
      const vehicles = options.vehicles.filter((vehicle) => vehicle.segment === segment);
      const ids = new Set(vehicles.map((vehicle) => vehicle.vehicleId));
      const serviceEvents = events.filter((event) => ids.has(event.vehicleId));
      // The campaign log's contacts about this segment's cars.
      const own = contacts?.filter((contact) => contact.vehicleId !== undefined && ids.has(contact.vehicleId));
      const fallback = pooled.assumptions;
      const log = own === undefined ? {} : { contacts: own };
      return [segment, psv.calibrate({ ...options, vehicles, serviceEvents, fallback, ...log }).assumptions];
    }),
  );
  return { pooled, assumptions: { by, default: pooled.assumptions } };
}

/**
 * Generates `vehicles` vehicles (seed), cuts the history at `cut`, calibrates and assesses on the part before it,
 * and compares rankings of the owners on the simulator's expected saved value of a reminder at the cut (the call
 * list against RFM, PSV alone, random and the oracle that knows each owner's hidden state) and on the expected value
 * over the next two years (obtainableValue against the oracle).
 */
export function callListBacktest(options: {
  vehicles: number;
  seed: number;
  cut?: string;
  /** The export starts on this day: the events before it are dropped, and calibrate and assess are told so. */
  historyStart?: string;
  /** Owners whose first car was bought here used (the generator's `usedCars`). */
  usedCars?: { share?: number; ageYears?: [number, number] };
  /** Finance, referrals, recalls, households and a dealer group in the history (the generator's options). */
  world?: ExportWorld;
}): BacktestResult {
  const cut = options.cut ?? "2022-06-30";
  const historyStart = options.historyStart;
  const data = generateDealerData({
    vehicles: options.vehicles,
    seed: options.seed,
    asOf: "2024-06-30",
    truth: { date: cut, paths: 40 },
    ...(options.usedCars === undefined ? {} : { usedCars: options.usedCars }),
    ...options.world,
  });
  // Owners who had a car by the cut (a used car's purchase, or a new car's delivery).
  const bought = (vehicle: (typeof data)[number]["vehicles"][number]) => vehicle.acquiredDate ?? vehicle.deliveryDate;
  const owners = data.filter((customer) => customer.vehicles.some((vehicle) => bought(vehicle) < cut));
  const vehicles = owners.flatMap((customer) =>
    customer.vehicles
      .filter((vehicle) => bought(vehicle) < cut)
      .map((vehicle) => ({
        vehicleId: vehicle.vehicleId,
        customerId: customer.customerId,
        deliveryDate: vehicle.deliveryDate,
        ...(vehicle.acquiredDate === undefined
          ? {}
          : { acquiredDate: vehicle.acquiredDate, odometerAtAcquisition: vehicle.odometerAtAcquisition as number }),
        ...(vehicle.segment === undefined ? {} : { segment: vehicle.segment }),
        ...(vehicle.dealerId === undefined ? {} : { dealerId: vehicle.dealerId }),
      })),
  );
  // What the dealer knew on the cut date: the events before it (the holdout, after it, is what the truth measures).
  const known = evaluate.splitByDate(
    owners.flatMap((customer) => customer.serviceEvents),
    cut,
  ).before;
  const serviceEvents = historyStart === undefined ? known : evaluate.splitByDate(known, historyStart).after;
  const window = historyStart === undefined ? {} : { historyStart };
  const { assumptions } = calibrateBySegment({ vehicles, serviceEvents, asOf: cut, ...window });
  const assessment = psv.assessCustomers({ vehicles, serviceEvents, asOf: cut, assumptions, ...window });
  const index = new Map(owners.map((customer, position) => [customer.customerId, position]));
  const n = owners.length;
  const column = () => new Float64Array(n);
  const [saveable, obtainable, saved, value, rfmScore, psvScore, random] = [1, 2, 3, 4, 5, 6, 7].map(column) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (const row of assessment.customers) {
    const position = index.get(String(row.customerId)) as number;
    saveable[position] = row.saveableValue.toNumber();
    obtainable[position] = row.obtainableValue.toNumber();
  }
  owners.forEach((customer, position) => {
    saved[position] = customer.truth?.expectedSavedValue ?? 0;
    value[position] = customer.truth?.expectedValue ?? 0;
  });
  const customerOf = new Map(vehicles.map((vehicle) => [vehicle.vehicleId, vehicle.customerId]));
  const measures = rfm.fromTransactions(
    serviceEvents.map((event) => ({
      customerId: customerOf.get(event.vehicleId),
      date: event.date,
      amount: event.margin,
    })),
    { asOf: cut, customerId: "customerId", date: "date", amount: "amount" },
  );
  rfm.score(measures).forEach((score, k) => {
    rfmScore[index.get(String(measures[k]?.customerId)) as number] = score.r + score.f + score.m;
  });
  const scored = psv.scoreBatch(vehicles, "by" in assumptions ? assumptions.default : assumptions, { asOf: cut });
  vehicles.forEach((vehicle, k) => {
    const position = index.get(vehicle.customerId) as number;
    psvScore[position] = (psvScore[position] as number) + (scored.total[k] as number);
  });
  let state = options.seed >>> 0;
  for (let k = 0; k < n; k++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    random[k] = state / 2 ** 32;
  }
  const rankings = { "call list": saveable, RFM: rfmScore, "PSV alone": psvScore, random, oracle: saved };
  const table = evaluate.compareRankings(rankings, saved, { reference: "oracle" });
  const gains = Object.fromEntries(
    Object.entries(rankings).map(([name, scores]) => [name, evaluate.gainsCurve(scores, saved, { points: 50 })]),
  );
  const valueTable = evaluate.compareRankings({ obtainableValue: obtainable, oracle: value }, value, {
    reference: "oracle",
  });
  const top = assessment.customers.slice(0, Math.ceil(0.1 * n));
  const lost = top.filter((row) => owners[index.get(String(row.customerId)) as number]?.truth?.active !== true).length;
  return { owners: n, table, valueTable, lostInTop: lost / top.length, assessment, gains };
}
