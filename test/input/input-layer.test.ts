// Issue 23: every public function reads its input through one layer. Starting from one valid call of each public
// function of every entry point (public-calls.ts): a misspelt option is a typed InvalidInputError that names it and
// the closest valid name; and null, undefined, a BigInt, NaN, a Symbol or a throwing getter in any input position (an
// argument, a key of an object argument, the first entry of an array argument) gives a typed error or a result,
// never an untyped throw.
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/index.js";
import { PUBLIC_CALLS, publicFunctions, run, thrown } from "./public-calls.js";

const functions = publicFunctions();

const withOptions = Object.entries(PUBLIC_CALLS).filter(([, call]) => call.options !== undefined);

/** A typo of a name: the first two different neighbouring letters after the first swapped (else a letter added). */
function typo(name: string): string {
  for (let index = 1; index + 1 < name.length; index++)
    if (name[index] !== name[index + 1])
      return `${name.slice(0, index)}${name[index + 1]}${name[index]}${name.slice(index + 2)}`;
  return `${name}x`;
}

describe("the public surface", () => {
  it("has one valid call listed for every public function of every entry point, and none for a function it lacks", () => {
    expect([...functions.keys()].filter((name) => !(name in PUBLIC_CALLS))).toEqual([]);
    expect(Object.keys(PUBLIC_CALLS).filter((name) => !functions.has(name))).toEqual([]);
  });
});

describe("a misspelt option is named, with the closest valid name", () => {
  it.each(withOptions)("%s", (name, call) => {
    const args = call.args();
    expect(() => run(name, call.args())).not.toThrow();
    const index = call.options as number;
    const options = (args[index] ?? {}) as Record<string, unknown>;
    const original = call.misspell ?? Object.keys(options)[0];
    if (original === undefined) throw new Error(`${name}: say which option to misspell`);
    const misspelt = typo(original);
    const { [original]: value, ...rest } = options;
    args[index] = { ...rest, [misspelt]: value ?? 1 };
    const error = thrown(() => run(name, args));
    expect(error, `${name} accepted \`${misspelt}\``).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain(`unknown option \`${misspelt}\` — did you mean \`${original}\`?`);
  });
});

describe("misspelt names inside nested option records are named too", () => {
  const cases: [string, string, (args: unknown[]) => void, string][] = [
    [
      "customerLifetimeValue",
      "transactionModel.parmas",
      (args) => {
        const options = args[0] as Record<string, unknown>;
        const { params, ...rest } = options["transactionModel"] as Record<string, unknown>;
        args[0] = { ...options, transactionModel: { ...rest, parmas: params } };
      },
      "params",
    ],
    [
      "customerLifetimeValue",
      "rounding.decimalPlace",
      (args) => {
        args[0] = { ...(args[0] as object), rounding: { decimalPlace: 2 } };
      },
      "decimalPlaces",
    ],
    [
      "service.status",
      "schedule.firstServiceMonth",
      (args) => {
        args[1] = { firstServiceMonth: 4 };
      },
      "firstServiceMonths",
    ],
    [
      "psv.score",
      "assumptions.maintenanceValu",
      (args) => {
        args[1] = { ...(args[1] as object), maintenanceValu: 1 };
      },
      "maintenanceValue",
    ],
    [
      "lifecycle.classify",
      "rules.lapsedAfterDay",
      (args) => {
        args[1] = { ...(args[1] as object), rules: { lapsedAfterDay: 400 } };
      },
      "lapsedAfterDays",
    ],
    [
      "generateDealerData",
      "truth.paths",
      (args) => {
        args[0] = { ...(args[0] as object), truth: { date: "2024-01-01", pahts: 5 } };
      },
      "paths",
    ],
    [
      "rfm.scoreColumns",
      "thresholds.recncy",
      (args) => {
        args[1] = { method: "thresholds", thresholds: { recncy: [1], frequency: [1], monetary: [1] } };
      },
      "recency",
    ],
    [
      "evaluate.heterogeneity",
      "model.parmas",
      (args) => {
        args[0] = { model: "bgnbd", parmas: {} };
      },
      "params",
    ],
  ];
  it.each(cases)("%s: %s", (name, _, change, original) => {
    const call = PUBLIC_CALLS[name];
    if (call === undefined) throw new Error(name);
    const args = call.args();
    change(args);
    const error = thrown(() => run(name, args));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain(`did you mean \`${original}\`?`);
  });
});

describe("records read by the input layer", () => {
  it("keep a JSON key __proto__ as data, never as the copy's prototype", () => {
    const params = JSON.parse(
      '{"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "__proto__": {"polluted": true, "covariates": {"transaction": {"x": 1}}}}',
    );
    const alive = run("bgnbd.probabilityAlive", [params, { frequency: 2, recency: 30.43, T: 38.86 }]);
    expect(alive).toBe(
      run("bgnbd.probabilityAlive", [
        { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
        { frequency: 2, recency: 30.43, T: 38.86 },
      ]),
    );
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
