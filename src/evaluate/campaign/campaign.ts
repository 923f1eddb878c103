import type { InvalidInputError } from "../../errors.js";
import { type OptionNames, readOptions } from "../../input/read-options.js";
import { type Money, MoneyDecimal } from "../../money/decimal.js";
import type { AssessEvent, AssessEventColumns, AssessVehicle, AssessVehicleColumns } from "../../psv/assess-input.js";
import { checkAssumptions, defaultAssumptions, type PsvAssumptions } from "../../psv/assumptions.js";
import type { CampaignContact, CampaignContactColumns } from "../../psv/contact-input.js";
import { type DealerVehicles, readDealerVehicles, SCALE } from "../../psv/dealer-records.js";
import { DUE_STAGE_NAMES } from "../../psv/maintenance-timeline.js";
import { type ContactColumns, readContacts } from "../../psv/read-contacts.js";
import { dayNumber, isoDate } from "../../schemas/day-number.js";
import { optionError, wholeNumberOption } from "../../schemas/options.js";
import { withTimeZone } from "../../schemas/time-zone.js";
import { type CustomerEvents, isAfterSales, isWorkshopVisit, readCustomerEvents } from "./campaign-records.js";
import { type ContactOutcome, clusterDesignEffects, widenForClustering } from "./cluster-design-effect.js";
import { contactContext, LEAD_TIME_BANDS } from "./contact-context.js";
import {
  addOutcome,
  emptySums,
  type GroupSums,
  powerNote,
  type Stratum,
  stratifiedUplift,
  type Uplift,
} from "./stratified-uplift.js";

/** Options of {@link campaign}. */
export interface CampaignOptions {
  /** The campaign log: who was in which campaign (its date), reminded (`treatment`) or held out (`control`). */
  readonly contacts: readonly CampaignContact[] | CampaignContactColumns;
  /** The dealer's vehicles, as `psv.assessCustomers` takes them. */
  readonly vehicles: readonly AssessVehicle[] | AssessVehicleColumns;
  /** The dealer's events, as `psv.assessCustomers` takes them. */
  readonly serviceEvents: readonly AssessEvent[] | AssessEventColumns;
  /** The day the log was exported: contacts and events after it are errors; windows not over by then are left out. */
  readonly asOf: Date | string;
  /** A contact responded if a workshop visit followed within this many days (1 to 730). */
  readonly responseWindowDays: number;
  /** The value per contact: "margin" (default) or "revenue" of the after-sales events in the window. */
  readonly value?: "margin" | "revenue";
  /** Assumptions for the service schedule behind stages and lead times (default: the mass segment's). */
  readonly assumptions?: PsvAssumptions;
  /** IANA time zone for date-times and Date objects (default "UTC"). */
  readonly timeZone?: string;
}

/** One group's outcomes: contacts, responders, visits and value in the response windows. */
export interface CampaignGroup {
  readonly contacts: number;
  readonly customers: number;
  /** Contacts with a workshop visit (maintenance, repair, detailing) within the window. */
  readonly responders: number;
  readonly responseRate: number;
  /** Workshop visits (vehicle-days) within the windows. */
  readonly visits: number;
  /** Σ margin and revenue of the after-sales events within the windows. */
  readonly margin: Money;
  readonly revenue: Money;
}

/** A comparison of treatment and control within a part of the log (a campaign, a stage, a lead time). */
export interface CampaignSegment {
  readonly label: string;
  readonly treatment: { readonly contacts: number; readonly responders: number; readonly responseRate: number };
  readonly control: { readonly contacts: number; readonly responders: number; readonly responseRate: number };
  /** Compared within each campaign date, then combined (Mantel–Haenszel). */
  readonly uplift: Uplift;
  /** A power note when the rate uplift cannot be told from zero. */
  readonly warning: string | undefined;
}

