/**
 * The fields and kinds of a lifecycle customer record, shared by the zod schema and the hand-written batch checks so
 * that the two cannot drift apart. @internal
 */
export const LIFECYCLE_KNOWN_KEYS = {
  // "contacts" (a campaign log, as generateDealerData writes it for psv and evaluate) is known and not read here: a
  // record that carries one is not a misspelt "contracts".
  customer: ["customerId", "leads", "vehicles", "purchases", "serviceEvents", "contracts", "referrals", "contacts"],
  vehicles: ["vehicleId", "deliveryDate", "odometerKm", "odometerDate", "acquiredDate", "odometerAtAcquisition"],
  serviceEvents: ["vehicleId", "date", "type", "odometerKm"],
  contracts: ["type", "start", "end"],
} as const;

/** Kinds of purchase a lifecycle customer record may hold. @internal */
export const PURCHASE_TYPES = ["new-car", "used-car", "trade-in"] as const;

/** Kinds of contract a lifecycle customer record may hold. @internal */
export const CONTRACT_TYPES = ["insurance", "finance", "extended-warranty"] as const;
