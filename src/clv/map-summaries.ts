import { type BatchResult, batchResult, rowRejections } from "../schemas/row-rejections.js";
import { type SummaryInput, toSummaryColumns } from "../schemas/summary-columns.js";

/**
 * Validates summaries once and applies a float64 kernel (x, t_x, T) → number to every valid customer; a bad row
 * gets NaN and an error (the batch rule). The batch functions of every continuous-time model are built on it.
 * @internal
 */
export function mapSummaries(data: SummaryInput, kernel: (x: number, tx: number, T: number) => number): BatchResult {
  const rejections = rowRejections();
  const { frequency, recency, T } = toSummaryColumns(data, undefined, rejections);
  const invalid = rejections.invalid;
  const out = new Float64Array(frequency.length);
  for (let index = 0; index < out.length; index++) {
    if (invalid?.[index]) continue;
    out[index] = kernel(frequency[index] as number, recency[index] as number, T[index] as number);
  }
  return batchResult(out, rejections);
}

/** Validates one summary row and returns its (x, t_x, T). @internal */
export function summaryOf(customer: { frequency: number; recency: number; T: number }): [number, number, number] {
  const { frequency, recency, T } = toSummaryColumns([customer]);
  return [frequency[0] as number, recency[0] as number, T[0] as number];
}
