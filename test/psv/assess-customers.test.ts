import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callListBacktest } from "../../examples/call-list-backtest.js";
import { charts, generateDealerData, InvalidInputError, lifecycle, psv, service, sumMoney } from "../../src/index.js";

describe("psv.assessCustomers: the call list beats RFM on held-out periods", () => {
  // Simulated dealers (10,000 vehicles, two seeds) carry the DOMAIN.md mechanics; the history is cut at 2022-06-30,
  // ranked on what came before, and measured against the simulator's expected value saved by a reminder then.
  for (const seed of [1, 2]) {
    it(`seed ${seed}: top 10% saves ≥ 1.5 × RFM and ≥ 65% of the oracle; obtainable value ≥ 85% of the oracle`, () => {
      const result = callListBacktest({ vehicles: 10_000, seed });
      const row = (name: string) => result.table.find((entry) => entry.name === name)!;
      const list = row("call list");
      console.log(
        `seed ${seed}: ${result.table.map((entry) => `${entry.name} ${entry.captured.map((x) => x.toFixed(3)).join("/")}`).join(", ")}; obtainable ${result.valueTable[0]!.ofReference![0]!.toFixed(3)} of oracle; lost in top ${result.lostInTop.toFixed(3)}`,
      );
      expect(list.captured[0]! / row("RFM").captured[0]!).toBeGreaterThanOrEqual(1.5);
      expect(list.ofReference![0]!).toBeGreaterThanOrEqual(0.65);
      expect(list.captured[0]!).toBeGreaterThan(row("PSV alone").captured[0]!);
      expect(list.captured[0]!).toBeGreaterThan(row("random").captured[0]!);
      expect(result.valueTable[0]!.ofReference![0]!).toBeGreaterThanOrEqual(0.85);
      expect(result.lostInTop).toBeLessThanOrEqual(0.1);
      expect(result.assessment.errors).toEqual([]);
      // The same comparison as a chart: the call list's gains curve lies above RFM's (Gini), rendered by `charts`.
      expect(result.gains["call list"]!.gini).toBeGreaterThan(result.gains["RFM"]!.gini);
      expect(charts.toSvg(charts.gainsCurve(result.gains, { outcomeName: "saved value" }))).toMatch(/^<svg/);
    });
  }
});

describe("psv.assessCustomers on the demo's export (issue 25)", () => {
  it("holds with finance, referrals, recalls, households of mixed segments and two dealers in the history", () => {
    // The world of npm run demo: used cars, finance payoffs that set off replacements, referrals, recalls, a luxury
    // car beside a mass one in 10% of the households, and a group of two dealers between which owners move.
    const world = { finance: {}, referrals: {}, recalls: {}, households: { share: 0.1 }, dealers: {} };
    const result = callListBacktest({ vehicles: 10_000, seed: 1, usedCars: { share: 0.15 }, world });
    const row = (name: string) => result.table.find((entry) => entry.name === name)!;
    console.log(
      `demo's export: ${result.table.map((entry) => `${entry.name} ${entry.ofReference![0]!.toFixed(3)}`).join(", ")}`,
    );
    expect(row("call list").captured[0]! / row("RFM").captured[0]!).toBeGreaterThanOrEqual(1.5);
    expect(row("call list").ofReference![0]!).toBeGreaterThanOrEqual(0.65);
    expect(result.valueTable[0]!.ofReference![0]!).toBeGreaterThanOrEqual(0.8);
    expect(result.assessment.errors).toEqual([]);
    expect(result.assessment.network.length).toBe(2);
  });
});

