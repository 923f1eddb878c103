import { InvalidInputError } from "../errors.js";
import { mergePositiveSettings } from "../schemas/positive-settings.js";
import { DEFAULT_LAPSED_AFTER_DAYS } from "../service/lapse.js";

/** Thresholds of lifecycle classification; every one can be overridden. */
export interface LifecycleRules {
  /** Days after the newest delivery spent in "new-car-purchase" onboarding (default 90). */
  readonly onboardingDays: number;
  /** Warranty length in years (default 3: China's repair warranty of at least 3 years / 60,000 km). */
  readonly warrantyYears: number;
  /** Warranty mileage in km (default 60,000). */
  readonly warrantyKm: number;
  /** Vehicle age in years from which the owner is in the replacement window (default 6: average replacement cycle 6.4 years, most replacements in years 6–8, 2017). */
  readonly replacementWindowYears: number;
  /**
   * Days past the newest vehicle's maintenance due date after which the customer is lapsed (default
   * `service.DEFAULT_LAPSED_AFTER_DAYS`, 95: the library's one definition of lapsed). Overdue but not yet lapsed
   * flags "at-risk"; a visit that came after a lapse flags "won-back".
   */
  readonly lapsedAfterDays: number;
  /** An insurance contract ending within this many days flags "insurance-due" (default 60). */
  readonly insuranceDueDays: number;
  /** A finance contract ending within this many days flags "finance-ending" (default 90). */
  readonly financeEndingDays: number;
  /** Mileage per day used to project the odometer when a vehicle has no reading (default 19,000 km a year). */
  readonly defaultKmPerDay: number;
}

/** Default rules, from the public figures of DOMAIN.md §4. */
export const DEFAULT_LIFECYCLE_RULES: LifecycleRules = {
  onboardingDays: 90,
  warrantyYears: 3,
  warrantyKm: 60_000,
  replacementWindowYears: 6,
  lapsedAfterDays: DEFAULT_LAPSED_AFTER_DAYS,
  insuranceDueDays: 60,
  financeEndingDays: 90,
  defaultKmPerDay: 19_000 / 365.2425,
};

/** Merges and checks rules. @internal */
export function resolveRules(rules: Partial<LifecycleRules> = {}): LifecycleRules {
  const { merged, issues } = mergePositiveSettings(DEFAULT_LIFECYCLE_RULES, rules, "lifecycle rules", {
    argument: "rules",
  });
  if (issues.length > 0) throw new InvalidInputError("lifecycle rules", issues);
  return merged;
}
