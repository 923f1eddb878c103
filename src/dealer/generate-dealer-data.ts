import { shown } from "../errors-shown.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { createRandomSource } from "../math/random-source.js";
import { defaultAssumptions, type PsvAssumptions, type VehicleSegment } from "../psv/assumptions.js";
import { isoDate as isoDay } from "../schemas/day-number.js";
import { numberOption as checkNumberOption, optionError } from "../schemas/options.js";
import { parseDate } from "../schemas/parse-date.js";
import type { ServiceEventType } from "../schemas/records.js";
import {
  advanceOwner,
  type CampaignPlan,
  cloneOwner,
  DEFAULT_DEALER_MECHANICS,
  type DealerMechanics,
  drawTraits,
  expectedFuture,
  expectedSavedByCall,
  type OfficePlan,
  type OwnerCampaigns,
  type OwnerState,
  ownerCampaigns,
  ownerSeed,
  type ReminderEffect,
  type SimulatedEvent,
  startOwner,
  type WorldSettings,
} from "./owner-simulation.js";

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.2425;

/** One owner's records, as the lifecycle, RFM, BTYD and PSV functions take them. */
export interface DealerCustomer {
  readonly customerId: string;
  readonly leads: { date: string }[];
  readonly vehicles: {
    vehicleId: string;
    deliveryDate: string;
    odometerKm?: number;
    odometerDate?: string;
    /** A used car: the day this owner bought it and its odometer then (`deliveryDate`: its first registration). */
    acquiredDate?: string;
    odometerAtAcquisition?: number;
    /** With `households`: the segment whose assumptions the car follows. */
    segment?: VehicleSegment;
    /** With `dealers`: the dealer of the group that sold it. */
    dealerId?: string;
  }[];
  readonly purchases: { date: string; type: "new-car" | "used-car" | "trade-in" }[];
  readonly serviceEvents: {
    vehicleId: string;
    date: string;
    type: ServiceEventType;
    /** The odometer at the event (none on the office's records: finance, referrals). */
    odometerKm?: number;
    revenue: string;
    margin: string;
    /** With `dealers`: the dealer of the group where it happened. */
    dealerId?: string;
  }[];
  readonly contracts: { type: "insurance" | "finance"; start: string; end: string }[];
  readonly referrals: { date: string }[];
  /**
   * The dealer's log of past reminder campaigns, with the `campaigns` option: one row per owner contacted (or held
   * out) in a campaign, as `evaluate.campaign` and `psv.assessCustomers` read it.
   */
  readonly contacts?: { date: string; group: "treatment" | "control"; vehicleId: string; reached?: boolean }[];
  /** The simulator's hidden truth on `truth.date`, only with the `truth` option (for backtests; never in real data). */
  readonly truth?: DealerTruth;
}

/** What only the simulator knows about an owner on a date: the oracle a backtest compares rankings with. */
export interface DealerTruth {
  /** The owner had taken delivery and was still served here on the date. */
  readonly active: boolean;
  /** Expected margin the owner brings in [date, date + horizonYears) without a reminder (Monte Carlo mean). */
  readonly expectedValue: number;
  /** Expected margin that a reminder sent on the date saves over the same horizon (with − without, same futures). */
  readonly expectedSavedValue: number;
  /** The owner's hidden traits: loyalty multiplier of the leave hazard (1 = average; lower = more loyal) and price level. */
  readonly loyalty: number;
  readonly priceLevel: number;
}

