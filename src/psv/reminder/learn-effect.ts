import { createRandomSource } from "../../math/random-source.js";
import { sampleNormal } from "../../math/sample-normal.js";
import type { ContactColumns } from "../read-contacts.js";
import type { ContactOutcomes } from "./contact-outcomes.js";
import { LEAD_BAND_COUNT, REMINDER_LEAD_EDGES_DAYS } from "./lead-bands.js";
import type { ReminderModel } from "./reminder-model.js";
import { smoothBands } from "./smooth-bands.js";
import { stepCurve } from "./step-curve.js";

const Z95 = 1.959963984540054;
/** Fewest contacts per group before a band or stage is estimated at all. */
const MINIMUM_PER_GROUP = 20;
/** Band effects at least this large count as acting when the stage factors are estimated. */
const ACTING = 0.05;

/** What the contacts of one lead-time band (or one stage) show, and the value used. */
export interface ReminderEffectEvidence {
  /** Contacts in the treatment and control groups whose outcome is known. */
  readonly treated: number;
  readonly control: number;
  /** Share of each group that did not come back for the visit due. */
  readonly notBackTreated: number;
  readonly notBackControl: number;
  /**
   * The effect of a reached reminder (lead bands), or the stage's factor, these contacts show alone — compared
   * within campaigns and stages — with its 95% interval; NaN where they are too few.
   */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  /** The value used: the estimates smoothed and shrunk toward the default (empirical Bayes). */
  readonly value: number;
}

/** The reminder effect a campaign log shows: the values for the assumptions and the evidence behind each. */
export interface LearnedReminder {
  readonly byLead: number[];
  /** The sampling covariance of `byLead` (11 × 11; null: no band was estimated), see bootstrapCovariance. */
  readonly byLeadCovariance: number[][] | null;
  readonly byStage: number[];
  readonly reach: number;
  /** "data" if at least one band was estimated from the log, else "default". */
  readonly source: "data" | "default";
  readonly leadEvidence: ReminderEffectEvidence[];
  readonly stageEvidence: ReminderEffectEvidence[];
  /** Attempts whose outcome the log gives, and how many reached the owner. */
  readonly attempts: number;
  readonly reached: number;
  /** Contacts used, and left out (window still open at asOf; lead time outside the bands). */
  readonly used: number;
  readonly censored: number;
  readonly outsideBands: number;
}

/** Treated and control counts and "not back" counts of one stratum (a campaign day × band × stage). */
export type Cell = [treated: number, notBackTreated: number, control: number, notBackControl: number];

/** A stratum: its band, its stage, its counts and Σ of its contacts' model leave chances. @internal */
export interface Stratum {
  readonly band: number;
  readonly stage: number;
  readonly cell: Cell;
  leaveSum: number;
}

/** An effect on the scale of a reached reminder, with its standard error (NaN: not estimable). */
interface Raw {
  readonly estimate: number;
  readonly se: number;
  readonly counts: Cell;
}

/**
 * Learns what a reached reminder does from a campaign log with a random control group: per lead-time band, the
 * difference in the rate of not coming back for the due visit (control − treated, within each campaign day and
 * stage, Mantel–Haenszel weights) per unit of what a reminder can act on (for a visit ahead, the contacts' mean model
 * chance of leaving at it; for an overdue visit, the control rate), divided by r, the share of attempts that reached
 * their owner (the intention-to-treat effect scaled to the reached). The bands are pooled into a step curve averaged
 * over windows (stepCurve), smoothed around it by empirical Bayes (smoothBands) ahead of the due date (overdue bands
 * keep the step curve's pooled level), and bands ahead the log never reached are extended from their neighbours
 * (extrapolateUnobserved): a log that cannot tell an effect from the default keeps the default. Stage factors: each stage's effect over the acting bands ÷ all stages', shrunk toward 1
 * (DerSimonian–Laird), only when the overall effect is told from zero. @internal
 */
