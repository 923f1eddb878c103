// Issue 23: null, undefined, a BigInt, NaN, a Symbol or a throwing getter in any input position of any public function
// (an argument, a key of an object argument, the first entry of an array argument) gives a typed error or a result,
// never an untyped throw. The calls start from one valid call of each public function (public-calls.ts).
import fc from "fast-check";
import { describe, it } from "vitest";
import { AutoclvError } from "../../src/index.js";
import { PUBLIC_CALLS, run, thrown } from "./public-calls.js";

/** An object whose every read throws the caller's own error, as a broken getter or proxy would. */
function throwingObject(): object {
  const fail = () => {
    throw new Error("the caller's getter failed");
  };
  return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail });
}

const HOSTILE: [string, () => unknown][] = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["a BigInt", () => 10n],
  ["NaN", () => Number.NaN],
  ["a Symbol", () => Symbol("hostile")],
  ["a throwing getter", throwingObject],
];

/** Every input position of a call: each argument, each key of a plain-object argument, each array's first entry. */
function positions(args: unknown[]): { label: string; set: (args: unknown[], value: () => unknown) => void }[] {
  const found: { label: string; set: (args: unknown[], value: () => unknown) => void }[] = [];
  args.forEach((argument, index) => {
    found.push({
      label: `argument ${index}`,
      set: (list, value) => {
        list[index] = value();
      },
    });
    if (Array.isArray(argument) && argument.length > 0) {
      found.push({
        label: `argument ${index}[0]`,
        set: (list, value) => {
          list[index] = [value(), ...(list[index] as unknown[]).slice(1)];
        },
      });
    } else if (
      argument !== null &&
      typeof argument === "object" &&
      Object.getPrototypeOf(argument) === Object.prototype
    ) {
      for (const key of Object.keys(argument)) {
        found.push({
          label: `argument ${index}.${key}`,
          set: (list, value) => {
            const copy = { ...(list[index] as object) } as Record<string, unknown>;
            const hostile = value();
            if (hostile !== null && typeof hostile === "object" && isThrowing(hostile)) {
              Object.defineProperty(copy, key, {
                enumerable: true,
                get() {
                  throw new Error("the caller's getter failed");
                },
              });
            } else copy[key] = hostile;
            list[index] = copy;
          },
        });
      }
    }
  });
  return found;
}

function isThrowing(value: object): boolean {
  try {
    Reflect.ownKeys(value);
    return false;
  } catch {
    return true;
  }
}

describe("hostile values in every input position give a typed error or a result", () => {
  it.each(Object.entries(PUBLIC_CALLS))("%s", (name, call) => {
    const untyped: string[] = [];
    for (const position of positions(call.args())) {
      for (const [label, value] of HOSTILE) {
        const args = call.args();
        position.set(args, value);
        const error = thrown(() => run(name, args));
        if (error !== undefined && !(error instanceof AutoclvError))
          untyped.push(`${position.label} = ${label}: ${String(error)}`);
      }
    }
    if (untyped.length > 0) throw new Error(`untyped throws:\n${untyped.map((line) => `UNTYPED ${line}`).join("\n")}`);
  });
});

describe("any value in any input position (fast-check)", () => {
  const names = Object.keys(PUBLIC_CALLS).filter(
    (name) => !/fit|simulate|generateDealerData|calibrate|assess/.test(name),
  );
  it("gives a typed error or a result", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.nat(),
        fc.oneof(
          fc.anything({ maxDepth: 2, withBigInt: true, withTypedArray: true }),
          fc.constantFrom(null, undefined, 10n, Number.NaN, Symbol("hostile")),
        ),
        (name, pick, hostile) => {
          const call = PUBLIC_CALLS[name] as (typeof PUBLIC_CALLS)[string];
          const places = positions(call.args());
          const place = places[pick % places.length] as (typeof places)[number];
          const args = call.args();
          place.set(args, () => hostile);
          const error = thrown(() => run(name, args));
          if (error !== undefined && !(error instanceof AutoclvError))
            throw new Error(`${name} ${place.label}: ${String(error)}`);
        },
      ),
      { numRuns: 400, seed: 23 },
    );
  });
});
