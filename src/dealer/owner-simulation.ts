import { createRandomSource, type RandomSource } from "../math/random-source.js";
import { sampleExponential } from "../math/sample-exponential.js";
import { sampleGamma } from "../math/sample-gamma.js";
import { sampleNormal } from "../math/sample-normal.js";
import type { PsvAssumptions } from "../psv/assumptions.js";
import { scheduleFor } from "../psv/maintenance-timeline.js";

const DAYS_PER_YEAR = 365.2425;

/**
 * How owners behave in the synthetic dealer world of {@link generateDealerData}: the after-sales mechanics DOMAIN.md
 * §2 names, each with its own spread across owners. Probabilities are per due maintenance visit (the decision to
 * come back or not is taken when a service falls due).
 */
export interface DealerMechanics {
  /** Chance that a new owner never comes for the first service. */
  readonly leaveBeforeFirstService: number;
  /** Chance of leaving at the second due visit, right after the first service (首保即终保). */
  readonly leaveAfterFirstService: number;
  /** Chance of leaving at a later due visit inside the warranty, and after it. */
  readonly leaveInWarranty: number;
  readonly leavePostWarranty: number;
  /** Spread of owners' loyalty: each owner's leave chances are 1 − (1 − p)^z with z log-normal (mean 1, this σ). */
  readonly loyaltySpread: number;
  /** How late owners come: each owner's mean delay after the due date (days) is gamma with this mean (shifted by −15 days)… */
  readonly meanDelayDays: number;
  /** …and each visit scatters around it with this standard deviation (days). */
  readonly visitDelaySpreadDays: number;
  /** Spread of owners' price levels (log-normal σ, mean 1): some owners buy more per visit than others. */
  readonly priceLevelSpread: number;
  /** Mean share of repairs done here after the warranty (beta across owners; the rest go to independent garages). */
  readonly repairShareAfterWarranty: number;
  /** Insurance is sold as a commission on the premium: this share of the premium is the dealer's margin. */
  readonly insuranceCommission: number;
  /** Spread of the owner's replacement age around `replacementAgeYears` (normal σ, years). */
  readonly replacementAgeSpreadYears: number;
  /**
   * Share of owners who decide whether to come back only when the visit would happen (the due date plus their
   * delay), not on the due date: a reminder can still sway them while they are overdue (default 0).
   */
  readonly decideAtVisitShare: number;
  /**
   * Share of owners who drift to independent garages after the warranty (default 0): from a day drawn uniformly over
   * the first three years after it, their repair share here falls to a third and each due maintenance visit goes
   * elsewhere with chance `driftSkip` (they stay customers, and come back for a later one); a reminder cuts that
   * chance as it cuts the chance of leaving.
   */
  readonly driftShare: number;
  readonly driftSkip: number;
}

/** Default mechanics (assumptions: see docs/psv.md, "the synthetic dealer"). */
export const DEFAULT_DEALER_MECHANICS: DealerMechanics = {
  leaveBeforeFirstService: 0.08,
  leaveAfterFirstService: 0.22,
  leaveInWarranty: 0.08,
  leavePostWarranty: 0.25,
  loyaltySpread: 0.8,
  meanDelayDays: 30,
  visitDelaySpreadDays: 15,
  priceLevelSpread: 0.3,
  repairShareAfterWarranty: 0.6,
  insuranceCommission: 0.1,
  replacementAgeSpreadYears: 1.5,
  decideAtVisitShare: 0,
  driftShare: 0,
  driftSkip: 0.5,
};

/**
 * The dealer's office in the synthetic world (each part off unless asked for): finance contracts arranged at a sale
 * (a commission; paid off after the term, when the owner renews — a smaller commission, two more years — or may
 * replace the car within the year after: the payoff trigger), referrals (sales an owner refers while here, each
 * worth a value) and recall campaigns (a free visit the owner comes for while here, even one drifting elsewhere).
 * @internal
 */
export interface OfficePlan {
  readonly financeShare: number;
  readonly financeCommission: number;
  readonly termDays: number;
  readonly renewalShare: number;
  readonly replacementAfterPayoff: number;
  readonly referralsPerYear: number;
  readonly referralValue: number;
  readonly recallsPerYear: number;
}

