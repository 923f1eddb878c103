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
 * What the dealer-wide reach rate and its shrinkage need, as sums over customers with attempts, so that partitions of
 * a network add theirs up and every partition shrinks toward the network's rate (as one process would). @internal
 */
export interface ReachSums {
  /** Customers with at least one attempt. */
  groups: number;
  /** Σ m (attempts). */
  attempts: number;
  /** Σ y (reached). */
  reached: number;
  /** Σ m². */
  attemptsSquared: number;
  /** Σ y²/m. */
  reachedSquaredOverAttempts: number;
}

/** The dealer's (or network's) reach rate and shrinkage pseudo-count, from all customers' attempts. @internal */
export interface ReachPrior {
  readonly overall: number;
  readonly shrinkageAttempts: number;
}

/** Zero sums. @internal */
export function emptyReachSums(): ReachSums {
  return { groups: 0, attempts: 0, reached: 0, attemptsSquared: 0, reachedSquaredOverAttempts: 0 };
}

/** Adds each customer's attempts and reaches to `sums`. @internal */
export function addReachSums(sums: ReachSums, attempts: Float64Array, reached: Float64Array): void {
  for (let c = 0; c < attempts.length; c++) {
    const m = attempts[c] as number;
    if (m === 0) continue;
    const y = reached[c] as number;
    sums.groups += 1;
    sums.attempts += m;
    sums.reached += y;
    sums.attemptsSquared += m * m;
    sums.reachedSquaredOverAttempts += (y * y) / m;
  }
}

/** Each customer's treatment attempts and reaches whose outcome the log gives. @internal */
export function attemptsOf(
  contacts: ContactColumns,
  customerCount: number,
): { attempts: Float64Array; reached: Float64Array } {
  const attempts = new Float64Array(customerCount);
  const reached = new Float64Array(customerCount);
  for (let index = 0; index < contacts.count; index++) {
    if (!contacts.treated[index] || contacts.reached[index] === 2) continue;
    const c = contacts.customer[index] as number;
    attempts[c] = (attempts[c] as number) + 1;
    if (contacts.reached[index] === 1) reached[c] = (reached[c] as number) + 1;
  }
  return { attempts, reached };
}

/**
 * The overall rate r̄ = Σy/Σm and k = (1 − ρ)/ρ from the ANOVA estimator of the intra-class correlation ρ of the
 * binary outcomes within customers (k = 5 with fewer than 30 customers attempted); undefined without attempts.
 * @internal
 */
export function reachPriorOf(sums: ReachSums): ReachPrior | undefined {
  if (sums.attempts === 0) return undefined;
  const overall = sums.reached / sums.attempts;
  const { groups, attempts: n, attemptsSquared, reachedSquaredOverAttempts, reached } = sums;
  if (groups < MINIMUM_CUSTOMERS || n <= groups || overall <= 0 || overall >= 1)
    return { overall, shrinkageAttempts: DEFAULT_SHRINKAGE };
  // Σ m (y/m − r̄)² and Σ over attempts of (outcome − customer mean)², from the sums.
  const between = reachedSquaredOverAttempts - 2 * overall * reached + overall * overall * n;
  const within = reached - reachedSquaredOverAttempts;
  const meanSquareBetween = between / (groups - 1);
  const meanSquareWithin = within / (n - groups);
  const n0 = (n - attemptsSquared / n) / (groups - 1);
  const rho = (meanSquareBetween - meanSquareWithin) / (meanSquareBetween + (n0 - 1) * meanSquareWithin);
  const shrinkageAttempts = rho > 0 ? Math.min(1000, Math.max(0.5, (1 - rho) / rho)) : 1000;
  return { overall, shrinkageAttempts };
}

/**
 * Each customer's chance that a reminder reaches them, from the treatment attempts of a campaign log whose outcome
 * is given (`reached` true or false): (reached + k r̄)/(attempts + k), the beta-binomial posterior mean with the
 * dealer's overall rate r̄ and k from {@link reachPriorOf} — or the network's, in `prior`, for one partition of it.
 * Undefined when the log (and the prior) give no outcome at all. @internal
 */
export function reachProbabilities(
  contacts: ContactColumns,
  customerCount: number,
  prior?: ReachPrior,
): Reach | undefined {
  const { attempts, reached } = attemptsOf(contacts, customerCount);
  let own = prior;
  if (own === undefined) {
    const sums = emptyReachSums();
    addReachSums(sums, attempts, reached);
    own = reachPriorOf(sums);
  }
  if (own === undefined) return undefined;
  const { overall, shrinkageAttempts: k } = own;
  const probability = new Float64Array(customerCount);
  for (let c = 0; c < customerCount; c++)
    probability[c] = ((reached[c] as number) + k * overall) / ((attempts[c] as number) + k);
  return { probability, overall, shrinkageAttempts: k, attempts, reached };
}
