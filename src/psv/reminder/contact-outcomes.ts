import { isDrifting, nextDueAfterSkipped } from "../assess/vehicle-outlooks.js";
import type { PsvAssumptions } from "../assumptions.js";
import type { DealerVehicles } from "../dealer-records.js";
import { scheduleFor, stageHazards, stageOf, walkTimeline } from "../maintenance-timeline.js";
import type { ContactColumns } from "../read-contacts.js";
import { leadBandOf } from "./lead-bands.js";

/**
 * Each vehicle's maintenance visits, ascending: vehicle v's are days[offsets[v], offsets[v + 1]); and the days of
 * all its events (any type), likewise, to tell a drifting owner from a gone one. @internal
 */
export interface MaintenanceVisits {
  readonly offsets: Int32Array;
  readonly days: Float64Array;
  readonly eventOffsets: Int32Array;
  readonly eventDays: Float64Array;
}

/** What the outcome of each contact needs: the fleet, each vehicle's km a year, its visits, the log, asOf. @internal */
export interface OutcomeInput {
  readonly a: PsvAssumptions;
  readonly fleet: DealerVehicles;
  /** The km a year each vehicle's schedule runs on (Number.MIN_VALUE: unknown, time limits alone). */
  readonly kmPerYear: Float64Array;
  readonly visits: MaintenanceVisits;
  readonly contacts: ContactColumns;
  readonly asOf: number;
}

/**
 * Each contact's lead-time band and stage (−1: left out) and whether the owner did not come back for the visit due
 * then (1) or did (0): a maintenance visit from the contact day to the due day plus the lapse (the 95% point of the
 * delays of owners who come). Left out: contacts whose window had not closed by asOf (`censored`), whose lead time
 * lies outside every band, or before the vehicle's delivery.
 * @internal
 */
export interface ContactOutcomes {
  readonly band: Int8Array;
  readonly stage: Int8Array;
  readonly notBack: Uint8Array;
  /** The model's chance that the owner leaves at that due visit (the loyalty posterior after the visits before). */
  readonly leave: Float64Array;
  readonly censored: number;
  readonly outsideBands: number;
}

/** The outcomes of every contact of the log (see {@link ContactOutcomes}). @internal */
export function contactOutcomes(input: OutcomeInput): ContactOutcomes {
  const { contacts, fleet } = input;
  const band = new Int8Array(contacts.count).fill(-1);
  const stage = new Int8Array(contacts.count).fill(-1);
  const notBack = new Uint8Array(contacts.count);
  const leave = new Float64Array(contacts.count);
  const vehiclesOf = vehiclesByCustomer(fleet);
  const lapse = input.a.visitDelayQuantilesDays[19] as number;
  let censored = 0;
  let outsideBands = 0;
  const standing: Standing = { due: 0, stage: 0, vehicle: -1, leave: 0 };
  const standingOn = standingReader(input);
  for (let index = 0; index < contacts.count; index++) {
    const day = contacts.day[index] as number;
    const given = contacts.vehicle[index] as number;
    if (!standingOn(given >= 0 ? [given] : (vehiclesOf[contacts.customer[index] as number] ?? []), day, standing))
      continue;
    const lead = standing.due - day;
    const contactBand = leadBandOf(lead);
    if (contactBand < 0) {
      outsideBands++;
      continue;
    }
    const windowEnd = Math.max(standing.due, day) + lapse;
    if (windowEnd > input.asOf) {
      censored++;
      continue;
    }
    band[index] = contactBand;
    stage[index] = standing.stage;
    leave[index] = standing.leave;
    notBack[index] = visitedWithin(input.visits, standing.vehicle, day, windowEnd) ? 0 : 1;
  }
  return { band, stage, notBack, leave, censored, outsideBands };
}

/** Each customer's vehicles, by index. */
function vehiclesByCustomer(fleet: DealerVehicles): number[][] {
  const lists: number[][] = fleet.customerIds.map(() => []);
  fleet.customerOf.forEach((c, v) => {
    lists[c]?.push(v);
  });
  return lists;
}

/** Where a contacted vehicle stood on the contact day: the vehicle, its next due day, that visit's stage and leave chance. */
interface Standing {
  due: number;
  stage: number;
  vehicle: number;
  leave: number;
}

/**
 * Reads where the contacted vehicle stood on the contact day (the due day, stage and model leave chance of its next
 * visit, from the visits before it; a drifting vehicle's due date past the skipped visits); for a customer-level
 * contact, the customer's vehicle due soonest. The reader returns false if none was delivered yet.
 */
function standingReader(input: OutcomeInput): (candidates: readonly number[], day: number, out: Standing) => boolean {
  const { fleet, visits, a } = input;
  // Once per log, not per contact: the stage hazards, the lapse and the loyalty-record callback.
  const hazards = stageHazards(a);
  const s = a.loyaltyShape;
  const lapse = a.visitDelayQuantilesDays[19] as number;
  let stayed = 0;
  const onVisit = (stage: number) => {
    stayed += hazards[stage] as number;
  };
  return (candidates, day, out) => {
    out.vehicle = -1;
    for (const v of candidates) {
      const delivery = fleet.deliveryDay[v] as number;
      if (delivery > day) continue;
      const from = visits.offsets[v] as number;
      let to = from;
      while (to < (visits.offsets[v + 1] as number) && (visits.days[to] as number) < day) to++;
      const acquiredAgeDays = (fleet.acquiredDay[v] as number) - delivery;
      const schedule = scheduleFor(a, input.kmPerYear[v] as number, acquiredAgeDays, fleet.acquiredKm[v] as number);
      stayed = 0;
      const start = fleet.historyStartDay[v] as number;
      const timeline = walkTimeline(delivery, visits.days.subarray(from, to), schedule, onVisit, start);
      if (isDrifting(timeline, lastEventBefore(visits, v, day), day, lapse))
        timeline.nextDueDay = nextDueAfterSkipped(timeline.nextDueDay, day, lapse, schedule.intervalDays);
      if (out.vehicle >= 0 && timeline.nextDueDay >= out.due) continue;
      out.vehicle = v;
      out.due = timeline.nextDueDay;
      out.stage = stageOf(timeline.visits, timeline.nextDueDay - delivery, schedule);
      out.leave = 1 - ((s + stayed) / (s + stayed + (hazards[out.stage] as number))) ** s;
    }
    return out.vehicle >= 0;
  };
}

/** The day of vehicle v's last event (any type) before `day` (−∞: none). */
function lastEventBefore(visits: MaintenanceVisits, v: number, day: number): number {
  let last = Number.NEGATIVE_INFINITY;
  for (let k = visits.eventOffsets[v] as number; k < (visits.eventOffsets[v + 1] as number); k++) {
    const eventDay = visits.eventDays[k] as number;
    if (eventDay >= day) break;
    last = eventDay;
  }
  return last;
}

/** Whether vehicle v has a maintenance visit on a day in [from, to]. */
function visitedWithin(visits: MaintenanceVisits, v: number, from: number, to: number): boolean {
  for (let k = visits.offsets[v] as number; k < (visits.offsets[v + 1] as number); k++) {
    const day = visits.days[k] as number;
    if (day >= from && day <= to) return true;
  }
  return false;
}
