import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DealerCustomer, generateDealerData, InvalidInputError, psv } from "../../src/index.js";

// Issue 28: psv.calibratePartitions calibrates a network from partitions (every record of a set of customers) that
// only hand on mergeable statistics, and gives what psv.calibrate gives on all the records at once.
const asOf = "2023-06-30";
const quarterly = Array.from({ length: 8 }, (_, k) =>
  new Date(Date.parse("2021-07-10") + k * 91 * 86_400_000).toISOString().slice(0, 10),
);

/** A dealer whose history holds two years of quarterly campaigns with a control group. */
const campaignWorld = (vehicles: number, seed: number) =>
  generateDealerData({ vehicles, seed, asOf, prospectShare: 0, campaigns: { dates: quarterly } });

function recordsOf(owners: readonly DealerCustomer[]) {
  return {
    vehicles: owners.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
    serviceEvents: owners.flatMap((c) => c.serviceEvents),
    contacts: owners.flatMap((c) => (c.contacts ?? []).map((row) => ({ ...row, customerId: c.customerId }))),
  };
}

/** The owners split into partitions by `partOf(owner index)`. */
function partitionsOf(owners: readonly DealerCustomer[], count: number, partOf: (index: number) => number) {
  return Array.from({ length: count }, (_, k) => recordsOf(owners.filter((_, index) => partOf(index) === k)));
}

/** The largest relative difference between two results' numbers, and the paths where anything else differs. */
function differences(x: unknown, y: unknown, path = ""): { worst: number; other: string[] } {
  if (typeof x === "number" && typeof y === "number") {
    const same = x === y || (Number.isNaN(x) && Number.isNaN(y));
    return { worst: same ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)), other: [] };
  }
  if (x !== null && y !== null && typeof x === "object" && typeof y === "object") {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    let worst = 0;
    const other: string[] = [];
    for (const key of keys) {
      const inner = differences(
        (x as Record<string, unknown>)[key],
        (y as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      worst = Math.max(worst, inner.worst);
      other.push(...inner.other);
    }
    return { worst, other };
  }
  return { worst: 0, other: x === y ? [] : [path] };
}

const comparable = (result: psv.CalibrationResult) => ({
  assumptions: result.assumptions,
  report: result.report,
  reminder: result.reminder,
  warnings: result.warnings,
});

describe("psv.calibratePartitions gives psv.calibrate's result on all the records", () => {
  const owners = campaignWorld(5000, 21);
  const whole = recordsOf(owners);
  const once = psv.calibrate({ ...whole, asOf });

  it.each([
    ["one partition", 1, () => 0],
    ["3 by owner", 3, (index: number) => index % 3],
    ["8 uneven blocks", 8, (index: number) => Math.min(7, Math.floor(index / 400))],
  ])("%s: every estimate within 1e-10 relative, the delays' quantiles exactly", async (_, count, partOf) => {
    let calls = 0;
    const parts = partitionsOf(owners, count, partOf);
    const result = await psv.calibratePartitions(
      () => {
        calls += 1;
        return parts;
      },
      { asOf },
    );
    const { worst, other } = differences(comparable(once), comparable(result));
    expect(other).toEqual([]);
    expect(worst).toBeLessThan(1e-10);
    expect(result.assumptions.visitDelayQuantilesDays).toEqual(once.assumptions.visitDelayQuantilesDays);
    const { low, high } = result.report.visitDelayQuantilesDays ?? {};
    expect({ low, high }).toEqual({
      low: once.report.visitDelayQuantilesDays?.low,
      high: once.report.visitDelayQuantilesDays?.high,
    });
    expect(result.reminder.source).toBe("data");
    expect(calls).toBe(4); // facts, rates, decisions, the reminder's outcomes
  });

  it("takes three passes without campaign logs, and a history that starts at a date", async () => {
    const historyStart = "2019-01-01";
    const plain = (records: ReturnType<typeof recordsOf>) => ({
      vehicles: records.vehicles,
      serviceEvents: records.serviceEvents,
    });
    const reference = psv.calibrate({ ...plain(whole), asOf, historyStart });
    let calls = 0;
    const parts = partitionsOf(owners, 5, (index) => (index * 7) % 5).map(plain);
    const result = await psv.calibratePartitions(
      async function* () {
        calls += 1;
        yield* parts;
      },
      { asOf, historyStart },
    );
    expect(calls).toBe(3);
    const { worst, other } = differences(comparable(reference), comparable(result));
    expect(other).toEqual([]);
    expect(worst).toBeLessThan(1e-10);
  });
});

describe("any split of the owners gives the same calibration", () => {
  const owners = generateDealerData({ vehicles: 900, seed: 8, asOf: "2024-06-01" });
  const reference = psv.calibrate({ ...recordsOf(owners), asOf: "2024-06-01" });
  it("random assignments of owners to 1–6 partitions (fast-check, 6 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat(), { minLength: owners.length, maxLength: owners.length }),
        async (count, draws) => {
          const parts = partitionsOf(owners, count, (index) => (draws[index] as number) % count);
          const result = await psv.calibratePartitions(() => parts, { asOf: "2024-06-01" });
          const { worst, other } = differences(comparable(reference), comparable(result));
          expect(other).toEqual([]);
          expect(worst).toBeLessThan(1e-10);
        },
      ),
      { numRuns: 6, seed: 28 },
    );
  });
});

