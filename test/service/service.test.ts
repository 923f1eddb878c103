import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, service } from "../../src/index.js";

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000));

describe("service.nextDue (hand-worked)", () => {
  it("first service of an average car is due by mileage (5,000 km at 19,000 km a year ≈ 96 days)", () => {
    const next = service.nextDue({ deliveryDate: "2024-01-10" });
    expect(next.isFirstService).toBe(true);
    expect(next.basis).toBe("mileage");
    expect(isoDay(next.dueDate)).toBe(addDays("2024-01-10", Math.round(5000 / (19000 / 365.2425))));
    expect(isoDay(next.dueByTime)).toBe("2024-06-10");
  });
  it("a low-mileage car is due by time; its own mileage rate is used", () => {
    const next = service.nextDue({ deliveryDate: "2024-01-10", odometerKm: 2000, odometerDate: "2024-05-10" });
    expect(next.kmPerDaySource).toBe("odometer");
    expect(next.kmPerDay).toBeCloseTo(2000 / 121, 12);
    expect(next.basis).toBe("time");
    expect(isoDay(next.dueDate)).toBe("2024-06-10");
  });
  it("a later service is due at last service + 10,000 km or + 12 months", () => {
    const next = service.nextDue({
      deliveryDate: "2024-01-10",
      lastServiceDate: "2024-06-10",
      lastServiceOdometerKm: 5200,
      servicesDone: 1,
      odometerKm: 15_000,
      odometerDate: "2025-01-10",
    });
    expect(next.isFirstService).toBe(false);
    expect(next.dueOdometerKm).toBe(15_200);
    expect(next.basis).toBe("mileage");
    // 200 km to go at 15,000 km / 366 days.
    expect(isoDay(next.dueDate)).toBe(addDays("2025-01-10", Math.round(200 / (15_000 / 366))));
    expect(isoDay(next.dueByTime)).toBe("2025-06-10");
  });
  it("calendar months clamp to the end of the month", () => {
    const next = service.nextDue(
      { deliveryDate: "2023-09-30", odometerKm: 100, odometerDate: "2023-12-30" },
      { firstServiceMonths: 5 },
    );
    expect(isoDay(next.dueByTime)).toBe("2024-02-29");
  });
  it("rejects impossible vehicles", () => {
    expect(() => service.nextDue({ deliveryDate: "2024-01-10", lastServiceDate: "2023-12-01" })).toThrow(
      /lastServiceDate: must not be before the delivery date/,
    );
    expect(() =>
      service.nextDue({
        deliveryDate: "2024-01-10",
        lastServiceDate: "2024-06-01",
        lastServiceOdometerKm: 9000,
        odometerKm: 8000,
        odometerDate: "2024-07-01",
      }),
    ).toThrow(/odometerKm: goes backwards/);
    expect(() => service.nextDue({ deliveryDate: "2024-13-01" })).toThrow(InvalidInputError);
    expect(() => service.nextDue({ deliveryDate: "2024-01-01" }, { intervalKm: -5 })).toThrow(/intervalKm/);
  });
});

