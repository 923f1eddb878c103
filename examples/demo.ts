// npm run demo [-- --vehicles N] : scores a synthetic dealer end to end, then reproduces the CDNOW benchmarks.
// npm run demo -- --network-vehicles 10000000 : instead, a car maker's network assessed in partitions
// (psv.assessPartitions: one partition of 250,000 vehicles in memory at a time), with its peak memory.
//
// The dealer base is generated from a fixed seed (3,000 vehicles by default; any size with --vehicles, in chunks
// of 25,000 so that 1,000,000 vehicles fit in memory; each chunk is turned into columns of day numbers and amounts,
// which every step but the lifecycle reads). Steps: calibrate PSV on the history, score PSV for every
// vehicle, churn risk from service timing, RFM scores and segments, lifecycle stages, BG/NBD + Gamma-Gamma on
// the visit stream, and a ranked table of the customers with the most value at risk.
import { readFileSync } from "node:fs";
import {
  bgnbd,
  type DealerCustomer,
  evaluate,
  fitParetoNbdWithCovariates,
  gammaGamma,
  generateDealerData,
  lifecycle,
  mbgcnbd,
  paretoNbd,
  psv,
  rfm,
  roundMoney,
  sumMoney,
  summarizeTransactions,
  uncertainty,
  validateTransactions,
} from "../src/index.js";

import { calibrateBySegment, callListBacktest, type ExportWorld } from "./call-list-backtest.js";
import { dealerSegmentCovariates } from "./covariates.js";
import { assessNetwork } from "./network-partitions.js";

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`--${name} needs a whole number > 0`);
  return value;
};
if (process.argv.includes("--network-vehicles")) {
  const vehicles = argument("network-vehicles", 10_000_000);
  const { summary, events, seconds, peakRssMb } = await assessNetwork(vehicles);
  const top = summary.customers[0];
  console.log(
    `autoclv demo — a network of ${vehicles.toLocaleString("en-US")} vehicles and ${events.toLocaleString("en-US")} service events in ${summary.partitions} partitions`,
  );
  console.log(
    `  customers ${summary.customerCount.toLocaleString("en-US")}, obtainable value ${summary.totals.obtainableValue.toFixed(0)}, saveable ${summary.totals.saveableValue.toFixed(0)}`,
  );
  console.log(
    `  first call: customer ${top?.customerId} (saveable ${top?.saveableValue.toFixed(2)}); ${summary.network.length} dealers reported`,
  );
  console.log(`  ${seconds.toFixed(1)} s, peak RSS ${peakRssMb.toFixed(0)} MB`);
  process.exit(0);
}
const vehicleCount = argument("vehicles", 3000);
const seed = argument("seed", 2024);
const asOf = "2024-06-30";
const chunkSize = 25_000;
// Two years of quarterly reminder campaigns with a 20% control group (owners due from 120 days overdue to 240 days
// ahead; in this world a reminder acts on a visit due within 90 days): the log psv.calibrate learns what a reminder
// does from, and assessCustomers learns who answers from.
const campaigns = {
  dates: [
    "2022-07-15",
    "2022-10-15",
    "2023-01-15",
    "2023-04-15",
    "2023-07-15",
    "2023-10-15",
    "2024-01-15",
    "2024-04-15",
  ],
  leadDays: [-120, 240] as [number, number],
  effectLeadDays: [0, 90] as [number, number],
};
// One owner in seven bought their first car here used, one to six years old.
const usedCars = { share: 0.15, ageYears: [1, 6] as [number, number] };
// What a real export holds beyond the visits: finance contracts (a commission at the sale, a payoff after 3 years
// that may set off a replacement), referrals, recalls, households with a luxury car beside their mass one, and a
// group of two dealers between which owners move.
const exportWorld: ExportWorld = { finance: {}, referrals: {}, recalls: {}, households: { share: 0.1 }, dealers: {} };
const contactsOf = (customers: DealerCustomer[]) =>
  customers.flatMap((customer) =>
    (customer.contacts ?? []).map((contact) => ({ ...contact, customerId: customer.customerId })),
  );
const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const step = (text: string) => process.stderr.write(`  ${text} … [${seconds()}]\n`);
const thousands = (value: number) => Math.round(value).toLocaleString("en-US");

console.log(`autoclv demo — a synthetic dealer: ${thousands(vehicleCount)} vehicles (seed ${seed}), as of ${asOf}\n`);

