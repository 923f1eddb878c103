// Issue 13.9: every public domain function, called with missing, null, empty or wrong-shaped arguments, throws an
// AutoclvError (a typed error naming what is wrong), never a raw TypeError from reading a field of undefined.
// The math kernels (autoclv/math) are not domain functions and are left out.
import { describe, expect, it } from "vitest";
import * as library from "../../src/index.js";

const params = { r: 1, alpha: 1, a: 1, b: 1, s: 1, beta: 1, p: 1, q: 2, gamma: 1, delta: 1, k: 1 };
const argumentSets: unknown[][] = [
  [],
  [null],
  [undefined, undefined],
  [null, null, null],
  [{}, {}, {}],
  [{}, null],
  [[], null],
  [[{}], {}],
  [[null], {}],
  [params, null, null],
  [params, {}, null],
  [params, [], {}],
  ["text", 1, "text"],
];

const functions: [string, (...args: unknown[]) => unknown][] = [];
for (const [name, value] of Object.entries(library)) {
  if (typeof value === "function" && !/^[A-Z]/.test(name)) {
    functions.push([name, value as (...args: unknown[]) => unknown]);
  } else if (value !== null && typeof value === "object" && !Array.isArray(value) && !/Schema$/.test(name)) {
    for (const [inner, member] of Object.entries(value)) {
      if (typeof member === "function" && !/^[A-Z]/.test(inner)) {
        functions.push([`${name}.${inner}`, member as (...args: unknown[]) => unknown]);
      }
    }
  }
}

describe("bad arguments give typed errors", () => {
  it("covers the public domain functions", () => {
    expect(functions.length).toBeGreaterThan(100);
  });
  it.each(functions)("%s", (_, call) => {
    for (const args of argumentSets) {
      try {
        call(...args);
      } catch (error) {
        expect(error, `with ${JSON.stringify(args)}: ${String(error)}`).toBeInstanceOf(library.AutoclvError);
      }
    }
  });
});