describe("service.status", () => {
  const vehicle = {
    deliveryDate: "2023-01-10",
    lastServiceDate: "2023-06-01",
    lastServiceOdometerKm: 5000,
    servicesDone: 1,
    odometerKm: 6000,
    odometerDate: "2023-07-01",
  };
  it("moves from not-due to due-soon, overdue and lapsed as time passes", () => {
    const due = isoDay(service.nextDue(vehicle).dueDate);
    expect(service.status(vehicle, {}, { asOf: addDays(due, -60) }).state).toBe("not-due");
    expect(service.status(vehicle, {}, { asOf: addDays(due, -10) }).state).toBe("due-soon");
    const overdue = service.status(vehicle, {}, { asOf: addDays(due, 30) });
    expect(overdue.state).toBe("overdue");
    expect(overdue.daysOverdue).toBe(30);
    expect(overdue.overdueRatio).toBeCloseTo(30 / overdue.next.intervalDays, 12);
    const lapsed = service.status(vehicle, {}, { asOf: addDays(due, 400) });
    expect(lapsed.state).toBe("lapsed");
    expect(lapsed.firstServiceWasLast).toBe(true);
    expect(lapsed.recencyScore).toBe(1);
    expect(service.status({ ...vehicle, servicesDone: 3 }, {}, { asOf: addDays(due, 400) }).firstServiceWasLast).toBe(
      false,
    );
  });
  it("risk never falls and the recency score never rises as time passes; a just-serviced car scores 5", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 1, max: 200 }), (offset, step) => {
        // From the last record on (the odometer reading of 2023-07-01): a status as of an earlier day is an error.
        const early = service.status(vehicle, {}, { asOf: addDays("2023-07-01", offset) });
        const late = service.status(vehicle, {}, { asOf: addDays("2023-07-01", offset + step) });
        expect(late.risk).toBeGreaterThanOrEqual(early.risk);
        expect(late.recencyScore).toBeLessThanOrEqual(early.recencyScore);
        const order = ["not-due", "due-soon", "overdue", "lapsed"];
        expect(order.indexOf(late.state)).toBeGreaterThanOrEqual(order.indexOf(early.state));
      }),
    );
    const { odometerKm: _km, odometerDate: _date, ...withoutReading } = vehicle;
    expect(service.status(withoutReading, {}, { asOf: "2023-06-02" }).recencyScore).toBe(5);
  });
  it("a newer service visit never raises the risk", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (first, gap, after) => {
          const firstVisit = addDays("2023-01-10", first);
          const secondVisit = addDays(firstVisit, gap);
          const asOf = addDays(secondVisit, after);
          const before = service.status(
            { deliveryDate: "2023-01-10", lastServiceDate: firstVisit, servicesDone: 1 },
            {},
            { asOf },
          );
          const withVisit = service.status(
            { deliveryDate: "2023-01-10", lastServiceDate: secondVisit, servicesDone: 2 },
            {},
            { asOf },
          );
          expect(withVisit.risk).toBeLessThanOrEqual(before.risk);
        },
      ),
    );
  });
});

describe("service counts are never guessed", () => {
  const lapsed = { deliveryDate: "2023-01-10", lastServiceDate: "2023-06-01" };
  it("an omitted count with a last service is unknown: no 首保即终保 flag", () => {
    expect(service.status(lapsed, {}, { asOf: "2024-12-01" }).firstServiceWasLast).toBe(false);
    expect(service.status({ ...lapsed, servicesDone: 1 }, {}, { asOf: "2024-12-01" }).firstServiceWasLast).toBe(true);
    expect(service.nextDue(lapsed).isFirstService).toBe(false);
  });
  it("rejects a count without a date, and a zero count with one", () => {
    expect(() => service.status({ deliveryDate: "2023-01-10", servicesDone: 2 }, {}, { asOf: "2024-12-01" })).toThrow(
      /servicesDone: a service count > 0 needs lastServiceDate/,
    );
    expect(() => service.status({ ...lapsed, servicesDone: 0 }, {}, { asOf: "2024-12-01" })).toThrow(
      /servicesDone: is 0, but lastServiceDate is given/,
    );
  });
});

describe("issue 26.4: a Date counts as the civil day its instant falls on, as a string does", () => {
  // A Date after 12:00 UTC used to be read as fractional days and rounded at the end: one day later than the same
  // day written as a string (daysOverdue 179 vs 180 here).
  const asDates = {
    deliveryDate: new Date("2023-03-10T18:00:00Z"),
    lastServiceDate: new Date("2024-01-10T20:30:00Z"),
    lastServiceOdometerKm: 20_000,
    odometerKm: 26_000,
    odometerDate: new Date("2024-05-01T23:00:00Z"),
  };
  const asStrings = {
    deliveryDate: "2023-03-10",
    lastServiceDate: "2024-01-10",
    lastServiceOdometerKm: 20_000,
    odometerKm: 26_000,
    odometerDate: "2024-05-01",
  };
  it("gives the same due dates and days overdue", () => {
    expect(service.nextDue(asDates)).toEqual(service.nextDue(asStrings));
    const options = { asOf: "2024-12-31" };
    expect(service.status(asDates, {}, options).daysOverdue).toBe(service.status(asStrings, {}, options).daysOverdue);
  });
  it("reads a Date in status's time zone: each of these instants is the next day in Shanghai", () => {
    const shanghai = service.status(asDates, {}, { asOf: "2024-12-31", timeZone: "Asia/Shanghai" });
    const nextDays = { deliveryDate: "2023-03-11", lastServiceDate: "2024-01-11", odometerDate: "2024-05-02" };
    const nextDay = service.status({ ...asStrings, ...nextDays }, {}, { asOf: "2024-12-31" });
    expect(shanghai.next.dueDate).toBeInstanceOf(Date);
    expect(shanghai.next.dueDate).toEqual(nextDay.next.dueDate);
    expect(shanghai.daysOverdue).toBe(nextDay.daysOverdue);
  });
});