describe("psv.calibratePartitions: bad partitions and sources", () => {
  const owners = generateDealerData({ vehicles: 300, seed: 4, asOf: "2024-06-01" });
  const [first, second] = partitionsOf(owners, 2, (index) => index % 2) as [
    ReturnType<typeof recordsOf>,
    ReturnType<typeof recordsOf>,
  ];
  const plain = { vehicles: first.vehicles, serviceEvents: first.serviceEvents };

  it("reports bad rows with their row index counted across partitions, as psv.calibrate does on the whole", async () => {
    const badVehicle = { vehicleId: "X1", customerId: "C", deliveryDate: "2030-01-01" };
    const badEvent = { vehicleId: "nobody", date: "2023-01-01", type: "maintenance" as const };
    const parts = [
      { vehicles: [...first.vehicles, badVehicle], serviceEvents: first.serviceEvents },
      { vehicles: second.vehicles, serviceEvents: [badEvent, ...second.serviceEvents] },
    ];
    const result = await psv.calibratePartitions(() => parts, { asOf: "2024-06-01" });
    expect(result.errors.map((error) => [error.subject, error.rowIndex])).toEqual([
      ["vehicle", first.vehicles.length],
      ["service event", first.serviceEvents.length],
    ]);
    expect(result.errors.every((error) => error instanceof InvalidInputError)).toBe(true);
  });

  it("rejects contacts in some partitions and not others, a changing source, and no partition at all", async () => {
    await expect(psv.calibratePartitions(() => [first, plain], { asOf: "2024-06-01" })).rejects.toThrow(/contacts/);
    let calls = 0;
    const changing = () => {
      calls += 1;
      return calls === 1 ? [plain, plain] : [plain];
    };
    await expect(psv.calibratePartitions(changing, { asOf: "2024-06-01" })).rejects.toThrow(
      /gave 2 partitions on its first call and 1 now/,
    );
    await expect(psv.calibratePartitions(() => [], { asOf: "2024-06-01" })).rejects.toThrow(/no partition/);
    await expect(psv.calibratePartitions(() => [{ vehicles: [] } as never], { asOf: "2024-06-01" })).rejects.toThrow(
      InvalidInputError,
    );
  });

  it("throws at once for bad options, records among the options, or a source that is not a function", () => {
    expect(() => psv.calibratePartitions(() => [plain], { asOf: "2024-06-01", minimumEvidense: 3 } as never)).toThrow(
      /minimumEvidense/,
    );
    expect(() =>
      psv.calibratePartitions(() => [plain], { asOf: "2024-06-01", vehicles: plain.vehicles } as never),
    ).toThrow(/the records come in the partitions/);
    expect(() => psv.calibratePartitions([plain] as never, { asOf: "2024-06-01" })).toThrow(/must be a function/);
    expect(() => psv.calibratePartitions(() => [plain], { asOf: "not a date" })).toThrow(InvalidInputError);
  });
});