/** Options of {@link generateDealerData}. */
export interface GenerateDealerDataOptions {
  /** Vehicles delivered by the dealer (owners are generated with them; repurchases add vehicles). */
  readonly vehicles: number;
  readonly seed: number;
  /** The day the data end (default "2024-06-30"). */
  readonly asOf?: Date | string;
  /** Deliveries spread uniformly over this many years before asOf (default 10). */
  readonly years?: number;
  /** Segment for the default assumptions (default "mass"). */
  readonly segment?: VehicleSegment;
  /** Rates and values the history follows (default: `psv.defaultAssumptions({ segment })`). */
  readonly assumptions?: PsvAssumptions;
  /** How owners behave (default {@link DEFAULT_DEALER_MECHANICS}); any subset overrides the defaults. */
  readonly mechanics?: Partial<DealerMechanics>;
  /** Prospects without a vehicle, as a share of owners (default 0.1). */
  readonly prospectShare?: number;
  /** Gross margin as a share of revenue, to write revenue beside margin (default 0.4; insurance revenue is the premium). */
  readonly marginShare?: number;
  /** Prefix of every customer and vehicle id, to generate a large base in independent chunks (default ""). */
  readonly idPrefix?: string;
  /**
   * A reminder sent to every owner on `date`: the chance of leaving at a maintenance visit due within `withinDays`
   * (default 60) is cut by `effect` (default 0.5). The same seed with and without it gives the same history before
   * `date`, so the difference after it is the value the reminders saved.
   */
  readonly reminder?: { readonly date: Date | string; readonly effect?: number; readonly withinDays?: number };
  /**
   * Past reminder campaigns with a random control group, logged in each customer's `contacts`: on each of `dates`
   * the owners whose next maintenance visit falls due within `leadDays` (default [0, 60]) are in the campaign;
   * `controlShare` (default 0.2) of them are held out; an attempt reaches an owner with the owner's own chance
   * (0.05 for the `unreachableShare` of owners, default 0.1; 0.9 for the rest); a reached owner's chance of leaving
   * at that visit is cut by `effect` (default 0.5; or `effectByStage`: before the first service, right after it, in
   * and after the warranty) × exp(−lead / `decayDays`) (default: no decay). The history's own random stream is
   * untouched: only the decisions a reminder changes differ from the same seed without campaigns.
   */
  readonly campaigns?: {
    readonly dates: readonly (Date | string)[];
    readonly controlShare?: number;
    readonly leadDays?: readonly [number, number];
    readonly effect?: number;
    readonly effectByStage?: readonly [number, number, number, number];
    readonly decayDays?: number;
    /** Lead times (days before the due date; negative: overdue) at which a reminder acts at all (default `leadDays`). */
    readonly effectLeadDays?: readonly [number, number];
    readonly unreachableShare?: number;
  };
  /**
   * Fleets and households: `share` (default 0.05) of the customers own `size` (default [5, 10]) vehicles at once,
   * each with its own owner line (traits, decisions); a reminder's effect on them is × `effect` (default 0.3: a
   * fleet manager heeds it less than a private owner).
   */
  readonly fleets?: {
    readonly share?: number;
    readonly size?: readonly [number, number];
    readonly effect?: number;
  };
  /**
   * Used cars: `share` (default 0.2 when given) of the owners' first cars are bought here used, `ageYears` (default
   * [1, 6]) after first registration, with the odometer their pace gives (a "used-car-sale" event; the vehicle
   * carries `acquiredDate` and `odometerAtAcquisition`). Every due visit of a used car is a later one (in or after
   * the warranty), the owner keeps it at least two years. Drawn on a stream of its own: without it, the same seed
   * gives the same world.
   */
  readonly usedCars?: {
    readonly share?: number;
    readonly ageYears?: readonly [number, number];
  };
  /**
   * Finance arranged by the dealer: `share` (default 0.4) of the cars sold are financed here, at a commission of
   * `commission` (default 0.25 × the new-car margin) × the owner's price level (a "finance" event at the sale);
   * after `termYears` (default 3) the contract is paid off (a "finance-payoff" event): `renewalShare` (default 0.1)
   * renew (half the commission, two more years), and of the others `replacementAfterPayoff` (default 0.3) replace the
   * car within the year after (the usual repurchase decision: here or elsewhere). The customers' finance contracts
   * follow these events. With `referrals` and `recalls`, drawn on a stream of the owner's own (the office's): without
   * any of the three, the same seed gives the same world.
   */
  readonly finance?: {
    readonly share?: number;
    readonly commission?: number;
    readonly termYears?: number;
    readonly renewalShare?: number;
    readonly replacementAfterPayoff?: number;
  };
  /** Referrals: `perYear` (default 0.05) sales an owner refers a year while here, each worth `value` (default 0.2 × the new-car margin) × the owner's price level ("referral" events). */
  readonly referrals?: { readonly perYear?: number; readonly value?: number };
  /**
   * Households with mixed segments: `share` (default 0.15) of the customers also own a car of `segment` (default
   * "luxury"), bought and kept by an owner line of its own (its own traits and decisions) under that segment's default
   * assumptions; every vehicle then carries its `segment` (the others: `options.segment`, default "mass"). Drawn on a
   * stream of its own: the first cars' histories are those of the same seed without it.
   */
  readonly households?: { readonly share?: number; readonly segment?: VehicleSegment };
  /**
   * A group of `count` dealers (default 2; ids "D1", "D2", …): each customer buys at one of them (drawn evenly), and
   * an owner about to leave moves to another dealer of the group instead with `moveShare` (default 0.3), staying a
   * customer of the group with the same habits. Vehicles carry the dealer that sold them, events the dealer where
   * they happened. Drawn on a stream of the owner's own.
   */
  readonly dealers?: { readonly count?: number; readonly moveShare?: number };
  /** Recall campaigns: `perYear` (default 0.1) recalls a car gets a year; an owner still here comes (a "recall" event, no margin). */
  readonly recalls?: { readonly perYear?: number };
  /**
   * Adds each owner's hidden truth on `date` ({@link DealerTruth}): expected value and expected saved value over
   * `horizonYears` (default 2) by Monte Carlo over `paths` futures (default 40), for a reminder of `reminderEffect`
   * (default 0.5) on visits due within `reminderWithinDays` (default 60). With `campaigns`, the reminder is instead
   * a contact on `date` with the campaigns' effect (by lead time and stage, fleets' factor), weighted by the owner's
   * reach chance: the value a call on the date would save. The history itself is unchanged.
   */
  readonly truth?: {
    readonly date: Date | string;
    readonly horizonYears?: number;
    readonly paths?: number;
    readonly reminderEffect?: number;
    readonly reminderWithinDays?: number;
  };
}