describe("psv.assessCustomers on a history that starts at a date (issue 25.1)", () => {
  it("a 3-year window (historyStart) costs the call list at most 0.05 of the oracle's capture", () => {
    // The same dealer and cut as above, its export starting 2019-06-30: the events before it are dropped, and
    // calibrate and assess are told where the history starts.
    const full = callListBacktest({ vehicles: 10_000, seed: 1 });
    const window = callListBacktest({ vehicles: 10_000, seed: 1, historyStart: "2019-06-30" });
    const capture = (result: typeof full) => result.table.find((entry) => entry.name === "call list")!.ofReference![0]!;
    console.log(
      `3-year window: call list ${capture(window).toFixed(3)} of the oracle (full history ${capture(full).toFixed(3)})`,
    );
    expect(capture(full) - capture(window)).toBeLessThanOrEqual(0.05);
    expect(window.assessment.errors).toEqual([]);
  });

  it("places a vehicle seen only from the window's start on its schedule, not as one that never came", () => {
    const old = { vehicleId: "V9", customerId: "C9", deliveryDate: "2015-03-01" };
    const events = [{ vehicleId: "V9", date: "2023-09-01", type: "maintenance" as const, margin: "660" }];
    const at = (extra: Partial<psv.AssessCustomersOptions>) =>
      psv.assessCustomers({ vehicles: [old], serviceEvents: events, asOf: "2024-06-30", ...extra }).customers[0]!
        .vehicles[0]!;
    const told = at({ historyStart: "2022-06-30" });
    const untold = at({});
    // Told: it kept its services before the window (it came in 2023), the next is due a year after that visit.
    expect(told.nextDueDate).toBe("2024-08-31");
    expect(told.neverCameForFirstService).toBe(false);
    expect(told.pAlive).toBe(1);
    // Untold, the 2023 visit is read as its first service, eight years late: the next decision is the one right
    // after a first service (首保即终保), not a later one after the warranty.
    expect(untold.leaveChanceAtNextVisit).not.toBeCloseTo(told.leaveChanceAtNextVisit, 6);
    // With no visit in a six-month window, it is placed on schedule up to the start, never as one that never came.
    const quiet = psv.assessCustomers({ vehicles: [old], serviceEvents: [], asOf: "2024-06-30" }).customers[0]!;
    const quietTold = psv.assessCustomers({
      vehicles: [old],
      serviceEvents: [],
      asOf: "2024-06-30",
      historyStart: "2024-01-01",
    }).customers[0]!;
    expect(quiet.vehicles[0]!.neverCameForFirstService).toBe(true);
    expect(quietTold.vehicles[0]!.neverCameForFirstService).toBe(false);
  });

  it("counts the events before historyStart it leaves out, and rejects a start after asOf", () => {
    const early = [visit("2021-03-01"), visit("2022-03-01"), visit("2023-03-01")];
    const result = psv.assessCustomers({ vehicles: [vehicle], serviceEvents: early, asOf, historyStart: "2022-01-01" });
    expect(result.eventsBeforeHistoryStart).toBe(1);
    expect(result.customers[0]!.realisedValue.toFixed(2)).toBe("1320.00");
    expect(() =>
      psv.assessCustomers({ vehicles: [vehicle], serviceEvents: early, asOf, historyStart: "2024-07-01" }),
    ).toThrow(InvalidInputError);
  });
});

const asOf = "2024-06-30";
const vehicle = { vehicleId: "V1", customerId: "C1", deliveryDate: "2020-03-01" };
const visit = (date: string, margin = "660") => ({ vehicleId: "V1", date, type: "maintenance" as const, margin });
const assess = (events: psv.AssessEvent[], extra: Partial<psv.AssessCustomersOptions> = {}) =>
  psv.assessCustomers({ vehicles: [vehicle], serviceEvents: events, asOf, ...extra }).customers[0]!;