describe("a calibration over partitions read by other processes: startCalibration → calibrationStatistics → continueCalibration", () => {
  const owners = campaignWorld(3000, 5);
  const parts = partitionsOf(owners, 4, (index) => index % 4);
  const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

  /** Every round and every partition's statistics through JSON, as they travel between processes. */
  function rounds(records: readonly object[], options: psv.CalibratePartitionsOptions) {
    let round = viaJson(psv.startCalibration(options));
    const passes: string[] = [];
    for (;;) {
      passes.push(round.pass);
      const statistics = records.map((part) => viaJson(psv.calibrationStatistics(round, part as never)));
      const step = psv.continueCalibration(round, statistics);
      if (step.done) return { result: step.result, passes };
      round = viaJson(step.round);
    }
  }

  it("gives calibratePartitions' result exactly, with its errors at the same rows", async () => {
    const bad = { vehicleId: "nobody", date: "2023-01-01", type: "maintenance" as const };
    const records = parts.map((part, k) => (k === 2 ? { ...part, serviceEvents: [...part.serviceEvents, bad] } : part));
    const reference = await psv.calibratePartitions(() => records, { asOf });
    const { result, passes } = rounds(records, { asOf });
    expect(passes).toEqual(["facts", "rates", "decisions", "reminder"]);
    expect(comparable(result)).toEqual(comparable(reference));
    expect(result.errors.map((error) => [error.subject, error.rowIndex, error.message])).toEqual(
      reference.errors.map((error) => [error.subject, error.rowIndex, error.message]),
    );
    expect(result.errors).toHaveLength(1);
  });

  it("takes three rounds without campaign logs", () => {
    const plain = parts.map(({ vehicles, serviceEvents }) => ({ vehicles, serviceEvents }));
    expect(rounds(plain, { asOf }).passes).toEqual(["facts", "rates", "decisions"]);
  });

  it("refuses a changed round, statistics of another pass or of another set of partitions, and mixed contacts", () => {
    const round = psv.startCalibration({ asOf });
    const statistics = parts.map((part) => psv.calibrationStatistics(round, part));
    const changed = { ...round, body: { ...(round.body as object), timeZone: "Asia/Tokyo" } };
    expect(() => psv.calibrationStatistics(changed, parts[0] as never)).toThrow(/changed after the library made it/);
    const tampered = { ...(statistics[0] as psv.CalibrationStatistics), body: { forged: 1 } };
    expect(() => psv.continueCalibration(round, [tampered])).toThrow(InvalidInputError);
    const step = psv.continueCalibration(round, statistics);
    if (step.done) throw new Error("a calibration of four partitions takes more than one round");
    expect(() => psv.continueCalibration(step.round, statistics)).toThrow(
      /for the "facts" pass, the round's is "rates"/,
    );
    const next = parts.slice(0, 3).map((part) => psv.calibrationStatistics(step.round, part));
    expect(() => psv.continueCalibration(step.round, next)).toThrow(/statistics of 3 partitions, the first pass had 4/);
    const mixed = [parts[0], { vehicles: parts[1]?.vehicles, serviceEvents: parts[1]?.serviceEvents }];
    expect(() =>
      psv.continueCalibration(
        round,
        mixed.map((part) => psv.calibrationStatistics(round, part as never)),
      ),
    ).toThrow(/contacts/);
    expect(() => psv.continueCalibration(round, [])).toThrow(/non-empty array/);
  });
});