/** A reminder sent to every owner on one day: it lowers the chance of leaving at a visit due within the window. */
export interface ReminderEffect {
  readonly day: number;
  /** Share of the leave chance removed (0 … 1). */
  readonly effect: number;
  readonly withinDays: number;
}

/**
 * Past reminder campaigns with a held-out control group: on each campaign day the dealer contacts the owners whose
 * next maintenance visit falls due within [leadFrom, leadTo] days (negative: overdue); a share is held out at random;
 * an attempt reaches the owner with the owner's own reach chance; each reached contact multiplies the owner's chance
 * of leaving at that due visit by 1 − e, e = the stage's effect × exp(−|lead| / decayDays) for a lead time within
 * [effectFrom, effectTo], 0 outside (so one more contact cuts it by the same share whatever came before). @internal
 */
export interface CampaignPlan {
  readonly days: readonly number[];
  readonly controlShare: number;
  readonly leadFrom: number;
  readonly leadTo: number;
  /** Share of the leave chance removed, by stage of the due visit (before first service, after it, in, after warranty). */
  readonly effectByStage: readonly [number, number, number, number];
  readonly decayDays: number;
  readonly effectFrom: number;
  readonly effectTo: number;
  /** Share of owners who are hard to reach (reach chance 0.05; the others 0.9). */
  readonly unreachableShare: number;
}

/** One logged contact of a campaign. @internal */
export interface SimulatedContact {
  readonly day: number;
  readonly vehicleIndex: number;
  readonly treated: boolean;
  readonly reached: boolean;
}

/** An owner's campaign state: the plan, an own random stream (the history's stream is untouched), the log. @internal */
export interface OwnerCampaigns {
  readonly plan: CampaignPlan;
  readonly random: RandomSource;
  readonly reachChance: number;
  /** Multiplies the plan's effect for this owner (a fleet's manager heeds a reminder less than a private owner). */
  readonly effectFactor: number;
  next: number;
  readonly contacts: SimulatedContact[];
}

/** An owner's campaign state, with the owner's reach chance drawn from its own stream. @internal */
export function ownerCampaigns(plan: CampaignPlan, random: RandomSource, effectFactor = 1): OwnerCampaigns {
  const reachChance = random() < plan.unreachableShare ? 0.05 : 0.9;
  return { plan, random, reachChance, effectFactor, next: 0, contacts: [] };
}

/** The share of the leave chance a reached contact at `lead` days before a due visit of `stage` removes. @internal */
export function campaignEffect(plan: CampaignPlan, lead: number, stage: number): number {
  if (lead < plan.effectFrom || lead > plan.effectTo) return 0;
  return (plan.effectByStage[stage] as number) * Math.exp(-Math.abs(lead) / plan.decayDays);
}

/** The stage of a vehicle's next due visit: before the first service, right after it, in and after the warranty. */
const dueStage = (v: VehicleState) =>
  v.decisions === 0 ? 0 : v.decisions === 1 ? 1 : v.dueDay < v.warrantyEndDay ? 2 : 3;

/** The campaigns on days in [from, to): contact the owner if the next visit is due within the lead range. */
function runCampaigns(campaigns: OwnerCampaigns, v: VehicleState, from: number, to: number): void {
  const { plan, random } = campaigns;
  while (campaigns.next < plan.days.length && (plan.days[campaigns.next] as number) < to) {
    const day = plan.days[campaigns.next] as number;
    campaigns.next += 1;
    if (day < from) continue;
    const lead = v.dueDay - day;
    if (lead < plan.leadFrom || lead > plan.leadTo) continue;
    const treated = random() >= plan.controlShare;
    const reached = treated && random() < campaigns.reachChance;
    campaigns.contacts.push({ day, vehicleIndex: v.index, treated, reached });
    if (!reached) continue;
    if (v.campaignDecision !== v.decisions) {
      v.campaignDecision = v.decisions;
      v.campaignKeep = 1;
    }
    v.campaignKeep *= 1 - campaigns.effectFactor * campaignEffect(plan, lead, dueStage(v));
  }
}