const SUBJECT = "dealer data options";
function optionIssue(path: string, message: string): never {
  return optionError(SUBJECT, path, message);
}

function dayOption(value: unknown, path: string): number {
  const parsed = parseDate(value);
  if (typeof parsed === "string") optionIssue(path, parsed);
  return Math.floor(parsed.getTime() / MS_PER_DAY);
}

const numberOption = (value: unknown, path: string, fallback: number, low: number, high: number): number =>
  checkNumberOption(SUBJECT, value, path, fallback, low, high);

const OPTION_NAMES: OptionNames<GenerateDealerDataOptions> = {
  vehicles: true,
  seed: true,
  asOf: true,
  years: true,
  segment: true,
  assumptions: true,
  mechanics: true,
  prospectShare: true,
  marginShare: true,
  idPrefix: true,
  reminder: true,
  campaigns: true,
  fleets: true,
  usedCars: true,
  finance: true,
  referrals: true,
  recalls: true,
  households: true,
  dealers: true,
  truth: true,
};

/** The options and their nested `reminder` and `truth` records, read with the one option reader. */
function readDealerOptions(value: unknown): GenerateDealerDataOptions {
  const options = readOptions(SUBJECT, value, OPTION_NAMES, { optional: false });
  const nested = <
    Name extends
      | "reminder"
      | "truth"
      | "campaigns"
      | "fleets"
      | "usedCars"
      | "finance"
      | "referrals"
      | "recalls"
      | "households"
      | "dealers",
  >(
    name: Name,
    names: OptionNames<NonNullable<GenerateDealerDataOptions[Name]>>,
  ) => (options[name] === undefined ? {} : { [name]: readOptions(SUBJECT, options[name], names, { path: [name] }) });
  return {
    ...options,
    ...nested("reminder", { date: true, effect: true, withinDays: true }),
    ...nested("campaigns", {
      dates: true,
      controlShare: true,
      leadDays: true,
      effect: true,
      effectByStage: true,
      decayDays: true,
      effectLeadDays: true,
      unreachableShare: true,
    }),
    ...nested("fleets", { share: true, size: true, effect: true }),
    ...nested("usedCars", { share: true, ageYears: true }),
    ...nested("finance", {
      share: true,
      commission: true,
      termYears: true,
      renewalShare: true,
      replacementAfterPayoff: true,
    }),
    ...nested("referrals", { perYear: true, value: true }),
    ...nested("recalls", { perYear: true }),
    ...nested("households", { share: true, segment: true }),
    ...nested("dealers", { count: true, moveShare: true }),
    ...nested("truth", { date: true, horizonYears: true, paths: true, reminderEffect: true, reminderWithinDays: true }),
  };
}

/** An owner's logged contacts as the rows a dealer's CRM exports (contacts after the data end are not logged). */
function contactRows(
  campaigns: OwnerCampaigns,
  vehicleIds: readonly string[],
  endDay: number,
): NonNullable<DealerCustomer["contacts"]> {
  return campaigns.contacts
    .filter((contact) => contact.day < endDay)
    .map((contact) => ({
      date: isoDay(contact.day),
      group: contact.treated ? ("treatment" as const) : ("control" as const),
      vehicleId: vehicleIds[contact.vehicleIndex] as string,
      ...(contact.treated ? { reached: contact.reached } : {}),
    }));
}

/** The campaign plan of the options, checked. */
function campaignPlan(campaigns: GenerateDealerDataOptions["campaigns"]): CampaignPlan | undefined {
  if (campaigns === undefined) return undefined;
  if (!Array.isArray(campaigns.dates)) optionIssue("campaigns.dates", "must be an array of dates");
  const days = campaigns.dates.map((date, index) => dayOption(date, `campaigns.dates.${index}`)).sort((x, y) => x - y);
  const lead = campaigns.leadDays ?? [0, 60];
  if (!(Array.isArray(lead) && lead.length === 2))
    optionIssue("campaigns.leadDays", "must be [from, to] in days before the due date");
  const leadFrom = numberOption(lead[0], "campaigns.leadDays.0", 0, -3650, 3650);
  const leadTo = numberOption(lead[1], "campaigns.leadDays.1", 60, leadFrom, 3650);
  const acting = campaigns.effectLeadDays ?? [leadFrom, leadTo];
  if (!(Array.isArray(acting) && acting.length === 2))
    optionIssue("campaigns.effectLeadDays", "must be [from, to] in days before the due date");
  const effectFrom = numberOption(acting[0], "campaigns.effectLeadDays.0", leadFrom, -3650, 3650);
  const effectTo = numberOption(acting[1], "campaigns.effectLeadDays.1", leadTo, effectFrom, 3650);
  const effect = numberOption(campaigns.effect, "campaigns.effect", 0.5, 0, 1);
  const byStage = campaigns.effectByStage ?? [effect, effect, effect, effect];
  if (!(Array.isArray(byStage) && byStage.length === 4))
    optionIssue("campaigns.effectByStage", "must be four shares (before, after the first service, in, after warranty)");
  return {
    days,
    controlShare: numberOption(campaigns.controlShare, "campaigns.controlShare", 0.2, 0, 1),
    leadFrom,
    leadTo,
    effectByStage: byStage.map((share, stage) =>
      numberOption(share, `campaigns.effectByStage.${stage}`, effect, 0, 1),
    ) as unknown as CampaignPlan["effectByStage"],
    decayDays: numberOption(
      campaigns.decayDays,
      "campaigns.decayDays",
      Number.POSITIVE_INFINITY,
      1,
      Number.POSITIVE_INFINITY,
    ),
    effectFrom,
    effectTo,
    unreachableShare: numberOption(campaigns.unreachableShare, "campaigns.unreachableShare", 0.1, 0, 1),
  };
}