export function learnReminderEffect(counts: ReminderCounts, prior: ReminderModel): LearnedReminder {
  // In key order: the sums run the same way however the partitions split the log.
  const cells = new Map([...counts.strata].sort((x, y) => x[0] - y[0]));
  const { attempts, reached } = counts;
  const reach = attempts > 0 ? reached / attempts : 1;
  const scale = Math.max(reach, 0.05);
  const norms: Norms = (band, meanLeave, controlRate) =>
    (REMINDER_LEAD_EDGES_DAYS[band] as number) >= 0 ? meanLeave : controlRate;
  const all = () => true;
  const bandRaw = Array.from({ length: LEAD_BAND_COUNT }, (_, band) =>
    rawEffect(cells, { band: (b) => b === band, stage: all }, norms, scale),
  );
  const estimates = bandRaw.map((raw) => raw.estimate);
  const errors = bandRaw.map((raw) => raw.se);
  const byLead = bandCurve(estimates, errors, prior.byLead);
  const byLeadCovariance = bootstrapCovariance(estimates, errors, prior.byLead);
  const acting = (b: number) => (byLead[b] as number) >= ACTING;
  const overall = rawEffect(cells, { band: acting, stage: all }, norms, scale);
  const stageRaw = [0, 1, 2, 3].map((stage) =>
    stageFactor(rawEffect(cells, { band: acting, stage: (s) => s === stage }, norms, scale), overall),
  );
  const byStage = shrink(stageRaw, prior.byStage, 0.1).map((value) => Math.max(0, value));
  return {
    byLead,
    byLeadCovariance,
    byStage,
    reach,
    source: bandRaw.some((raw) => Number.isFinite(raw.estimate)) ? "data" : "default",
    leadEvidence: bandRaw.map((raw, band) => evidence(raw, byLead[band] as number)),
    stageEvidence: stageRaw.map((raw, stage) => evidence(raw, byStage[stage] as number)),
    attempts,
    reached,
    used: counts.used,
    censored: counts.censored,
    outsideBands: counts.outsideBands,
  };
}

/**
 * The bands' effects from their estimates: ahead of the due date, the step curve, the smoother around it and the
 * bands the log never reached; overdue, the step curve's one pooled level (up to 60 days overdue, none beyond). An
 * overdue visit's effect weighs 1 − P(alive) × the horizon's value and its bands are thin, so no overdue band
 * follows its own few contacts, nor borrows from the bands ahead (a different mechanism: swaying a late owner).
 */
function bandCurve(estimates: readonly number[], errors: readonly number[], defaults: readonly number[]): number[] {
  const centre = stepCurve(estimates, errors, defaults);
  const due = REMINDER_LEAD_EDGES_DAYS.indexOf(0);
  const ahead = smoothBands(estimates.slice(due), errors.slice(due), centre.slice(due));
  const byLead = [...centre.slice(0, due), ...ahead.map((value) => Math.min(1, Math.max(0, value)))];
  extrapolateUnobserved(
    byLead,
    estimates.map((estimate) => Number.isFinite(estimate)),
  );
  return byLead;
}

/** Parametric bootstrap draws behind the covariance of the band effects (a fixed seed: the result is repeatable). */
const BOOTSTRAP_DRAWS = 200;
const BOOTSTRAP_SEED = 20_240_630;

/**
 * The sampling covariance of the band effects: the bands' estimates redrawn from N(estimate, se²) independently
 * (the bands' contacts are disjoint), each draw taken through the whole of bandCurve (so the pooling, the smoothing,
 * the clamping to [0, 1] and the extrapolation are in it), and the draws' covariance. The uncertainty of the
 * saveable total comes from it. Null when no band was estimated.
 */
function bootstrapCovariance(
  estimates: readonly number[],
  errors: readonly number[],
  defaults: readonly number[],
): number[][] | null {
  if (!estimates.some((estimate, band) => Number.isFinite(estimate) && (errors[band] as number) > 0)) return null;
  const random = createRandomSource(BOOTSTRAP_SEED);
  const n = estimates.length;
  const mean = new Float64Array(n);
  const draws: number[][] = [];
  for (let k = 0; k < BOOTSTRAP_DRAWS; k++) {
    const drawn = estimates.map((estimate, band) =>
      Number.isFinite(estimate) ? estimate + (errors[band] as number) * sampleNormal(random) : estimate,
    );
    const curve = bandCurve(drawn, errors, defaults);
    for (let b = 0; b < n; b++) mean[b] = (mean[b] as number) + (curve[b] as number) / BOOTSTRAP_DRAWS;
    draws.push(curve);
  }
  const covariance = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const curve of draws)
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        const term =
          (((curve[i] as number) - (mean[i] as number)) * ((curve[j] as number) - (mean[j] as number))) /
          (BOOTSTRAP_DRAWS - 1);
        (covariance[i] as number[])[j] = ((covariance[i] as number[])[j] as number) + term;
      }
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) (covariance[i] as number[])[j] = (covariance[j] as number[])[i] as number;
  return covariance;
}

/**
 * Lead times the log never reached, or too rarely to estimate (a dealer who only ever called 0–60 days ahead), say
 * nothing, so the default's 0 there would be a guess that reminders stop where the campaigns stopped. Instead each
 * unobserved band ahead of the due date gets at least half its neighbour's effect toward the due date (halving band
 * by band; before the first observed band, toward it). Overdue bands the log never reached keep their value: whether
 * an overdue owner can still be swayed is not a matter of degree.
 */
