// npm run demo: the money and validation layers on the bundled CDNOW sample (6,919 purchases of 2,357 customers).
import { readFileSync } from "node:fs";
import { roundMoney, sumMoney, transactionSchema, validateEach } from "../src/index.js";

const csv = readFileSync(new URL("./data/cdnow_sample_transactions.csv", import.meta.url), "utf8")
  .trim()
  .split("\n");
const rows = csv.slice(1).map((line) => {
  const [, sampleId, date, , sales] = line.split(",");
  return {
    customerId: Number(sampleId),
    date: `${date?.slice(0, 4)}-${date?.slice(4, 6)}-${date?.slice(6, 8)}`,
    amount: sales,
  };
});
// One deliberately broken row shows per-row errors without aborting the batch.
rows.push({ customerId: 9999, date: "1997-02-30", amount: "12,50" });

const { values, errors } = validateEach(transactionSchema, rows, "transaction");
const valid = values.filter((value) => value !== undefined);
const total = sumMoney(valid.map((transaction) => transaction.amount ?? 0));
console.log(`transactions read:   ${rows.length}`);
console.log(`valid transactions:  ${valid.length} of ${new Set(valid.map((t) => t.customerId)).size} customers`);
console.log(`total sales (USD):   ${roundMoney(total).toFixed(2)} (exact decimal sum, rounded half-even once)`);
for (const error of errors) console.log(`rejected row ${error.rowIndex}: ${error.message}`);
