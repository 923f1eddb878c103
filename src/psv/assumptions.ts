import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { MAX_AMOUNT } from "../money/max-amount.js";
import { toMoney } from "../money/parse-money.js";
import { type AssumptionSampling, checkSampling, isCovarianceMatrix } from "./assumption-sampling.js";
import { DEFAULT_REMINDER, LEAD_BAND_COUNT } from "./reminder/lead-bands.js";

/** The vehicle segments that have documented defaults. */
export type VehicleSegment = "mass" | "premium" | "luxury";

/**
 * Everything the PSV model assumes about a vehicle population. Amounts are money per event (value to the dealer:
 * use margins for profit, tickets for revenue), in one currency, as numbers; rates are per year of vehicle age.
 * Plain JSON: store it, edit it, pass it back.
 */
export interface PsvAssumptions {
  /** Expected km a year; sets the first-service age, the maintenance rate and where mileage limits fall. */
  readonly kmPerYear: number;
  /** The after-sales service horizon: value is counted until this age (years) … */
  readonly horizonYears: number;
  /** … or this odometer reading (km), whichever comes first. */
  readonly horizonKm: number;
  /** Warranty: years and km, whichever first; retention differs inside and after it. */
  readonly warrantyYears: number;
  readonly warrantyKm: number;
  /** Annual probability that an owner still serviced here stays for another year, in and after the warranty. */
  readonly retentionInWarranty: number;
  readonly retentionPostWarranty: number;
  /** First service limits (months, km) and the regular interval (months, km), whichever first. */
  readonly firstServiceMonths: number;
  readonly firstServiceKm: number;
  readonly serviceIntervalMonths: number;
  readonly serviceIntervalKm: number;
  /** Value of one maintenance visit (the first service included). */
  readonly maintenanceValue: number;
  /** Repair visits a year by age year (index 0 = first year; the last value holds for later years), and their value. */
  readonly repairVisitsByAge: readonly number[];
  readonly repairValue: number;
  /** Probability a year that the insurance is renewed here, and the value of a renewal (commission/margin). */
  readonly insuranceRenewalProbability: number;
  readonly insuranceValue: number;
  /** Detailing ("beauty") jobs a year and their value. */
  readonly detailingJobsPerYear: number;
  readonly detailingValue: number;
  /** Other derivative consumption a year (accessories, extended warranty, …), as value a year. */
  readonly otherValuePerYear: number;
  /** Probability that the owner buys the next car here, the age at which owners replace, and the value. */
  readonly repurchaseProbability: number;
  readonly replacementAgeYears: number;
  /** Spread (standard deviation, years) of the replacement age across owners; used by {@link assessCustomers}. */
  readonly replacementAgeSpreadYears: number;
  readonly newCarValue: number;
  readonly tradeInValue: number;
  /** Annual discount rate for the remaining value (0 = none). */
  readonly discountRate: number;
  /**
   * Owner behaviour, used by {@link assessCustomers} (not by the schedule-only {@link score}): the chance of leaving
   * at a due maintenance visit — never coming for the first service, leaving right after it (首保即终保), and at a
   * later due visit inside and after the warranty.
   */
  readonly leaveBeforeFirstService: number;
  readonly leaveAfterFirstService: number;
  readonly leaveInWarranty: number;
  readonly leavePostWarranty: number;
  /**
   * Shape s of the spread of loyalty across owners: an owner's leave hazard is z × the stage's hazard, z ~ Gamma(s,
   * rate s). Small s: owners differ a lot, so a long record of visits lowers the chance of leaving a lot.
   */
  readonly loyaltyShape: number;
  /** Quantiles 0, 5, …, 100% (21 numbers, days) of visit date − due date among owners who came: how late active owners usually are. */
  readonly visitDelayQuantilesDays: readonly number[];
  /**
   * Empirical-Bayes pseudo-counts: after this many visits (events) an owner's own punctuality (price level, event
   * rates) weighs as much as the population's.
   */
  readonly delayShrinkageVisits: number;
  readonly priceShrinkageEvents: number;
  readonly rateShrinkageEvents: number;
  /**
   * What a reminder that reaches the owner does, used by {@link assessCustomers}: the share of the chance of not
   * coming back for the due visit that it removes, by lead time before the due date in the bands of
   * `psv.REMINDER_LEAD_EDGES_DAYS` (11 shares in [0, 1]: overdue by 120–180 days, …, due in 270–365 days) …
   */
  readonly reminderEffectByLead?: readonly number[];
  /** … times a factor by stage of the due visit (before the first service, right after it, in, after the warranty) … */
  readonly reminderStageFactors?: readonly number[];
  /** … and the dealer's chance that a reminder reaches its owner. Learned by `psv.calibrate({ contacts })`. */
  readonly reminderReach?: number;
  /**
   * The sampling covariance of `reminderEffectByLead` (11 lists of 11 numbers), set by `psv.calibrate({ contacts })`
   * when it learns the effect from a campaign log: `assessCustomers` reads the 95% interval of its saveable total from
   * it. Absent when the effect is assumed (its uncertainty is then unknown, and the interval is null).
   */
  readonly reminderEffectCovariance?: readonly (readonly number[])[];
  /**
   * The sampling error of the assumptions `psv.calibrate` estimated from the dealer's records (see
   * {@link AssumptionSampling}): `uncertainty.assessmentIntervals` reads it. Absent for assumptions not calibrated.
   */
  readonly sampling?: AssumptionSampling;
  /**
   * Finance (optional; 0 when absent — no documented figures: calibrate from your "finance" events): the share of
   * cars bought here that the dealer also finances, the commission of a contract (new or renewed), renewals a year
   * per vehicle, and the chance that an owner who pays a contract off replaces the car within the year after (on top
   * of the replacement ages).
   */
  readonly financeShare?: number;
  readonly financeValue?: number;
  readonly financeRenewalsPerYear?: number;
  readonly replacementAfterPayoff?: number;
  /** Referrals (optional; 0 when absent): sales an owner refers a year while with the dealer, and the value of one. */
  readonly referralsPerYear?: number;
  readonly referralValue?: number;
}