/** One simulated event. @internal */
export interface SimulatedEvent {
  readonly vehicleIndex: number;
  readonly day: number;
  readonly type:
    | "maintenance"
    | "repair"
    | "insurance"
    | "detailing"
    | "other"
    | "new-car-purchase"
    | "trade-in"
    | "used-car-sale"
    | "finance"
    | "finance-payoff"
    | "referral"
    | "recall";
  readonly margin: number;
  readonly revenue: number;
  readonly odometerKm: number;
  /** The dealer of the network where it happened (0 without a network). */
  readonly dealer: number;
}

interface OwnerTraits {
  readonly priceLevel: number;
  readonly meanDelay: number;
  readonly loyalty: number;
  readonly repairShare: number;
  readonly insuranceShare: number;
  readonly detailingRate: number;
  readonly kmFactor: number;
  /** Decides at the visit (a reminder can sway the owner while overdue), and the day drift starts (∞: never). */
  readonly decidesAtVisit: boolean;
  readonly driftFromWarrantyEnd: number;
}

interface VehicleState {
  index: number;
  deliveryDay: number;
  kmPerYear: number;
  replacementDay: number;
  serviceEndDay: number;
  warrantyEndDay: number;
  intervalDays: number;
  decisions: number;
  /** The day the next maintenance visit is due, and the day the owner decides about it (later if deciding at the visit). */
  dueDay: number;
  nextDecisionDay: number;
  /** The delay already drawn for a decision taken at the visit (NaN: none pending). */
  pendingDelay: number;
  nextInsuranceDay: number;
  reminded: boolean;
  /** The decision reached campaign contacts target (−1: none), and the factor they leave of its leave chance. */
  campaignDecision: number;
  campaignKeep: number;
  driftStartDay: number;
  /** Whether the office has decided on financing the car at its sale, and the day its contract is paid off. */
  financeDecided: boolean;
  payoffDay: number;
}

/** Where one owner stands: plain data, so a simulation can be branched at any day. @internal */
export interface OwnerState {
  alive: boolean;
  cursor: number;
  vehicle: VehicleState;
  /**
   * Each vehicle: first registration, pace, the day the owner acquired it and its odometer then (new: delivery, 0),
   * and the dealer that sold it.
   */
  vehicles: { deliveryDay: number; kmPerYear: number; acquiredDay: number; acquiredKm: number; dealer: number }[];
  /** The dealer of the network that serves the owner now (0 without a network). */
  dealer: number;
  /** Set only when measuring what a call saves: the decision to force, and what it records. */
  forced?: ForcedDecision;
  /** The office's own random stream (so that a world without the office keeps its history); a copy uses the path's. */
  officeRandom?: RandomSource;
}

/**
 * A decision forced to "stay and visit" (the owner's `decision`-th due visit of vehicle `vehicleIndex`), recording
 * the chances it forced away — of leaving, and of servicing elsewhere this time — and the visit's ticket; events
 * after it are counted as the value kept. @internal
 */
export interface ForcedDecision {
  readonly vehicleIndex: number;
  readonly decision: number;
  done: boolean;
  leave: number;
  skip: number;
  ticket: number;
}

/** Everything fixed for one dealer world. @internal */
export interface WorldSettings {
  readonly assumptions: PsvAssumptions;
  readonly mechanics: DealerMechanics;
  readonly marginShare: number;
  readonly office?: OfficePlan;
  /**
   * A network of `dealers` dealers of one group: an owner about to leave moves to another of them instead with
   * `moveShare` (and stays a customer of the network, with the same habits).
   */
  readonly network?: { readonly dealers: number; readonly moveShare: number };
}

const lognormalMeanOne = (random: RandomSource, sigma: number) =>
  Math.exp(sigma * sampleNormal(random) - (sigma * sigma) / 2);

function sampleBetaMean(random: RandomSource, mean: number, concentration: number): number {
  if (mean <= 0) return 0;
  if (mean >= 1) return 1;
  const x = sampleGamma(random, mean * concentration);
  const y = sampleGamma(random, (1 - mean) * concentration);
  return x / (x + y);
}

