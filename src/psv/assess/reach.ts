import type { ContactColumns } from "../read-contacts.js";

/** What a campaign log says about reaching each customer. @internal */
export interface Reach {
  /** P(a reminder reaches the customer), shrunk toward the dealer's overall rate; the overall rate without attempts. */
  readonly probability: Float64Array;
  /** The dealer's reach rate over all attempts whose outcome the log gives. */
  readonly overall: number;
  /** The pseudo-count of attempts after which a customer's own record weighs as much as the overall rate. */
  readonly shrinkageAttempts: number;
  readonly attempts: Float64Array;
  readonly reached: Float64Array;
}

/** Customers with attempts needed before the spread between customers is estimated rather than assumed. */
const MINIMUM_CUSTOMERS = 30;
/** The pseudo-count used when the log cannot estimate it. */
const DEFAULT_SHRINKAGE = 5;

/**
 * Each customer's chance that a reminder reaches them, from the treatment attempts of a campaign log whose outcome
 * is given (`reached` true or false): (reached + k r̄)/(attempts + k), the beta-binomial posterior mean with the
 * dealer's overall rate r̄ and k = (1 − ρ)/ρ from the intra-class correlation ρ of the outcomes within customers
 * (the ANOVA moment estimator; k = 5 with fewer than 30 customers attempted). Undefined when the log gives no
 * outcome at all. @internal
 */
export function reachProbabilities(contacts: ContactColumns, customerCount: number): Reach | undefined {
  const attempts = new Float64Array(customerCount);
  const reached = new Float64Array(customerCount);
  for (let index = 0; index < contacts.count; index++) {
    if (!contacts.treated[index] || contacts.reached[index] === 2) continue;
    const c = contacts.customer[index] as number;
    attempts[c] = (attempts[c] as number) + 1;
    if (contacts.reached[index] === 1) reached[c] = (reached[c] as number) + 1;
  }
  let total = 0;
  let hits = 0;
  for (let c = 0; c < customerCount; c++) {
    total += attempts[c] as number;
    hits += reached[c] as number;
  }
  if (total === 0) return undefined;
  const overall = hits / total;
  const k = shrinkageOf(attempts, reached, overall);
  const probability = new Float64Array(customerCount);
  for (let c = 0; c < customerCount; c++)
    probability[c] = ((reached[c] as number) + k * overall) / ((attempts[c] as number) + k);
  return { probability, overall, shrinkageAttempts: k, attempts, reached };
}

/** k = (1 − ρ)/ρ from the ANOVA estimator of the intra-class correlation of binary outcomes within customers. */
function shrinkageOf(attempts: Float64Array, reached: Float64Array, overall: number): number {
  let groups = 0;
  let n = 0;
  let nSquared = 0;
  let between = 0;
  let within = 0;
  for (let c = 0; c < attempts.length; c++) {
    const m = attempts[c] as number;
    if (m === 0) continue;
    const y = reached[c] as number;
    groups += 1;
    n += m;
    nSquared += m * m;
    between += m * (y / m - overall) ** 2;
    within += y - (y * y) / m; // Σ over attempts of (outcome − customer mean)²
  }
  if (groups < MINIMUM_CUSTOMERS || n <= groups || overall <= 0 || overall >= 1) return DEFAULT_SHRINKAGE;
  const meanSquareBetween = between / (groups - 1);
  const meanSquareWithin = within / (n - groups);
  const n0 = (n - nSquared / n) / (groups - 1);
  const rho = (meanSquareBetween - meanSquareWithin) / (meanSquareBetween + (n0 - 1) * meanSquareWithin);
  if (!(rho > 0)) return 1000;
  return Math.min(1000, Math.max(0.5, (1 - rho) / rho));
}
