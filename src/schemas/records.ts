import * as z from "zod";
import { shown } from "../errors-shown.js";
import { SERVICE_EVENT_TYPES } from "./event-types.js";
import { dateSchema, idSchema, moneySchema, nonNegativeMoneySchema, nonNegativeNumber } from "./primitives.js";
import type {
  CustomerSummary,
  DiscreteCustomerSummary,
  ServiceEvent,
  ServiceEventInput,
  ServiceEventType,
  Transaction,
  TransactionInput,
  Vehicle,
  VehicleInput,
} from "./record-types.js";
import type { SameType, WiderThan } from "./type-checks.js";

export type {
  CustomerSummary,
  DiscreteCustomerSummary,
  ServiceEvent,
  ServiceEventInput,
  ServiceEventType,
  Transaction,
  TransactionInput,
  Vehicle,
  VehicleInput,
};

/** One purchase: who, when and (optionally) how much. */
export const transactionSchema = z.object({
  customerId: idSchema,
  date: dateSchema,
  amount: moneySchema.optional(),
});

/**
 * The recency-frequency summary of one customer in continuous time (BTYD's `cbs`): `frequency` x = repeat
 * purchases, `recency` t_x = time from the first to the last purchase, `T` = time from the first purchase to the
 * end of the calibration period, all in one time unit. Optional `weight` = number of customers sharing the pattern.
 */
export const customerSummarySchema = z
  .object({
    customerId: idSchema.optional(),
    frequency: z.number().int("must be a whole number of repeat purchases").nonnegative().max(10_000_000),
    recency: nonNegativeNumber,
    T: z
      .number()
      .finite()
      .nonnegative("must be ≥ 0 (time since the first purchase; 0 for a customer born on the last day)")
      .max(1e9),
    weight: z.number().finite().positive().optional(),
  })
  .superRefine((row, context) => {
    if (row.recency > row.T) {
      context.addIssue({
        code: "custom",
        path: ["recency"],
        message: `must not exceed T (${row.T}), got ${shown(row.recency)}`,
      });
    }
    if (row.frequency === 0 && row.recency !== 0) {
      context.addIssue({ code: "custom", path: ["recency"], message: "must be 0 when frequency is 0" });
    }
  });

/**
 * The summary of one customer in discrete time (BG/BB): `frequency` = periods with a transaction out of
 * `periods` opportunities after the first, `recency` = the last such period (0 if none).
 */
export const discreteCustomerSummarySchema = z
  .object({
    customerId: idSchema.optional(),
    frequency: z.number().int().nonnegative(),
    recency: z.number().int().nonnegative(),
    periods: z.number().int().positive(),
    weight: z.number().finite().positive().optional(),
  })
  .superRefine((row, context) => {
    if (row.recency > row.periods) {
      context.addIssue({ code: "custom", path: ["recency"], message: `must not exceed periods (${row.periods})` });
    }
    if (row.frequency > row.recency) {
      context.addIssue({ code: "custom", path: ["frequency"], message: `must not exceed recency (${row.recency})` });
    }
    if (row.frequency === 0 && row.recency !== 0) {
      context.addIssue({ code: "custom", path: ["recency"], message: "must be 0 when frequency is 0" });
    }
  });

/** Segments used for defaults. */
export const vehicleSegmentSchema = z.enum(["mass", "premium", "luxury"]);

/** A vehicle in a dealer's or maker's base. */
export const vehicleSchema = z
  .object({
    vehicleId: idSchema,
    customerId: idSchema,
    deliveryDate: dateSchema,
    segment: vehicleSegmentSchema.optional(),
    odometerKm: nonNegativeNumber.optional(),
    odometerDate: dateSchema.optional(),
    purchasePrice: nonNegativeMoneySchema.optional(),
    acquiredDate: dateSchema.optional(),
    odometerAtAcquisition: nonNegativeNumber.optional(),
    historyStart: dateSchema.optional(),
  })
  .superRefine((vehicle, context) => {
    if (vehicle.acquiredDate !== undefined && vehicle.acquiredDate < vehicle.deliveryDate)
      context.addIssue({ code: "custom", path: ["acquiredDate"], message: "must not be before the delivery date" });
    if (vehicle.odometerAtAcquisition !== undefined && vehicle.acquiredDate === undefined)
      context.addIssue({ code: "custom", path: ["acquiredDate"], message: "is required with odometerAtAcquisition" });
    if (vehicle.odometerDate !== undefined && vehicle.odometerDate < vehicle.deliveryDate) {
      context.addIssue({ code: "custom", path: ["odometerDate"], message: "must not be before the delivery date" });
    }
    if (vehicle.odometerDate !== undefined && vehicle.odometerKm === undefined) {
      context.addIssue({ code: "custom", path: ["odometerKm"], message: "is required when odometerDate is given" });
    }
  });

/** Kinds of after-sales and sales events. */
export const serviceEventTypeSchema = z.enum(SERVICE_EVENT_TYPES);

/** One after-sales or sales event of a vehicle: a visit, a renewal, a purchase. */
export const serviceEventSchema = z.object({
  vehicleId: idSchema,
  date: dateSchema,
  type: serviceEventTypeSchema,
  odometerKm: nonNegativeNumber.optional(),
  revenue: nonNegativeMoneySchema.optional(),
  margin: moneySchema.optional(),
});

// The hand-written record types (record-types.ts) are exactly what the schemas produce, and accept all they accept.
export const recordTypesMatchSchemas: [
  SameType<Transaction, z.output<typeof transactionSchema>>,
  WiderThan<TransactionInput, z.input<typeof transactionSchema>>,
  SameType<CustomerSummary, z.output<typeof customerSummarySchema>>,
  SameType<DiscreteCustomerSummary, z.output<typeof discreteCustomerSummarySchema>>,
  SameType<Vehicle, z.output<typeof vehicleSchema>>,
  WiderThan<VehicleInput, z.input<typeof vehicleSchema>>,
  SameType<ServiceEventType, z.output<typeof serviceEventTypeSchema>>,
  SameType<ServiceEvent, z.output<typeof serviceEventSchema>>,
  WiderThan<ServiceEventInput, z.input<typeof serviceEventSchema>>,
] = [true, true, true, true, true, true, true, true, true];
