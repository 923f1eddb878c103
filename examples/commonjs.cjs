// CommonJS example (run after `npm run build`): node examples/commonjs.cjs
const { paretoNbd, sumMoney } = require("autoclv");

const params = { r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 }; // Pareto/NBD on CDNOW, weeks
console.log(
  "P(alive) of a customer with 2,000 purchases",
  paretoNbd.probabilityAlive(params, { frequency: 2000, recency: 38.8, T: 38.86 }),
);
console.log("exact money sum", sumMoney(["0.10", "0.20"]).toString());
