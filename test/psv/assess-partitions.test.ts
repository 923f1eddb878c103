// Issue 28: psv.assessPartitions — a network assessed partition by partition equals the one-process assessment:
// every customer's values, the exact totals, the top of the call list, the network report, the saveable interval,
// the reach learned from the campaign logs (shrunk toward the network's rate), and the errors' row indices.
import { describe, expect, it } from "vitest";
import { generateDealerData, InvalidInputError, psv, toPlainData } from "../../src/index.js";
import { createRandomSource } from "../../src/math/random-source.js";

const asOf = "2024-06-30";
const owners = generateDealerData({ vehicles: 3000, seed: 11, asOf, prospectShare: 0 });
const dealerOf = (index: number) => `D${index % 3}`;
const vehicles = owners.flatMap((owner, index) =>
  owner.vehicles.map((vehicle) => ({ ...vehicle, customerId: owner.customerId, dealerId: dealerOf(index) })),
);
const serviceEvents = owners.flatMap((owner, index) =>
  owner.serviceEvents.map((event, k) => ({ ...event, dealerId: dealerOf(k % 7 === 6 ? index + 1 : index) })),
);
// A campaign log with outcomes: 20% held out, the rest reached with a chance of their own.
const random = createRandomSource(3);
const contacts = ["2023-05-01", "2024-01-15"].flatMap((date) =>
  owners.map((owner, index) =>
    random() < 0.2
      ? { customerId: owner.customerId, date, group: "control" as const }
      : {
          customerId: owner.customerId,
          date,
          group: "treatment" as const,
          reached: random() < (index % 4 ? 0.9 : 0.3),
        },
  ),
);
// Bad rows, to see their indices come out as in one process: a vehicle without a delivery date, an event after asOf.
const badVehicle = { vehicleId: "BAD", customerId: owners[5]?.customerId ?? "", deliveryDate: "not a date" };
const records = {
  vehicles: [...vehicles.slice(0, 10), badVehicle, ...vehicles.slice(10)],
  serviceEvents: [
    ...serviceEvents,
    { vehicleId: vehicles[0]?.vehicleId ?? "", date: "2025-01-01", type: "maintenance" as const, margin: "1" },
  ],
  contacts,
};
const base = psv.defaultAssumptions({ segment: "mass" }).assumptions;
const bands = base.reminderEffectByLead?.length ?? 0;
const assumptions = {
  ...base,
  reminderEffectCovariance: Array.from({ length: bands }, (_, i) =>
    Array.from({ length: bands }, (_, j) => (i === j ? 0.01 : 0.002)),
  ),
};
const options = { asOf, assumptions, rows: 40, horizonYears: 2 } as const;

/** The records split by customer into `count` partitions (each keeps the records' order). */
function partitionsOf(count: number) {
  const bucket = new Map(owners.map((owner, index) => [owner.customerId, (index * 7919) % count]));
  const ownerOf = new Map(records.vehicles.map((vehicle) => [vehicle.vehicleId, vehicle.customerId]));
  const of = (customerId: unknown) => bucket.get(customerId as string) ?? 0;
  return Array.from({ length: count }, (_, part) => ({
    vehicles: records.vehicles.filter((vehicle) => of(vehicle.customerId) === part),
    serviceEvents: records.serviceEvents.filter((event) => of(ownerOf.get(event.vehicleId)) === part),
    contacts: records.contacts.filter((contact) => of(contact.customerId) === part),
  }));
}

async function assessed(count: number) {
  const parts = partitionsOf(count);
  const run = psv.assessPartitions(async function* () {
    yield* parts;
  }, options);
  const byCustomer = new Map<unknown, number[]>();
  for await (const result of run.results) {
    const { columns } = result;
    columns.customerId.forEach((id, i) => {
      byCustomer.set(id, [
        columns.lockedValue[i] as number,
        columns.realisedValue[i] as number,
        columns.obtainableValue[i] as number,
        columns.saveableValue[i] as number,
        columns.winBackValue[i] as number,
        columns.pAlive[i] as number,
        columns.reachProbability[i] as number,
      ]);
    });
  }
  return { summary: run.summary(), byCustomer, parts };
}

