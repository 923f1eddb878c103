import { psv } from "../src/index.js";
const a = psv.defaultAssumptions({ segment: "mass" }).assumptions;
const vehicles = [{ vehicleId: "V", customerId: "C", deliveryDate: "2022-01-01" }];
const t = (name: string, f: () => unknown) => { const t0 = performance.now(); try { const r = f(); console.log(name, "OK", String(r).slice(0, 80), (performance.now() - t0).toFixed(0), "ms"); } catch (e) { console.log(name, (e as Error).constructor.name, (e as Error).message.slice(0, 160)); } };
t("1e300", () => psv.assessCustomers({ vehicles, serviceEvents: [], asOf: "2024-01-01", assumptions: { ...a, maintenanceValue: 1e300 } }).totals.obtainableValue.toString());
t("score 1e300", () => psv.score({ vehicleId: "V", deliveryDate: "2022-01-01" }, { ...a, maintenanceValue: 1e300 }, { asOf: "2024-01-01" }).total.toString());
t("interval tiny", () => psv.assessCustomers({ vehicles, serviceEvents: [], asOf: "2024-01-01", assumptions: { ...a, serviceIntervalMonths: 1e-3 } }).totals.obtainableValue.toString());