// --- 1. Generate in chunks, keeping compact per-vehicle and per-customer facts -----------------------------------
// Every vehicle, as columns of day numbers (NaN: no odometer reading), for the fleet's PSV.
const vehicles = {
  vehicleId: [] as string[],
  deliveryDay: [] as number[],
  odometerKm: [] as number[],
  odometerDay: [] as number[],
};
const customerIds: string[] = [];
const stages: string[] = [];
const rfmDays: number[] = [];
const rfmCount: number[] = [];
const rfmSpend: number[] = [];
const rfmCustomer: number[] = [];
const summaries: {
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
  sumLogInterPurchaseTimes: number;
}[] = [];
const spendRows: { frequency: number; monetaryValue: number }[] = [];
let calibrationHistory: DealerCustomer[] = [];
let calibration: ReturnType<typeof calibrateBySegment> | undefined;
// Calibrated on the whole group's history (scope "network"), each segment on its own vehicles.
const calibrateOn = (customers: DealerCustomer[]) =>
  calibrateBySegment({
    vehicles: customers.flatMap((customer) =>
      customer.vehicles.map((vehicle) => ({ ...vehicle, customerId: customer.customerId })),
    ),
    serviceEvents: customers.flatMap((customer) => customer.serviceEvents),
    asOf,
    contacts: contactsOf(customers),
  });
