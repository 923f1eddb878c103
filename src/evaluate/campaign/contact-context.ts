import type { PsvAssumptions } from "../../psv/assumptions.js";
import type { DealerVehicles } from "../../psv/dealer-records.js";
import { stageOf, vehicleSchedule, walkTimeline } from "../../psv/maintenance-timeline.js";
import type { ContactColumns } from "../../psv/read-contacts.js";
import { type CustomerEvents, MAINTENANCE_CODE } from "./campaign-records.js";

/** Lead-time bands of the contact before the next due date, in days (a negative lead time: overdue). */
export const LEAD_TIME_BANDS = [
  { label: "overdue", from: Number.NEGATIVE_INFINITY, to: 0 },
  { label: "due in 0–30 days", from: 0, to: 31 },
  { label: "due in 31–60 days", from: 31, to: 61 },
  { label: "due in 61–90 days", from: 61, to: 91 },
  { label: "due in 91–180 days", from: 91, to: 181 },
  { label: "due in over 180 days", from: 181, to: Number.POSITIVE_INFINITY },
] as const;

/** Each contact's stage (index into DUE_STAGE_NAMES; −1: no vehicle delivered by then) and lead time band. @internal */
export interface ContactContext {
  readonly stage: Int8Array;
  readonly leadTimeBand: Int8Array;
}

/** Where a vehicle stands on a day: its next due day and that visit's stage, from the maintenance visits before it. */
function standing(
  a: PsvAssumptions,
  fleet: DealerVehicles,
  events: CustomerEvents,
  c: number,
  v: number,
  day: number,
): { nextDue: number; stage: number } {
  const visits: number[] = [];
  for (let k = events.offsets[c] as number; k < (events.offsets[c + 1] as number); k++) {
    if ((events.day[k] as number) >= day) break;
    if (events.vehicle[k] === v && events.type[k] === MAINTENANCE_CODE) visits.push(events.day[k] as number);
  }
  const delivery = fleet.deliveryDay[v] as number;
  const schedule = vehicleSchedule(a, fleet, v, fleet.readingKm[v] as number, fleet.readingDay[v] as number);
  const timeline = walkTimeline(delivery, visits, schedule);
  return { nextDue: timeline.nextDueDay, stage: stageOf(timeline.visits, timeline.nextDueDay - delivery, schedule) };
}

/**
 * The stage and lead time of each contact: of the contacted vehicle, or for a customer-level contact of the
 * customer's vehicle due soonest (the most overdue first) among those delivered before the contact. @internal
 */
export function contactContext(
  a: PsvAssumptions,
  fleet: DealerVehicles,
  events: CustomerEvents,
  contacts: ContactColumns,
  vehiclesOf: readonly (readonly number[])[],
): ContactContext {
  const stage = new Int8Array(contacts.count).fill(-1);
  const leadTimeBand = new Int8Array(contacts.count).fill(-1);
  for (let index = 0; index < contacts.count; index++) {
    const c = contacts.customer[index] as number;
    const day = contacts.day[index] as number;
    const given = contacts.vehicle[index] as number;
    const candidates = given >= 0 ? [given] : (vehiclesOf[c] ?? []);
    let best: { nextDue: number; stage: number } | undefined;
    for (const v of candidates) {
      if ((fleet.deliveryDay[v] as number) > day) continue;
      const here = standing(a, fleet, events, c, v, day);
      if (best === undefined || here.nextDue < best.nextDue) best = here;
    }
    if (best === undefined) continue;
    stage[index] = best.stage;
    const lead = best.nextDue - day;
    leadTimeBand[index] = LEAD_TIME_BANDS.findIndex((band) => lead >= band.from && lead < band.to);
  }
  return { stage, leadTimeBand };
}