function checkMechanics(overrides: Partial<DealerMechanics> | undefined): DealerMechanics {
  const merged: Record<string, number> = { ...DEFAULT_DEALER_MECHANICS };
  const read = readOptions(SUBJECT, overrides, DEFAULT_DEALER_MECHANICS as unknown as OptionNames<DealerMechanics>, {
    path: ["mechanics"],
  });
  for (const [name, value] of Object.entries(read)) {
    const isShare =
      name.startsWith("leave") ||
      name.endsWith("Share") ||
      name === "driftSkip" ||
      name === "repairShareAfterWarranty" ||
      name === "insuranceCommission";
    merged[name] = numberOption(value, `mechanics.${name}`, 0, 0, isShare ? 1 : 1e4);
  }
  if (!(merged["insuranceCommission"] as number) || (merged["meanDelayDays"] as number) <= 0)
    optionIssue("mechanics", "insuranceCommission and meanDelayDays must be > 0");
  return merged as unknown as DealerMechanics;
}

/**
 * A synthetic but realistic dealer customer base, seeded: owners and their vehicles with the after-sales mechanics
 * DOMAIN.md §2 names, each spread across owners (see {@link DealerMechanics}): owners decide at each due maintenance
 * visit whether to come back — some never come for the first service, many leave right after it (首保即终保), more
 * leave after the warranty than inside it, loyalty differs by owner — and those who stay come after a personal
 * delay; price levels differ by owner; after the warranty independent garages take a share of each owner's repairs;
 * insurance renews on the delivery anniversary as a commission on the premium; at the owner's replacement age the
 * next car is bought here (with a trade-in: the old car gets no more service here) or elsewhere (the owner is gone).
 * Rates and values follow the PSV assumptions (DOMAIN.md §4 defaults). Around them, what a CRM holds: yearly
 * insurance contracts, 3-year finance contracts for 40% of new cars, referrals by 5% of owners, leads, prospects.
 * Amounts are decimal strings (margin, and revenue = margin / marginShare; for insurance, the premium).
 *
 * Options `reminder` (a reminder to every owner on a date, with its effect) and `truth` (each owner's hidden state
 * and expected future on a date) make it a test bed for call lists: cut the history at the date, rank owners on
 * what came before, and measure what came after (see `evaluate`).
 *
 * @returns One record per customer, in the shape `lifecycle.classify` accepts.
 *
 * @example
 * ```ts
 * generateDealerData({ vehicles: 100, seed: 7 }).length // 110 (100 owners and 10 prospects)
 * ```
 */
export function generateDealerData(options: GenerateDealerDataOptions): DealerCustomer[] {
  options = readDealerOptions(options);
  const count = options.vehicles;
  // About 1.5 kB of heap a vehicle with its owner and history: 2,000,000 is 3 GB of the 4 GB a default Node heap
  // has. Beyond, a V8 abort would end the process, so refuse up front; larger worlds come in chunks (other seeds).
  if (!(Number.isInteger(count) && count >= 0 && count <= 2_000_000))
    optionIssue(
      "vehicles",
      `must be a whole number from 0 to 2,000,000 (about 1.5 kB of memory each: generate larger worlds in chunks with other seeds), got ${shown(count)}`,
    );
  if (!Number.isInteger(options.seed)) optionIssue("seed", `must be a whole number, got ${shown(options.seed)}`);
  const endDay = dayOption(options.asOf ?? "2024-06-30", "asOf");
  const years = numberOption(options.years, "years", 10, 1 / 365, 50);
  const marginShare = numberOption(options.marginShare, "marginShare", 0.4, 1e-6, 1);
  const prospectShare = numberOption(options.prospectShare, "prospectShare", 0.1, 0, 100);
  const assumptions = options.assumptions ?? defaultAssumptions({ segment: options.segment ?? "mass" }).assumptions;
  const office = officePlan(options, assumptions);
  const network = networkOf(options.dealers);
  const world: WorldSettings = {
    assumptions,
    mechanics: checkMechanics(options.mechanics),
    marginShare,
    ...(office === undefined ? {} : { office }),
    ...(network === undefined ? {} : { network }),
  };
  const { reminder, truth } = reminderAndTruth(options);
  const plan = campaignPlan(options.campaigns);
  const line: LineSettings = { seed: options.seed, endDay, firstDeliveryDay: endDay - years * DAYS_PER_YEAR };
  const prefix = options.idPrefix ?? "";
  const lineWorld: LineWorld = {
    world,
    reminder,
    truth,
    plan,
    prefix,
    used: usedCarSettings(options.usedCars),
    ...(options.households === undefined ? {} : { segment: options.segment ?? "mass" }),
  };
  const groups = fleetGroups(options.fleets, count, options.seed);
  const household = householdWorld(options, lineWorld);
  const customers: DealerCustomer[] = [];
  for (let first = 0; first < count; first += groups.size[first] as number) {
    const size = groups.size[first] as number;
    const factor = size > 1 ? groups.effect : 1;
    const lines: DealerCustomer[] = [];
    // A customer buys at one dealer of the group: its fleet's or household's cars too.
    const dealer =
      network === undefined ? 0 : Math.floor(createRandomSource(ownerSeed(options.seed, first, 9))() * network.dealers);
    for (let owner = first; owner < first + size; owner++)
      lines.push(simulateOwnerLine(owner, line, lineWorld, factor, dealer));
    // A household's second car, of another segment: an owner line of its own, numbered after the first cars'.
    if (household !== undefined && createRandomSource(ownerSeed(options.seed, first, 8))() < household.share)
      lines.push(simulateOwnerLine(count + first, line, household.lineWorld, 1, dealer));
    customers.push(lines.length === 1 ? (lines[0] as DealerCustomer) : mergeLines(lines));
  }
  const prospects = Math.round(count * prospectShare);
  const random = createRandomSource(ownerSeed(options.seed, -1, 3));
  for (let index = 0; index < prospects; index++) {
    customers.push({
      customerId: `${prefix}P${index + 1}`,
      leads: [{ date: isoDay(endDay - 1 - Math.floor(random() * 365)) }],
      vehicles: [],
      purchases: [],
      serviceEvents: [],
      contracts: [],
      referrals: [],
    });
  }
  return customers;
}

