import * as z from "zod";
import { dateSchema, idSchema, nonNegativeNumber } from "./primitives.js";
import { serviceEventTypeSchema } from "./records.js";

/** A customer as lifecycle classification sees it: leads, vehicles, purchases, service, contracts, referrals. */
export const lifecycleCustomerSchema = z
  .object({
    customerId: idSchema,
    leads: z.array(z.object({ date: dateSchema })).default([]),
    vehicles: z
      .array(
        z.object({
          vehicleId: idSchema,
          deliveryDate: dateSchema,
          odometerKm: nonNegativeNumber.optional(),
          odometerDate: dateSchema.optional(),
        }),
      )
      .default([]),
    purchases: z.array(z.object({ date: dateSchema, type: z.enum(["new-car", "used-car", "trade-in"]) })).default([]),
    serviceEvents: z
      .array(
        z.object({
          vehicleId: idSchema,
          date: dateSchema,
          type: serviceEventTypeSchema,
          odometerKm: nonNegativeNumber.optional(),
        }),
      )
      .default([]),
    contracts: z
      .array(
        z.object({ type: z.enum(["insurance", "finance", "extended-warranty"]), start: dateSchema, end: dateSchema }),
      )
      .default([]),
    referrals: z.array(z.object({ date: dateSchema })).default([]),
  })
  .superRefine((customer, context) => {
    const deliveries = new Map(customer.vehicles.map((vehicle) => [vehicle.vehicleId, vehicle.deliveryDate]));
    customer.serviceEvents.forEach((event, index) => {
      const delivery = deliveries.get(event.vehicleId);
      if (delivery === undefined) {
        context.addIssue({
          code: "custom",
          path: ["serviceEvents", index, "vehicleId"],
          message: `is not one of the customer's vehicles (${String(event.vehicleId)})`,
        });
      } else if (event.date < delivery) {
        context.addIssue({
          code: "custom",
          path: ["serviceEvents", index, "date"],
          message: "is before the vehicle's delivery date",
        });
      }
    });
    customer.contracts.forEach((contract, index) => {
      if (contract.end < contract.start)
        context.addIssue({ code: "custom", path: ["contracts", index, "end"], message: "is before the start" });
    });
    customer.vehicles.forEach((vehicle, index) => {
      if (vehicle.odometerDate !== undefined && vehicle.odometerDate < vehicle.deliveryDate) {
        context.addIssue({
          code: "custom",
          path: ["vehicles", index, "odometerDate"],
          message: "is before the delivery date",
        });
      }
    });
  });
/** A customer record as accepted by lifecycle classification. */
export type LifecycleCustomerInput = z.input<typeof lifecycleCustomerSchema>;
/** A validated customer record. */
export type LifecycleCustomer = z.output<typeof lifecycleCustomerSchema>;