// What the call list, the stages and the cohorts add up to over all chunks.
const callList: (psv.CustomerAssessment & { stage: string })[] = [];
const byStage = new Map<string, { customers: number; obtainable: number; saveable: number; winBack: number }>();
const cohorts = new Map<string, { due: number; never: number; firstWasLast: number }>();
const leads = { remind: 0, winBack: 0, insurance: 0, finance: 0, replacement: 0, tradeIns: 0 };
let saveableTotal = 0;
// The 95% half-width of the saveable total from the learned effect's sampling error. Chunks share that error, so their
// half-widths add (‖C^½(w₁ + w₂)‖ ≤ ‖C^½w₁‖ + ‖C^½w₂‖: at most a little wide).
let saveableHalfWidth = 0;
function summarizeAssessment(
  assessed: psv.AssessCustomersResult,
  customers: DealerCustomer[],
  classes: ({ stage: string; flags: string[] } | undefined)[],
) {
  const stageOf = new Map(customers.map((customer, index) => [customer.customerId, classes[index]]));
  const deliveryOf = new Map(
    customers.flatMap((customer) => customer.vehicles.map((vehicle) => [vehicle.vehicleId, vehicle.deliveryDate])),
  );
  for (const row of assessed.customers) {
    const classification = stageOf.get(String(row.customerId));
    const stage = classification?.stage ?? "invalid";
    const entry = byStage.get(stage) ?? { customers: 0, obtainable: 0, saveable: 0, winBack: 0 };
    entry.customers += 1;
    entry.obtainable += row.obtainableValue.toNumber();
    entry.saveable += row.saveableValue.toNumber();
    entry.winBack += row.winBackValue.toNumber();
    byStage.set(stage, entry);
    saveableTotal += row.saveableValue.toNumber();
    if (row.action === "remind") leads.remind += 1;
    if (row.action === "win-back") leads.winBack += 1;
    if (classification?.flags.includes("insurance-due")) leads.insurance += 1;
    if (classification?.flags.includes("finance-ending")) leads.finance += 1;
    if (classification?.flags.includes("traded-in")) leads.tradeIns += 1;
    if (stage === "replacement-window") leads.replacement += 1;
    for (const vehicle of row.vehicles) {
      // 首保即终保 by delivery cohort: vehicles whose second service is overdue or done.
      const year = (deliveryOf.get(String(vehicle.vehicleId)) ?? "").slice(0, 4);
      const cohort = cohorts.get(year) ?? { due: 0, never: 0, firstWasLast: 0 };
      if (vehicle.state !== "not-due" && vehicle.state !== "due-soon") cohort.due += 1;
      if (vehicle.neverCameForFirstService) cohort.never += 1;
      if (vehicle.firstServiceWasLast) cohort.firstWasLast += 1;
      cohorts.set(year, cohort);
    }
  }
  for (const row of assessed.customers.slice(0, 15))
    callList.push({ ...row, stage: stageOf.get(String(row.customerId))?.stage ?? "" });
  callList.sort((x, y) => y.saveableValue.cmp(x.saveableValue));
  callList.length = Math.min(callList.length, 15);
}
/** A chunk of generated customers as columns: vehicles, and events with their customer's index in the chunk. */
function dealerColumns(customers: DealerCustomer[]) {
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const vehicle = {
    vehicleId: [] as string[],
    customerId: [] as string[],
    deliveryDay: [] as number[],
    odometerKm: [] as number[],
    odometerDay: [] as number[],
    // Used cars: the day the owner bought it and its odometer then (NaN: bought new).
    acquiredDay: [] as number[],
    odometerAtAcquisition: [] as number[],
    // Households: each car's segment (its assumptions); the group: the dealer that sold it.
    segment: [] as (string | undefined)[],
    dealerId: [] as (string | undefined)[],
  };
  const event = {
    customer: [] as number[],
    vehicleId: [] as string[],
    day: [] as number[],
    type: [] as psv.AssessEvent["type"][],
    odometerKm: [] as number[],
    margin: [] as number[],
    revenue: [] as number[],
    dealerId: [] as (string | undefined)[],
  };
  customers.forEach((customer, index) => {
    for (const v of customer.vehicles) {
      vehicle.vehicleId.push(v.vehicleId);
      vehicle.customerId.push(customer.customerId);
      vehicle.deliveryDay.push(day(v.deliveryDate));
      vehicle.odometerKm.push(v.odometerKm ?? Number.NaN);
      vehicle.odometerDay.push(v.odometerDate === undefined ? Number.NaN : day(v.odometerDate));
      vehicle.acquiredDay.push(v.acquiredDate === undefined ? Number.NaN : day(v.acquiredDate));
      vehicle.odometerAtAcquisition.push(v.odometerAtAcquisition ?? Number.NaN);
      vehicle.segment.push(v.segment);
      vehicle.dealerId.push(v.dealerId);
    }
    for (const e of customer.serviceEvents) {
      event.customer.push(index);
      event.vehicleId.push(e.vehicleId);
      event.day.push(day(e.date));
      event.type.push(e.type);
      event.odometerKm.push(e.odometerKm ?? Number.NaN);
      event.margin.push(Number(e.margin));
      event.revenue.push(Number(e.revenue));
      event.dealerId.push(e.dealerId);
    }
  });
  return { vehicle, event };
}
let events = 0;
let usedVehicles = 0;
let households = 0;
// The group's view of each dealer's vehicles: kept, moved to the other dealer, lost (summed over the chunks).
const network = new Map<string | number, { vehicles: number; kept: number[]; moved: number[]; lost: number[] }>();
function addNetwork(reports: readonly psv.DealerNetworkReport[]) {
  for (const report of reports) {
    const entry = network.get(report.dealerId) ?? { vehicles: 0, kept: [0, 0], moved: [0, 0], lost: [0, 0] };
    entry.vehicles += report.vehicles;
    for (const part of ["kept", "moved", "lost"] as const) {
      entry[part][0] = (entry[part][0] as number) + report[part].vehicles;
      entry[part][1] = (entry[part][1] as number) + report[part].value.toNumber();
    }
    network.set(report.dealerId, entry);
  }
}
const chunks = Math.ceil(vehicleCount / chunkSize);
for (let chunk = 0; chunk < chunks; chunk++) {
  const size = Math.min(chunkSize, vehicleCount - chunk * chunkSize);
  const customers = generateDealerData({
    vehicles: size,
    seed: seed + chunk,
    asOf,
    idPrefix: chunks > 1 ? `${chunk + 1}-` : "",
    campaigns,
    usedCars,
    ...exportWorld,
  });
  if (chunk === 0) {
    calibrationHistory = customers;
    calibration = calibrateOn(customers);
  }
  households += customers.filter((customer) => new Set(customer.vehicles.map((v) => v.segment)).size > 1).length;
  const classified = lifecycle.classifyBatch(customers, { asOf });
  if (classified.errors.length > 0) throw classified.errors[0];
  // The chunk as columns, one entry per vehicle and per event: day numbers, amounts as numbers, customers by their
  // index in the chunk. Every step below reads these columns; only the lifecycle needs the nested records.
  const chunkColumns = dealerColumns(customers);
  const { vehicle: chunkVehicles, event } = chunkColumns;
  // The call list: every owner assessed on their own history (per chunk: customers do not span chunks).
  const assessed = psv.assessCustomers({
    vehicles: chunkVehicles,
    serviceEvents: {
      vehicleId: event.vehicleId,
      day: event.day,
      type: event.type,
      odometerKm: event.odometerKm,
      margin: event.margin,
      dealerId: event.dealerId,
    },
    asOf,
    assumptions: (calibration as ReturnType<typeof calibrateBySegment>).assumptions,
    contacts: contactsOf(customers),
  });
  if (assessed.errors.length > 0) throw assessed.errors[0];
  const interval = assessed.totals.saveableValueInterval;
  if (interval !== null) saveableHalfWidth += interval.high.minus(assessed.totals.saveableValue).toNumber();
  addNetwork(assessed.network);
  summarizeAssessment(assessed, customers, classified.results);
  events += event.day.length;
  // Paid events only (a recall, a payoff carry no amount): RFM and the spend model see what customers paid.
  const paid = event.revenue.flatMap((revenue, index) => (revenue > 0 ? [index] : []));
  const visits = {
    customerId: Float64Array.from(paid, (index) => event.customer[index] as number),
    day: Float64Array.from(paid, (index) => event.day[index] as number),
    amount: Float64Array.from(paid, (index) => event.revenue[index] as number),
  };
  // BTYD models see the maintenance visits: the scheduled, regular stream of after-sales.
  const maintenance = event.type.flatMap((type, index) => (type === "maintenance" ? [index] : []));
  const pick = <T extends ArrayLike<number>>(column: T) =>
    Float64Array.from(maintenance, (index) => column[index] as number);
  const chunkSummaries = summarizeTransactions(
    { customerId: pick(event.customer), day: pick(event.day), amount: pick(event.revenue) },
    { observationEnd: asOf, timeUnit: "week" },
  );
  // Spend per visit varies by visit type: the Gamma-Gamma model sees all paid visits.
  const allVisits = summarizeTransactions(visits, { observationEnd: asOf, timeUnit: "week" });
  for (let row = 0; row < allVisits.frequency.length; row++) {
    const frequency = allVisits.frequency[row] as number;
    if (frequency > 0) spendRows.push({ frequency, monetaryValue: allVisits.monetaryValue[row] as number });
  }
  const measures = rfm.fromTransactions(visits, { asOf });
  const measureOf = new Map(measures.customerId.map((customer, row) => [customer, row]));
  const summaryOf = new Map(chunkSummaries.customerId.map((customer, row) => [customer, row]));
  customers.forEach((customer, index) => {
    const customerIndex = customerIds.length;
    customerIds.push(customer.customerId);
    stages.push(classified.results[index]?.stage ?? "invalid");
    const measure = measureOf.get(index);
    if (measure !== undefined) {
      rfmCustomer.push(customerIndex);
      rfmDays.push(measures.daysSinceLastPurchase[measure] as number);
      rfmCount.push(measures.purchaseCount[measure] as number);
      rfmSpend.push(measures.totalSpend[measure] as number);
    }
    const row = summaryOf.get(index);
    summaries.push(
      row !== undefined
        ? {
            frequency: chunkSummaries.frequency[row] as number,
            recency: chunkSummaries.recency[row] as number,
            T: chunkSummaries.T[row] as number,
            monetaryValue: chunkSummaries.monetaryValue[row] as number,
            sumLogInterPurchaseTimes: chunkSummaries.sumLogInterPurchaseTimes[row] as number,
          }
        : { frequency: 0, recency: 0, T: 0, monetaryValue: 0, sumLogInterPurchaseTimes: 0 },
    );
  });
  for (let row = 0; row < chunkVehicles.vehicleId.length; row++) {
    if (!Number.isNaN(chunkVehicles.acquiredDay[row] as number)) usedVehicles += 1;
    vehicles.vehicleId.push(chunkVehicles.vehicleId[row] as string);
    vehicles.deliveryDay.push(chunkVehicles.deliveryDay[row] as number);
    vehicles.odometerKm.push(chunkVehicles.odometerKm[row] as number);
    vehicles.odometerDay.push(chunkVehicles.odometerDay[row] as number);
  }
  step(
    `[1/6] generated ${thousands(Math.min(vehicleCount, (chunk + 1) * chunkSize))} of ${thousands(vehicleCount)} vehicles with their owners, visits and contracts`,
  );
}
console.log(
  `1. Dealer group of two dealers: ${thousands(customerIds.length)} customers (prospects included; ${thousands(households)} households with a luxury car beside a mass one), ${thousands(vehicles.vehicleId.length)} vehicles (${thousands(usedVehicles)} bought used), ${thousands(events)} events (visits, sales, finance, referrals, recalls)`,
);

