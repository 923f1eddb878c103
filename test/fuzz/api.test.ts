// Issue 26: the standing fuzz suite over every export of autoclv, autoclv/charts and autoclv/math. Each public
// function runs from its valid call with up to three random mutations (harness.ts) and must give a typed error or a
// finite answer, within 2 s, without touching its input, the same answer twice. ≥ 20,000 calls here;
// `npm run fuzz` (FUZZ_SCALE=10) runs ≥ 200,000.
import { appendFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import { PUBLIC_CALLS, publicFunctions } from "../input/public-calls.js";
import { check, type Finding, mutated, mutations, runsFor, SCALE, SEED } from "./harness.js";

// FUZZ_SCALE multiplies the runs, so the time a test may take too.
vi.setConfig({ testTimeout: 60_000 * SCALE });

let calls = 0;

function seedOf(name: string): number {
  let hash = SEED;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

describe("fuzz: every public function, mutated arguments", () => {
  it("has a valid call for every public function", () => {
    expect([...publicFunctions().keys()].filter((name) => !(name in PUBLIC_CALLS))).toEqual([]);
  });

  it.each(Object.keys(PUBLIC_CALLS))("%s", (name) => {
    const findings: Finding[] = [];
    const samples = fc.sample(mutations, { numRuns: runsFor(name), seed: seedOf(name) });
    samples.forEach((list, index) => {
      calls += 1;
      // FUZZ_LOG=file names each call before it runs: where a run hangs, its last line says on what.
      if (process.env.FUZZ_LOG) appendFileSync(process.env.FUZZ_LOG, `${name} ${JSON.stringify(list)}\n`);
      findings.push(...check(name, mutated(name, list), index % 10 === 0));
    });
    if (findings.length > 0) {
      const shown = findings.slice(0, 4).map((f) => `${f.rule}: ${f.detail}\n    args ${f.args}`);
      throw new Error(`${findings.length} of ${samples.length} calls broke a rule:\n${shown.join("\n")}`);
    }
  });

  afterAll(() => {
    console.log(`fuzz: ${calls} calls (FUZZ_SCALE ${SCALE}, seed ${SEED})`);
  });

  it.sequential("made at least 20,000 calls × FUZZ_SCALE", () => {
    // Runs after the it.each above (tests in a file run in order).
    expect(calls).toBeGreaterThanOrEqual(20_000 * SCALE);
  });
});
