// Issue 27: reasons carry stable codes and the values they show, so a UI can translate them. Every code the call
// list and the lifecycle stages give is documented with its params, every documented code occurs on a generated
// dealer, and the params are the values the English text shows (the call list also keeps the due date of an overdue
// vehicle, which its text gives as days overdue).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateDealerData, lifecycle, psv, type Reason } from "../../src/index.js";

const dealer = generateDealerData({ vehicles: 1500, seed: 9, asOf: "2024-06-30" });
const assessed = psv.assessCustomers({
  vehicles: dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
  serviceEvents: dealer.flatMap((c) => c.serviceEvents),
  asOf: "2024-06-30",
});
const psvReasons = assessed.customers.flatMap((customer) => customer.reasons);
const lifecycleReasons = dealer.flatMap((customer) => lifecycle.classify(customer, { asOf: "2024-06-30" }).reasons);
const documented = (file: string, prefix: string) =>
  new Set(
    [
      ...readFileSync(new URL(`../../docs/${file}`, import.meta.url), "utf8").matchAll(
        /`((?:psv|lifecycle)\.[a-z-]+)`/g,
      ),
    ]
      .map((match) => match[1] as string)
      .filter((code) => code.startsWith(prefix) && !/\.(classify|classifyBatch|assessCustomers|calibrate)$/.test(code)),
  );

describe.each([
  ["psv.assessCustomers", psvReasons, documented("psv.md", "psv."), 8],
  ["lifecycle.classify", lifecycleReasons, documented("rfm-service-lifecycle.md", "lifecycle."), 10],
] as const)("%s reasons", (_, reasons, codes, seen) => {
  it("have documented codes, and most documented codes occur on a generated dealer", () => {
    const given = new Set(reasons.map((r: Reason) => r.code));
    expect([...given].filter((code) => !codes.has(code))).toEqual([]);
    expect(given.size).toBeGreaterThanOrEqual(seen);
  });
  it("hold plain values that the text shows", () => {
    for (const { params, text } of reasons as readonly Reason[]) {
      for (const [name, value] of Object.entries(params)) {
        expect(["string", "number", "boolean"]).toContain(typeof value);
        if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
        if (/Date$|^date$|boughtUsedOn/.test(name)) {
          expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          // The lifecycle's phrasings show every date they hold; the call list's keep the due date as data too.
          if (name !== "dueDate" || !String(text).includes("overdue by")) expect(text).toContain(String(value));
        }
        if (name === "vehicleId") expect(text).toContain(String(value));
      }
    }
  });
});