// --- 2. PSV calibrated on the (first chunk's) history -------------------------------------------------------------
const calibrationVehicles = calibrationHistory.flatMap((customer) => customer.vehicles);
const { assumptions, report, reminder } = (calibration as ReturnType<typeof calibrateBySegment>).pooled;
step("[2/6] calibrated PSV assumptions and owner behaviour");
// The verdicts: data (precise enough alone), weak (shrunk toward the fallback), fallback (too little data), default
// (not identifiable here), with the estimates that are not data named.
const verdicts = ["data", "weak", "fallback", "default"].map((source) => {
  const names = Object.entries(report).flatMap(([name, entry]) => (entry?.source === source ? [name] : []));
  return source === "data"
    ? `${names.length} data`
    : `${names.length} ${source}${names.length > 0 ? ` (${names.join(", ")})` : ""}`;
});
console.log(
  `2. PSV calibrated on ${thousands(calibrationVehicles.length)} vehicles: ${verdicts.join(", ")}; leave chance at a due visit ${assumptions.leaveBeforeFirstService.toFixed(2)} before the first service, ${assumptions.leaveAfterFirstService.toFixed(2)} right after it (首保即终保), ${assumptions.leaveInWarranty.toFixed(2)} in warranty, ${assumptions.leavePostWarranty.toFixed(2)} after; repurchase ${assumptions.repurchaseProbability.toFixed(2)} at ${assumptions.replacementAgeYears.toFixed(1)} ± ${assumptions.replacementAgeSpreadYears.toFixed(1)} years`,
);

