/** The kinds of after-sales and sales events, in a fixed order (plain data: no zod, for the kernels). @internal */
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
] as const;
