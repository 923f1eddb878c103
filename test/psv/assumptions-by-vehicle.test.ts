import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, psv } from "../../src/index.js";

// Issue 25.4: mixed portfolios and households — each vehicle runs on its own segment's assumptions.
const asOf = "2024-06-30";
const mass = psv.defaultAssumptions({ segment: "mass" }).assumptions;
const luxury = psv.defaultAssumptions({ segment: "luxury" }).assumptions;
const bySegment = { by: { luxury, mass }, default: mass };

const car = (vehicleId: string, customerId: string, segment: string, deliveryDate: string) => ({
  vehicleId,
  customerId,
  segment,
  deliveryDate,
});

describe("psv.assessCustomers with assumptions by segment", () => {
  it("a household's luxury and mass cars each get their own segment's values", () => {
    const vehicles = [car("L", "H1", "luxury", "2023-01-10"), car("M", "H1", "mass", "2023-01-10")];
    const result = psv.assessCustomers({ vehicles, serviceEvents: [], asOf, assumptions: bySegment });
    const [first, second] = result.customers[0]!.vehicles;
    const byId = new Map([first!, second!].map((vehicle) => [vehicle.vehicleId, vehicle]));
    const alone = (segmentAssumptions: typeof mass, vehicle: ReturnType<typeof car>) =>
      psv.assessCustomers({ vehicles: [vehicle], serviceEvents: [], asOf, assumptions: segmentAssumptions })
        .customers[0]!.vehicles[0]!;
    expect(byId.get("L")!.lockedValue.toFixed(2)).toBe(alone(luxury, vehicles[0]!).lockedValue.toFixed(2));
    expect(byId.get("M")!.lockedValue.toFixed(2)).toBe(alone(mass, vehicles[1]!).lockedValue.toFixed(2));
    expect(byId.get("L")!.lockedValue.toNumber()).toBeGreaterThan(1.5 * byId.get("M")!.lockedValue.toNumber());
  });

  it("each vehicle of a mixed fleet is assessed as it would be with its own segment's assumptions", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            segment: fc.constantFrom("luxury", "mass", "unknown"),
            days: fc.integer({ min: 30, max: 3000 }),
            visits: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (rows) => {
          const vehicles = rows.map((row, k) =>
            car(
              `V${k}`,
              `C${k}`,
              row.segment,
              new Date(Date.parse(asOf) - row.days * 86_400_000).toISOString().slice(0, 10),
            ),
          );
          const serviceEvents = rows.flatMap((row, k) =>
            Array.from({ length: row.visits }, (_, j) => ({
              vehicleId: `V${k}`,
              date: new Date(Date.parse(asOf) - Math.floor((row.days * (j + 1)) / (row.visits + 1)) * 86_400_000)
                .toISOString()
                .slice(0, 10),
              type: "maintenance" as const,
              margin: "600",
            })),
          );
          const mixed = psv.assessCustomers({ vehicles, serviceEvents, asOf, assumptions: bySegment });
          rows.forEach((row, k) => {
            const own = row.segment === "luxury" ? luxury : mass;
            const alone = psv.assessCustomers({
              vehicles: [vehicles[k]!],
              serviceEvents: serviceEvents.filter((event) => event.vehicleId === `V${k}`),
              asOf,
              assumptions: own,
            }).customers[0]!;
            const found = mixed.customers.find((customer) => customer.customerId === `C${k}`)!;
            expect(found.obtainableValue.toFixed(2)).toBe(alone.obtainableValue.toFixed(2));
            expect(found.saveableValue.toFixed(2)).toBe(alone.saveableValue.toFixed(2));
            expect(found.lockedValue.toFixed(2)).toBe(alone.lockedValue.toFixed(2));
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it("picks by any field named, reads it from columns, and rejects a bad map", () => {
    const vehicles = [
      { vehicleId: "E", customerId: "C1", deliveryDate: "2023-01-10", powertrain: "ev" },
      { vehicleId: "I", customerId: "C2", deliveryDate: "2023-01-10", powertrain: "ice" },
    ];
    const byPowertrain = { field: "powertrain", by: { ev: luxury }, default: mass };
    const rows = psv.assessCustomers({
      vehicles: vehicles as unknown as psv.AssessVehicle[],
      serviceEvents: [],
      asOf,
      assumptions: byPowertrain,
    });
    const columns = psv.assessCustomers({
      vehicles: {
        vehicleId: ["E", "I"],
        customerId: ["C1", "C2"],
        deliveryDate: ["2023-01-10", "2023-01-10"],
        powertrain: ["ev", "ice"],
      } as unknown as psv.AssessVehicleColumns,
      serviceEvents: [],
      asOf,
      assumptions: byPowertrain,
    });
    expect(columns.customers).toEqual(rows.customers);
    const locked = new Map(rows.customers.map((c) => [c.customerId, c.lockedValue.toNumber()]));
    expect(locked.get("C1")!).toBeGreaterThan(locked.get("C2")!);
    expect(() =>
      psv.assessCustomers({
        vehicles: [],
        serviceEvents: [],
        asOf,
        assumptions: { by: { luxury: { ...luxury, kmPerYear: -1 } }, default: mass },
      }),
    ).toThrow(InvalidInputError);
    expect(() =>
      psv.assessCustomers({ vehicles: [], serviceEvents: [], asOf, assumptions: { by: [], default: mass } as never }),
    ).toThrow(InvalidInputError);
  });
});