const percent = (share: number) => `${Math.round(100 * share)}%`;
const actingBands = reminder.byLead.filter((band) => band.value >= 0.05);
console.log(
  `   What a reminder does (${reminder.source === "data" ? `learned from ${thousands(reminder.contacts.used)} contacts with a control group` : "assumed: no usable campaign log"}): a reached reminder removes ${actingBands.map((band) => `${percent(band.value)} (due in ${band.fromDays}–${band.toDays} days)`).join(", ") || "nothing"} of the chance of leaving; ${percent(reminder.reach.value)} of attempts reach the owner`,
);

// --- 3. Schedule-only PSV of the fleet, and the owners' obtainable value ---------------------------------------
const scored = psv.scoreBatch(vehicles, assumptions, { asOf });
const obtainableTotal = [...byStage.values()].reduce((sum, entry) => sum + entry.obtainable, 0);
step("[3/6] scored PSV");
console.log(
  `3. Fleet PSV (schedule only, value still ahead over the vehicles' lives): RMB ${scored.fleetTotal.toFixed(2)}; owners' obtainable value over 2 years, from their own state: RMB ${thousands(obtainableTotal)}`,
);

// --- 4. RFM ------------------------------------------------------------------------------------------------------
const scores = rfm.scoreColumns({ daysSinceLastPurchase: rfmDays, purchaseCount: rfmCount, totalSpend: rfmSpend });
const segmentOf = new Map<number, string>();
rfmCustomer.forEach((customerIndex, index) => {
  segmentOf.set(
    customerIndex,
    rfm.segment({ code: rfm.rfmCode(scores.r[index] ?? 1, scores.f[index] ?? 1, scores.m[index] ?? 1) }),
  );
});
step("[4/6] RFM scores and segments");
const segmentCounts = new Map<string, number>();
for (const name of segmentOf.values()) segmentCounts.set(name, (segmentCounts.get(name) ?? 0) + 1);
console.log(
  `4. RFM segments: ${[...segmentCounts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${thousands(n)}`)
    .join(", ")}`,
);

// --- 5. Lifecycle ------------------------------------------------------------------------------------------------
const stageCounts = new Map<string, number>();
for (const stage of stages) stageCounts.set(stage, (stageCounts.get(stage) ?? 0) + 1);
step("[5/6] lifecycle stages");
console.log(
  `5. Lifecycle stages: ${[...stageCounts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${thousands(n)}`)
    .join(", ")}`,
);

// --- 6. BTYD on the maintenance visits (weeks): BG/NBD vs MBG/CNBD-k (regular visits), and Gamma-Gamma spend ------
const owners = summaries.filter((row) => row.T > 0);
const fitSample = owners.slice(0, 5000);
const bgnbdFit = bgnbd.fit(fitSample);
const regularFit = mbgcnbd.fit(fitSample, { maxK: 6 });
const spendFit = gammaGamma.fit(spendRows.slice(0, 5000));
step("[6/6] fitted BG/NBD, MBG/CNBD-k and Gamma-Gamma");
const visitModels = evaluate.compareModels(
  [
    { model: "bgnbd", fit: bgnbdFit },
    { model: "mbgcnbd", fit: regularFit },
  ],
  { customers: fitSample },
);
const overK = visitModels.likelihoodRatioTests.find((test) => test.full.startsWith("MBG/CNBD-k"));
console.log(
  `6. Maintenance visits are regular: MBG/CNBD-k picks k = ${regularFit.params.k} (LL ${regularFit.logLikelihood.toFixed(1)}, BIC ${visitModels.rows[1]?.bic.toFixed(0)} vs BG/NBD LL ${bgnbdFit.logLikelihood.toFixed(1)}, BIC ${visitModels.rows[0]?.bic.toFixed(0)} on ${thousands(fitSample.length)} owners; k = ${regularFit.params.k} vs k = 1: likelihood ratio ${overK?.statistic.toFixed(0)}, p ${(overK?.pValue ?? 1) < 1e-10 ? "< 1e-10" : overK?.pValue.toPrecision(2)}); Gamma-Gamma on all paid visits p ${spendFit.params.p.toFixed(2)}, q ${spendFit.params.q.toFixed(2)}, γ ${spendFit.params.gamma.toFixed(1)} (mean spend a visit RMB ${gammaGamma.expectedSpend(spendFit.params).toFixed(0)})`,
);
// Each fit's status in words, and what it means for the user (evaluate.fitSummary).
for (const [name, fit, observations] of [
  ["BG/NBD", bgnbdFit, fitSample.length],
  ["MBG/CNBD-k", regularFit, fitSample.length],
  ["Gamma-Gamma", spendFit, Math.min(5000, spendRows.length)],
] as const) {
  const { convergence } = evaluate.fitSummary(fit, { observations });
  console.log(
    `   ${name}: ${convergence.converged ? "converged" : "not converged"} — ${convergence.reason}${convergence.converged ? "" : `; what to do: ${convergence.advice}`}`,
  );
}
const spendCheck = evaluate.spendCheck(spendFit.params, spendRows.slice(0, 5000));
console.log(
  `   Gamma-Gamma check: frequency–spend correlation ${spendCheck.correlation.toFixed(3)}${spendCheck.warning ? ` — ${spendCheck.warning}` : ""}\n`,
);

// --- 7. The call list, value by stage, 首保即终保 by cohort, leads, and the backtest ---------------------------------
const money = (value: number) => `RMB ${thousands(value)}`;
console.log(
  `7. This week's call list: ${thousands(leads.remind)} owners to remind (${money(saveableTotal)} saveable, 95% ${money(Math.max(0, saveableTotal - saveableHalfWidth))}–${money(saveableTotal + saveableHalfWidth)}: an estimate resting on the reminder effect of step 2), ${thousands(leads.winBack)} on the win-back list. Top 15:`,
);
console.log(
  "rank  customer     stage               vehicle      due         what                             P(here)  leave  saveable  obtainable",
);
callList.forEach((row, index) => {
  console.log(
    `${String(index + 1).padStart(4)}  ${String(row.customerId).padEnd(11)}  ${row.stage.padEnd(18)}  ${String(row.vehicleId ?? "-").padEnd(11)}  ${(row.dueDate ?? "-").padEnd(10)}  ${row.due.padEnd(31)}  ${row.pAlive.toFixed(2).padStart(7)}  ${`${Math.round(100 * (row.vehicles.find((v) => v.vehicleId === row.vehicleId)?.leaveChanceAtNextVisit ?? 0))}%`.padStart(5)}  ${thousands(row.saveableValue.toNumber()).padStart(8)}  ${thousands(row.obtainableValue.toNumber()).padStart(10)}`,
  );
});
console.log(`      why (no. 1): ${callList[0]?.reasons.map((reason) => reason.text).join("; ") ?? "-"}`);
console.log("\nValue by lifecycle stage (obtainable over 2 years; saveable by a reminder now; win-back):");
for (const [stage, entry] of [...byStage].sort((x, y) => y[1].obtainable - x[1].obtainable))
  console.log(
    `  ${stage.padEnd(19)} ${thousands(entry.customers).padStart(7)} customers  ${money(entry.obtainable).padStart(16)}  ${money(entry.saveable).padStart(13)}  ${money(entry.winBack).padStart(12)}`,
  );
console.log("\n首保即终保 by delivery cohort (vehicles whose next service is overdue or done):");
console.log("  cohort  vehicles  never came for the first service  first service was the last");
for (const [year, cohort] of [...cohorts].sort((x, y) => x[0].localeCompare(y[0])).slice(-8))
  console.log(
    `  ${year}    ${thousands(cohort.due).padStart(8)}  ${`${((100 * cohort.never) / Math.max(1, cohort.due)).toFixed(1)}%`.padStart(32)}  ${`${((100 * cohort.firstWasLast) / Math.max(1, cohort.due)).toFixed(1)}%`.padStart(25)}`,
  );
console.log(
  `\nLeads: insurance due ${thousands(leads.insurance)}, finance ending ${thousands(leads.finance)}, in the replacement window ${thousands(leads.replacement)}, traded in (置换) ${thousands(leads.tradeIns)}`,
);
console.log(
  "\nThe group's view of each dealer's vehicles in service (kept: last served there; moved: to the other dealer):",
);
for (const [dealer, entry] of [...network].sort((x, y) => String(x[0]).localeCompare(String(y[0]))))
  console.log(
    `  ${dealer}  ${thousands(entry.vehicles)} vehicles: kept ${thousands(entry.kept[0] as number)} (${money(entry.kept[1] as number)} obtainable), moved ${thousands(entry.moved[0] as number)} (${money(entry.moved[1] as number)}, earned by the group), lost ${thousands(entry.lost[0] as number)} (${money(entry.lost[1] as number)} at stake over 2 years)`,
  );
const backtest = callListBacktest({ vehicles: 6000, seed, usedCars, world: exportWorld });
step("[7/7] call list, stages, cohorts and the backtest");
console.log(
  `\nBacktest: ${thousands(backtest.owners)} owners of a simulated dealer, history cut at 2022-06-30, value a reminder then saves over 2 years (simulator's truth):`,
);
console.log("  ranking      top 10%   top 20%   of oracle (10%)");
for (const row of backtest.table)
  console.log(
    `  ${row.name.padEnd(11)}  ${`${(100 * (row.captured[0] ?? 0)).toFixed(1)}%`.padStart(7)}  ${`${(100 * (row.captured[1] ?? 0)).toFixed(1)}%`.padStart(8)}  ${`${(100 * (row.ofReference?.[0] ?? 0)).toFixed(1)}%`.padStart(16)}`,
  );
console.log(
  `  obtainableValue top 10% captures ${(100 * (backtest.valueTable[0]?.ofReference?.[0] ?? 0)).toFixed(1)}% of the oracle's future value; owners already gone in the list's top 10%: ${(100 * backtest.lostInTop).toFixed(1)}%`,
);

// --- The classic benchmark: CDNOW (Fader & Hardie) ---------------------------------------------------------------
const lines = readFileSync(new URL("./data/cdnow_sample_transactions.csv", import.meta.url), "utf8")
  .trim()
  .split("\n");
const rows: { customerId: number; date: string; amount: string | undefined }[] = lines.slice(1).map((line) => {
  const [, sampleId, date, , sales] = line.split(",");
  return {
    customerId: Number(sampleId),
    date: `${date?.slice(0, 4)}-${date?.slice(4, 6)}-${date?.slice(6, 8)}`,
    amount: sales,
  };
});
rows.push({ customerId: 9999, date: "1997-02-30", amount: "12,50" }); // one broken row: reported, the rest go on
const { values, errors } = validateTransactions(rows);
const transactions = values.filter((value) => value !== undefined);
const cdnow = summarizeTransactions(transactions, {
  calibrationEnd: "1997-09-30",
  observationEnd: "1998-06-30",
  timeUnit: "week",
  customerId: "customerId",
  date: "date",
  amount: (t) => t.amount?.toNumber(),
});
const cdnowFit = bgnbd.fit(cdnow);
const cdnowPareto = paretoNbd.fit(cdnow);
const cdnowSpend = gammaGamma.fit(cdnow);
const format = (record: object) =>
  Object.entries(record)
    .map(([name, value]) => `${name} ${(value as number).toPrecision(4)}`)
    .join(", ");
console.log(
  `\nCDNOW sample (${cdnow.length} customers, $${roundMoney(sumMoney(transactions.map((t) => t.amount ?? 0))).toFixed(2)} of sales; rejected: ${errors.map((error) => error.message).join("; ")})`,
);
console.log(
  `BG/NBD      ${format(cdnowFit.params)}; LL ${cdnowFit.logLikelihood.toFixed(2)} (published: r 0.243, α 4.414, a 0.793, b 2.426; LL −9582.4)`,
);
console.log(
  `Pareto/NBD  ${format(cdnowPareto.params)}; LL ${cdnowPareto.logLikelihood.toFixed(2)} (BTYD: LL −9594.98)`,
);
console.log(`Gamma-Gamma ${format(cdnowSpend.params)} (published: p 6.25, q 3.74, γ 15.44)`);
for (const [name, fit] of [
  ["BG/NBD", cdnowFit],
  ["Pareto/NBD", cdnowPareto],
  ["Gamma-Gamma", cdnowSpend],
] as const)
  console.log(`\n${name} on CDNOW (evaluate.fitSummary):\n${evaluate.fitSummary(fit, { observations: cdnow.length })}`);
const cdnowComparison = evaluate.compareModels(
  [
    { model: "bgnbd", fit: cdnowFit },
    { model: "paretoNbd", fit: cdnowPareto },
  ],
  { customers: cdnow, holdoutLength: 39 },
);
for (const row of cdnowComparison.rows) {
  const holdout = row.holdout;
  console.log(
    `${row.name.padEnd(11)} AIC ${row.aic.toFixed(1)}, BIC ${row.bic.toFixed(1)}; 39-week holdout: ${holdout?.expectedTotal.toFixed(0)} predicted vs ${holdout?.actualTotal} actual repeat purchases, MAE ${holdout?.meanAbsoluteError.toFixed(3)}, RMSE ${holdout?.rootMeanSquaredError.toFixed(3)}${row.warnings.length > 0 ? `; ${row.warnings.join("; ")}` : ""}`,
  );
}

// How sure (uncertainty): the 39-week holdout's expected total with the fit's uncertainty, by the asymptotic normal
// and a customer bootstrap, and each customer's 90% prediction interval against what they then bought.
const holdoutTotal = (params: typeof cdnowFit.params) =>
  bgnbd.conditionalExpectedPurchasesBatch(params, 39, cdnow).values.reduce((sum, value) => sum + value, 0);
const normalDraws = uncertainty.drawParams("bgnbd", cdnowFit, { seed: 7 });
const bootstrapDraws = uncertainty.drawParams("bgnbd", cdnowFit, { method: "bootstrap", data: cdnow, seed: 7 });
const [byNormal, byBootstrap] = [normalDraws, bootstrapDraws].map((draws) => uncertainty.interval(draws, holdoutTotal));
const predicted = uncertainty.predictionInterval(normalDraws, cdnow, 39);
const held = cdnow.filter(
  (customer, i) =>
    (predicted.low[i] as number) <= (customer.holdoutFrequency ?? 0) &&
    (customer.holdoutFrequency ?? 0) <= (predicted.high[i] as number),
).length;
console.log(
  `\nHow sure (uncertainty): BG/NBD's expected 39-week holdout total ${byNormal?.estimate.toFixed(0)}, 90% ` +
    `${byNormal?.low.toFixed(0)}–${byNormal?.high.toFixed(0)} (asymptotic normal), ${byBootstrap?.low.toFixed(0)}–` +
    `${byBootstrap?.high.toFixed(0)} (200 bootstrap refits): how sure the expectation is; the purchases made vary beyond it by chance and by the ` +
    `model's error (actual ${cdnow.reduce((sum, c) => sum + (c.holdoutFrequency ?? 0), 0)}). ` +
    `Customers' 90% prediction intervals hold ${((100 * held) / cdnow.length).toFixed(1)}% of their holdout purchases.`,
);

// --- Covariates: CLVTools' apparel data, and the dealer's segment ------------------------------------------------
const csv = (name: string) =>
  readFileSync(new URL(`./data/${name}`, import.meta.url), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
const apparelCovariates = new Map(
  csv("clvtools_apparel_static_cov.csv").map(([id, gender, channel]) => [
    id,
    { Gender: Number(gender), Channel: Number(channel) },
  ]),
);
const apparel = summarizeTransactions(
  csv("clvtools_apparel_trans.csv").map(([id, date, price]) => ({ id, date, price: Number(price) })),
  {
    calibrationEnd: "2006-12-31",
    observationEnd: "2010-12-20",
    timeUnit: "week",
    customerId: "id",
    date: "date",
    amount: "price",
  },
).map((summary) => ({ ...summary, covariates: apparelCovariates.get(String(summary.customerId)) ?? {} }));
const apparelPlain = paretoNbd.fit(apparel);
const apparelFit = fitParetoNbdWithCovariates(apparel, {
  transaction: ["Gender", "Channel"],
  lifetime: ["Gender", "Channel"],
});
const apparelTest = evaluate.compareModels([
  { name: "without", model: "paretoNbd", fit: apparelPlain },
  { name: "with", model: "paretoNbd", fit: apparelFit },
]).likelihoodRatioTests[0];
const coefficient = (process: "transaction" | "lifetime", name: string) =>
  `${(apparelFit.params.covariates?.[process]?.[name] ?? Number.NaN).toFixed(3)} ± ${(apparelFit.standardErrors?.covariates?.[process]?.[name] ?? Number.NaN).toFixed(3)}`;
console.log(
  `\nCovariates — CLVTools' apparel data (${apparel.length} customers, 104 weeks), Pareto/NBD with Gender and Channel: LL ${apparelFit.logLikelihood.toFixed(2)} vs ${apparelPlain.logLikelihood.toFixed(2)} without (χ² ${apparelTest?.statistic.toFixed(1)}, ${apparelTest?.degreesOfFreedom} df, p ${apparelTest?.pValue.toExponential(1)})`,
);
console.log(
  `  purchase: Gender ${coefficient("transaction", "Gender")}, Channel ${coefficient("transaction", "Channel")}; dropout: Gender ${coefficient("lifetime", "Gender")}, Channel ${coefficient("lifetime", "Channel")}`,
);
const segmentSpend = dealerSegmentCovariates({ vehicles: 1000, seed });
console.log(
  `Dealer segment as a Gamma-Gamma covariate: margin per visit × ${Object.entries(segmentSpend.spendRatio)
    .map(([name, ratio]) => `${ratio.toFixed(3)} (${name}; simulator ${segmentSpend.trueRatio[name]?.toFixed(3)})`)
    .join(
      ", ",
    )}; held-out margin per visit, mean absolute error ${segmentSpend.meanAbsoluteError.withoutSegment.toFixed(1)} → ${segmentSpend.meanAbsoluteError.withSegment.toFixed(1)}`,
);
console.log(`\ndone in ${seconds()}`);
