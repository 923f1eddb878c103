import { describe, expect, it } from "vitest";
import { lifecycle, psv } from "../../src/index.js";

// Issue 25.6 (part): warranty and recall visits — the maker pays, the dealer earns no margin, but the owner came.
const asOf = "2024-06-30";
const vehicle = { vehicleId: "V1", customerId: "C1", deliveryDate: "2020-03-01" };
const maintenance = [
  { vehicleId: "V1", date: "2020-08-01", type: "maintenance" as const, margin: "300" },
  { vehicleId: "V1", date: "2021-08-01", type: "maintenance" as const, margin: "600" },
  { vehicleId: "V1", date: "2022-08-01", type: "maintenance" as const, margin: "600" },
];
const recall = { vehicleId: "V1", date: "2024-05-20", type: "recall" as const };

describe("a recall visit after the maintenance fell due", () => {
  it("psv.assessCustomers: the owner came — still a customer whose maintenance goes elsewhere, not lost", () => {
    const without = psv.assessCustomers({ vehicles: [vehicle], serviceEvents: maintenance, asOf });
    const withRecall = psv.assessCustomers({ vehicles: [vehicle], serviceEvents: [...maintenance, recall], asOf });
    expect(without.customers[0]!.vehicles[0]!.state).toBe("lost");
    expect(withRecall.errors).toEqual([]);
    expect(withRecall.customers[0]!.vehicles[0]!.state).toBe("drifting");
    // No margin of its own: the realised value is the maintenance visits'.
    expect(withRecall.customers[0]!.realisedValue.toFixed(2)).toBe("1500.00");
  });

  it("lifecycle.classify names it in the reasons", () => {
    const customer = { customerId: "C1", vehicles: [vehicle], serviceEvents: [...maintenance, recall] };
    const result = lifecycle.classify(customer, { asOf });
    expect(result.stage).toBe("lapsed");
    expect(result.reasons.map((r) => r.text).join(" ")).toMatch(
      /came for a recall on 2024-05-20, after the maintenance fell due/,
    );
    const warranty = { ...recall, type: "warranty" as const };
    const other = lifecycle.classify({ ...customer, serviceEvents: [...maintenance, warranty] }, { asOf });
    expect(other.reasons.map((r) => r.text).join(" ")).toMatch(/came for warranty work on 2024-05-20/);
  });
});