describe("psv.assessPartitions", () => {
  const whole = psv.assessCustomers({ ...records, ...options });

  it("gives every customer, the totals, the call list, the network and the interval of one process", async () => {
    const { summary, byCustomer } = await assessed(5);
    expect(summary.partitions).toBe(5);
    expect(summary.customerCount).toBe(whole.columns.customerId.length);
    whole.columns.customerId.forEach((id, i) => {
      const { columns } = whole;
      expect(byCustomer.get(id), String(id)).toEqual([
        columns.lockedValue[i],
        columns.realisedValue[i],
        columns.obtainableValue[i],
        columns.saveableValue[i],
        columns.winBackValue[i],
        columns.pAlive[i],
        columns.reachProbability[i],
      ]);
    });
    expect(toPlainData(summary.totals)).toEqual(toPlainData(whole.totals));
    expect(whole.totals.saveableValueInterval).not.toBeNull();
    expect(toPlainData(summary.customers)).toEqual(toPlainData(whole.customers));
    expect(whole.network.length).toBe(3);
    // Dealers come in order of first appearance: of the partitions laid end to end.
    const byDealer = (report: typeof whole.network) =>
      toPlainData([...report].sort((x, y) => String(x.dealerId).localeCompare(String(y.dealerId))));
    expect(byDealer(summary.network)).toEqual(byDealer(whole.network));
    expect(summary.eventsAtOtherDealers).toBe(whole.eventsAtOtherDealers);
    // The learned reach is the network's: some owners are below 1, as in one process.
    expect(whole.columns.reachProbability.some((p) => p < 0.8)).toBe(true);
  });

  it("names bad rows by their index in the records as a whole", async () => {
    const { summary } = await assessed(3);
    const where = (errors: readonly InvalidInputError[]) =>
      errors.map((error) => `${error.subject} ${error.rowIndex}`).sort();
    expect(whole.errors.length).toBeGreaterThanOrEqual(2);
    // Partitions reorder the rows (by customer), so indices are those of the partitions laid end to end.
    const parts = partitionsOf(3);
    const vehicleRows = parts.flatMap((part) => part.vehicles);
    const eventRows = parts.flatMap((part) => part.serviceEvents);
    const named = summary.errors.map((error) =>
      error.subject === "vehicle"
        ? (vehicleRows[error.rowIndex ?? -1] as { vehicleId: unknown }).vehicleId
        : (eventRows[error.rowIndex ?? -1] as { date: unknown }).date,
    );
    expect(named.sort()).toEqual(["2025-01-01", "BAD"]);
    expect(where(summary.errors).length).toBe(where(whole.errors).length);
  });

  it("reads the source once without campaign logs, twice with them", async () => {
    let calls = 0;
    const source = (withContacts: boolean) => () => {
      calls += 1;
      return partitionsOf(2).map((part) =>
        withContacts ? part : { vehicles: part.vehicles, serviceEvents: part.serviceEvents },
      );
    };
    for (const withContacts of [false, true]) {
      calls = 0;
      const run = psv.assessPartitions(source(withContacts), options);
      for await (const _ of run.results);
      expect(calls).toBe(withContacts ? 2 : 1);
    }
  });

  it("refuses what it cannot assess, by name", async () => {
    const drain = async (run: psv.PartitionedAssessment) => {
      for await (const _ of run.results);
    };
    const [first, second] = partitionsOf(2);
    const mixed = psv.assessPartitions(() => [first ?? {}, { ...second, contacts: undefined }] as never, options);
    await expect(drain(mixed)).rejects.toThrow(/contacts/);
    expect(() => psv.assessPartitions(() => [], { ...options, vehicles: [] } as never)).toThrow(/partitions/);
    expect(() => psv.assessPartitions(() => [], { ...options, horizonYear: 2 } as never)).toThrow(/horizonYears/);
    expect(() => psv.assessPartitions([] as never, options)).toThrow(/function/);
    await expect(drain(psv.assessPartitions(() => [{ vehicles: [], events: [] }] as never, options))).rejects.toThrow(
      /serviceEvents/,
    );
    const early = psv.assessPartitions(() => partitionsOf(2), options);
    expect(() => early.summary()).toThrow(InvalidInputError);
  });
});
