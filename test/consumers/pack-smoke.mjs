// Run by .ci/run in a scratch project where the packed tarball is installed: what a user of the published package
// gets, through ESM, CommonJS, the subpaths and the UDF script.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { bgnbd, charts as chartsFromRoot, evaluate, psv } from "autoclv";
import { calibrationVsHoldout, toSvg } from "autoclv/charts";
import { logGamma } from "autoclv/math";
import { bgnbdProbabilityAlive } from "autoclv/udf";

const customers = bgnbd.simulate({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, 500, { seed: 1, T: 39, holdout: 39 });
const fit = bgnbd.fit(customers);
const groups = evaluate.calibrationVsHoldout({ model: "bgnbd", params: fit.params }, customers, { holdoutLength: 39 });
const svg = toSvg(calibrationVsHoldout(groups));
if (!svg.startsWith("<svg") || typeof chartsFromRoot.tracking !== "function") throw new Error("charts subpath broken");
const { assumptions } = psv.defaultAssumptions({ segment: "mass" });
const value = psv.score({ vehicleId: 1, deliveryDate: "2022-01-01" }, assumptions, { asOf: "2024-01-01" }).total;
const require = createRequire(import.meta.url);
const commonjs = require("autoclv");
const chartsCommonjs = require("autoclv/charts");
const mathCommonjs = require("autoclv/math");
if (Math.abs(logGamma(5) - Math.log(24)) > 1e-12 || typeof mathCommonjs.logGamma !== "function") {
  throw new Error("math subpath broken");
}
if (typeof commonjs.bgnbd.fit !== "function" || typeof chartsCommonjs.toSvg !== "function") {
  throw new Error("CommonJS entry points broken");
}
// The UDF script the package ships, in a bare context as a warehouse runs it: the subpath's values, NULL for NULL.
const script = readFileSync(new URL("./node_modules/autoclv/dist/udf/autoclv-udf.iife.js", import.meta.url), "utf8");
const warehouse = vm.createContext({});
vm.runInContext(script, warehouse);
const inWarehouse = vm.runInContext(
  "autoclvUdf.bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86)",
  warehouse,
);
const nullRow = vm.runInContext(
  "autoclvUdf.bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, null, 30.43, 38.86)",
  warehouse,
);
const udfCommonjs = require("autoclv/udf");
if (
  inWarehouse !== bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86) ||
  nullRow !== null ||
  typeof udfCommonjs.paretoNbdProbabilityAlive !== "function"
) {
  throw new Error("udf subpath or UDF script broken");
}
console.log(
  `packed package: BG/NBD r ${fit.params.r.toFixed(3)}, ${groups.length} holdout groups, PSV ${value.toFixed(2)}`,
);