/** Where a run of owner lines happens: the seed, the data end and the first delivery day. */
interface LineSettings {
  readonly seed: number;
  readonly endDay: number;
  readonly firstDeliveryDay: number;
}

/** The world every owner line lives in: mechanics, a reminder to all, the truth's date, past campaigns, id prefix. */
interface LineWorld {
  readonly world: WorldSettings;
  readonly reminder: ReminderEffect | undefined;
  readonly truth: { day: number; horizonDays: number; paths: number; effect: number; withinDays: number } | undefined;
  readonly plan: CampaignPlan | undefined;
  readonly prefix: string;
  /** Used cars: the share of first cars bought used, and their ages at the sale in years. */
  readonly used: { share: number; low: number; high: number } | undefined;
  /** The segment written on each vehicle (with `households`). */
  readonly segment?: VehicleSegment;
}

/** The `households` option: the share of customers with a second car, and the world that car lives in. */
function householdWorld(
  options: GenerateDealerDataOptions,
  first: LineWorld,
): { share: number; lineWorld: LineWorld } | undefined {
  const households = options.households;
  if (households === undefined) return undefined;
  const share = numberOption(households.share, "households.share", 0.15, 0, 1);
  const segment = households.segment ?? "luxury";
  if (!["mass", "premium", "luxury"].includes(segment))
    optionIssue("households.segment", `must be mass, premium or luxury, got ${shown(segment)}`);
  const assumptions = defaultAssumptions({ segment }).assumptions;
  const office = officePlan(options, assumptions);
  const world: WorldSettings = {
    assumptions,
    mechanics: first.world.mechanics,
    marginShare: first.world.marginShare,
    ...(office === undefined ? {} : { office }),
  };
  return { share, lineWorld: { ...first, world, segment } };
}

/** The office of the `finance`, `referrals` and `recalls` options, checked (undefined: none of them). */
function officePlan(options: GenerateDealerDataOptions, a: PsvAssumptions): OfficePlan | undefined {
  const { finance, referrals, recalls } = options;
  if (finance === undefined && referrals === undefined && recalls === undefined) return undefined;
  const f = finance ?? {};
  const on = finance !== undefined;
  return {
    financeShare: on ? numberOption(f.share, "finance.share", 0.4, 0, 1) : 0,
    financeCommission: numberOption(f.commission, "finance.commission", 0.25 * a.newCarValue, 0, 1e9),
    termDays: numberOption(f.termYears, "finance.termYears", 3, 0.1, 20) * DAYS_PER_YEAR,
    renewalShare: numberOption(f.renewalShare, "finance.renewalShare", 0.1, 0, 1),
    replacementAfterPayoff: numberOption(f.replacementAfterPayoff, "finance.replacementAfterPayoff", 0.3, 0, 1),
    referralsPerYear: referrals === undefined ? 0 : numberOption(referrals.perYear, "referrals.perYear", 0.05, 0, 100),
    referralValue: numberOption(referrals?.value, "referrals.value", 0.2 * a.newCarValue, 0, 1e9),
    recallsPerYear: recalls === undefined ? 0 : numberOption(recalls.perYear, "recalls.perYear", 0.1, 0, 100),
  };
}