function extrapolateUnobserved(byLead: number[], observed: readonly boolean[]): void {
  const first = observed.indexOf(true);
  if (first < 0) return;
  const due = REMINDER_LEAD_EDGES_DAYS.indexOf(0);
  for (let band = Math.max(first, due) + 1; band < byLead.length; band++)
    if (!observed[band]) byLead[band] = Math.max(byLead[band] as number, 0.5 * (byLead[band - 1] as number));
  for (let band = first - 1; band >= due; band--)
    if (!observed[band]) byLead[band] = Math.max(byLead[band] as number, 0.5 * (byLead[band + 1] as number));
}

/** The lead-time band edges of the evidence, for reports. @internal */
export const LEAD_BANDS = Array.from({ length: LEAD_BAND_COUNT }, (_, band) => ({
  fromDays: REMINDER_LEAD_EDGES_DAYS[band] as number,
  toDays: REMINDER_LEAD_EDGES_DAYS[band + 1] as number,
}));

/**
 * What a campaign log shows, as counts that partitions' logs add up to: the strata by (campaign day, band, stage),
 * the treatment attempts with a known outcome and those that reached the owner, and the contacts used and left out. @internal
 */
export interface ReminderCounts {
  readonly strata: Map<number, Stratum>;
  attempts: number;
  reached: number;
  used: number;
  censored: number;
  outsideBands: number;
}

/** The counts of one log (see {@link ReminderCounts}). @internal */
export function reminderCounts(contacts: ContactColumns, outcomes: ContactOutcomes): ReminderCounts {
  let used = 0;
  for (let index = 0; index < contacts.count; index++) if ((outcomes.band[index] as number) >= 0) used++;
  const { attempts, reached } = reachCounts(contacts);
  const { censored, outsideBands } = outcomes;
  return { strata: stratify(contacts, outcomes), attempts, reached, used, censored, outsideBands };
}

/** Counts by (campaign day, band, stage). */
function stratify(contacts: ContactColumns, outcomes: ContactOutcomes): Map<number, Stratum> {
  const cells = new Map<number, Stratum>();
  for (let index = 0; index < contacts.count; index++) {
    const band = outcomes.band[index] as number;
    if (band < 0) continue;
    const key = ((contacts.day[index] as number) * 16 + band) * 4 + (outcomes.stage[index] as number);
    let stratum = cells.get(key);
    if (stratum === undefined) {
      stratum = { band, stage: outcomes.stage[index] as number, cell: [0, 0, 0, 0], leaveSum: 0 };
      cells.set(key, stratum);
    }
    const cell = stratum.cell;
    stratum.leaveSum += outcomes.leave[index] as number;
    const offset = contacts.treated[index] ? 0 : 2;
    cell[offset] = (cell[offset] as number) + 1;
    cell[offset + 1] = (cell[offset + 1] as number) + (outcomes.notBack[index] as number);
  }
  return cells;
}

/** Treatment attempts whose outcome the log gives, and those that reached the owner. */
function reachCounts(contacts: ContactColumns): { attempts: number; reached: number } {
  let attempts = 0;
  let reached = 0;
  for (let index = 0; index < contacts.count; index++) {
    if (!contacts.treated[index] || contacts.reached[index] === 2) continue;
    attempts++;
    if (contacts.reached[index] === 1) reached++;
  }
  return { attempts, reached };
}

/**
 * The effect of a reached reminder over the strata whose band and stage pass: the Mantel–Haenszel-weighted mean of
 * the strata's risk differences in not coming back (control − treated, weights n₁n₀/N), each divided by what a
 * reminder can act on there — the stage's chance of leaving at a due visit for a visit still ahead (so owners who
 * would not come back for other reasons — a replacement, a visit later than the window — do not dilute the effect),
 * the control group's rate of not coming back for an overdue one — and by the reach rate. Its variance from the
 * strata's binomial variances at the pooled rates of their band and stage.
 */
