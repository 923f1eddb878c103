import { describe, expect, it } from "vitest";
import { generateDealerData, psv } from "../../src/index.js";

// Issue 25.5: a dealer network — dealerId on vehicles and events; retention and value at the dealer's and the
// group's level (`scope`); each dealer's vehicles kept, moved within the network, and lost.
const asOf = "2024-06-30";

describe("an owner who moves to a sister dealer", () => {
  const vehicles = [
    { vehicleId: "V1", customerId: "C1", deliveryDate: "2020-03-01", dealerId: "D1" },
    { vehicleId: "V2", customerId: "C2", deliveryDate: "2020-03-01", dealerId: "D1" },
  ];
  const visit = (vehicleId: string, date: string, dealerId: string) => ({
    vehicleId,
    date,
    type: "maintenance" as const,
    margin: "300",
    dealerId,
  });
  const serviceEvents = [
    visit("V1", "2020-08-01", "D1"),
    visit("V1", "2021-08-01", "D1"),
    visit("V1", "2022-08-01", "D2"),
    visit("V1", "2023-08-01", "D2"),
    visit("V2", "2020-08-01", "D1"),
    visit("V2", "2021-08-01", "D1"),
    visit("V2", "2022-08-01", "D1"),
    visit("V2", "2023-08-01", "D1"),
  ];
  const assess = (scope?: "network" | "dealer") =>
    psv.assessCustomers({ vehicles, serviceEvents, asOf, ...(scope === undefined ? {} : { scope }) });

  it("is still a customer of the group (network scope, the default) but lost to the dealer that sold the car", () => {
    const network = assess();
    const dealer = assess("dealer");
    const state = (result: ReturnType<typeof assess>, id: string) =>
      result.customers.flatMap((c) => c.vehicles).find((v) => v.vehicleId === id)!;
    expect(state(network, "V1").state).toBe("due-soon"); // due 2024-08-01, within 60 days
    expect(state(network, "V1").pAlive).toBe(1);
    expect(state(dealer, "V1").state).toBe("lost");
    expect(dealer.eventsAtOtherDealers).toBe(2);
    expect(network.eventsAtOtherDealers).toBe(2);
    // The loyal owner is the same in both views.
    expect(state(dealer, "V2").obtainableValue.toString()).toBe(state(network, "V2").obtainableValue.toString());
  });

  it("is reported as moved within the network, the other as kept", () => {
    const [report] = assess().network;
    expect(report!.dealerId).toBe("D1");
    expect(report!.vehicles).toBe(2);
    expect(report!.kept.vehicles).toBe(1);
    expect(report!.moved.vehicles).toBe(1);
    expect(report!.lost.vehicles).toBe(0);
    expect(report!.moved.value.toNumber()).toBeGreaterThan(0);
    const [ownView] = assess("dealer").network;
    expect(ownView!.moved.vehicles).toBe(1);
    expect(ownView!.moved.value.toNumber()).toBeLessThan(report!.moved.value.toNumber());
  });

  it("reads dealer columns as it reads rows, and names a bad dealerId", () => {
    const columns = psv.assessCustomers({
      asOf,
      vehicles: {
        vehicleId: vehicles.map((v) => v.vehicleId),
        customerId: vehicles.map((v) => v.customerId),
        deliveryDate: vehicles.map((v) => v.deliveryDate),
        dealerId: vehicles.map((v) => v.dealerId),
      },
      serviceEvents: {
        vehicleId: serviceEvents.map((e) => e.vehicleId),
        date: serviceEvents.map((e) => e.date),
        type: serviceEvents.map((e) => e.type),
        margin: serviceEvents.map((e) => e.margin),
        dealerId: serviceEvents.map((e) => e.dealerId),
      },
      scope: "dealer",
    });
    expect(JSON.stringify(columns.network)).toBe(JSON.stringify(assess("dealer").network));
    const bad = psv.assessCustomers({
      asOf,
      vehicles: [{ ...vehicles[0]!, dealerId: "" }],
      serviceEvents: [{ ...serviceEvents[0]!, vehicleId: "V9", dealerId: {} as never }],
    });
    expect(bad.errors.map((error) => [error.subject, error.rowIndex, error.issues[0]!.path[0]])).toContainEqual([
      "vehicle",
      0,
      "dealerId",
    ]);
    expect(bad.errors.some((error) => error.issues.some((issue) => issue.path[0] === "dealerId"))).toBe(true);
    expect(() => psv.assessCustomers({ vehicles, serviceEvents, asOf, scope: "group" as never })).toThrow(/scope/);
  });
});

