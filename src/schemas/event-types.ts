/**
 * The kinds of after-sales and sales events, in a fixed order (plain data: no zod, for the kernels). "warranty" and
 * "recall" are visits the maker pays for: no margin of their own, but the owner came. "finance" (a finance contract
 * arranged here, started or renewed: its commission), "finance-payoff" (a contract paid off or ended) and "referral"
 * (a sale this owner referred: its value) are records of the dealer's office, not visits. @internal
 */
export const SERVICE_EVENT_TYPES = [
  "maintenance",
  "repair",
  "insurance",
  "detailing",
  "accessory",
  "extended-warranty",
  "new-car-purchase",
  "trade-in",
  "other",
  "used-car-sale",
  "warranty",
  "recall",
  "finance",
  "finance-payoff",
  "referral",
] as const;

/**
 * Whether an event of this type shows the owner with the dealer (a visit, a purchase, a renewal): a finance payoff or
 * a referral does not (a contract runs out, a friend buys, whether or not the owner still comes). @internal
 */
export function marksPresence(type: string): boolean {
  return type !== "finance-payoff" && type !== "referral" && type !== "finance";
}
