import { paretoNbd } from "../src/index.js";
let t0 = performance.now();
const s = paretoNbd.simulate({ r: 0.5, alpha: 1e-6, s: 0.6, beta: 11.67 }, 3, { seed: 1, T: 39, holdout: 39 } as never);
console.log(Array.from(s.frequency), Array.from(s.recency), Array.from(s.holdoutFrequency), (performance.now() - t0).toFixed(1), "ms");
// distribution check vs loop at moderate rates: compare means of frequency/recency for rate ~ 2000/unit vs the exact
const p = { r: 400, alpha: 1, s: 1, beta: 2 };
t0 = performance.now();
const big = paretoNbd.simulate(p, 4000, { seed: 2, T: 5 } as never);
const mf = big.frequency.reduce((a, b) => a + b, 0) / 4000;
console.log("mean freq", mf, (performance.now() - t0).toFixed(1), "ms", "expected", paretoNbd.expectedPurchases ? paretoNbd.expectedPurchases(p, 5) : "?");