/** What {@link campaign} measures. */
export interface CampaignResult {
  readonly treatment: CampaignGroup;
  readonly control: CampaignGroup;
  /** Share of treatment contacts the reminder reached, of those whose outcome the log says (NaN: never said). */
  readonly reachRate: number;
  /** The effect of being in the treatment group (intention to treat), compared within campaigns and combined. */
  readonly uplift: Uplift;
  /** The pooled difference in response rates, not compared within campaigns: biased when control shares differ (NaN
   * when a group has no contacts). */
  readonly pooledRateDifference: number;
  readonly campaigns: CampaignSegment[];
  readonly byStage: CampaignSegment[];
  readonly byLeadTime: CampaignSegment[];
  readonly warnings: string[];
  /** Contacts whose response window had not ended by asOf (left out). */
  readonly openWindows: number;
  /** One InvalidInputError per bad contact, vehicle or event row (left out). */
  readonly errors: InvalidInputError[];
}

const SUBJECT = "campaign options";
const OPTION_NAMES: OptionNames<CampaignOptions> = {
  contacts: true,
  vehicles: true,
  serviceEvents: true,
  asOf: true,
  responseWindowDays: true,
  value: true,
  assumptions: true,
  timeZone: true,
};

/** A contact's outcome within its window. */
interface Outcome {
  responded: boolean;
  visits: number;
  /** In 1/10,000. */
  margin: number;
  revenue: number;
}

/**
 * Measures a dealer's reminder campaigns against their randomly held-out control groups: per group the contacts,
 * responders (a workshop visit — maintenance, repair or detailing — within `responseWindowDays` after the contact),
 * visits, margin and revenue; and the uplift of a reminder per contact in response rate, visits and value, absolute
 * and relative, each with a 95% interval. Contacts are compared **within each campaign** (the contacts of one date)
 * and the campaigns combined with Mantel–Haenszel weights n₁n₀/N: control shares differ between campaigns, and a
 * pooled difference then mixes the campaigns' baselines (it is reported as `pooledRateDifference`, for contrast).
 * The rate difference has Sato's (1989) variance (sound for many small campaigns and few large ones; Newcombe's
 * interval for a single campaign), the relative rate the Greenland–Robins variance of the log risk ratio, visits and
 * value Wald intervals of the weighted mean difference (delta method for the relative change). The same by campaign,
 * by stage of the contacted vehicle (before its first service, 首保即终保 window, in or after the warranty) and by
 * lead time before its next due date; each with a power note when its rate uplift cannot be told from zero.
 *
 * The uplift is per contact in the treatment group (intention to treat): unreached attempts count, so a low
 * `reachRate` dilutes it as it would a real call list. This is how a dealer checks a vendor's "+94% invitation
 * success" or "+25% store traffic" on their own data.
 *
 * @throws InvalidInputError for bad options or input that is not rows or columns; bad rows are per-row `errors`.
 *
 * @example
 * ```ts
 * const measured = evaluate.campaign({ asOf: "2024-06-30", responseWindowDays: 60,
 *   vehicles: [{ vehicleId: "V1", customerId: "C1", deliveryDate: "2022-01-10" },
 *     { vehicleId: "V2", customerId: "C2", deliveryDate: "2022-02-01" }],
 *   serviceEvents: [{ vehicleId: "V1", date: "2024-03-20", type: "maintenance", margin: "300" }],
 *   contacts: [{ customerId: "C1", date: "2024-03-01", group: "treatment" },
 *     { customerId: "C2", date: "2024-03-01", group: "control" }] });
 * measured.uplift.rate.estimate // 1
 * measured.treatment.margin.toFixed(2) // "300.00"
 * ```
 */
export function campaign(options: CampaignOptions): CampaignResult {
  options = readOptions(SUBJECT, options, OPTION_NAMES, { optional: false });
  return withTimeZone(options.timeZone, () => campaignInZone(options));
}

