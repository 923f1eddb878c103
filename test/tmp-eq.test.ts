import { expect, it } from "vitest";
import * as old from "../dist/esm/index.js";
import { generateDealerData, psv } from "../src/index.js";

it("same calibration", () => {
  for (const seed of [1, 5]) {
    const dealer = generateDealerData({
      vehicles: 4000,
      seed,
      asOf: "2024-06-30",
      prospectShare: 0.1,
      campaigns: { dates: ["2023-01-10", "2023-06-10", "2023-11-10"], leadDays: [-60, 120] },
    });
    const data = {
      vehicles: dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
      serviceEvents: dealer.flatMap((c) => c.serviceEvents),
      contacts: dealer.flatMap((c) => (c.contacts ?? []).map((row) => ({ ...row, customerId: c.customerId }))),
      asOf: "2024-06-30",
      historyStart: "2019-01-01",
    };
    expect(JSON.stringify(psv.calibrate(data))).toBe(JSON.stringify(old.psv.calibrate(data)));
  }
});