/** The `reminder` and `truth` options, checked. */
function reminderAndTruth(options: GenerateDealerDataOptions): Pick<LineWorld, "reminder" | "truth"> {
  const reminder: ReminderEffect | undefined =
    options.reminder === undefined
      ? undefined
      : {
          day: dayOption(options.reminder.date, "reminder.date"),
          effect: numberOption(options.reminder.effect, "reminder.effect", 0.5, 0, 1),
          withinDays: numberOption(options.reminder.withinDays, "reminder.withinDays", 60, 0, 3650),
        };
  const truth =
    options.truth === undefined
      ? undefined
      : {
          day: dayOption(options.truth.date, "truth.date"),
          horizonDays: numberOption(options.truth.horizonYears, "truth.horizonYears", 2, 0, 50) * DAYS_PER_YEAR,
          paths: numberOption(options.truth.paths, "truth.paths", 40, 1, 10_000),
          effect: numberOption(options.truth.reminderEffect, "truth.reminderEffect", 0.5, 0, 1),
          withinDays: numberOption(options.truth.reminderWithinDays, "truth.reminderWithinDays", 60, 0, 3650),
        };
  return { reminder, truth };
}

/** The `dealers` option, checked (undefined: one dealer). */
function networkOf(dealers: GenerateDealerDataOptions["dealers"]): WorldSettings["network"] {
  if (dealers === undefined) return undefined;
  const count = numberOption(dealers.count, "dealers.count", 2, 1, 1000);
  if (!Number.isInteger(count)) optionIssue("dealers.count", `must be a whole number, got ${shown(count)}`);
  return { dealers: count, moveShare: numberOption(dealers.moveShare, "dealers.moveShare", 0.3, 0, 1) };
}

/** The `usedCars` option, checked. */
function usedCarSettings(used: GenerateDealerDataOptions["usedCars"]): LineWorld["used"] {
  if (used === undefined) return undefined;
  const share = numberOption(used.share, "usedCars.share", 0.2, 0, 1);
  const range = used.ageYears ?? [1, 6];
  if (!(Array.isArray(range) && range.length === 2))
    optionIssue("usedCars.ageYears", "must be [youngest, oldest] years");
  const low = numberOption(range[0], "usedCars.ageYears.0", 1, 0.1, 20);
  const high = numberOption(range[1], "usedCars.ageYears.1", 6, low, 20);
  return { share, low, high };
}

/**
 * The age in days at which owner `owner` bought their first car used (0: new), on a stream of its own; never so old
 * that less than two years of its service life are left.
 */
function usedAgeDays(used: LineWorld["used"], seed: number, owner: number, serviceLifeYears: number): number {
  if (used === undefined) return 0;
  const random = createRandomSource(ownerSeed(seed, owner, 6));
  if (random() >= used.share) return 0;
  const years = used.low + random() * (used.high - used.low);
  return Math.max(0, Math.min(years, serviceLifeYears - 2)) * DAYS_PER_YEAR;
}

/** One owner line: a customer with the vehicles one owner buys here over the years, their events, contacts, truth. */
function simulateOwnerLine(
  owner: number,
  line: LineSettings,
  lineWorld: LineWorld,
  effectFactor: number,
  dealer: number,
): DealerCustomer {
  const { world, reminder, truth, plan } = lineWorld;
  const random = createRandomSource(ownerSeed(line.seed, owner, 0));
  const traits = drawTraits(random, world);
  const deliveryDay = Math.floor(line.firstDeliveryDay + random() * (line.endDay - line.firstDeliveryDay));
  const a = world.assumptions;
  const serviceLife = Math.min(a.horizonYears, a.horizonKm / (a.kmPerYear * traits.kmFactor));
  const usedAge = Math.round(usedAgeDays(lineWorld.used, line.seed, owner, serviceLife));
  const state = startOwner(deliveryDay, traits, world, random, usedAge, dealer);
  if (world.office !== undefined || world.network !== undefined)
    state.officeRandom = createRandomSource(ownerSeed(line.seed, owner, 7));
  const events: SimulatedEvent[] = [];
  const keep = (event: SimulatedEvent) => {
    if (event.day < line.endDay) events.push(event);
  };
  if (usedAge > 0) {
    // The sale of the used car, at the margin of half a new car's, at the owner's price level.
    const margin = 0.5 * a.newCarValue * traits.priceLevel;
    const odometerKm = (state.vehicles[0] as { acquiredKm: number }).acquiredKm;
    keep({
      vehicleIndex: 0,
      day: deliveryDay,
      type: "used-car-sale",
      margin,
      revenue: margin / world.marginShare,
      odometerKm,
      dealer,
    });
  }
  const split = truth === undefined ? line.endDay : Math.min(truth.day, line.endDay);
  const campaigns =
    plan === undefined
      ? undefined
      : ownerCampaigns(plan, createRandomSource(ownerSeed(line.seed, owner, 4)), effectFactor);
  advanceOwner(state, split, traits, world, random, keep, reminder, campaigns);
  const ownerTruth =
    truth === undefined
      ? undefined
      : lineTruth({ state, traits, world, events, truth, campaigns, seed: ownerSeed(line.seed, owner, 2) });
  const rest = createRandomSource(ownerSeed(line.seed, owner, 1));
  advanceOwner(state, line.endDay, traits, world, rest, keep, reminder, campaigns);
  return customerRecord(
    owner,
    { state, events: afterTradeIns(events), random, campaigns, ownerTruth },
    line,
    lineWorld,
  );
}