/** The optional finance and referral assumptions with their defaults (0: not modelled until calibrated or set). */
const OFFICE_DEFAULTS = {
  financeShare: 0,
  financeValue: 0,
  financeRenewalsPerYear: 0,
  replacementAfterPayoff: 0,
  referralsPerYear: 0,
  referralValue: 0,
} as const;

/** Where each default comes from, by assumption name. */
export type AssumptionSources = Readonly<Partial<Record<keyof PsvAssumptions, string>>>;

const SOURCES: AssumptionSources = {
  kmPerYear: "DOMAIN.md §4: average annual mileage of a light vehicle in China about 19,000 km (2015 estimate)",
  horizonYears: "assumption: a 10-year after-sales horizon, past the usual 6–8 year replacement window",
  horizonKm: "assumption: 200,000 km",
  warrantyYears: "DOMAIN.md §4: China's repair warranty at least 3 years / 60,000 km",
  warrantyKm: "DOMAIN.md §4: China's repair warranty at least 3 years / 60,000 km",
  retentionInWarranty:
    "assumption: 0.839 a year (DOMAIN.md §4's 41% of owners of cars over 3 years gone from the 4S channel is a share of all cars over 3 years in 2014, not survival to year 3, so it does not fix this rate) — calibrate",
  retentionPostWarranty: "DOMAIN.md §4: after-sales churn about 30% a year → 0.70",
  firstServiceMonths: "DOMAIN.md §4: first service at 3–5 months or 3,000–5,000 km (upper end)",
  firstServiceKm: "DOMAIN.md §4: first service at 3–5 months or 3,000–5,000 km (upper end)",
  serviceIntervalMonths: "DOMAIN.md §4: typical interval 5,000–10,000 km or 6–12 months (upper end)",
  serviceIntervalKm: "DOMAIN.md §4: typical interval 5,000–10,000 km or 6–12 months (upper end)",
  maintenanceValue:
    "DOMAIN.md §4: average maintenance ticket about RMB 660 (2016), scaled for premium/luxury by the yearly-spend ratio 3,480/1,558 (2015)",
  repairVisitsByAge:
    "assumption: 0.3 a year in year 1 rising by about 0.15 a year to 1.5; with maintenance ≈ 3 visits a year for 1–4-year-old cars (J.D. Power China CSI 2016–2017)",
  repairValue: "assumption: as a maintenance ticket",
  insuranceRenewalProbability: "assumption: 0.6 — calibrate from your renewal history",
  insuranceValue: "assumption: RMB 500 commission (mass), scaled like maintenance",
  detailingJobsPerYear: "assumption: one job a year",
  detailingValue: "assumption: RMB 200 (mass), scaled like maintenance",
  otherValuePerYear: "assumption: RMB 150 a year of accessories/extended warranty (mass), scaled like maintenance",
  repurchaseProbability: "assumption: 0.3 — calibrate from repeat new-car purchases",
  replacementAgeYears: "DOMAIN.md §4: average replacement cycle about 6.4 years (2017)",
  replacementAgeSpreadYears: "DOMAIN.md §4: most replacements in years 6–8 → a standard deviation of about 1.2 years",
  newCarValue: "assumption: new-car margin RMB 5,000 / 15,000 / 30,000 (mass / premium / luxury)",
  tradeInValue: "assumption: trade-in margin RMB 3,000 / 6,000 / 10,000",
  discountRate: "no discounting by default",
  leaveBeforeFirstService: "assumption: 1 new owner in 10 never comes for the first service — calibrate",
  leaveAfterFirstService:
    "DOMAIN.md §2: 首保即终保 (the first free service is also the last) is common; assumption 0.2 — calibrate",
  leaveInWarranty: "assumption: 0.1 per due visit inside the warranty — calibrate",
  leavePostWarranty: "DOMAIN.md §4: after-sales churn about 30% a year, one due visit a year → 0.3",
  loyaltyShape: "assumption: 2 (moderate spread of loyalty) — calibrate",
  visitDelayQuantilesDays:
    "assumption: half of the owners who come are within 2 weeks of the due date, 1 in 10 more than 2 months late — calibrate",
  delayShrinkageVisits: "assumption: 3 visits — calibrate",
  priceShrinkageEvents: "assumption: 5 paid events — calibrate",
  rateShrinkageEvents: "assumption: 2 events — calibrate",
  reminderEffectByLead:
    "assumption: a reached reminder removes half the chance of leaving at a visit due within 60 days, nothing at other lead times — learn it from your campaigns with psv.calibrate({ contacts })",
  reminderStageFactors: "assumption: the same effect in every stage — learn it with psv.calibrate({ contacts })",
  reminderReach: "assumption: every reminder reaches its owner — learn it with psv.calibrate({ contacts })",
  financeShare: "not modelled by default (0) — calibrate from your finance events",
  financeValue: "not modelled by default (0) — calibrate from your finance events",
  financeRenewalsPerYear: "not modelled by default (0) — calibrate from your finance events",
  replacementAfterPayoff: "not modelled by default (0) — calibrate from your finance-payoff events",
  referralsPerYear: "not modelled by default (0) — calibrate from your referral events",
  referralValue: "not modelled by default (0) — calibrate from your referral events",
};

