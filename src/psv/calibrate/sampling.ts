import type { AssumptionSampling } from "../assumption-sampling.js";
import type { WorkingScale } from "./judge-estimate.js";

/** An estimate's sampling error as its fit gives it: sd on its working scale, correlations within a joint fit. @internal */
export interface EstimateSampling {
  readonly sd: number;
  /** Its correlations with the other estimates of its joint fit: row `index` of `matrix`. */
  readonly correlation?: { readonly matrix: readonly (readonly number[])[]; readonly index: number };
}

/** One value a calibration set, with its sampling error on its working scale. @internal */
export interface SampledEstimate extends EstimateSampling {
  /** The assumption, or "list.index" for an element of a list. */
  readonly name: string;
  readonly scale: WorkingScale;
}

/**
 * The calibration's sampling record: the values set from the data with a finite, positive standard deviation, their
 * covariance the joint fit's correlations (estimates of one fit, both set from the data) times the deviations, zero
 * between estimates of different fits. Undefined when nothing was set from the data. @internal
 */
export function samplingOf(sampled: readonly SampledEstimate[]): AssumptionSampling | undefined {
  const kept = sampled.filter(({ sd }) => Number.isFinite(sd) && sd > 0);
  if (kept.length === 0) return undefined;
  const covariance = kept.map(() => kept.map(() => 0));
  kept.forEach((row, i) => {
    kept.forEach((column, j) => {
      if (j < i) return;
      const value = i === j ? row.sd * row.sd : row.sd * column.sd * jointCorrelation(row, column);
      (covariance[i] as number[])[j] = value;
      (covariance[j] as number[])[i] = value;
    });
  });
  return { names: kept.map(({ name }) => name), scales: kept.map(({ scale }) => scale), covariance };
}

/** The correlation of two estimates of one joint fit (0 for estimates of different fits, or none known). */
function jointCorrelation(row: SampledEstimate, column: SampledEstimate): number {
  const a = row.correlation;
  const b = column.correlation;
  if (a === undefined || b === undefined || a.matrix !== b.matrix) return 0;
  const rho = (a.matrix[a.index] as readonly number[])[b.index] as number;
  return Number.isFinite(rho) ? rho : 0;
}