describe("psv.assessCustomers properties", () => {
  const history = fc
    .array(fc.integer({ min: 0, max: 1500 }), { minLength: 0, maxLength: 6 })
    .map((offsets) =>
      [...new Set(offsets)]
        .sort((x, y) => x - y)
        .map((offset) => new Date(Date.UTC(2020, 2, 2) + offset * 86_400_000).toISOString().slice(0, 10)),
    );
  // Visits at the population's ticket (RMB 660), so that only their timing differs. "Long gone": the last visit is
  // more than an interval before the recent one (no odometer reading: the 12-month time limit).
  it("an owner seen recently is worth at least as much as the same owner long gone", () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 420, max: 1200 }), (dates, gap) => {
        const recent = assess([...dates.map((date) => visit(date)), visit("2024-06-01")]);
        const older = new Date(Date.UTC(2024, 5, 1) - gap * 86_400_000).toISOString().slice(0, 10);
        if (dates.some((date) => date >= older)) return;
        const gone = assess([...dates.map((date) => visit(date)), visit(older)]);
        expect(recent.obtainableValue.gte(gone.obtainableValue)).toBe(true);
        expect(recent.pAlive).toBeGreaterThanOrEqual(gone.pAlive - 1e-12);
      }),
      { numRuns: 60 },
    );
  });
  // A visit moves its own value from obtainable to realised, so the owner's value is realised + obtainable.
  it("a new on-time visit never lowers the owner's value or P(alive); saveable ≤ obtainable; parts add up", () => {
    fc.assert(
      fc.property(history, (dates) => {
        const before = psv.assessCustomers({
          vehicles: [vehicle],
          serviceEvents: dates.map((date) => visit(date)),
          asOf: "2024-06-30",
        });
        const after = psv.assessCustomers({
          vehicles: [vehicle],
          serviceEvents: [
            ...dates.filter((date) => date < "2024-06-20").map((date) => visit(date)),
            visit("2024-06-25"),
          ],
          asOf: "2024-06-30",
        });
        if (dates.some((date) => date >= "2024-06-20")) return;
        const worth = (row: psv.CustomerAssessment) => row.realisedValue.plus(row.obtainableValue);
        expect(worth(after.customers[0]!).gte(worth(before.customers[0]!))).toBe(true);
        expect(after.customers[0]!.pAlive).toBeGreaterThanOrEqual(before.customers[0]!.pAlive);
        for (const result of [before, after])
          for (const row of result.customers) {
            expect(row.saveableValue.lte(row.obtainableValue)).toBe(true);
            for (const key of ["lockedValue", "realisedValue", "obtainableValue", "obtainableLifetimeValue"] as const)
              expect(sumMoney(row.vehicles.map((v) => v[key])).eq(row[key])).toBe(true);
          }
      }),
      { numRuns: 60 },
    );
  });
  it("adds vehicle parts exactly to customer values and customers to totals, on a whole dealer", () => {
    const { assessment } = callListBacktest({ vehicles: 600, seed: 5 });
    for (const key of [
      "lockedValue",
      "realisedValue",
      "obtainableValue",
      "obtainableLifetimeValue",
      "saveableValue",
      "winBackValue",
    ] as const) {
      expect(sumMoney(assessment.customers.map((row) => row[key])).eq(assessment.totals[key])).toBe(true);
      for (const row of assessment.customers) expect(sumMoney(row.vehicles.map((v) => v[key])).eq(row[key])).toBe(true);
    }
    const saveable = assessment.customers.map((row) => row.saveableValue.toNumber());
    for (let k = 1; k < saveable.length; k++) expect(saveable[k]!).toBeLessThanOrEqual(saveable[k - 1]!);
    // Columns hold every customer in the same order, with the rows' rounded values.
    const { columns } = assessment;
    expect(columns.customerId).toEqual(assessment.customers.map((row) => row.customerId));
    assessment.customers.forEach((row, rank) => {
      expect(columns.obtainableValue[rank]).toBeCloseTo(row.obtainableValue.toNumber(), 9);
      expect(columns.realisedValue[rank]).toBeCloseTo(row.realisedValue.toNumber(), 9);
      expect(columns.action[rank]).toBe(row.action);
      expect(columns.pAlive[rank]).toBe(row.pAlive);
    });
  });
  it("builds full rows for the top of the list only, when asked", () => {
    const { assessment } = callListBacktest({ vehicles: 300, seed: 6 });
    const vehicles = assessment.customers.flatMap((row) =>
      row.vehicles.map((v) => ({ vehicleId: v.vehicleId, customerId: row.customerId })),
    );
    expect(vehicles.length).toBeGreaterThan(0);
    const top = psv.assessCustomers({
      vehicles: [vehicle, { vehicleId: "V2", customerId: "C2", deliveryDate: "2023-01-01" }],
      serviceEvents: [visit("2020-07-01")],
      asOf,
      rows: 1,
    });
    expect(top.customers).toHaveLength(1);
    expect(top.columns.customerId).toHaveLength(2);
    expect(top.columns.customerId[0]).toBe(top.customers[0]!.customerId);
    expect(() => psv.assessCustomers({ vehicles: [], serviceEvents: [], asOf, rows: -1 })).toThrow(/rows/);
  });
});

