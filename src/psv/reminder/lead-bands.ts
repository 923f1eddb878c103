/**
 * The lead-time bands of the reminder effect, as edges in days before the due date (negative: overdue): band k holds
 * lead times in [edges[k], edges[k + 1]). A visit due more than a year ahead, or overdue by more than half a year,
 * is outside every band (no effect).
 */
export const REMINDER_LEAD_EDGES_DAYS: readonly number[] = Object.freeze([
  -180, -120, -60, -30, 0, 30, 60, 90, 120, 180, 270, 365,
]);

/** The number of lead-time bands. @internal */
export const LEAD_BAND_COUNT = REMINDER_LEAD_EDGES_DAYS.length - 1;

/** The band of a lead time in days (−1: outside every band). @internal */
export function leadBandOf(leadDays: number): number {
  const edges = REMINDER_LEAD_EDGES_DAYS;
  if (!(leadDays >= (edges[0] as number) && leadDays < (edges[LEAD_BAND_COUNT] as number))) return -1;
  let band = 0;
  while (leadDays >= (edges[band + 1] as number)) band++;
  return band;
}

/**
 * The default reminder effect: a reached reminder removes half the chance of leaving at a visit due within the next
 * 60 days, and nothing at other lead times; the same in every stage; every reminder reaches its owner. @internal
 */
export const DEFAULT_REMINDER = Object.freeze({
  byLead: Object.freeze([0, 0, 0, 0, 0.5, 0.5, 0, 0, 0, 0, 0]) as readonly number[],
  byStage: Object.freeze([1, 1, 1, 1]) as readonly number[],
  reach: 1,
});
