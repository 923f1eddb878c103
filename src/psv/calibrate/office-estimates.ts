import { NO_PRIOR } from "./judge-estimate.js";
import { logRatioSe, type RatioSums, ratioSe } from "./ratio-sums.js";
import type { Estimate, Setter } from "./set-estimates.js";
import { type Tallies, totalExposure } from "./tally.js";

/** A rate a year with its log-scale error. */
function rate(sums: RatioSums, exposureYears: number, note: string): Estimate {
  return {
    value: sums.e > 0 ? sums.c / sums.e : Number.NaN,
    evidence: sums.c,
    exposureYears,
    uncertainty: { se: logRatioSe(sums), scale: "log", spread: NO_PRIOR },
    note,
  };
}

/** A mean amount with its log-scale error. */
function mean(sums: RatioSums, exposureYears: number): Estimate {
  return {
    value: sums.e > 0 ? sums.c / sums.e : Number.NaN,
    evidence: sums.e,
    exposureYears,
    uncertainty: { se: logRatioSe(sums, false), scale: "log", spread: NO_PRIOR },
  };
}

/**
 * Finance and referrals from the dealer's office records: the share of sales financed here (a "finance" row within
 * 60 days of the sale, over the vehicles whose sale the history shows), the mean commission of a contract, renewals
 * (later "finance" rows) and referrals a year with the dealer, and the mean value of a referral. @internal
 */
export function setOfficeEstimates(set: Setter, t: Tallies): void {
  const exposure = totalExposure(t);
  const sales = t.financeSales;
  const share = sales.e > 0 ? sales.c / sales.e : Number.NaN;
  set("financeShare", {
    value: share,
    // No finance row at all: the export does not hold the finance records (not "no sale financed").
    evidence: sales.c > 0 ? sales.e : 0,
    exposureYears: exposure,
    vehicles: sales.e,
    uncertainty: {
      se: ratioSe(sales) / Math.max(1e-9, share * (1 - share)),
      scale: "logit",
      spread: NO_PRIOR,
    },
    note: `${sales.c} of ${sales.e} sales the history shows were financed here`,
  });
  set("financeValue", mean(t.values["finance"] as RatioSums, exposure));
  set(
    "financeRenewalsPerYear",
    rate(t.financeRenewals, exposure, `${t.financeRenewals.c} contracts renewed in ${Math.round(exposure)} years`),
  );
  const referrals = t.rates["referral"] as RatioSums;
  set("referralsPerYear", rate(referrals, exposure, `${referrals.c} referrals in ${Math.round(exposure)} years`));
  set("referralValue", mean(t.values["referral"] as RatioSums, exposure));
}