describe("psv.assessCustomers reads the owner's state", () => {
  it("flags a first service that never happened and 首保即终保, and puts probably-lost owners on the win-back list", () => {
    const never = assess([]);
    expect(never.vehicles[0]!.neverCameForFirstService).toBe(true);
    expect(never.action).toBe("win-back");
    expect(never.saveableValue.toNumber()).toBe(0);
    expect(never.winBackValue.toNumber()).toBeGreaterThan(0);
    const once = assess([visit("2020-08-01")]);
    expect(once.vehicles[0]!.firstServiceWasLast).toBe(true);
    expect(once.pAlive).toBeLessThan(0.05);
    expect(once.reasons[0]?.text).toMatch(/首保即终保/);
  });
  it("reminds an owner whose service falls due within the window, and says why", () => {
    // No odometer reading: the next service is due 12 months (the time limit) after the last visit.
    const due = assess([visit("2020-07-20"), visit("2021-07-01"), visit("2022-07-10"), visit("2023-07-20")]);
    expect(due.action).toBe("remind");
    expect(due.due).toBe("maintenance");
    expect(due.dueDate! > asOf).toBe(true);
    expect(due.reasons.map((r) => r.text).join(" ")).toMatch(/service due .* chance of leaving at this visit/);
    expect(due.vehicles[0]!.mileageAssumed).toBe(true);
    const notYet = assess([visit("2024-06-01")]);
    expect(notYet.action).toBe("none");
    expect(notYet.pAlive).toBe(1);
  });
  it("counts margins only, exactly, and never mixes in revenue", () => {
    const row = assess([
      { ...visit("2020-07-20", "0.10"), revenue: "99" },
      { ...visit("2021-02-01", "0.20"), revenue: "99" },
      { vehicleId: "V1", date: "2021-03-01", type: "repair", revenue: "500" },
    ]);
    expect(row.realisedValue.toFixed(2)).toBe("0.30");
    const result = psv.assessCustomers({
      vehicles: [vehicle],
      serviceEvents: [{ vehicleId: "V1", date: "2021-03-01", type: "repair", revenue: "500" }],
      asOf,
    });
    expect(result.eventsWithoutValue).toBe(1);
  });
  it("stops a traded-in vehicle's value", () => {
    const result = psv.assessCustomers({
      vehicles: [vehicle, { vehicleId: "V2", customerId: "C1", deliveryDate: "2024-03-01" }],
      serviceEvents: [visit("2020-08-01"), { vehicleId: "V1", date: "2024-03-01", type: "trade-in", margin: "3000" }],
      asOf,
    });
    const old = result.customers[0]!.vehicles.find((v) => v.vehicleId === "V1")!;
    expect(old.state).toBe("traded-in");
    expect(old.obtainableValue.toNumber()).toBe(0);
    expect(old.lockedValue.toNumber()).toBe(0);
  });
});