/** The default spread of visit delays (days after the due date, quantiles 0, 5, …, 100%). */
const DEFAULT_DELAY_QUANTILES = [-30, -12, -6, -2, 1, 4, 7, 10, 12, 14, 16, 19, 22, 26, 30, 36, 44, 55, 70, 95, 240];

const SEGMENT_SCALE: Readonly<Record<VehicleSegment, number>> = {
  mass: 1,
  premium: (1 + 3480 / 1558) / 2,
  luxury: 3480 / 1558,
};

/**
 * Documented default assumptions for a segment in the Chinese market, drawn from the public figures of DOMAIN.md
 * §4 where they exist and marked "assumption" where they do not (replace those with `psv.calibrate` on your own
 * history). Amounts are in RMB and are ticket values (revenue per event) except where a margin is named.
 *
 * @returns `{ assumptions, sources }`: plain JSON.
 *
 * @example
 * ```ts
 * psv.defaultAssumptions({ segment: "mass" }).assumptions.maintenanceValue // 660
 * ```
 */
export function defaultAssumptions(options: { segment: VehicleSegment; market?: "CN" } = { segment: "mass" }): {
  assumptions: PsvAssumptions;
  sources: AssumptionSources;
} {
  options = readOptions<{ segment: VehicleSegment; market?: "CN" }>(
    "PSV defaults",
    options,
    { segment: true, market: true },
    { optional: false },
  );
  const segment = options.segment;
  if (!Object.hasOwn(SEGMENT_SCALE, segment)) {
    throw new InvalidInputError("PSV defaults", [
      { code: "invalid_value", path: ["segment"], message: `must be mass, premium or luxury, got ${shown(segment)}` },
    ]);
  }
  if (options.market !== undefined && options.market !== "CN") {
    throw new InvalidInputError("PSV defaults", [
      {
        code: "invalid_value",
        path: ["market"],
        message: `only "CN" has documented defaults, got ${shown(options.market)}`,
      },
    ]);
  }
  const scale = SEGMENT_SCALE[segment];
  const round = (value: number) => Math.round(value);
  const assumptions: PsvAssumptions = {
    kmPerYear: 19_000,
    horizonYears: 10,
    horizonKm: 200_000,
    warrantyYears: 3,
    warrantyKm: 60_000,
    retentionInWarranty: Number((0.59 ** (1 / 3)).toFixed(3)),
    retentionPostWarranty: 0.7,
    firstServiceMonths: 5,
    firstServiceKm: 5000,
    serviceIntervalMonths: 12,
    serviceIntervalKm: 10_000,
    maintenanceValue: round(660 * scale),
    repairVisitsByAge: [0.3, 0.45, 0.6, 0.75, 0.9, 1.05, 1.2, 1.35, 1.5],
    repairValue: round(660 * scale),
    insuranceRenewalProbability: 0.6,
    insuranceValue: round(500 * scale),
    detailingJobsPerYear: 1,
    detailingValue: round(200 * scale),
    otherValuePerYear: round(150 * scale),
    repurchaseProbability: 0.3,
    replacementAgeYears: 6.4,
    replacementAgeSpreadYears: 1.2,
    newCarValue: { mass: 5000, premium: 15_000, luxury: 30_000 }[segment],
    tradeInValue: { mass: 3000, premium: 6000, luxury: 10_000 }[segment],
    discountRate: 0,
    leaveBeforeFirstService: 0.1,
    leaveAfterFirstService: 0.2,
    leaveInWarranty: 0.1,
    leavePostWarranty: 0.3,
    loyaltyShape: 2,
    visitDelayQuantilesDays: DEFAULT_DELAY_QUANTILES,
    delayShrinkageVisits: 3,
    priceShrinkageEvents: 5,
    rateShrinkageEvents: 2,
    reminderEffectByLead: DEFAULT_REMINDER.byLead,
    reminderStageFactors: DEFAULT_REMINDER.byStage,
    reminderReach: DEFAULT_REMINDER.reach,
  };
  return { assumptions, sources: SOURCES };
}

