/**
 * Days past a maintenance due date after which an owner who has not come is lapsed — one definition for service
 * timing (`service.status`), lifecycle stages (`lifecycle.classify`) and the PSV call list (`psv.assessCustomers`,
 * which uses the same rule with the delays calibrated on your history). 95 days: 19 in 20 owners who do come back
 * come within 95 days of the due date (the 95% point of `psv.defaultAssumptions().assumptions.visitDelayQuantilesDays`;
 * `psv.calibrate` estimates it from your own visits).
 */
export const DEFAULT_LAPSED_AFTER_DAYS = 95;
