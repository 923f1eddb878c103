import {
  aliveExpectation,
  aliveExpectationOtherwise,
  type CoefficientTable,
  inSRatio,
  inZRatio,
  MAX_SERIES_TERMS,
  SERIES_IN_S_BELOW,
  seriesInS,
  seriesInZ,
} from "./alive-expectation.js";

/** The most frequencies with tables of their own in one batch. */
const MAX_FREQUENCIES = 4096;

interface FrequencyTables {
  readonly k: number;
  readonly c: number;
  readonly inS: CoefficientTable;
  readonly inZ: CoefficientTable;
}

/**
 * {@link aliveExpectation} of one BG/NBD-family parameter set for many (x, s), with the same values bit for bit: the
 * coefficients of both series depend on x only, so each frequency's are computed once (division by division, as
 * aliveExpectation does) and every later point costs a multiply-add a term. @internal
 */
export function aliveExpectationTables(r: number, a: number, b: number): (x: number, s: number) => number {
  const byFrequency = new Map<number, FrequencyTables>();
  return (x, s) => {
    let tables = byFrequency.get(x);
    if (tables === undefined) {
      if (byFrequency.size >= MAX_FREQUENCIES) return aliveExpectation(r, a, b, x, s);
      tables = frequencyTables(r + x, a, a + b + (x - 1));
      byFrequency.set(x, tables);
    }
    const { k, c } = tables;
    const value = s < SERIES_IN_S_BELOW ? seriesInS(k, a, c, s, tables.inS) : seriesInZ(k, a, c, s, tables.inZ);
    return Number.isNaN(value) ? aliveExpectationOtherwise(r, a, b, x, s) : value;
  };
}

function frequencyTables(k: number, a: number, c: number): FrequencyTables {
  const table = (first: number, ratio: (k: number, a: number, c: number, m: number) => number): CoefficientTable => ({
    values: new Float64Array(0),
    length: 0,
    grow: (grown, m) => {
      const from = grown.length;
      const values = new Float64Array(Math.min(MAX_SERIES_TERMS, Math.max(64, 2 * from, m + 1)));
      values.set(grown.values.subarray(0, from));
      for (let index = Math.max(from, 1); index < values.length; index++)
        values[index] = index === 1 ? first : (values[index - 1] as number) * ratio(k, a, c, index);
      grown.values = values;
      grown.length = values.length;
    },
  });
  return { k, c, inS: table(inSRatio(k, a, c, 1), inSRatio), inZ: table((c - k) / c, inZRatio) };
}