/** What the truth of one owner line needs: the state on the truth's date and the events so far. */
interface TruthInput {
  readonly state: OwnerState;
  readonly traits: ReturnType<typeof drawTraits>;
  readonly world: WorldSettings;
  readonly events: readonly SimulatedEvent[];
  readonly truth: NonNullable<LineWorld["truth"]>;
  readonly campaigns: OwnerCampaigns | undefined;
  readonly seed: number;
}

/**
 * An owner line's hidden truth on the date: still here, the expected value over the horizon (visits already committed
 * to, plus the Monte Carlo future) and the value a reminder then saves (with campaigns: a contact with their effect,
 * × the owner's reach chance).
 */
function lineTruth(input: TruthInput): DealerTruth {
  const { state, traits, world, truth, campaigns } = input;
  const first = state.vehicles[0];
  const active = first !== undefined && first.acquiredDay < truth.day && state.alive;
  // Visits the owner had already committed to before the date (a decision taken, the visit after it).
  let committed = 0;
  for (const event of input.events)
    if (event.day >= truth.day && event.day < truth.day + truth.horizonDays) committed += event.margin;
  const reminder = { day: truth.day, effect: campaigns === undefined ? truth.effect : 0, withinDays: truth.withinDays };
  const future = active
    ? expectedFuture(cloneOwner(state), traits, world, truth.day, truth.horizonDays, reminder, input.seed, truth.paths)
    : { value: 0, saved: 0 };
  // With campaigns: what a call on the date saves under their own effect, if it reaches the owner (× reach chance).
  let saved = future.saved;
  if (campaigns !== undefined) {
    const call = { from: truth.day, horizonDays: truth.horizonDays, ...campaigns };
    saved = active
      ? campaigns.reachChance * expectedSavedByCall(state, traits, world, call, input.seed, truth.paths)
      : 0;
  }
  return {
    active,
    expectedValue: committed + future.value,
    expectedSavedValue: saved,
    loyalty: traits.loyalty,
    priceLevel: traits.priceLevel,
  };
}

/** A traded-in car gets no more service here (a visit committed before the trade-in is dropped); sorted by day. */
function afterTradeIns(events: SimulatedEvent[]): SimulatedEvent[] {
  const tradedIn = new Map<number, number>();
  for (const event of events) if (event.type === "trade-in") tradedIn.set(event.vehicleIndex, event.day);
  const kept =
    tradedIn.size === 0
      ? events
      : events.filter((event) => !(event.day > (tradedIn.get(event.vehicleIndex) ?? Number.POSITIVE_INFINITY)));
  return kept.sort((x, y) => x.day - y.day);
}

/** One simulated owner line, to be written as CRM records. */
interface SimulatedLine {
  readonly state: OwnerState;
  readonly events: readonly SimulatedEvent[];
  readonly random: () => number;
  readonly campaigns: OwnerCampaigns | undefined;
  readonly ownerTruth: DealerTruth | undefined;
}

/** An owner line as the records a dealer's CRM holds: vehicles, purchases, events, contracts, referrals, contacts. */
function customerRecord(
  owner: number,
  simulated: SimulatedLine,
  line: LineSettings,
  lineWorld: LineWorld,
): DealerCustomer {
  const { state, events, random, campaigns, ownerTruth } = simulated;
  const { prefix } = lineWorld;
  const deliveryDay = (state.vehicles[0] as { acquiredDay: number }).acquiredDay; // the owner's first purchase here
  const money = (value: number) => value.toFixed(2);
  const vehicleIds = state.vehicles.map((_, index) => `${prefix}V${owner + 1}${index === 0 ? "" : `-${index + 1}`}`);
  const networked = lineWorld.world.network !== undefined;
  const lastReading = new Map<number, SimulatedEvent>();
  for (const event of events) if (!Number.isNaN(event.odometerKm)) lastReading.set(event.vehicleIndex, event);
  const customer: DealerCustomer = {
    customerId: `${prefix}C${owner + 1}`,
    leads: [{ date: isoDay(deliveryDay - 20 - Math.floor(random() * 60)) }],
    vehicles: state.vehicles.map((vehicle, index) => {
      const reading = lastReading.get(index);
      const used = vehicle.acquiredDay > vehicle.deliveryDay;
      return {
        vehicleId: vehicleIds[index] as string,
        deliveryDate: isoDay(vehicle.deliveryDay),
        ...(reading === undefined ? {} : { odometerKm: reading.odometerKm, odometerDate: isoDay(reading.day) }),
        ...(used ? { acquiredDate: isoDay(vehicle.acquiredDay), odometerAtAcquisition: vehicle.acquiredKm } : {}),
        ...(lineWorld.segment === undefined ? {} : { segment: lineWorld.segment }),
        ...(networked ? { dealerId: `D${vehicle.dealer + 1}` } : {}),
      };
    }),
    purchases: state.vehicles.map((vehicle) => ({
      date: isoDay(vehicle.acquiredDay),
      type: vehicle.acquiredDay > vehicle.deliveryDay ? ("used-car" as const) : ("new-car" as const),
    })),
    serviceEvents: [],
    contracts: [],
    referrals: [],
    ...(campaigns === undefined ? {} : { contacts: contactRows(campaigns, vehicleIds, line.endDay) }),
    ...(ownerTruth === undefined ? {} : { truth: ownerTruth }),
  };
  for (const event of events) {
    const date = isoDay(event.day);
    if (event.type === "trade-in") customer.purchases.push({ date, type: "trade-in" });
    if (event.type === "new-car-purchase") continue; // the new car is a vehicle and a purchase of its own
    if (event.type === "insurance")
      customer.contracts.push({ type: "insurance", start: date, end: isoDay(event.day + 365) });
    customer.serviceEvents.push({
      vehicleId: vehicleIds[event.vehicleIndex] as string,
      date,
      type: event.type,
      ...(Number.isNaN(event.odometerKm) ? {} : { odometerKm: event.odometerKm }),
      revenue: money(event.revenue),
      margin: money(event.margin),
      ...(networked ? { dealerId: `D${event.dealer + 1}` } : {}),
    });
  }
  customer.purchases.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const office = lineWorld.world.office;
  if (office !== undefined) {
    officeRecords(customer, events, office);
    return customer;
  }
  // Without the office options: contracts and referrals as a CRM holds them, not tied to the events.
  if (random() < 0.4)
    customer.contracts.push({ type: "finance", start: isoDay(deliveryDay), end: isoDay(deliveryDay + 3 * 365) });
  if (random() < 0.05)
    customer.referrals.push({ date: isoDay(deliveryDay + Math.floor(random() * (line.endDay - deliveryDay))) });
  return customer;
}

