// Issue 29: the long calls (every fit, psv.calibrate, psv.assessCustomers) report progress and stop on an aborted
// signal, at stage boundaries and optimiser iterations, without changing their results.
import { describe, expect, it } from "vitest";
import {
  bgnbd,
  fitBgnbdWithCovariates,
  gammaGamma,
  generateDealerData,
  InvalidInputError,
  mbgcnbd,
  type Progress,
  paretoNbd,
  psv,
} from "../../src/index.js";

const truth = { r: 0.5, alpha: 5, a: 0.8, b: 2.5 };
const simulated = bgnbd.simulate(truth, 400, { seed: 4, T: 40 });
const summaries = Array.from(simulated.frequency, (frequency, index) => ({
  frequency,
  recency: simulated.recency[index] as number,
  T: simulated.T[index] as number,
  monetaryValue: frequency > 0 ? 20 + (index % 17) : 0,
  sumLogInterPurchaseTimes: frequency > 0 ? frequency * Math.log((simulated.recency[index] as number) / frequency) : 0,
  covariates: { channel: index % 2 },
}));
// Enough distinct patterns (a T of their own) for the Pareto/NBD fit to start from a subsample.
const many = bgnbd.simulate(truth, 21_000, {
  seed: 5,
  T: Float64Array.from({ length: 21_000 }, (_, index) => 20 + ((index * 0.6180339887) % 60)),
});
const dealer = generateDealerData({ vehicles: 400, seed: 6, asOf: "2024-06-30", prospectShare: 0 });
const records = {
  vehicles: dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
  serviceEvents: dealer.flatMap((c) => c.serviceEvents),
  asOf: "2024-06-30",
};

/** The long calls, each with the options it is given (progress options added by the tests). */
const CALLS: Record<string, (extra: object) => unknown> = {
  "bgnbd.fit": (extra) => bgnbd.fit(summaries, { ...extra }),
  "paretoNbd.fit": (extra) => paretoNbd.fit(summaries, { maxIterations: 300, ...extra }),
  "paretoNbd.fit from a subsample (21,000 distinct patterns)": (extra) =>
    paretoNbd.fit({ frequency: many.frequency, recency: many.recency, T: many.T }, { ...extra }),
  "mbgcnbd.fit (k searched)": (extra) => mbgcnbd.fit(summaries, { maxK: 3, ...extra }),
  "gammaGamma.fit": (extra) =>
    gammaGamma.fit(
      summaries.filter((row) => row.frequency > 0),
      { ...extra },
    ),
  fitBgnbdWithCovariates: (extra) => fitBgnbdWithCovariates(summaries, { transaction: ["channel"], ...extra }),
  "psv.calibrate": (extra) => psv.calibrate({ ...records, ...extra }),
  "psv.assessCustomers": (extra) => psv.assessCustomers({ ...records, ...extra }),
};

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(Object.entries(CALLS))("%s", (_, call) => {
  it("reports rising fractions from 0 to 1 and gives the same result as without", () => {
    const seen: Progress[] = [];
    const withProgress = call({ onProgress: (progress: Progress) => seen.push(progress) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < seen.length; index++)
      expect(seen[index]?.fraction).toBeGreaterThanOrEqual(seen[index - 1]?.fraction as number);
    expect(seen.every(({ fraction, stage }) => fraction >= 0 && fraction <= 1 && stage.length > 0)).toBe(true);
    expect(seen.at(-1)).toEqual({ stage: "done", fraction: 1 });
    expect(JSON.stringify(withProgress)).toBe(JSON.stringify(call({})));
  });

  it("stops at the next progress point once its signal is aborted, throwing the signal's reason", () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by the user");
    let reports = 0;
    const error = caught(() =>
      call({
        signal: controller.signal,
        onProgress: () => {
          reports += 1;
          if (reports === 2) controller.abort(reason);
        },
      }),
    );
    expect(error).toBe(reason);
    expect(reports).toBe(2);
  });

  it("does no work on an already aborted signal: an AbortError", () => {
    const controller = new AbortController();
    controller.abort();
    let reports = 0;
    const error = caught(() => call({ signal: controller.signal, onProgress: () => (reports += 1) }));
    expect((error as Error).name).toBe("AbortError");
    expect(reports).toBe(0);
  });

  it("rejects an onProgress that is not a function and a signal that is not an AbortSignal", () => {
    for (const extra of [{ onProgress: "log" }, { signal: { aborted: "no" } }]) {
      const error = caught(() => call(extra));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues[0]?.path).toEqual([Object.keys(extra)[0]]);
    }
  });
});