/** Every assumption's name: a name not among them (a misspelling) is a typed error naming the closest. */
const ASSUMPTION_NAMES: OptionNames<PsvAssumptions> = {
  kmPerYear: true,
  horizonYears: true,
  horizonKm: true,
  warrantyYears: true,
  warrantyKm: true,
  retentionInWarranty: true,
  retentionPostWarranty: true,
  firstServiceMonths: true,
  firstServiceKm: true,
  serviceIntervalMonths: true,
  serviceIntervalKm: true,
  maintenanceValue: true,
  repairVisitsByAge: true,
  repairValue: true,
  insuranceRenewalProbability: true,
  insuranceValue: true,
  detailingJobsPerYear: true,
  detailingValue: true,
  otherValuePerYear: true,
  repurchaseProbability: true,
  replacementAgeYears: true,
  replacementAgeSpreadYears: true,
  newCarValue: true,
  tradeInValue: true,
  discountRate: true,
  leaveBeforeFirstService: true,
  leaveAfterFirstService: true,
  leaveInWarranty: true,
  leavePostWarranty: true,
  loyaltyShape: true,
  visitDelayQuantilesDays: true,
  delayShrinkageVisits: true,
  priceShrinkageEvents: true,
  rateShrinkageEvents: true,
  reminderEffectByLead: true,
  reminderStageFactors: true,
  reminderReach: true,
  reminderEffectCovariance: true,
  sampling: true,
  financeShare: true,
  financeValue: true,
  financeRenewalsPerYear: true,
  replacementAfterPayoff: true,
  referralsPerYear: true,
  referralValue: true,
};

