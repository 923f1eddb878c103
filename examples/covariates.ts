// Covariates worked example on the dealer generator: owners of mass, premium and luxury cars, whose visits are worth
// different amounts, with the segment as a covariate of the Gamma-Gamma spend model. Used by the demo (npm run demo)
// and by test/clv/covariates.test.ts, so the numbers in README.md are what CI checks.
import {
  dummyCode,
  type evaluate,
  fitGammaGammaWithCovariates,
  gammaGamma,
  generateDealerData,
  psv,
  summarizeTransactions,
} from "../src/index.js";
import { regularizedGammaQ } from "../src/math/index.js";

export interface SegmentSpend {
  readonly segment: string;
  /** Owners with repeat visits in calibration and at least one visit in the holdout. */
  readonly owners: number;
  /** Mean margin per holdout visit, actual and as predicted without and with the segment. */
  readonly actual: number;
  readonly withoutSegment: number;
  readonly withSegment: number;
}

export interface DealerSegmentResult {
  /** exp(coefficient) of each dummy: expected margin per visit against a mass-market owner's. */
  readonly spendRatio: Readonly<Record<string, number>>;
  /** The ratio the simulator's assumptions put in (premium and luxury service values over mass ones). */
  readonly trueRatio: Readonly<Record<string, number>>;
  readonly likelihoodRatio: evaluate.LikelihoodRatioTest;
  readonly bySegment: readonly SegmentSpend[];
  /** Mean absolute error of the predicted margin per holdout visit, without and with the segment. */
  readonly meanAbsoluteError: { readonly withoutSegment: number; readonly withSegment: number };
}

/**
 * Generates owners of each segment (the generator's segment sets the service values), summarises their service
 * margin up to 2022-06-30 and fits the Gamma-Gamma without and with the segment as dummies against the reference
 * level "mass"; then compares each owner's predicted margin per visit with the mean margin of its visits in the two
 * years after.
 */
export function dealerSegmentCovariates(options: { vehicles: number; seed: number }): DealerSegmentResult {
  const segments = ["mass", "premium", "luxury"] as const;
  const owners = segments.flatMap((segment, index) =>
    generateDealerData({
      vehicles: options.vehicles,
      seed: options.seed + index,
      segment,
      idPrefix: `${segment}-`,
      prospectShare: 0,
    }),
  );
  const visits = owners.flatMap((owner) =>
    owner.serviceEvents.map((event) => ({
      customerId: owner.customerId,
      date: event.date,
      margin: Number(event.margin),
    })),
  );
  const summaries = summarizeTransactions(visits, {
    calibrationEnd: "2022-06-30",
    observationEnd: "2024-06-30",
    timeUnit: "week",
    customerId: "customerId",
    date: "date",
    amount: "margin",
  }).filter((summary) => summary.frequency > 0 && summary.monetaryValue > 0);
  const segmentOf = summaries.map((summary) => String(summary.customerId).split("-")[0] as string);
  const coding = dummyCode(segmentOf, { name: "segment", reference: "mass", levels: segments });
  const customers = summaries.map((summary, index) => ({ ...summary, covariates: coding.rows[index] ?? {} }));
  const plain = gammaGamma.fit(customers);
  const withSegment = fitGammaGammaWithCovariates(customers, { spend: coding.names });
  const predictedWithout = gammaGamma.conditionalExpectedSpendBatch(plain.params, customers).values;
  const predictedWith = gammaGamma.conditionalExpectedSpendBatch(withSegment.params, customers).values;
  const inHoldout = customers.flatMap((customer, index) => ((customer.holdoutFrequency ?? 0) > 0 ? [index] : []));
  const mean = (indices: readonly number[], value: (index: number) => number) =>
    indices.reduce((sum, index) => sum + value(index), 0) / indices.length;
  const actual = (index: number) => customers[index]?.holdoutMonetaryValue as number;
  const bySegment = segments.map((segment) => {
    const members = inHoldout.filter((index) => segmentOf[index] === segment);
    return {
      segment,
      owners: members.length,
      actual: mean(members, actual),
      withoutSegment: mean(members, (index) => predictedWithout[index] as number),
      withSegment: mean(members, (index) => predictedWith[index] as number),
    };
  });
  const maintenanceValue = (segment: (typeof segments)[number]) =>
    psv.defaultAssumptions({ segment }).assumptions.maintenanceValue;
  const statistic = 2 * (withSegment.logLikelihood - plain.logLikelihood);
  return {
    spendRatio: Object.fromEntries(
      coding.names.map((name) => [name, Math.exp(withSegment.params.covariates?.spend?.[name] as number)]),
    ),
    trueRatio: Object.fromEntries(
      segments.slice(1).map((segment) => [`segment=${segment}`, maintenanceValue(segment) / maintenanceValue("mass")]),
    ),
    likelihoodRatio: {
      restricted: "Gamma-Gamma",
      full: "Gamma-Gamma + segment",
      statistic,
      degreesOfFreedom: coding.names.length,
      pValue: regularizedGammaQ(coding.names.length / 2, statistic / 2),
    },
    bySegment,
    meanAbsoluteError: {
      withoutSegment: mean(inHoldout, (index) => Math.abs((predictedWithout[index] as number) - actual(index))),
      withSegment: mean(inHoldout, (index) => Math.abs((predictedWith[index] as number) - actual(index))),
    },
  };
}