/** A seed for stream `stream` of owner `owner` (independent streams, reproducible). @internal */
export function ownerSeed(seed: number, owner: number, stream: number): number {
  let h = Math.imul(seed ^ 0x2545f491, 0x9e3779b1) ^ Math.imul(owner + 1, 0x85ebca77) ^ Math.imul(stream, 0xc2b2ae3d);
  h = Math.imul(h ^ (h >>> 15), 0x27d4eb2f);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Draws an owner's hidden traits. @internal */
export function drawTraits(random: RandomSource, world: WorldSettings): OwnerTraits {
  const m = world.mechanics;
  return {
    priceLevel: lognormalMeanOne(random, m.priceLevelSpread),
    meanDelay: sampleGamma(random, 2, 2 / m.meanDelayDays) - 15,
    loyalty: lognormalMeanOne(random, m.loyaltySpread),
    repairShare: sampleBetaMean(random, m.repairShareAfterWarranty, 3),
    insuranceShare: sampleBetaMean(random, world.assumptions.insuranceRenewalProbability, 3),
    detailingRate: world.assumptions.detailingJobsPerYear * sampleGamma(random, 2, 2),
    kmFactor: 1 + 0.3 * (2 * random() - 1),
    // Drawn only when the mechanism is on, so that a world without it keeps its random stream.
    decidesAtVisit: m.decideAtVisitShare > 0 && random() < m.decideAtVisitShare,
    driftFromWarrantyEnd:
      m.driftShare > 0 && random() < m.driftShare ? random() * 3 * DAYS_PER_YEAR : Number.POSITIVE_INFINITY,
  };
}

function newVehicle(
  index: number,
  deliveryDay: number,
  traits: OwnerTraits,
  world: WorldSettings,
  random: RandomSource,
  acquiredDay = deliveryDay,
): VehicleState {
  const a = world.assumptions;
  const kmPerYear = a.kmPerYear * traits.kmFactor;
  const serviceEnd = Math.min(a.horizonYears, a.horizonKm / kmPerYear);
  const replacementAge = Math.min(
    serviceEnd,
    Math.max(2, a.replacementAgeYears + world.mechanics.replacementAgeSpreadYears * sampleNormal(random)),
  );
  const schedule = scheduleFor(a, kmPerYear); // the maker's schedule at this vehicle's own mileage
  const warrantyEndDay = deliveryDay + schedule.warrantyEndDays;
  // A used car: its first due visit an interval after the sale, a later one (in or after the warranty); kept as long
  // as a new one (the replacement age counts from the sale). The warranty and the service life run from its first
  // registration.
  const used = acquiredDay > deliveryDay;
  const firstDue = used ? acquiredDay + schedule.intervalDays : deliveryDay + schedule.firstServiceDays;
  const replacementDay = deliveryDay + replacementAge * DAYS_PER_YEAR;
  return {
    index,
    deliveryDay,
    kmPerYear,
    replacementDay: used ? acquiredDay + replacementAge * DAYS_PER_YEAR : replacementDay,
    serviceEndDay: deliveryDay + serviceEnd * DAYS_PER_YEAR,
    warrantyEndDay,
    intervalDays: schedule.intervalDays,
    decisions: used ? 2 : 0,
    dueDay: firstDue,
    nextDecisionDay: firstDue,
    pendingDelay: Number.NaN,
    nextInsuranceDay: acquiredDay,
    reminded: false,
    campaignDecision: -1,
    campaignKeep: 1,
    driftStartDay: warrantyEndDay + traits.driftFromWarrantyEnd,
    financeDecided: false,
    payoffDay: Number.POSITIVE_INFINITY,
  };
}

/**
 * A new owner who takes delivery on `deliveryDay` — of a new car, or of a used one first registered `usedAgeDays`
 * before (its odometer: that age at the vehicle's pace). @internal
 */
export function startOwner(
  deliveryDay: number,
  traits: OwnerTraits,
  world: WorldSettings,
  random: RandomSource,
  usedAgeDays = 0,
  dealer = 0,
): OwnerState {
  const firstRegistration = deliveryDay - usedAgeDays;
  const vehicle = newVehicle(0, firstRegistration, traits, world, random, deliveryDay);
  const acquiredKm = Math.round((usedAgeDays / DAYS_PER_YEAR) * vehicle.kmPerYear);
  return {
    alive: true,
    cursor: deliveryDay,
    vehicle,
    vehicles: [
      { deliveryDay: firstRegistration, kmPerYear: vehicle.kmPerYear, acquiredDay: deliveryDay, acquiredKm, dealer },
    ],
    dealer,
  };
}

/** A deep copy, to branch the future. @internal */
export function cloneOwner(state: OwnerState): OwnerState {
  return {
    alive: state.alive,
    cursor: state.cursor,
    vehicle: { ...state.vehicle },
    vehicles: [...state.vehicles],
    dealer: state.dealer,
  };
}

/** A sale's finance: the office decides once per car, at its acquisition (the owner's first day with it). */
function financeAtSale(state: OwnerState, plan: OfficePlan, random: RandomSource, event: OfficeEmit): void {
  const v = state.vehicle;
  v.financeDecided = true;
  if (!(plan.financeShare > 0) || random() >= plan.financeShare) return;
  const day = state.cursor;
  event("finance", day, plan.financeCommission);
  v.payoffDay = day + plan.termDays;
}

/** A payoff: a renewal (half the commission, two more years), or the owner free to replace the car within a year. */
function payoff(state: OwnerState, plan: OfficePlan, random: RandomSource, event: OfficeEmit): void {
  const v = state.vehicle;
  const day = v.payoffDay;
  event("finance-payoff", day, 0);
  if (random() < plan.renewalShare) {
    event("finance", day, plan.financeCommission / 2);
    v.payoffDay = day + 2 * DAYS_PER_YEAR;
    return;
  }
  v.payoffDay = Number.POSITIVE_INFINITY;
  if (random() < plan.replacementAfterPayoff)
    v.replacementDay = Math.min(v.replacementDay, Math.max(day + 1, day + random() * DAYS_PER_YEAR));
}

/** Emits an office event at a day with a margin (at the owner's price level where it is money). */
type OfficeEmit = (type: SimulatedEvent["type"], day: number, margin: number) => void;

/**
 * Simulates one owner from `state.cursor` up to (not including) `until`, writing events through `emit`. Background
 * purchases (repairs, detailing, other) are Poisson processes; insurance renews on each delivery anniversary; at each
 * due maintenance visit the owner decides to come back (then visits after a personal delay) or to leave for good; at
 * the replacement age the owner buys the next car here (the old one is traded in and gets no more service here) or
 * replaces it elsewhere and is gone; at the end of the service life the vehicle leaves. @internal
 */
export function advanceOwner(
  state: OwnerState,
  until: number,
  traits: OwnerTraits,
  world: WorldSettings,
  random: RandomSource,
  emit: (event: SimulatedEvent) => void,
  reminder?: ReminderEffect,
  campaigns?: OwnerCampaigns,
): void {
  const a = world.assumptions;
  const m = world.mechanics;
  const priced = (base: number, spread: number) => base * traits.priceLevel * lognormalMeanOne(random, spread);
  const event = (type: SimulatedEvent["type"], day: number, margin: number, revenue = margin / world.marginShare) => {
    const v = state.vehicle;
    emit({
      vehicleIndex: v.index,
      day,
      type,
      margin,
      revenue,
      dealer: state.dealer,
      // The office's records (finance, referrals) carry no odometer reading.
      odometerKm:
        type === "finance" || type === "finance-payoff" || type === "referral"
          ? Number.NaN
          : Math.round(((day - v.deliveryDay) / DAYS_PER_YEAR) * v.kmPerYear),
    });
  };
  const office = world.office;
  const officeRandom = state.officeRandom ?? random;
  const officeEvent: OfficeEmit = (type, day, margin) => event(type, day, margin * traits.priceLevel);
  while (state.alive && state.cursor < until) {
    const v = state.vehicle;
    if (office !== undefined && !v.financeDecided) financeAtSale(state, office, officeRandom, officeEvent);
    const next = Math.min(v.nextDecisionDay, v.replacementDay, v.serviceEndDay, v.nextInsuranceDay, v.payoffDay);
    const end = Math.min(next, until);
    if (campaigns !== undefined) runCampaigns(campaigns, v, state.cursor, end);
    if (office !== undefined) officeBackground(state.cursor, end, office, officeRandom, officeEvent);
    backgroundPurchases(v, state.cursor, end, traits, a, random, (type, day, value, spread) =>
      event(type, day, priced(value, spread)),
    );
    state.cursor = end;
    if (next >= until) break;
    if (next === v.payoffDay && office !== undefined) {
      payoff(state, office, officeRandom, officeEvent);
    } else if (next === v.nextInsuranceDay) {
      if (random() < traits.insuranceShare) {
        const premium = priced(a.insuranceValue / m.insuranceCommission, 0.1);
        event("insurance", next, premium * m.insuranceCommission, premium);
      }
      v.nextInsuranceDay = next + DAYS_PER_YEAR;
    } else if (next === v.nextDecisionDay) {
      if (!maintenanceDecision(state, next, traits, world, random, event, reminder)) break;
    } else if (next === v.replacementDay) {
      if (random() >= a.repurchaseProbability) {
        state.alive = false; // replaced elsewhere: the owner and the vehicle are gone
        break;
      }
      event("new-car-purchase", next, a.newCarValue * traits.priceLevel);
      event("trade-in", next, a.tradeInValue * traits.priceLevel);
      state.vehicle = newVehicle(state.vehicles.length, next, traits, world, random);
      state.vehicles.push({
        deliveryDay: next,
        kmPerYear: state.vehicle.kmPerYear,
        acquiredDay: next,
        acquiredKm: 0,
        dealer: state.dealer,
      });
    } else {
      state.alive = false; // the end of the service life
      break;
    }
  }
  // The dealer does not know who has left: campaigns still contact a departed owner while the visit they skipped
  // is in the lead range.
  if (!state.alive && campaigns !== undefined) runCampaigns(campaigns, state.vehicle, state.cursor, until);
}

/**
 * Background purchases on [from, to) — repairs (a third of them here once drifting; after the warranty, the owner's
 * share), detailing and other purchases — Poisson processes at the rates of the age year where the stretch starts.
 */
function backgroundPurchases(
  v: VehicleState,
  from: number,
  to: number,
  traits: OwnerTraits,
  a: PsvAssumptions,
  random: RandomSource,
  emit: (type: SimulatedEvent["type"], day: number, value: number, spread: number) => void,
): void {
  const age = (from - v.deliveryDay) / DAYS_PER_YEAR;
  const repairRate = a.repairVisitsByAge[Math.min(Math.floor(age), a.repairVisitsByAge.length - 1)] ?? 0;
  const inWarranty = from < v.warrantyEndDay;
  const background: [SimulatedEvent["type"], number][] = [
    ["repair", repairRate * (inWarranty ? 1 : traits.repairShare) * (from >= v.driftStartDay ? 1 / 3 : 1)],
    ["detailing", traits.detailingRate],
    ["other", a.otherValuePerYear > 0 ? 1 : 0],
  ];
  for (const [type, rate] of background) {
    if (rate <= 0) continue;
    for (
      let day = from + sampleExponential(random, rate) * DAYS_PER_YEAR;
      day < to;
      day += sampleExponential(random, rate) * DAYS_PER_YEAR
    ) {
      const value = type === "repair" ? a.repairValue : type === "detailing" ? a.detailingValue : a.otherValuePerYear;
      emit(type, day, value, type === "repair" ? 0.6 : 0.2);
    }
  }
}

/** Referrals and recall visits on [from, to): Poisson processes while the owner is here. */
function officeBackground(from: number, to: number, plan: OfficePlan, random: RandomSource, event: OfficeEmit): void {
  const processes: [SimulatedEvent["type"], number, number][] = [
    ["referral", plan.referralsPerYear, plan.referralValue],
    ["recall", plan.recallsPerYear, 0],
  ];
  for (const [type, rate, value] of processes) {
    if (!(rate > 0)) continue;
    for (
      let day = from + sampleExponential(random, rate) * DAYS_PER_YEAR;
      day < to;
      day += sampleExponential(random, rate) * DAYS_PER_YEAR
    )
      event(type, day, value);
  }
}

/** The leave chance at a due visit: the stage's, by the owner's loyalty, cut by reached contacts and a reminder. */
function leaveChance(
  v: VehicleState,
  next: number,
  traits: OwnerTraits,
  world: WorldSettings,
  reminder?: ReminderEffect,
) {
  const m = world.mechanics;
  const stage = dueStage(v);
  const base = [m.leaveBeforeFirstService, m.leaveAfterFirstService, m.leaveInWarranty, m.leavePostWarranty][
    stage
  ] as number;
  let leave = 1 - (1 - base) ** traits.loyalty;
  if (v.campaignDecision === v.decisions) leave *= v.campaignKeep;
  if (reminder !== undefined && !v.reminded && next >= reminder.day && next <= reminder.day + reminder.withinDays) {
    v.reminded = true;
    leave *= 1 - reminder.effect;
  }
  return leave;
}

/**
 * A due maintenance visit: the owner decides (on the due date, or at the visit for one who decides then: the delay is
 * drawn first and the decision waits for it), leaves for good, services elsewhere this time (drifting), or comes.
 * Returns false when the owner has left.
 */
function maintenanceDecision(
  state: OwnerState,
  next: number,
  traits: OwnerTraits,
  world: WorldSettings,
  random: RandomSource,
  event: (type: SimulatedEvent["type"], day: number, margin: number) => void,
  reminder?: ReminderEffect,
): boolean {
  const v = state.vehicle;
  const m = world.mechanics;
  const drawDelay = () =>
    Math.min(Math.max(traits.meanDelay + m.visitDelaySpreadDays * sampleNormal(random), -30), 0.8 * v.intervalDays);
  if (traits.decidesAtVisit && Number.isNaN(v.pendingDelay)) {
    v.pendingDelay = drawDelay();
    if (v.pendingDelay > 0) {
      v.nextDecisionDay = next + v.pendingDelay;
      return true;
    }
  }
  const forced = state.forced;
  const force =
    forced !== undefined && !forced.done && forced.vehicleIndex === v.index && forced.decision === v.decisions;
  const leave = leaveChance(v, next, traits, world, reminder);
  // In a network the move is drawn at every decision, whatever comes of it: two futures branched from one state
  // (with and without a reminder) keep drawing the same numbers.
  const moveDraw = world.network === undefined ? 1 : (state.officeRandom ?? random)();
  if (!force && random() < leave && !movesWithin(state, world, moveDraw)) {
    state.alive = false;
    return false;
  }
  const drifting = next >= v.driftStartDay;
  const keep = v.campaignDecision === v.decisions ? v.campaignKeep : 1;
  const delay = Number.isNaN(v.pendingDelay) ? drawDelay() : Math.min(v.pendingDelay, 0);
  v.pendingDelay = Number.NaN;
  const visit = next + delay;
  const ticket = world.assumptions.maintenanceValue * traits.priceLevel;
  if (force) {
    // Stay and visit, recording what was forced away; the events from here on are the value kept.
    forced.done = true;
    forced.leave = leave * lostShare(world); // what the network loses (a move stays in it)
    forced.skip = drifting ? m.driftSkip * keep : 0;
    forced.ticket = ticket;
    event("maintenance", visit, ticket * lognormalMeanOne(random, 0.15));
  } else if (!(drifting && random() < m.driftSkip * keep))
    event("maintenance", visit, ticket * lognormalMeanOne(random, 0.15));
  v.decisions += 1;
  v.dueDay = visit + v.intervalDays;
  v.nextDecisionDay = v.dueDay;
  return true;
}

/**
 * An owner about to leave who moves to another dealer of the network instead (with the network's chance; `draw`
 * uniform on [0, 1), the dealer moved to picked evenly by the same draw), if any.
 */
function movesWithin(state: OwnerState, world: WorldSettings, draw: number): boolean {
  const network = world.network;
  if (network === undefined || network.dealers < 2 || draw >= network.moveShare) return false;
  const pick = Math.floor((draw / network.moveShare) * (network.dealers - 1));
  state.dealer = (state.dealer + 1 + pick) % network.dealers;
  return true;
}

/** The share of leave decisions that are lost to the network (the rest move within it). */
const lostShare = (world: WorldSettings) =>
  world.network === undefined || world.network.dealers < 2 ? 1 : 1 - world.network.moveShare;

/**
 * The expected margin an owner brings in [from, from + horizon) and the expected margin a reminder on `from` saves,
 * by Monte Carlo over `paths` futures branched from the owner's state (the same random numbers with and without the
 * reminder, so the difference has a small variance). The reminder is either a {@link ReminderEffect} or a contact
 * that reaches the owner on `from` with a campaign plan's effect (by lead time and stage, × `effectFactor`). @internal
 */
export function expectedFuture(
  state: OwnerState,
  traits: OwnerTraits,
  world: WorldSettings,
  from: number,
  horizonDays: number,
  reminder: ReminderEffect | { readonly plan: CampaignPlan; readonly effectFactor: number },
  seed: number,
  paths: number,
): { value: number; saved: number } {
  if (!state.alive) return { value: 0, saved: 0 };
  let value = 0;
  let saved = 0;
  const contact =
    "plan" in reminder
      ? { ...reminder.plan, days: [from], controlShare: 0, leadFrom: -Infinity, leadTo: Infinity }
      : undefined;
  for (let path = 0; path < paths; path++) {
    const sums = [0, 0];
    for (const [branch, withReminder] of [
      [0, false],
      [1, true],
    ] as const) {
      const copy = cloneOwner(state);
      const campaigns: OwnerCampaigns | undefined =
        withReminder && contact !== undefined && "plan" in reminder
          ? {
              plan: contact,
              random: () => 0,
              reachChance: 1,
              effectFactor: reminder.effectFactor,
              next: 0,
              contacts: [],
            }
          : undefined;
      advanceOwner(
        copy,
        from + horizonDays,
        traits,
        world,
        createRandomSource(seed + path),
        (event) => {
          if (event.day >= from && event.day < from + horizonDays)
            sums[branch] = (sums[branch] as number) + event.margin;
        },
        withReminder && !("plan" in reminder) ? reminder : undefined,
        campaigns,
      );
    }
    value += sums[0] as number;
    saved += (sums[1] as number) - (sums[0] as number);
  }
  return { value: value / paths, saved: saved / paths };
}

/**
 * The expected margin a call on `from` saves over [from, from + horizon), if it reaches the owner: the contact acts
 * (by the campaign plan's effect at the lead time and stage of the owner's pending due visit, × `effectFactor`) on
 * that one decision, so the saving is computed rather than sampled: e × P(leave) × the value after the visit if the
 * owner stays, plus, for a drifting owner, (1 − P(leave)) × e × P(servicing elsewhere) × the visit's ticket — with
 * the value after the visit averaged over `paths` futures in which the owner stays (a Rao–Blackwellised estimate:
 * no rare flips of a decision to sample). 0 if the call cannot act on the pending visit. @internal
 */
export function expectedSavedByCall(
  state: OwnerState,
  traits: OwnerTraits,
  world: WorldSettings,
  call: {
    readonly from: number;
    readonly horizonDays: number;
    readonly plan: CampaignPlan;
    readonly effectFactor: number;
  },
  seed: number,
  paths: number,
): number {
  if (!state.alive) return 0;
  const v = state.vehicle;
  const effect = call.effectFactor * campaignEffect(call.plan, v.dueDay - call.from, dueStage(v));
  if (!(effect > 0)) return 0;
  const end = call.from + call.horizonDays;
  let saved = 0;
  for (let path = 0; path < paths; path++) {
    const copy = cloneOwner(state);
    const forced: ForcedDecision = {
      vehicleIndex: v.index,
      decision: v.decisions,
      done: false,
      leave: 0,
      skip: 0,
      ticket: 0,
    };
    copy.forced = forced;
    let kept = 0;
    advanceOwner(copy, end, traits, world, createRandomSource(seed + path), (event) => {
      if (forced.done && event.day >= call.from && event.day < end) kept += event.margin;
    });
    if (!forced.done) continue; // replaced, or past the horizon, before the visit fell due
    const stayedSkip = forced.skip * (1 - effect);
    saved += forced.leave * effect * (kept - stayedSkip * forced.ticket);
    saved += (1 - forced.leave) * (forced.skip - stayedSkip) * forced.ticket;
  }
  return saved / paths;
}