const PROBABILITIES = [
  "leaveBeforeFirstService",
  "leaveAfterFirstService",
  "leaveInWarranty",
  "leavePostWarranty",
  "retentionInWarranty",
  "retentionPostWarranty",
  "insuranceRenewalProbability",
  "repurchaseProbability",
] as const;
const POSITIVE = [
  "kmPerYear",
  "horizonYears",
  "horizonKm",
  "warrantyYears",
  "warrantyKm",
  "firstServiceMonths",
  "firstServiceKm",
  "serviceIntervalMonths",
  "serviceIntervalKm",
  "replacementAgeYears",
  "replacementAgeSpreadYears",
  "loyaltyShape",
  "delayShrinkageVisits",
  "priceShrinkageEvents",
  "rateShrinkageEvents",
] as const;
const NON_NEGATIVE = [
  "maintenanceValue",
  "repairValue",
  "insuranceValue",
  "detailingJobsPerYear",
  "detailingValue",
  "otherValuePerYear",
  "newCarValue",
  "tradeInValue",
  "discountRate",
] as const;

type CheckIssue = { code: string; path: (string | number)[]; message: string };

/**
 * Lengths whose absurd values the kernels would take literally (a service interval of 1e-300 months is a visit every
 * instant, a 1e9-year service life a billion visits): the ranges a vehicle's schedule and life can have; a very
 * large km limit or warranty stands for "no limit" and is accepted.
 */
const PLAUSIBLE: readonly (readonly [keyof PsvAssumptions & string, number, number])[] = [
  ["kmPerYear", 100, 1_000_000],
  ["horizonYears", 0.1, 100],
  ["horizonKm", 1000, 1e12],
  ["warrantyYears", 0.01, 1e6],
  ["warrantyKm", 100, 1e12],
  ["firstServiceMonths", 0.25, 1e6],
  ["firstServiceKm", 100, 1e12],
  ["serviceIntervalMonths", 0.25, 1e6],
  ["serviceIntervalKm", 100, 1e12],
  ["replacementAgeYears", 0.1, 1e6],
  ["replacementAgeSpreadYears", 0.01, 1e6],
];

