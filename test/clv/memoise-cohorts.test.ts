import { describe, expect, it } from "vitest";
import { memoiseCohorts } from "../../src/clv/memoise-cohorts.js";

describe("memoiseCohorts", () => {
  const counting = () => {
    const calls = { count: 0 };
    const compute = (x: number, T: number, phase: number) => {
      calls.count += 1;
      return x * 1000 + T + phase / 10;
    };
    return { calls, compute };
  };
  it("computes each (x, T, phase) once, phases and ages kept apart", () => {
    const { calls, compute } = counting();
    const memo = memoiseCohorts(3, compute);
    for (let round = 0; round < 3; round++)
      for (const T of [10, 10.5])
        for (let x = 0; x < 4; x++)
          for (let phase = 0; phase < 3; phase++) expect(memo(x, T, phase)).toBe(compute(x, T, phase));
    // 24 distinct arguments, plus the 72 direct calls the test made.
    expect(calls.count).toBe(24 + 72);
  });
  it("drops itself when customers do not share, and stays while a quarter of lookups hit", () => {
    const distinct = counting();
    const distinctMemo = memoiseCohorts(1, distinct.compute);
    for (let index = 0; index < 5000; index++) distinctMemo(1, index, 0);
    for (let index = 0; index < 100; index++) distinctMemo(1, 7, 0);
    expect(distinct.calls.count).toBe(5000 + 100); // dropped after 4,096 lookups without hits
    const cohort = counting();
    const cohortMemo = memoiseCohorts(1, cohort.compute);
    for (let index = 0; index < 5000; index++) cohortMemo(1, index % 3000, 0); // 2,000 of 5,000 hit
    for (let index = 0; index < 100; index++) cohortMemo(1, 7, 0);
    expect(cohort.calls.count).toBe(3000);
  });
});