describe("psv.assessCustomers bad input", () => {
  it("gives one typed error per bad row with its index, and keeps the rest", () => {
    const result = psv.assessCustomers({
      vehicles: [vehicle, { vehicleId: "V2", customerId: "C2", deliveryDate: "2030-01-01" }, { ...vehicle }],
      serviceEvents: [
        visit("2021-01-01"),
        visit("2021-02-30"),
        { vehicleId: "V9", date: "2021-01-01", type: "maintenance" },
        { vehicleId: "V1", date: "2025-01-01", type: "maintenance" },
        { vehicleId: "V1", date: "2021-01-01", type: "car-wash" as never },
        { vehicleId: "V1", date: "2021-01-01", type: "repair", margin: "12,50" },
        { vehicleId: "V2", date: "2021-01-01", type: "repair" },
      ],
      asOf,
    });
    expect(result.errors.every((error) => error instanceof InvalidInputError)).toBe(true);
    expect(result.errors.map((error) => [error.subject, error.rowIndex])).toEqual([
      ["vehicle", 1],
      ["vehicle", 2],
      ["service event", 1],
      ["service event", 2],
      ["service event", 3],
      ["service event", 4],
      ["service event", 5],
      ["service event", 6],
    ]);
    expect(result.errors[7]!.message).toMatch(/vehicle row 1, which is invalid/);
    expect(result.customers).toHaveLength(1);
  });
  it("rejects bad options by name", () => {
    expect(() => psv.assessCustomers({ vehicles: [], serviceEvents: [], asOf: "soon" })).toThrow(/asOf/);
    expect(() => psv.assessCustomers({ vehicles: [], serviceEvents: [], asOf, horizonYears: -1 })).toThrow(
      /horizonYears/,
    );
    expect(() => psv.assessCustomers({ vehicles: [], serviceEvents: [], asOf, horizon: 2 } as never)).toThrow(
      /horizon: unknown option `horizon` — did you mean `horizonYears`\?/,
    );
    expect(() => psv.assessCustomers({ vehicles: null, serviceEvents: [], asOf } as never)).toThrow(InvalidInputError);
  });
});