describe("a group of two dealers (generateDealerData({ dealers }))", () => {
  const records = (moveShare: number) => {
    const base = generateDealerData({ vehicles: 4000, seed: 8, asOf, dealers: { moveShare } });
    return {
      vehicles: base.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
      serviceEvents: base.flatMap((c) => c.serviceEvents),
      asOf,
    };
  };
  const moving = records(0.3);

  it("retention is lower in a dealer's own view than in the group's, where a move is not a loss", () => {
    const network = psv.calibrate({ ...moving, scope: "network" }).assumptions;
    const dealer = psv.calibrate({ ...moving, scope: "dealer" }).assumptions;
    expect(dealer.retentionPostWarranty).toBeLessThan(network.retentionPostWarranty);
    expect(dealer.leavePostWarranty).toBeGreaterThan(network.leavePostWarranty);
  });

  it("without moves the two views agree exactly", () => {
    const still = records(0);
    expect(psv.calibrate({ ...still, scope: "dealer" }).assumptions).toEqual(
      psv.calibrate({ ...still, scope: "network" }).assumptions,
    );
  });

  it("splits each dealer's vehicles in service into kept, moved and lost", () => {
    const result = psv.assessCustomers(moving);
    expect(result.network.map((report) => report.dealerId).sort()).toEqual(["D1", "D2"]);
    const active = new Map<string, number>();
    const ids = new Map(moving.vehicles.map((v) => [v.vehicleId, v.dealerId]));
    for (const vehicle of result.customers.flatMap((c) => c.vehicles))
      if (vehicle.state !== "traded-in" && vehicle.state !== "end-of-life") {
        const dealer = ids.get(vehicle.vehicleId as string)!;
        active.set(dealer, (active.get(dealer) ?? 0) + 1);
      }
    for (const report of result.network) {
      expect(report.kept.vehicles + report.moved.vehicles + report.lost.vehicles).toBe(report.vehicles);
      expect(report.vehicles).toBe(active.get(report.dealerId as string));
      expect(report.moved.vehicles).toBeGreaterThan(0);
    }
  });
});

describe("households with mixed segments (generateDealerData({ households }))", () => {
  const base = generateDealerData({ vehicles: 600, seed: 6, asOf, households: { share: 0.3 } });

  it("gives a share of customers a luxury car beside their mass one, each vehicle labelled", () => {
    const mixed = base.filter((c) => new Set(c.vehicles.map((v) => v.segment)).size === 2);
    expect(mixed.length / 600).toBeGreaterThan(0.2);
    expect(mixed.length / 600).toBeLessThan(0.4);
    expect(base.every((c) => c.vehicles.every((v) => v.segment === "mass" || v.segment === "luxury"))).toBe(true);
    const ids = base.flatMap((c) => c.vehicles.map((v) => v.vehicleId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is assessed per segment: a household's luxury car locks in more than its mass car", () => {
    const mass = psv.defaultAssumptions({ segment: "mass" }).assumptions;
    const luxury = psv.defaultAssumptions({ segment: "luxury" }).assumptions;
    const result = psv.assessCustomers({
      vehicles: base.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
      serviceEvents: base.flatMap((c) => c.serviceEvents),
      asOf,
      assumptions: { by: { mass, luxury }, default: mass },
    });
    expect(result.errors).toEqual([]);
    const segmentOf = new Map(base.flatMap((c) => c.vehicles.map((v) => [v.vehicleId, v.segment])));
    const newCar = (vehicle: { vehicleId: string | number }) =>
      base.flatMap((c) => c.vehicles).find((v) => v.vehicleId === vehicle.vehicleId)!.acquiredDate === undefined;
    const locked = (segment: string) =>
      result.customers
        .flatMap((c) => c.vehicles)
        .filter((v) => segmentOf.get(v.vehicleId as string) === segment && newCar(v) && v.state !== "traded-in")
        .map((v) => v.lockedValue.toNumber());
    expect(Math.min(...locked("luxury"))).toBeGreaterThan(Math.max(...locked("mass")));
  });
});
