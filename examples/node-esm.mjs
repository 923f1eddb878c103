// Node ESM example (run after `npm run build`): node examples/node-esm.mjs
import { bgnbd, retentionLifetimeValue } from "autoclv";

const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // BG/NBD on CDNOW, weeks
const customer = { frequency: 2, recency: 30.43, T: 38.86 };
console.log("P(alive)", bgnbd.probabilityAlive(params, customer).toFixed(4));
console.log("expected purchases, next 39 weeks", bgnbd.conditionalExpectedPurchases(params, 39, customer).toFixed(3));
console.log(
  "retention CLV",
  retentionLifetimeValue({ margin: "100", retentionRate: 0.8, discountRate: 0.1 }).toFixed(2),
);