/** Finance contracts (each "finance" event to the vehicle's next payoff, or its term) and referrals from the events. */
function officeRecords(customer: DealerCustomer, events: readonly SimulatedEvent[], office: OfficePlan): void {
  for (const [index, event] of events.entries()) {
    if (event.type === "referral") customer.referrals.push({ date: isoDay(event.day) });
    if (event.type !== "finance") continue;
    const end = events.find(
      (later, at) => at > index && later.vehicleIndex === event.vehicleIndex && later.type === "finance-payoff",
    );
    customer.contracts.push({
      type: "finance",
      start: isoDay(event.day),
      end: isoDay(end?.day ?? event.day + office.termDays),
    });
  }
}

/** Which owner lines form one customer: `size[first]` lines from `first` on; fleets' effect factor. */
function fleetGroups(
  fleets: GenerateDealerDataOptions["fleets"],
  count: number,
  seed: number,
): { size: Int32Array; effect: number } {
  const size = new Int32Array(count + 1).fill(1);
  if (fleets === undefined) return { size, effect: 1 };
  const share = numberOption(fleets.share, "fleets.share", 0.05, 0, 1);
  const range = fleets.size ?? [5, 10];
  if (!(Array.isArray(range) && range.length === 2)) optionIssue("fleets.size", "must be [fewest, most] vehicles");
  const low = numberOption(range[0], "fleets.size.0", 5, 1, 1000);
  const high = numberOption(range[1], "fleets.size.1", 10, low, 1000);
  const effect = numberOption(fleets.effect, "fleets.effect", 0.3, 0, 1);
  const random = createRandomSource(ownerSeed(seed, -2, 5));
  for (let first = 0; first < count; ) {
    const lines = random() < share ? Math.round(low + random() * (high - low)) : 1;
    size[first] = Math.min(lines, count - first);
    first += size[first] as number;
  }
  return { size, effect };
}

/** A fleet's owner lines as one customer: the first line's id and lead, every line's vehicles and records. */
function mergeLines(lines: readonly DealerCustomer[]): DealerCustomer {
  const first = lines[0] as DealerCustomer;
  const byDate = <T extends { date: string }>(rows: T[]) =>
    rows.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const truths = lines.map((line) => line.truth).filter((truth) => truth !== undefined);
  return {
    customerId: first.customerId,
    leads: first.leads,
    vehicles: lines.flatMap((line) => line.vehicles),
    purchases: byDate(lines.flatMap((line) => line.purchases)),
    serviceEvents: byDate(lines.flatMap((line) => line.serviceEvents)),
    contracts: lines.flatMap((line) => line.contracts),
    referrals: lines.flatMap((line) => line.referrals),
    ...(first.contacts === undefined ? {} : { contacts: byDate(lines.flatMap((line) => line.contacts ?? [])) }),
    ...(first.truth === undefined
      ? {}
      : {
          truth: {
            active: truths.some((truth) => truth.active),
            expectedValue: truths.reduce((sum, truth) => sum + truth.expectedValue, 0),
            expectedSavedValue: truths.reduce((sum, truth) => sum + truth.expectedSavedValue, 0),
            loyalty: first.truth.loyalty,
            priceLevel: first.truth.priceLevel,
          },
        }),
  };
}
