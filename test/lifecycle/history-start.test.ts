import { describe, expect, it } from "vitest";
import { InvalidInputError, lifecycle, service } from "../../src/index.js";

// Issue 25.1: records that start at a date (a DMS migration). A car delivered in 2019 whose records start in
// 2023-12 did not skip its first service: the records cannot show it.
const vehicle = { vehicleId: "V1", deliveryDate: "2019-03-01" };
const visit = { vehicleId: "V1", date: "2024-02-01", type: "maintenance" as const };
const asOf = "2024-06-30";

describe("lifecycle.classify with historyStart", () => {
  it("reads a first visit in the records as a later service, not a return after years away", () => {
    const customer = { customerId: "C1", vehicles: [vehicle], serviceEvents: [visit] };
    const told = lifecycle.classify(customer, { asOf, historyStart: "2023-12-01" });
    const untold = lifecycle.classify(customer, { asOf });
    expect(untold.flags).toContain("won-back");
    expect(told.flags).not.toContain("won-back");
    expect(told.stage).toBe("post-warranty");
  });

  it("places a vehicle with no visit in the records on schedule up to the start, never a lapsed first service", () => {
    const customer = { customerId: "C1", vehicles: [vehicle], serviceEvents: [] };
    expect(
      lifecycle
        .classify(customer, { asOf })
        .reasons.map((r) => r.text)
        .join(" "),
    ).toMatch(/first service of V1 was due on 2019/);
    const told = lifecycle.classify(customer, { asOf, historyStart: "2024-04-01" });
    expect(told.stage).not.toBe("lapsed");
    expect(told.reasons.map((r) => r.text).join(" ")).not.toMatch(/first service/);
    // A long window with no visit: lapsed for the maintenance due after the start, not for the first service.
    const long = lifecycle.classify(customer, { asOf, historyStart: "2022-06-30" });
    expect(long.stage).toBe("lapsed");
    expect(long.reasons.map((r) => r.text).join(" ")).toMatch(/maintenance of V1 was due on 202[23]/);
  });

  it("gives the same answers one customer at a time and in a batch, and rejects a start after asOf", () => {
    const customers = [
      { customerId: "C1", vehicles: [vehicle], serviceEvents: [visit] },
      { customerId: "C2", vehicles: [{ ...vehicle, deliveryDate: "2018-05-01" }], serviceEvents: [] },
    ];
    const options = { asOf, historyStart: "2023-12-01" };
    const batch = lifecycle.classifyBatch(customers, options).results;
    expect(batch).toEqual(customers.map((customer) => lifecycle.classify(customer, options)));
    expect(() => lifecycle.classify(customers[0]!, { asOf, historyStart: "2024-07-01" })).toThrow(InvalidInputError);
  });
});

describe("service.nextDue and service.status with historyStart", () => {
  it("takes the services before the start as kept: the next one due on or after the start", () => {
    const start = "2024-04-01";
    const told = service.nextDue({ ...vehicle, historyStart: start });
    const untold = service.nextDue(vehicle);
    expect(untold.isFirstService).toBe(true);
    expect(untold.dueDate.toISOString().slice(0, 10) < "2020-01-01").toBe(true);
    expect(told.isFirstService).toBe(false);
    expect(told.dueDate.getTime()).toBeGreaterThanOrEqual(Date.parse(start));
    expect(told.dueDate.getTime() - Date.parse(start)).toBeLessThan(told.intervalDays * 86_400_000 + 1);
    expect(service.status({ ...vehicle, historyStart: start }, {}, { asOf }).state).not.toBe("lapsed");
    expect(service.status(vehicle, {}, { asOf }).state).toBe("lapsed");
  });

  it("keeps a last service in the records as the anchor", () => {
    const withVisit = { ...vehicle, lastServiceDate: "2024-02-01", historyStart: "2023-12-01" };
    expect(service.nextDue(withVisit)).toEqual(service.nextDue({ ...vehicle, lastServiceDate: "2024-02-01" }));
  });
});

describe("lifecycle.classify: a household's second car (issue 25.4)", () => {
  const newest = { vehicleId: "N", deliveryDate: "2023-09-01" };
  const second = { vehicleId: "S", deliveryDate: "2020-05-01" };
  const visits = [
    { vehicleId: "N", date: "2024-02-01", type: "maintenance" as const },
    { vehicleId: "S", date: "2020-10-01", type: "maintenance" as const },
    { vehicleId: "S", date: "2021-10-01", type: "maintenance" as const },
    { vehicleId: "S", date: "2022-10-01", type: "maintenance" as const },
  ];
  it("flags a second car that lapsed recently, whatever the newest car's stage", () => {
    const customer = { customerId: "H", vehicles: [newest, second], serviceEvents: visits };
    const recent = lifecycle.classify(customer, { asOf: "2024-03-15" });
    expect(recent.stage).toBe("in-warranty");
    expect(recent.flags).toContain("second-car-lapsed");
    expect(recent.reasons.map((r) => r.text).join(" ")).toMatch(/second car S: maintenance overdue by \d+ days/);
    // Two years on, the lapse is old news; a trade-in closes it at once.
    expect(lifecycle.classify(customer, { asOf: "2025-12-01" }).flags).not.toContain("second-car-lapsed");
    const tradedIn = {
      ...customer,
      serviceEvents: [...visits, { vehicleId: "S", date: "2023-09-01", type: "trade-in" as const }],
    };
    expect(lifecycle.classify(tradedIn, { asOf: "2024-03-15" }).flags).not.toContain("second-car-lapsed");
  });

  it("reports each vehicle's own stage: the newest's is the customer's; the batch reads the same", () => {
    const customer = { customerId: "H", vehicles: [newest, second], serviceEvents: visits };
    const result = lifecycle.classify(customer, { asOf: "2024-03-15" });
    expect(result.vehicles).toEqual([
      { vehicleId: "N", stage: "in-warranty", tradedIn: false },
      { vehicleId: "S", stage: "lapsed", tradedIn: false },
    ]);
    const tradedIn = {
      ...customer,
      serviceEvents: [...visits, { vehicleId: "S", date: "2023-09-01", type: "trade-in" as const }],
    };
    expect(lifecycle.classify(tradedIn, { asOf: "2024-03-15" }).vehicles[1]).toMatchObject({ tradedIn: true });
    const batch = lifecycle.classifyBatch([customer, { customerId: "P" }], { asOf: "2024-03-15", reasons: false });
    expect(batch.results[0]!.vehicles).toEqual(result.vehicles);
    expect(batch.results[1]!.vehicles).toEqual([]);
    // A car not yet acquired on the day is not listed.
    expect(lifecycle.classify(customer, { asOf: "2021-03-15" }).vehicles.map((v) => v.vehicleId)).toEqual(["S"]);
  });
});
