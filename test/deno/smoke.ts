// Deno smoke test: imports the built ES modules (resolving zod and decimal.js from node_modules, no network)
// and checks a few results. Run by .ci/run as `npx deno run --allow-read test/deno/smoke.ts`.
import { InvalidInputError, parseMoney, sumMoney } from "../../dist/esm/index.js";
import { logGamma } from "../../dist/esm/math/index.js";

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`Deno smoke test failed: ${message}`);
}

check(Math.abs(logGamma(5) - Math.log(24)) < 1e-14, "logGamma(5) = ln 24");
check(sumMoney(["0.1", "0.2"]).toString() === "0.3", "exact money sum");
let threw = false;
try {
  parseMoney("12,50");
} catch (error) {
  threw = error instanceof InvalidInputError;
}
check(threw, "bad money throws InvalidInputError");
console.log("deno smoke: ok");
