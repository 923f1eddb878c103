// npm run demo: fits BG/NBD and Gamma-Gamma on the bundled CDNOW sample and ranks customers by lifetime value.
import { readFileSync } from "node:fs";
import {
  bgnbd,
  customerLifetimeValue,
  gammaGamma,
  paretoNbd,
  roundMoney,
  sumMoney,
  summarizeTransactions,
  transactionSchema,
  validateEach,
} from "../src/index.js";

const started = performance.now();
const lines = readFileSync(new URL("./data/cdnow_sample_transactions.csv", import.meta.url), "utf8")
  .trim()
  .split("\n");
const rows: { customerId: number; date: string; amount: string | undefined }[] = lines.slice(1).map((line) => {
  const [, sampleId, date, , sales] = line.split(",");
  return {
    customerId: Number(sampleId),
    date: `${date?.slice(0, 4)}-${date?.slice(4, 6)}-${date?.slice(6, 8)}`,
    amount: sales,
  };
});
// One deliberately broken row: batch validation reports it and keeps the rest.
rows.push({ customerId: 9999, date: "1997-02-30", amount: "12,50" });
const { values, errors } = validateEach(transactionSchema, rows, "transaction");
const transactions = values.filter((value) => value !== undefined);

console.log("autoclv demo — CDNOW sample (Fader & Hardie), 39-week calibration, 39-week holdout\n");
console.log(`transactions read ${rows.length}, valid ${transactions.length}, rejected ${errors.length}:`);
for (const error of errors) console.log(`  ${error.message}`);
console.log(
  `total sales $${roundMoney(sumMoney(transactions.map((t) => t.amount ?? 0))).toFixed(2)} (exact decimal sum)\n`,
);

const customers = summarizeTransactions(transactions, {
  calibrationEnd: "1997-09-30",
  observationEnd: "1998-06-30",
  timeUnit: "week",
  customerId: "customerId",
  date: "date",
  amount: (t) => t.amount?.toNumber(),
});
const transactionFit = bgnbd.fit(customers);
const paretoFit = paretoNbd.fit(customers);
const spendFit = gammaGamma.fit(customers);
const format = (record: object) =>
  Object.entries(record)
    .map(([name, value]) => `${name} ${(value as number).toPrecision(4)}`)
    .join(", ");
console.log(`${customers.length} customers summarised (weeks)`);
console.log(
  `BG/NBD      ${format(transactionFit.params)}; LL ${transactionFit.logLikelihood.toFixed(2)} (published: r 0.243, α 4.414, a 0.793, b 2.426; LL −9582.4)`,
);
console.log(`Pareto/NBD  ${format(paretoFit.params)}; LL ${paretoFit.logLikelihood.toFixed(2)} (BTYD: LL −9594.98)`);
console.log(`Gamma-Gamma ${format(spendFit.params)} (published: p 6.25, q 3.74, γ 15.44)\n`);

const predicted = bgnbd.conditionalExpectedPurchasesBatch(transactionFit.params, 39, customers);
const actualHoldout = customers.reduce((sum, customer) => sum + (customer.holdoutFrequency ?? 0), 0);
console.log(
  `holdout repeat purchases: predicted ${predicted.reduce((a, b) => a + b, 0).toFixed(0)}, actual ${actualHoldout}\n`,
);

const clv = customerLifetimeValue({
  transactionModel: { model: "bgnbd", params: transactionFit.params },
  spendModel: { model: "gammaGamma", params: spendFit.params },
  customers,
  horizon: 52,
  timeUnit: "week",
  discountRate: 0.1,
  margin: 0.3,
});
const alive = bgnbd.probabilityAliveBatch(transactionFit.params, customers);
const order = customers
  .map((_, index) => index)
  .sort((left, right) => (clv.raw[right] as number) - (clv.raw[left] as number));
console.log("Top 10 customers by 52-week CLV (30% margin, 10% a year discount):");
console.log("customer  repeat  last(wk)  P(alive)  E[buys 52wk]  E[spend]   CLV");
for (const index of order.slice(0, 10)) {
  const customer = customers[index];
  if (customer === undefined) continue;
  const expected = bgnbd.conditionalExpectedPurchases(transactionFit.params, 52, customer);
  const spend = gammaGamma.conditionalExpectedSpend(spendFit.params, customer);
  console.log(
    `${String(customer.customerId).padStart(8)}  ${String(customer.frequency).padStart(6)}  ${customer.recency.toFixed(1).padStart(8)}  ${(alive[index] as number).toFixed(3).padStart(8)}  ${expected.toFixed(2).padStart(12)}  ${spend.toFixed(2).padStart(8)}  ${clv.values[index]?.toFixed(2).padStart(7)}`,
  );
}
console.log(
  `\ncustomer base value (52 weeks): $${clv.total.toFixed(2)}; done in ${(performance.now() - started).toFixed(0)} ms`,
);