function campaignInZone(options: CampaignOptions): CampaignResult {
  const asOfDay = dayNumber(options.asOf);
  const asOf = typeof asOfDay === "string" ? optionError(SUBJECT, "asOf", asOfDay) : asOfDay;
  if (options.responseWindowDays === undefined)
    optionError(SUBJECT, "responseWindowDays", "is required: the days after a contact in which a visit is a response");
  const window = wholeNumberOption(SUBJECT, options.responseWindowDays, "responseWindowDays", 60, 1, 730);
  const valueField = options.value ?? "margin";
  if (valueField !== "margin" && valueField !== "revenue")
    optionError(SUBJECT, "value", 'must be "margin" or "revenue"');
  const a = checkAssumptions(options.assumptions ?? defaultAssumptions({ segment: "mass" }).assumptions);
  const errors: InvalidInputError[] = [];
  const fleet = readDealerVehicles(options.vehicles, asOf, errors);
  const events = readCustomerEvents(options.serviceEvents, fleet, asOf, errors);
  const contacts = readContacts(options.contacts, fleet, asOf, errors);
  const open = Uint8Array.from(contacts.day, (day) => (day + window > asOf ? 1 : 0));
  const outcomes = Array.from({ length: contacts.count }, (_, index) => outcomeOf(events, contacts, index, window));
  const context = contactContext(a, fleet, events, contacts, vehiclesByCustomer(fleet));
  const segment = segmentBuilder(contacts, outcomes, open, valueField);
  const all = segment("all contacts", () => true);
  const campaigns = [...new Set(contacts.day.filter((_, index) => !open[index]))]
    .sort((x, y) => x - y)
    .map((day) => segment(`campaign of ${isoDate(day)}`, (index) => contacts.day[index] === day));
  const byStage = DUE_STAGE_NAMES.map((label, stage) => segment(label, (index) => context.stage[index] === stage));
  const byLeadTime = LEAD_TIME_BANDS.map(({ label }, band) =>
    segment(label, (index) => context.leadTimeBand[index] === band),
  );
  const openWindows = open.reduce((sum, flag) => sum + flag, 0);
  // By subject (code units, no locale), then row.
  errors.sort((x, y) =>
    x.subject < y.subject ? -1 : x.subject > y.subject ? 1 : (x.rowIndex ?? 0) - (y.rowIndex ?? 0),
  );
  return {
    treatment: groupOf(contacts, outcomes, open, 1),
    control: groupOf(contacts, outcomes, open, 0),
    reachRate: reachRate(contacts, open),
    uplift: all.uplift,
    pooledRateDifference: all.treatment.responseRate - all.control.responseRate,
    campaigns,
    byStage: byStage.filter((row) => row.treatment.contacts + row.control.contacts > 0),
    byLeadTime: byLeadTime.filter((row) => row.treatment.contacts + row.control.contacts > 0),
    warnings: campaignWarnings(all, openWindows, window, repeatedCustomers(contacts, open)),
    openWindows,
    errors,
  };
}

function vehiclesByCustomer(fleet: DealerVehicles): number[][] {
  const out: number[][] = fleet.customerIds.map(() => []);
  fleet.customerOf.forEach((c, v) => {
    out[c]?.push(v);
  });
  return out;
}

/** A contact's workshop visits and after-sales value in (day, day + window], of its vehicle or any of the customer's. */
function outcomeOf(events: CustomerEvents, contacts: ContactColumns, index: number, window: number): Outcome {
  const c = contacts.customer[index] as number;
  const day = contacts.day[index] as number;
  const vehicle = contacts.vehicle[index] as number;
  const outcome: Outcome = { responded: false, visits: 0, margin: 0, revenue: 0 };
  let lastVisit = "";
  for (let k = events.offsets[c] as number; k < (events.offsets[c + 1] as number); k++) {
    const eventDay = events.day[k] as number;
    if (eventDay <= day) continue;
    if (eventDay > day + window) break;
    const v = events.vehicle[k] as number;
    if (vehicle >= 0 && v !== vehicle) continue;
    const type = events.type[k] as number;
    if (isWorkshopVisit(type)) {
      outcome.responded = true;
      const visit = `${v}:${eventDay}`;
      if (visit !== lastVisit) outcome.visits += 1;
      lastVisit = visit;
    }
    if (isAfterSales(type)) {
      outcome.margin += events.margin[k] as number;
      outcome.revenue += events.revenue[k] as number;
    }
  }
  return outcome;
}

