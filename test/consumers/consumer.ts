// What a TypeScript consumer of the published package sees: Decimal money that is typed, in every module mode.
// .ci/run copies this file into an ESM (nodenext), a CommonJS (nodenext) and a bundler project, each with
// skipLibCheck false, and into a Deno project (node_modules resolution), and type-checks it in each.
import { psv } from "autoclv";

const scored = psv.score(
  { vehicleId: 1, deliveryDate: "2022-01-01" },
  psv.defaultAssumptions({ segment: "mass" }).assumptions,
  { asOf: "2024-01-01" },
);
export const text: string = scored.total.toFixed(2);
// @ts-expect-error money is a Decimal, not a number: this line must not compile
export const wrong: number = scored.total;

// The charts subpath: Vega-Lite specs from plot-ready data, typed, without the models.
import { periodTransactions, type VegaLiteSpec } from "autoclv/charts";

export const spec: VegaLiteSpec = periodTransactions([{ label: "0", frequency: 0, actual: 5, expected: 4.5 }]);

// The math subpath: the special functions and optimisers the models use.
import { logGamma } from "autoclv/math";

export const logFactorial4: number = logGamma(5);

// The udf subpath: scalar functions for warehouse UDFs, null for a bad row.
import { bgnbdProbabilityAlive } from "autoclv/udf";

export const alive: number | null = bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86);
