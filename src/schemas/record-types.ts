// The record types users write and read, spelled out (not inferred from the zod schemas, whose names would leak into
// the declarations): inputs take dates as `Date | string` and amounts as MoneyInput; validated records hold Date and
// Decimal. records.ts and lifecycle-customer.ts check at compile time that their schemas produce exactly these.
import type { Money } from "../money/decimal.js";
import type { MoneyInput } from "../money/parse-money.js";
import type { SERVICE_EVENT_TYPES } from "./event-types.js";
import type { CONTRACT_TYPES, PURCHASE_TYPES } from "./lifecycle-customer-fields.js";
import type { DateInput } from "./parse-date.js";
import type { SameType } from "./type-checks.js";

/** An identifier: a non-empty string or a finite number (1 and "1" are different ids). */
export type Id = string | number;

/** One purchase as accepted: who, when and (optionally) how much. */
export interface TransactionInput {
  readonly customerId: Id;
  readonly date: DateInput;
  readonly amount?: MoneyInput | undefined;
}
/** A validated transaction: the date as a civil day (midnight UTC), the amount as exact money. */
export interface Transaction {
  readonly customerId: Id;
  readonly date: Date;
  readonly amount?: Money | undefined;
}

/**
 * The recency-frequency summary of one customer in continuous time (BTYD's `cbs`): `frequency` x = repeat
 * purchases, `recency` t_x = time from the first to the last purchase, `T` = time from the first purchase to the
 * end of the calibration period, all in one time unit. Optional `weight` = number of customers sharing the pattern.
 */
export interface CustomerSummary {
  readonly customerId?: Id | undefined;
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  readonly weight?: number | undefined;
}

/**
 * The summary of one customer in discrete time (BG/BB): `frequency` = periods with a transaction out of `periods`
 * opportunities after the first, `recency` = the last such period (0 if none).
 */
export interface DiscreteCustomerSummary {
  readonly customerId?: Id | undefined;
  readonly frequency: number;
  readonly recency: number;
  readonly periods: number;
  readonly weight?: number | undefined;
}

/** Segments used for defaults. */
export type VehicleSegment = "mass" | "premium" | "luxury";

/** A vehicle in a dealer's or maker's base, as accepted. */
export interface VehicleInput {
  readonly vehicleId: Id;
  readonly customerId: Id;
  readonly deliveryDate: DateInput;
  readonly segment?: VehicleSegment | undefined;
  readonly odometerKm?: number | undefined;
  readonly odometerDate?: DateInput | undefined;
  readonly purchasePrice?: MoneyInput | undefined;
  /**
   * A used car: the day this owner acquired it (`deliveryDate` is its first registration, from which the warranty
   * and service life run) and its odometer then. Default: acquired new, at delivery, at 0 km.
   */
  readonly acquiredDate?: DateInput | undefined;
  readonly odometerAtAcquisition?: number | undefined;
  /** The first day this vehicle's history shows (a DMS migration): what came before is not in the records. */
  readonly historyStart?: DateInput | undefined;
}
/** A validated vehicle. */
export interface Vehicle {
  readonly vehicleId: Id;
  readonly customerId: Id;
  readonly deliveryDate: Date;
  readonly segment?: VehicleSegment | undefined;
  readonly odometerKm?: number | undefined;
  readonly odometerDate?: Date | undefined;
  readonly purchasePrice?: Money | undefined;
  readonly acquiredDate?: Date | undefined;
  readonly odometerAtAcquisition?: number | undefined;
  readonly historyStart?: Date | undefined;
}

/** A kind of after-sales or sales event. */
export type ServiceEventType =
  | "maintenance"
  | "repair"
  | "insurance"
  | "detailing"
  | "accessory"
  | "extended-warranty"
  | "new-car-purchase"
  | "trade-in"
  | "other"
  | "used-car-sale"
  | "warranty"
  | "recall"
  | "finance"
  | "finance-payoff"
  | "referral";

/** One after-sales or sales event of a vehicle (a visit, a renewal, a purchase), as accepted. */
export interface ServiceEventInput {
  readonly vehicleId: Id;
  readonly date: DateInput;
  readonly type: ServiceEventType;
  readonly odometerKm?: number | undefined;
  readonly revenue?: MoneyInput | undefined;
  readonly margin?: MoneyInput | undefined;
}
/** A validated service event. */
export interface ServiceEvent {
  readonly vehicleId: Id;
  readonly date: Date;
  readonly type: ServiceEventType;
  readonly odometerKm?: number | undefined;
  readonly revenue?: Money | undefined;
  readonly margin?: Money | undefined;
}

/** A kind of purchase in a lifecycle record. */
export type PurchaseType = "new-car" | "used-car" | "trade-in";
/** A kind of contract in a lifecycle record. */
export type ContractType = "insurance" | "finance" | "extended-warranty";

// The unions above are exactly the lists the validators use.
export const recordKindsMatchLists: [
  SameType<ServiceEventType, (typeof SERVICE_EVENT_TYPES)[number]>,
  SameType<PurchaseType, (typeof PURCHASE_TYPES)[number]>,
  SameType<ContractType, (typeof CONTRACT_TYPES)[number]>,
] = [true, true, true];

/**
 * A customer as lifecycle classification reads it: leads, vehicles, purchases, service, contracts, referrals (each
 * list optional, empty when absent). Extra fields are ignored, but one that looks like a misspelt field
 * (`serviceEvent`, `deliverydate`) is an error.
 */
export interface LifecycleCustomerInput {
  readonly customerId: Id;
  readonly leads?: readonly { readonly date: DateInput }[] | undefined;
  readonly vehicles?:
    | readonly {
        readonly vehicleId: Id;
        readonly deliveryDate: DateInput;
        readonly odometerKm?: number | undefined;
        readonly odometerDate?: DateInput | undefined;
        /** A used car: the day the customer acquired it, and its odometer then. */
        readonly acquiredDate?: DateInput | undefined;
        readonly odometerAtAcquisition?: number | undefined;
      }[]
    | undefined;
  readonly purchases?: readonly { readonly date: DateInput; readonly type: PurchaseType }[] | undefined;
  readonly serviceEvents?:
    | readonly {
        readonly vehicleId: Id;
        readonly date: DateInput;
        readonly type: ServiceEventType;
        readonly odometerKm?: number | undefined;
      }[]
    | undefined;
  readonly contracts?:
    | readonly { readonly type: ContractType; readonly start: DateInput; readonly end: DateInput }[]
    | undefined;
  readonly referrals?: readonly { readonly date: DateInput }[] | undefined;
}
/** A validated lifecycle customer: every list present, dates as civil days. */
export interface LifecycleCustomer {
  readonly customerId: Id;
  readonly leads: { readonly date: Date }[];
  readonly vehicles: {
    readonly vehicleId: Id;
    readonly deliveryDate: Date;
    readonly odometerKm?: number | undefined;
    readonly odometerDate?: Date | undefined;
    readonly acquiredDate?: Date | undefined;
    readonly odometerAtAcquisition?: number | undefined;
  }[];
  readonly purchases: { readonly date: Date; readonly type: PurchaseType }[];
  readonly serviceEvents: {
    readonly vehicleId: Id;
    readonly date: Date;
    readonly type: ServiceEventType;
    readonly odometerKm?: number | undefined;
  }[];
  readonly contracts: { readonly type: ContractType; readonly start: Date; readonly end: Date }[];
  readonly referrals: { readonly date: Date }[];
}