/** Builds a segment from the contacts a predicate keeps, stratified by campaign date. */
function segmentBuilder(
  contacts: ContactColumns,
  outcomes: readonly Outcome[],
  open: Uint8Array,
  valueField: "margin" | "revenue",
): (label: string, keep: (index: number) => boolean) => CampaignSegment {
  const outcomeOf = (index: number): ContactOutcome => {
    const outcome = outcomes[index] as Outcome;
    return { responded: outcome.responded, visits: outcome.visits, value: outcome[valueField] / SCALE };
  };
  return (label, keep) => {
    const byDay = new Map<number, Stratum>();
    const used: number[] = [];
    for (let index = 0; index < contacts.count; index++) {
      if (open[index] || !keep(index)) continue;
      const day = contacts.day[index] as number;
      let stratum = byDay.get(day);
      if (stratum === undefined) {
        stratum = { treatment: emptySums(), control: emptySums() };
        byDay.set(day, stratum);
      }
      const outcome = outcomeOf(index);
      addOutcome(
        contacts.treated[index] ? stratum.treatment : stratum.control,
        outcome.responded,
        outcome.visits,
        outcome.value,
      );
      used.push(index);
    }
    const strata = [...byDay.values()];
    const uplift = widenForClustering(stratifiedUplift(strata), clusterDesignEffects(contacts, used, outcomeOf, byDay));
    return {
      label,
      treatment: counts(strata, "treatment"),
      control: counts(strata, "control"),
      uplift,
      warning: powerNote(label, strata, uplift.rate),
    };
  };
}

function counts(strata: readonly Stratum[], group: "treatment" | "control") {
  let contacts = 0;
  let responders = 0;
  for (const stratum of strata) {
    const sums: GroupSums = stratum[group];
    contacts += sums.n;
    responders += sums.responders;
  }
  return { contacts, responders, responseRate: contacts > 0 ? responders / contacts : Number.NaN };
}

/** A group's totals over its contacts whose window is over. */
function groupOf(
  contacts: ContactColumns,
  outcomes: readonly Outcome[],
  open: Uint8Array,
  treated: number,
): CampaignGroup {
  let count = 0;
  let responders = 0;
  let visits = 0;
  let margin = 0;
  let revenue = 0;
  const customers = new Set<number>();
  for (let index = 0; index < contacts.count; index++) {
    if (open[index] || contacts.treated[index] !== treated) continue;
    const outcome = outcomes[index] as Outcome;
    count += 1;
    customers.add(contacts.customer[index] as number);
    if (outcome.responded) responders += 1;
    visits += outcome.visits;
    margin += outcome.margin;
    revenue += outcome.revenue;
  }
  return {
    contacts: count,
    customers: customers.size,
    responders,
    responseRate: count > 0 ? responders / count : Number.NaN,
    visits,
    margin: new MoneyDecimal(margin).div(SCALE),
    revenue: new MoneyDecimal(revenue).div(SCALE),
  };
}

function reachRate(contacts: ContactColumns, open: Uint8Array): number {
  let said = 0;
  let reached = 0;
  for (let index = 0; index < contacts.count; index++) {
    if (open[index] || !contacts.treated[index] || contacts.reached[index] === 2) continue;
    said += 1;
    if (contacts.reached[index] === 1) reached += 1;
  }
  return said > 0 ? reached / said : Number.NaN;
}

/** Customers counted in more than one campaign (their contacts are not independent). */
function repeatedCustomers(contacts: ContactColumns, open: Uint8Array): number {
  const seen = new Map<number, number>();
  for (let index = 0; index < contacts.count; index++) {
    if (open[index]) continue;
    const c = contacts.customer[index] as number;
    seen.set(c, (seen.get(c) ?? 0) + 1);
  }
  let repeated = 0;
  for (const count of seen.values()) if (count > 1) repeated += 1;
  return repeated;
}

function campaignWarnings(all: CampaignSegment, openWindows: number, window: number, repeated: number): string[] {
  const warnings: string[] = [];
  if (all.warning !== undefined) warnings.push(all.warning);
  if (openWindows > 0)
    warnings.push(
      `${openWindows.toLocaleString("en-US")} contacts are left out: their ${window}-day response window had not ended by asOf`,
    );
  if (repeated > 0)
    warnings.push(
      `${repeated.toLocaleString("en-US")} customers are in more than one campaign: the intervals treat each contact as independent, so they are somewhat narrow (about 92% coverage for a nominal 95% on logs where owners recur every quarter)`,
    );
  if (all.control.contacts === 0)
    warnings.push("no control contacts: without a held-out group the log cannot measure what a reminder does");
  return warnings;
}
