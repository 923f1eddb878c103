// Issue 27: the call list's reasons name amounts in the `currency` option (default "RMB"), never a hard-coded one.
import { describe, expect, it } from "vitest";
import { generateDealerData, InvalidInputError, psv } from "../../src/index.js";

const dealer = generateDealerData({ vehicles: 200, seed: 4, asOf: "2024-06-30", prospectShare: 0 });
const records = {
  vehicles: dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
  serviceEvents: dealer.flatMap((c) => c.serviceEvents),
  asOf: "2024-06-30",
};

describe("psv.assessCustomers currency", () => {
  it("names amounts in RMB by default and in the currency given otherwise, with the same numbers", () => {
    const rmbReasons = psv.assessCustomers(records).customers.flatMap((c) => c.reasons);
    const eurReasons = psv.assessCustomers({ ...records, currency: "EUR" }).customers.flatMap((c) => c.reasons);
    const rmb = rmbReasons.map((reason) => reason.text);
    const eur = eurReasons.map((reason) => reason.text);
    expect(rmb.filter((reason) => reason.includes("RMB ")).length).toBeGreaterThan(50);
    expect(eur.some((reason) => reason.includes("RMB"))).toBe(false);
    expect(eur).toEqual(rmb.map((reason) => reason.replaceAll("RMB ", "EUR ")));
    // The codes and numbers do not change with the currency; only its name in params and text.
    expect(eurReasons.map(({ code, params }) => ({ code, params: { ...params, currency: "-" } }))).toEqual(
      rmbReasons.map(({ code, params }) => ({ code, params: { ...params, currency: "-" } })),
    );
  });

  it("rejects a currency that is not a short text", () => {
    for (const currency of ["", 5, "a very long currency name"])
      expect(() => psv.assessCustomers({ ...records, currency: currency as string })).toThrow(InvalidInputError);
  });
});
