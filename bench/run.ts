// npm run bench: speed figures for each capability, as a table. Targets come from the issues.
import { logBeta, logGamma, logHypergeometric2F1, neumaierSum, sumMoney } from "../src/index.js";
import { type BenchCase, measure, printTable } from "./harness.js";

const million = 1_000_000;
const inputs = Float64Array.from({ length: million }, (_, index) => 0.1 + (index % 1000) * 0.37);

const cases: BenchCase[] = [
  {
    capability: "math",
    name: "logGamma × 1e6",
    run: () => {
      let sum = 0;
      for (let index = 0; index < million; index++) sum += logGamma(inputs[index] as number);
      return sum;
    },
  },
  {
    capability: "math",
    name: "logBeta × 1e6",
    run: () => {
      let sum = 0;
      for (let index = 0; index < million; index++) sum += logBeta(inputs[index] as number, 2.5);
      return sum;
    },
  },
  {
    capability: "math",
    name: "log 2F1 (BG/NBD shape) × 1e5",
    run: () => {
      let sum = 0;
      for (let index = 0; index < 100_000; index++)
        sum += logHypergeometric2F1(0.24 + (index % 20), 2.4 + (index % 20), 2.2 + (index % 20), 0.5).logAbs;
      return sum;
    },
  },
  { capability: "math", name: "neumaierSum × 1e6", run: () => neumaierSum(inputs) },
  { capability: "math", name: "plain loop sum × 1e6 (limit)", run: () => inputs.reduce((s, v) => s + v, 0) },
  {
    capability: "money",
    name: "sumMoney × 1e5 strings",
    repeats: 3,
    run: () => sumMoney(Array.from({ length: 100_000 }, (_, index) => `${index}.25`)),
  },
];

printTable(cases.map(measure));