describe("psv.assessCustomers on columns", () => {
  const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const dealer = generateDealerData({ vehicles: 400, seed: 11, asOf, prospectShare: 0 });
  const vehicleRows = dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId })));
  const eventRows: psv.AssessEvent[] = dealer.flatMap((c) => c.serviceEvents);
  // Some bad rows and events without a value, so that the columns' errors and counts are compared too.
  eventRows.push({ vehicleId: "nope", date: "2021-01-01", type: "repair", margin: "1" });
  eventRows.push({ vehicleId: vehicleRows[0]!.vehicleId, date: vehicleRows[0]!.deliveryDate, type: "repair" });
  const same = (left: psv.AssessCustomersResult, right: psv.AssessCustomersResult) => {
    expect(left.columns).toEqual(right.columns);
    for (const key of Object.keys(left.totals) as (keyof psv.AssessCustomersResult["totals"])[])
      expect(JSON.stringify(left.totals[key])).toBe(JSON.stringify(right.totals[key]));
    expect(left.eventsWithoutValue).toBe(right.eventsWithoutValue);
    expect(left.customers.slice(0, 20)).toEqual(right.customers.slice(0, 20));
  };
  it("gives what rows give: day numbers and Float64Array margins, or dates and strings", () => {
    const fromRows = psv.assessCustomers({ vehicles: vehicleRows, serviceEvents: eventRows, asOf });
    expect(fromRows.errors.map((error) => error.rowIndex)).toEqual([eventRows.length - 2]);
    expect(fromRows.eventsWithoutValue).toBe(1);
    const byDay = psv.assessCustomers({
      vehicles: {
        vehicleId: vehicleRows.map((v) => v.vehicleId),
        customerId: vehicleRows.map((v) => v.customerId),
        deliveryDay: Int32Array.from(vehicleRows, (v) => dayOf(v.deliveryDate)),
        odometerKm: Float64Array.from(vehicleRows, (v) => v.odometerKm ?? Number.NaN),
        odometerDay: Float64Array.from(vehicleRows, (v) => (v.odometerDate ? dayOf(v.odometerDate) : Number.NaN)),
      },
      serviceEvents: {
        vehicleId: eventRows.map((e) => e.vehicleId),
        day: Int32Array.from(eventRows, (e) => dayOf(e.date as string)),
        type: eventRows.map((e) => e.type),
        odometerKm: Float64Array.from(eventRows, (e) => e.odometerKm ?? Number.NaN),
        margin: Float64Array.from(eventRows, (e) => (e.margin === undefined ? Number.NaN : Number(e.margin))),
      },
      asOf,
    });
    same(byDay, fromRows);
    expect(byDay.errors.map((error) => [error.rowIndex, error.issues[0]?.path[0]])).toEqual([
      [eventRows.length - 2, "vehicleId"],
    ]);
    const byDate = psv.assessCustomers({
      vehicles: {
        vehicleId: vehicleRows.map((v) => v.vehicleId),
        customerId: vehicleRows.map((v) => v.customerId),
        deliveryDate: vehicleRows.map((v) => v.deliveryDate),
        odometerKm: vehicleRows.map((v) => v.odometerKm),
        odometerDate: vehicleRows.map((v) => v.odometerDate),
      },
      serviceEvents: {
        vehicleId: eventRows.map((e) => e.vehicleId),
        date: eventRows.map((e) => e.date),
        type: eventRows.map((e) => e.type),
        odometerKm: eventRows.map((e) => e.odometerKm),
        margin: eventRows.map((e) => e.margin as string | undefined),
        revenue: eventRows.map((e) => e.revenue as string | undefined),
      },
      asOf,
    });
    same(byDate, fromRows);
  });
  it('reads whole-number ids through a table, with Map semantics (1 and "1" differ)', () => {
    const vehicleNumber = new Map<unknown, number>(vehicleRows.map((v, index) => [v.vehicleId, 1000 + 3 * index]));
    const customerNumber = (id: string | number) => 7 * Number(String(id).replace(/\D/g, ""));
    const vehicles = vehicleRows.map((v) => ({
      ...v,
      vehicleId: vehicleNumber.get(v.vehicleId)!,
      customerId: customerNumber(v.customerId),
    }));
    const events: psv.AssessEvent[] = eventRows.map((e) => ({ ...e, vehicleId: vehicleNumber.get(e.vehicleId) ?? -5 }));
    events.push({ ...events[0]!, vehicleId: String(vehicles[0]!.vehicleId) }, { ...events[0]!, vehicleId: 1001 });
    const fromRows = psv.assessCustomers({ vehicles, serviceEvents: events, asOf });
    expect(fromRows.errors.map((error) => error.rowIndex)).toEqual([
      events.length - 4,
      events.length - 2,
      events.length - 1,
    ]);
    const fromColumns = psv.assessCustomers({
      vehicles: {
        vehicleId: Int32Array.from(vehicles, (v) => v.vehicleId as number),
        customerId: Int32Array.from(vehicles, (v) => v.customerId as number),
        deliveryDate: vehicles.map((v) => v.deliveryDate),
        odometerKm: vehicles.map((v) => v.odometerKm),
        odometerDate: vehicles.map((v) => v.odometerDate),
      },
      serviceEvents: {
        vehicleId: events.map((e) => e.vehicleId),
        date: events.map((e) => e.date),
        type: events.map((e) => e.type),
        odometerKm: events.map((e) => e.odometerKm),
        margin: events.map((e) => e.margin as string | undefined),
      },
      asOf,
    });
    same(fromColumns, fromRows);
    expect(fromColumns.errors.map((error) => error.message)).toEqual(fromRows.errors.map((error) => error.message));
  });
  it("names the column of a bad entry, with its row", () => {
    const result = psv.assessCustomers({
      vehicles: {
        vehicleId: ["V1", "V2", "V3", "V4"],
        customerId: ["C1", "C2", "C3", ""],
        deliveryDay: [dayOf("2020-03-01"), 18_500.5, dayOf("2020-03-01"), dayOf("2020-03-01")],
        odometerKm: [Number.NaN, Number.NaN, 5000, Number.NaN],
        odometerDay: [Number.NaN, Number.NaN, dayOf("2019-01-01"), Number.NaN],
      },
      serviceEvents: {
        vehicleId: ["V1", "V1", "V1", "V1"],
        day: [dayOf("2020-07-01"), dayOf("2020-07-01") + 0.5, dayOf("2025-01-01"), dayOf("2021-01-01")],
        type: ["maintenance", "maintenance", "maintenance", "car-wash" as never],
        margin: [660, 660, 660, Number.NaN],
      },
      asOf,
    });
    expect(result.errors.map((error) => [error.subject, error.rowIndex, error.issues[0]?.path[0]])).toEqual([
      ["vehicle", 1, "deliveryDay"],
      ["vehicle", 2, "odometerDay"],
      ["vehicle", 3, "customerId"],
      ["service event", 1, "day"],
      ["service event", 2, "day"],
      ["service event", 3, "type"],
    ]);
    expect(result.errors[0]!.message).toMatch(/whole day number/);
    expect(result.customers[0]!.realisedValue.toFixed(2)).toBe("660.00");
  });
  it("rejects columns that are not columns, by name", () => {
    const vehicles = { vehicleId: ["V1"], customerId: ["C1"], deliveryDay: [18_400] };
    const serviceEvents = { vehicleId: ["V1"], day: [18_500], type: ["maintenance" as const] };
    const run = (v: object, e: object) => () =>
      psv.assessCustomers({ vehicles: v as never, serviceEvents: e as never, asOf });
    expect(run(vehicles, serviceEvents)).not.toThrow();
    expect(run({ ...vehicles, customerId: ["C1", "C2"] }, serviceEvents)).toThrow(
      /customerId: must be an array or typed array of 1 entries/,
    );
    expect(run({ ...vehicles, deliveryDate: ["2020-01-01"] }, serviceEvents)).toThrow(
      /deliveryDay: give deliveryDate or deliveryDay, not both/,
    );
    expect(run({ vehicleId: ["V1"], customerId: ["C1"] }, serviceEvents)).toThrow(/deliveryDate: is required/);
    expect(run({ ...vehicles, colour: ["red"] }, serviceEvents)).toThrow(/colour: is not a column/);
    expect(run(vehicles, { vehicleId: ["V1"], day: [18_500] })).toThrow(/type: is required/);
    expect(run(vehicles, { ...serviceEvents, date: ["2020-01-01"] })).toThrow(/not both/);
    expect(run(vehicles, { ...serviceEvents, vehicleId: "V1" })).toThrow(InvalidInputError);
    expect(run(vehicles, 5 as never)).toThrow(/must be an array of events or an object of columns/);
  });
});

