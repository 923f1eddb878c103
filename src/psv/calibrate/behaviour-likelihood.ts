import { normalCdfWithSlope } from "../../math/normal-cdf.js";

/**
 * One pattern of records: stays per stage before the record is seen (a history that starts late: what it is
 * conditioned on) and after, how the record ends, at which ages (tenths of a year), and how many. @internal
 */
export interface DecisionPattern {
  readonly entryStays: number[];
  readonly entryAge: number;
  readonly stays: number[];
  /** −1 still here, 0–3 left at a due visit of that stage, 4 replaced here. */
  readonly end: number;
  readonly lastAge: number;
  readonly endAge: number;
  /** The owned age (tenths of a year) at the last finance payoff, −1 for none: the payoff trigger's start. */
  readonly payoffAge: number;
  weight: number;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const TINY = 1e-300;

/** Per-evaluation work space: the replacement CDF at each age (tenths, 0–40 years) and its derivatives in μ, ln σ. */
interface AgeTables {
  readonly cdf: Float64Array;
  readonly cdfByMu: Float64Array;
  readonly cdfByLogSigma: Float64Array;
}

/**
 * The negative log-likelihood of the patterns under the joint model, with its gradient in θ when `gradient` is given:
 * loyalty (gamma frailty on the stage hazards) and the replacement of the car at a normal age R ~ N(μ, σ): here with
 * probability p (a later vehicle), elsewhere otherwise (the record just ends, like a departure). Still here: not
 * replaced by the last visit, stayed at every due visit. Replaced here in (L, E]: p (F(E) − F(L)). Left at the due
 * visit at E: not replaced by L, then either replaced elsewhere or left: (1 − F(L)) A(H) − (1 − F(E)) A(H + h) −
 * p (F(E) − F(L)) A(H), where A(x) = (s/(s + x))^s = E[e^{−zx}]; everything over what the record is conditioned on:
 * not replaced by the age it is seen from and stayed through the due visits before, (1 − F(E₀)) A(H₀) (E₀ = 0,
 * H₀ = 0 for a record seen from delivery). A vehicle whose finance was paid off at age P replaces by
 * F*(t) = 1 − (1 − F(t))(1 − q·min(1, (t − P)/year)) past it (the payoff trigger).
 * θ = (logit leave by stage ×4, ln s, logit p, μ, ln σ[, logit q]). The gradient is exact (adjoints per pattern,
 * gathered per hazard history), so an L-BFGS step costs about two likelihoods rather than the 2 × 9 of central
 * differences. @internal
 */
export function behaviourLikelihood(
  groups: readonly DecisionPattern[],
): (theta: Float64Array, gradient?: Float64Array) => number {
  const hazards = hazardHistories(groups);
  const columns = {
    entryAge: Int16Array.from(groups, (group) => group.entryAge),
    end: Int8Array.from(groups, (group) => group.end),
    lastAge: Int16Array.from(groups, (group) => group.lastAge),
    endAge: Int16Array.from(groups, (group) => group.endAge),
    payoffAge: Int16Array.from(groups, (group) => group.payoffAge),
    weight: Float64Array.from(groups, (group) => group.weight),
  };
  const tables: AgeTables = {
    cdf: new Float64Array(401),
    cdfByMu: new Float64Array(401),
    cdfByLogSigma: new Float64Array(401),
  };
  const h = new Float64Array(4);
  const adjoint = new Float64Array(9);
  return (theta, gradient) => {
    for (let stage = 0; stage < 4; stage++) h[stage] = -Math.log1p(-logistic(theta[stage] as number));
    const s = Math.exp(theta[4] as number);
    const p = logistic(theta[5] as number);
    const q = theta.length > 8 ? logistic(theta[8] as number) : 0;
    fillAgeTables(tables, theta[6] as number, Math.exp(theta[7] as number), gradient !== undefined);
    hazards.evaluate(h, s);
    if (gradient === undefined) return -patternsLogLikelihood(columns, hazards, tables, p, q, undefined);
    adjoint.fill(0);
    hazards.clearAdjoints();
    const total = patternsLogLikelihood(columns, hazards, tables, p, q, adjoint);
    gatherHazardAdjoints(hazards, h, s, adjoint);
    // ∂/∂θ from ∂/∂(h, s, p, μ, ln σ, q): dh/dθ = logistic(θ), ds/dθ = s, dp/dθ = p(1 − p), dq/dθ = q(1 − q).
    for (let stage = 0; stage < 4; stage++)
      gradient[stage] = -(adjoint[stage] as number) * logistic(theta[stage] as number);
    gradient[4] = -(adjoint[4] as number) * s;
    gradient[5] = -(adjoint[5] as number) * p * (1 - p);
    gradient[6] = -(adjoint[6] as number);
    gradient[7] = -(adjoint[7] as number);
    if (theta.length > 8) gradient[8] = -(adjoint[8] as number) * q * (1 - q);
    return -total;
  };
}

const slope = new Float64Array(1);

/** Φ((age − μ)/σ) at each age (tenths of a year) and, when asked, its derivatives in μ and ln σ. */
function fillAgeTables(tables: AgeTables, mu: number, sigma: number, withDerivatives: boolean): void {
  const { cdf, cdfByMu, cdfByLogSigma } = tables;
  for (let tenth = 0; tenth <= 400; tenth++) {
    const z = (tenth / 10 - mu) / sigma;
    cdf[tenth] = normalCdfWithSlope(z, slope);
    if (!withDerivatives) continue;
    cdfByMu[tenth] = -(slope[0] as number) / sigma;
    cdfByLogSigma[tenth] = -(slope[0] as number) * z;
  }
}

/** F* at an age and its derivatives (∂/∂μ, ∂/∂ln σ, ∂/∂q) written into `out` (when given). */
function replacedBy(
  tables: AgeTables,
  tenth: number,
  payoff: number,
  q: number,
  out: Float64Array | undefined,
): number {
  const base = tables.cdf[tenth] as number;
  if (payoff < 0 || tenth <= payoff) {
    if (out !== undefined) {
      out[0] = tables.cdfByMu[tenth] as number;
      out[1] = tables.cdfByLogSigma[tenth] as number;
      out[2] = 0;
    }
    return base;
  }
  const share = Math.min(1, (tenth - payoff) / 10);
  const kept = 1 - q * share;
  if (out !== undefined) {
    out[0] = kept * (tables.cdfByMu[tenth] as number);
    out[1] = kept * (tables.cdfByLogSigma[tenth] as number);
    out[2] = (1 - base) * share;
  }
  return 1 - (1 - base) * kept;
}

type PatternColumns = {
  readonly entryAge: Int16Array;
  readonly end: Int8Array;
  readonly lastAge: Int16Array;
  readonly endAge: Int16Array;
  readonly payoffAge: Int16Array;
  readonly weight: Float64Array;
};

const dEntry = new Float64Array(3);
const partials = new Float64Array(5);
const dBefore = new Float64Array(3);
const dAfter = new Float64Array(3);

/**
 * Σ weight × (ln L − ln start) over the patterns; with `adjoint`, adds ∂/∂(p, μ, ln σ, q) into adjoint[5..8] and
 * the hazard terms' adjoints into the histories' (gathered into h and s afterwards).
 */
function patternsLogLikelihood(
  columns: PatternColumns,
  hazards: HazardHistories,
  tables: AgeTables,
  p: number,
  q: number,
  adjoint: Float64Array | undefined,
): number {
  const { historyOf, logEntry, loyal: loyalOf, leaving: leavingOf } = hazards;
  const withGradient = adjoint !== undefined;
  let total = 0;
  for (let g = 0; g < columns.weight.length; g++) {
    const w = columns.weight[g] as number;
    const payoff = columns.payoffAge[g] as number;
    const history = historyOf[g] as number;
    const entryF = replacedBy(tables, columns.entryAge[g] as number, payoff, q, withGradient ? dEntry : undefined);
    const notReplaced = 1 - entryF;
    const clippedStart = !(notReplaced > TINY);
    const end = columns.end[g] as number;
    const before = replacedBy(tables, columns.lastAge[g] as number, payoff, q, withGradient ? dBefore : undefined);
    const after =
      end < 0 ? before : replacedBy(tables, columns.endAge[g] as number, payoff, q, withGradient ? dAfter : undefined);
    const loyal = loyalOf[history] as number;
    const leaving = leavingOf[history] as number;
    const likelihood = patternLikelihood(end, before, after, loyal, leaving, p, partials);
    const clippedLikelihood = !(likelihood > TINY);
    total +=
      w *
      (Math.log(Math.max(likelihood, TINY)) - Math.log(Math.max(notReplaced, TINY)) - (logEntry[history] as number));
    if (!withGradient) continue;
    const [byBefore, byAfter, byLoyal, byLeaving, byP] = partials as unknown as [
      number,
      number,
      number,
      number,
      number,
    ];
    const scale = clippedLikelihood ? 0 : w / likelihood;
    const byEntryF = clippedStart ? 0 : w / notReplaced; // −ln(1 − F(E₀)) rises with F(E₀)
    for (let k = 0; k < 3; k++)
      adjoint[6 + k] =
        (adjoint[6 + k] as number) +
        scale * (byBefore * (dBefore[k] as number) + byAfter * (end < 0 ? 0 : (dAfter[k] as number))) +
        byEntryF * (dEntry[k] as number);
    adjoint[5] = (adjoint[5] as number) + scale * byP;
    hazards.loyalAdjoint[history] = (hazards.loyalAdjoint[history] as number) + scale * byLoyal;
    hazards.leavingAdjoint[history] = (hazards.leavingAdjoint[history] as number) + scale * byLeaving;
    hazards.entryAdjoint[history] = (hazards.entryAdjoint[history] as number) - w;
  }
  return total;
}

/**
 * One pattern's likelihood L by how its record ends (−1 still here, 4 replaced here, else left at that stage) and
 * ∂L/∂(F(L), F(E), A(H), A(H + h), p) into `out`; a replacement in an interval the model gives no weight is clipped
 * at 1e-300, with no slope in F.
 */
function patternLikelihood(
  end: number,
  before: number,
  after: number,
  loyal: number,
  leaving: number,
  p: number,
  out: Float64Array,
): number {
  out.fill(0);
  if (end < 0) {
    out[0] = -loyal;
    out[2] = 1 - before;
    return (1 - before) * loyal;
  }
  if (end === 4) {
    const difference = after - before;
    const clipped = !(difference > TINY);
    const kept = clipped ? TINY : difference;
    if (!clipped) {
      out[0] = -p * loyal;
      out[1] = p * loyal;
    }
    out[2] = p * kept;
    out[4] = kept * loyal;
    return p * kept * loyal;
  }
  out[0] = -loyal + p * loyal;
  out[1] = leaving - p * loyal;
  out[2] = 1 - before - p * (after - before);
  out[3] = -(1 - after);
  out[4] = -(after - before) * loyal;
  return (1 - before) * loyal - (1 - after) * leaving - p * (after - before) * loyal;
}

type HazardHistories = ReturnType<typeof hazardHistories>;

/** The distinct hazard histories of the patterns: each pattern's, and the stays by stage before and in each. */
function distinctHistories(groups: readonly DecisionPattern[]) {
  const keys = new Map<string, number>();
  const historyOf = Int32Array.from(groups, (group) => {
    const key = `${group.entryStays.join(",")}|${group.stays.join(",")}|${group.end}`;
    let history = keys.get(key);
    if (history === undefined) {
      history = keys.size;
      keys.set(key, history);
    }
    return history;
  });
  const distinct = keys.size;
  const entryCounts = new Float64Array(4 * distinct);
  const stayCounts = new Float64Array(4 * distinct);
  const leftAt = new Int8Array(distinct);
  groups.forEach((group, g) => {
    const history = historyOf[g] as number;
    for (let stage = 0; stage < 4; stage++) {
      entryCounts[4 * history + stage] = group.entryStays[stage] as number;
      stayCounts[4 * history + stage] = (group.stays[stage] as number) + (group.entryStays[stage] as number);
    }
    leftAt[history] = group.end;
  });
  return { historyOf, distinct, entryCounts, stayCounts, leftAt };
}

/**
 * The loyalty terms of the patterns, computed once per distinct hazard history (the stays by stage before the record
 * starts and in it, and the stage left at) rather than once per pattern: A(H₀) in logs, A(H) and A(H + h) with
 * A(x) = (s/(s + x))^s, written by `evaluate(h, s)` for each history (`historyOf` a pattern's); adjoints of the
 * three terms gathered into ∂/∂h and ∂/∂s by {@link gatherHazardAdjoints}.
 */
function hazardHistories(groups: readonly DecisionPattern[]) {
  const { historyOf, distinct, entryCounts, stayCounts, leftAt } = distinctHistories(groups);
  const result = {
    /** Each pattern's history. */
    historyOf,
    entryCounts,
    stayCounts,
    leftAt,
    entryOf: new Float64Array(distinct),
    exposureOf: new Float64Array(distinct),
    logEntry: new Float64Array(distinct),
    loyal: new Float64Array(distinct),
    leaving: new Float64Array(distinct),
    entryAdjoint: new Float64Array(distinct),
    loyalAdjoint: new Float64Array(distinct),
    leavingAdjoint: new Float64Array(distinct),
    evaluate(h: Float64Array, s: number): void {
      for (let history = 0; history < distinct; history++) {
        let entry = 0;
        let exposure = 0;
        for (let stage = 0; stage < 4; stage++) {
          entry += (entryCounts[4 * history + stage] as number) * (h[stage] as number);
          exposure += (stayCounts[4 * history + stage] as number) * (h[stage] as number);
        }
        result.entryOf[history] = entry;
        result.exposureOf[history] = exposure;
        const end = leftAt[history] as number;
        result.logEntry[history] = entry === 0 ? 0 : s * Math.log(s / (s + entry));
        result.loyal[history] = (s / (s + exposure)) ** s;
        result.leaving[history] = end >= 0 && end < 4 ? (s / (s + exposure + (h[end] as number))) ** s : 0;
      }
    },
    clearAdjoints(): void {
      result.entryAdjoint.fill(0);
      result.loyalAdjoint.fill(0);
      result.leavingAdjoint.fill(0);
    },
  };
  return result;
}

/**
 * Adds the hazard terms' share of the gradient: ∂/∂h into adjoint[0..3] and ∂/∂s into adjoint[4], with
 * ln A(x) = s ln(s/(s + x)), ∂ln A/∂s = ln(s/(s + x)) + x/(s + x) and ∂ln A/∂x = −s/(s + x).
 */
function gatherHazardAdjoints(histories: HazardHistories, h: Float64Array, s: number, adjoint: Float64Array): void {
  const { entryCounts, stayCounts, leftAt, entryOf, exposureOf } = histories;
  const term = (x: number, weight: number, counts: Float64Array, history: number, extra: number) => {
    if (weight === 0) return;
    adjoint[4] = (adjoint[4] as number) + weight * (Math.log(s / (s + x)) + x / (s + x));
    const byX = (-weight * s) / (s + x);
    for (let stage = 0; stage < 4; stage++)
      adjoint[stage] = (adjoint[stage] as number) + byX * (counts[4 * history + stage] as number);
    if (extra >= 0) adjoint[extra] = (adjoint[extra] as number) + byX;
  };
  for (let history = 0; history < leftAt.length; history++) {
    const entry = entryOf[history] as number;
    const exposure = exposureOf[history] as number;
    const end = leftAt[history] as number;
    if (entry !== 0) term(entry, histories.entryAdjoint[history] as number, entryCounts, history, -1);
    const loyal = (histories.loyalAdjoint[history] as number) * (histories.loyal[history] as number);
    term(exposure, loyal, stayCounts, history, -1);
    if (end >= 0 && end < 4) {
      const leaving = (histories.leavingAdjoint[history] as number) * (histories.leaving[history] as number);
      term(exposure + (h[end] as number), leaving, stayCounts, history, end);
    }
  }
}