function rawEffect(cells: Map<number, Stratum>, passes: Passes, norms: Norms, reach: number): Raw {
  const counts: Cell = [0, 0, 0, 0];
  const pooled = new Map<number, Cell>();
  for (const { band, stage, cell } of cells.values()) {
    if (!(passes.band(band) && passes.stage(stage))) continue;
    const key = band * 4 + stage;
    const sums = pooled.get(key) ?? [0, 0, 0, 0];
    for (let k = 0; k < 4; k++) {
      sums[k] = (sums[k] as number) + (cell[k] as number);
      counts[k] = (counts[k] as number) + (cell[k] as number);
    }
    pooled.set(key, sums);
  }
  let weights = 0;
  let sum = 0;
  let variance = 0;
  for (const { band, stage, cell, leaveSum } of cells.values()) {
    if (!(passes.band(band) && passes.stage(stage))) continue;
    const [n1, y1, n0, y0] = cell;
    if (n1 === 0 || n0 === 0) continue;
    const [m1, z1, m0, z0] = pooled.get(band * 4 + stage) as Cell;
    const norm = norms(band, leaveSum / (n1 + n0), z0 / m0);
    if (!(norm > 0)) continue;
    const weight = (n1 * n0) / (n1 + n0);
    const p1 = z1 / m1;
    const p0 = z0 / m0;
    weights += weight;
    sum += (weight * (y0 / n0 - y1 / n1)) / norm;
    variance += (weight * weight * ((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0)) / (norm * norm);
  }
  const enough = counts[0] >= MINIMUM_PER_GROUP && counts[2] >= MINIMUM_PER_GROUP && weights > 0 && variance > 0;
  if (!enough) return { estimate: Number.NaN, se: Number.NaN, counts };
  return { estimate: sum / weights / reach, se: Math.sqrt(variance) / weights / reach, counts };
}

/** Which strata count: by band and by stage. */
interface Passes {
  readonly band: (band: number) => boolean;
  readonly stage: (stage: number) => boolean;
}

/** What a reminder can act on in a stratum of a band: its contacts' mean model leave chance, or the control rate. */
type Norms = (band: number, meanLeave: number, controlRate: number) => number;

/**
 * A stage's factor: its effect over the acting bands ÷ the effect of all stages there, with the delta-method error of
 * a ratio, (se_s² + f² se²) / e² (the stage's contacts are part of the whole, so this errs on the wide side). Not
 * estimated unless the overall effect is told from zero (z ≥ 2): a ratio to an effect the log cannot see is noise.
 */
function stageFactor(stage: Raw, overall: Raw): Raw {
  const told = overall.estimate >= ACTING && overall.estimate >= 2 * overall.se;
  if (!(Number.isFinite(stage.estimate) && told)) return { estimate: Number.NaN, se: Number.NaN, counts: stage.counts };
  const factor = stage.estimate / overall.estimate;
  const se = Math.sqrt(stage.se ** 2 + factor ** 2 * overall.se ** 2) / overall.estimate;
  return { estimate: factor, se, counts: stage.counts };
}

/**
 * Precision-weighted shrinkage of estimates toward their defaults: x̂ = (x/se² + d/τ²)/(1/se² + 1/τ²), with τ² the
 * spread of the true departures from the defaults by the DerSimonian–Laird moment estimator,
 * (Q − (k − 1)) / (Σw − Σw²/Σw) with Q = Σ w (x − d)², w = 1/se² (at least `floor`²): a noisy estimate weighs little
 * in it, so one wild band does not loosen the shrinkage of all.
 */
function shrink(raw: readonly Raw[], defaults: readonly number[], floor: number): number[] {
  let q = 0;
  let sumW = 0;
  let sumW2 = 0;
  let count = 0;
  raw.forEach((entry, k) => {
    if (!(Number.isFinite(entry.estimate) && entry.se > 0)) return;
    const w = 1 / (entry.se * entry.se);
    q += w * (entry.estimate - (defaults[k] as number)) ** 2;
    sumW += w;
    sumW2 += w * w;
    count++;
  });
  const spread = count > 1 ? (q - (count - 1)) / (sumW - sumW2 / sumW) : 0;
  const tau2 = Math.max(floor * floor, spread);
  return raw.map((entry, k) => {
    const prior = defaults[k] as number;
    if (!(Number.isFinite(entry.estimate) && entry.se > 0)) return prior;
    const weight = 1 / (entry.se * entry.se);
    return (entry.estimate * weight + prior / tau2) / (weight + 1 / tau2);
  });
}

function evidence(raw: Raw, value: number): ReminderEffectEvidence {
  const [n1, y1, n0, y0] = raw.counts;
  const finite = Number.isFinite(raw.estimate);
  return {
    treated: n1,
    control: n0,
    notBackTreated: n1 > 0 ? y1 / n1 : Number.NaN,
    notBackControl: n0 > 0 ? y0 / n0 : Number.NaN,
    estimate: raw.estimate,
    low: finite ? raw.estimate - Z95 * raw.se : Number.NaN,
    high: finite ? raw.estimate + Z95 * raw.se : Number.NaN,
    value,
  };
}