describe("one definition of lapsed: service timing, lifecycle and the call list agree", () => {
  // 10 km a day: the 12-month limit comes first, so the next service is due on 2024-01-01 for all three.
  const deliveryDate = "2020-01-01";
  const lastVisit = "2023-01-01";
  const km = 10 * 1096;
  const at = (days: number) => new Date(Date.UTC(2024, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
  for (const [days, lapsed] of [
    [94, false],
    [96, true],
  ] as const) {
    it(`${days} days overdue: ${lapsed ? "lapsed" : "not lapsed"} everywhere`, () => {
      const asOfDay = at(days);
      const timing = service.status(
        { deliveryDate, lastServiceDate: lastVisit, servicesDone: 3, odometerKm: km, odometerDate: lastVisit },
        {},
        { asOf: asOfDay },
      );
      expect(timing.state === "lapsed").toBe(lapsed);
      const stage = lifecycle.classify(
        {
          customerId: 1,
          vehicles: [{ vehicleId: "V1", deliveryDate }],
          serviceEvents: [{ vehicleId: "V1", date: lastVisit, type: "maintenance", odometerKm: km }],
        },
        { asOf: asOfDay },
      );
      expect(stage.stage === "lapsed").toBe(lapsed);
      const row = psv.assessCustomers({
        vehicles: [{ vehicleId: "V1", customerId: 1, deliveryDate }],
        serviceEvents: [{ vehicleId: "V1", date: lastVisit, type: "maintenance", odometerKm: km, margin: "660" }],
        asOf: asOfDay,
      }).customers[0]!;
      expect(row.vehicles[0]!.state === "lost").toBe(lapsed);
      expect(row.action === "win-back").toBe(lapsed);
      expect(service.DEFAULT_LAPSED_AFTER_DAYS).toBe(psv.defaultAssumptions().assumptions.visitDelayQuantilesDays[19]);
    });
  }
});