/**
 * Checks assumptions: probabilities in [0, 1] (retention in (0, 1]), lengths > 0 and within what a vehicle's
 * schedule can be (service intervals from a week, 0.25 months, and 100 km; km a year 100 to 1,000,000; a service life
 * up to 100 years), amounts and rates ≥ 0 (amounts at most 1e12), repair rates a non-empty list of numbers ≥ 0. Amounts may be given as decimal strings or Decimals; they are read as
 * numbers for the float64 kernel (money is rounded once at output).
 *
 * @throws InvalidInputError naming every bad assumption.
 *
 * @example
 * ```ts
 * psv.checkAssumptions(psv.defaultAssumptions({ segment: "luxury" }).assumptions).newCarValue // 30000
 * ```
 */
export function checkAssumptions(input: PsvAssumptions): PsvAssumptions {
  input = readOptions("PSV assumptions", input, ASSUMPTION_NAMES, { argument: "assumptions", optional: false });
  const issues: CheckIssue[] = [];
  const values: Record<string, unknown> = { ...input };
  checkAmounts(input, values, issues);
  checkLengths(input, issues);
  for (const name of PROBABILITIES) {
    const value = input[name];
    const minimumExclusive = name.startsWith("retention");
    const maximumExclusive = name.startsWith("leave");
    if (
      !(
        typeof value === "number" &&
        (maximumExclusive ? value < 1 : value <= 1) &&
        (minimumExclusive ? value > 0 : value >= 0)
      )
    ) {
      issues.push({
        code: "custom",
        path: [name],
        message: `must be a probability in ${minimumExclusive ? "(0, 1]" : maximumExclusive ? "[0, 1)" : "[0, 1]"}, got ${shown(value)}`,
      });
    }
  }
  const delays = input.visitDelayQuantilesDays;
  if (
    !Array.isArray(delays) ||
    delays.length !== 21 ||
    !delays.every(
      (value, index) =>
        typeof value === "number" &&
        Math.abs(value) <= 36_525 &&
        (index === 0 || value >= (delays[index - 1] as number)),
    )
  ) {
    issues.push({
      code: "custom",
      path: ["visitDelayQuantilesDays"],
      message: "must be 21 non-decreasing numbers of days within ±36,525 (quantiles 0, 5, …, 100%)",
    });
  } else values["visitDelayQuantilesDays"] = Object.freeze([...delays]);
  const repairs = input.repairVisitsByAge;
  if (!Array.isArray(repairs) || repairs.length === 0)
    issues.push({ code: "custom", path: ["repairVisitsByAge"], message: "must be a non-empty list of rates a year" });
  else {
    repairs.forEach((rate, index) => {
      if (!(typeof rate === "number" && rate >= 0 && rate <= 365))
        issues.push({
          code: "custom",
          path: ["repairVisitsByAge", index],
          message: `must be a rate from 0 to 365 visits a year, got ${shown(rate)}`,
        });
    });
  }
  checkReminder(input, values, issues);
  checkOffice(input, values, issues);
  const sampling = checkSampling(input.sampling, values, issues);
  if (sampling !== undefined) values["sampling"] = sampling;
  if (issues.length > 0) throw new InvalidInputError("PSV assumptions", issues);
  return values as unknown as PsvAssumptions;
}

/** Amounts (numbers, decimal strings or Decimals) read as numbers into `values`: finite, ≥ 0, at most 1e12. */
function checkAmounts(input: PsvAssumptions, values: Record<string, unknown>, issues: CheckIssue[]): void {
  for (const name of NON_NEGATIVE) {
    const raw = (input as unknown as Record<string, unknown>)[name];
    let value = Number.NaN;
    try {
      value = typeof raw === "number" ? raw : toMoney(raw, name, undefined).toNumber();
    } catch {
      // reported below
    }
    if (!(Number.isFinite(value) && value >= 0))
      issues.push({ code: "custom", path: [name], message: `must be a finite number ≥ 0, got ${shown(raw)}` });
    else if (value > MAX_AMOUNT)
      issues.push({
        code: "custom",
        path: [name],
        message: `must be at most ${MAX_AMOUNT.toExponential()} (an amount per event or per year), got ${shown(raw)}`,
      });
    values[name] = value;
  }
}

