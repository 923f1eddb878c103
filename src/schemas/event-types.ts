/**
 * The kinds of after-sales and sales events, in a fixed order (plain data: no zod, for the kernels). "warranty" and
 * "recall" are visits the maker pays for: no margin of their own, but the owner came. @internal
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
] as const;