/** Lengths and counts: finite and > 0, and within the ranges a vehicle's schedule and life can have. */
function checkLengths(input: PsvAssumptions, issues: CheckIssue[]): void {
  for (const name of POSITIVE) {
    const value = input[name];
    if (!(typeof value === "number" && Number.isFinite(value) && value > 0))
      issues.push({ code: "custom", path: [name], message: `must be a finite number > 0, got ${shown(value)}` });
  }
  for (const [name, low, high] of PLAUSIBLE) {
    const value = input[name];
    if (typeof value === "number" && Number.isFinite(value) && value > 0 && !(value >= low && value <= high))
      issues.push({ code: "custom", path: [name], message: `must be from ${low} to ${high}, got ${shown(value)}` });
  }
}

/** The reminder fields: each list of the right length with numbers in range; missing ones get the defaults. */
function checkReminder(input: PsvAssumptions, values: Record<string, unknown>, issues: CheckIssue[]): void {
  const lists = [
    ["reminderEffectByLead", LEAD_BAND_COUNT, 1, DEFAULT_REMINDER.byLead],
    ["reminderStageFactors", 4, 1e6, DEFAULT_REMINDER.byStage],
  ] as const;
  for (const [name, length, high, fallback] of lists) {
    const list = input[name] ?? fallback;
    const fits = (value: unknown) => typeof value === "number" && value >= 0 && value <= high;
    if (Array.isArray(list) && list.length === length && list.every(fits)) values[name] = Object.freeze([...list]);
    else
      issues.push({
        code: "custom",
        path: [name],
        message: `must be ${length} numbers in [0, ${high === 1 ? 1 : "∞"}), got ${shown(list)}`,
      });
  }
  const reach = input.reminderReach ?? DEFAULT_REMINDER.reach;
  if (!(typeof reach === "number" && reach >= 0 && reach <= 1))
    issues.push({
      code: "custom",
      path: ["reminderReach"],
      message: `must be a probability in [0, 1], got ${shown(reach)}`,
    });
  values["reminderReach"] = reach;
  checkCovariance(input.reminderEffectCovariance, values, issues);
}

/** The covariance of the band effects, if given: LEAD_BAND_COUNT lists of as many finite numbers, variances ≥ 0. */
function checkCovariance(covariance: unknown, values: Record<string, unknown>, issues: CheckIssue[]): void {
  if (covariance === undefined) return;
  const n = LEAD_BAND_COUNT;
  const fits = isCovarianceMatrix(
    covariance,
    n,
    (value) => typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= 1,
  );
  if (fits) values["reminderEffectCovariance"] = Object.freeze(covariance.map((row) => Object.freeze([...row])));
  else
    issues.push({
      code: "custom",
      path: ["reminderEffectCovariance"],
      message: `must be ${n} lists of ${n} finite numbers in [−1, 1] with variances ≥ 0, got ${shown(covariance)}`,
    });
}

/** The finance and referral fields: shares in [0, 1], rates and amounts finite and ≥ 0; missing ones are 0. */
function checkOffice(input: PsvAssumptions, values: Record<string, unknown>, issues: CheckIssue[]): void {
  for (const name of Object.keys(OFFICE_DEFAULTS) as (keyof typeof OFFICE_DEFAULTS)[]) {
    const raw = input[name] ?? 0;
    const share = name === "financeShare" || name === "replacementAfterPayoff";
    let value = Number.NaN;
    try {
      value = typeof raw === "number" ? raw : toMoney(raw, name, undefined).toNumber();
    } catch {
      // reported below
    }
    if (Number.isFinite(value) && value >= 0 && (!share || value <= 1)) values[name] = value;
    else
      issues.push({
        code: "custom",
        path: [name],
        message: `must be ${share ? "a probability in [0, 1]" : "a finite number ≥ 0"}, got ${shown(raw)}`,
      });
  }
}
