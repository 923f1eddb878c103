import * as z from "zod";
import { shown } from "../errors-shown.js";
import { misspeltKeys } from "../input/misspelt-keys.js";
import { CONTRACT_TYPES, LIFECYCLE_KNOWN_KEYS, PURCHASE_TYPES } from "./lifecycle-customer-fields.js";
import { dateSchema, idSchema, nonNegativeNumber } from "./primitives.js";
import type { LifecycleCustomer, LifecycleCustomerInput } from "./record-types.js";
import { serviceEventTypeSchema } from "./records.js";
import type { SameType, WiderThan } from "./type-checks.js";

const customerObject = z
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
          acquiredDate: dateSchema.optional(),
          odometerAtAcquisition: nonNegativeNumber.optional(),
        }),
      )
      .default([]),
    purchases: z.array(z.object({ date: dateSchema, type: z.enum(PURCHASE_TYPES) })).default([]),
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
    contracts: z.array(z.object({ type: z.enum(CONTRACT_TYPES), start: dateSchema, end: dateSchema })).default([]),
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
          message: `is not one of the customer's vehicles (${shown(event.vehicleId)})`,
        });
      } else if (event.date < delivery) {
        context.addIssue({
          code: "custom",
          path: ["serviceEvents", index, "date"],
          message: "is before the vehicle's delivery date",
        });
      }
    });
    const firstRow = new Map<unknown, number>();
    customer.vehicles.forEach((vehicle, index) => {
      const earlier = firstRow.get(vehicle.vehicleId);
      if (earlier !== undefined)
        context.addIssue({
          code: "custom",
          path: ["vehicles", index, "vehicleId"],
          message: `duplicate vehicle ${shown(vehicle.vehicleId)} (vehicles[${earlier}]): one row per vehicle`,
        });
      else firstRow.set(vehicle.vehicleId, index);
      if (vehicle.acquiredDate !== undefined && vehicle.acquiredDate < vehicle.deliveryDate)
        context.addIssue({
          code: "custom",
          path: ["vehicles", index, "acquiredDate"],
          message: "is before the vehicle's delivery date",
        });
      if (vehicle.odometerAtAcquisition !== undefined && vehicle.acquiredDate === undefined)
        context.addIssue({
          code: "custom",
          path: ["vehicles", index, "acquiredDate"],
          message: "is required with odometerAtAcquisition",
        });
    });
    customer.contracts.forEach((contract, index) => {
      if (contract.end < contract.start)
        context.addIssue({ code: "custom", path: ["contracts", index, "end"], message: "is before the start" });
    });
    // Odometer readings of a vehicle (its own and those of its service events) must not go backwards in time.
    customer.vehicles.forEach((vehicle, index) => {
      const readings = customer.serviceEvents
        .filter((event) => event.vehicleId === vehicle.vehicleId && event.odometerKm !== undefined)
        .map((event) => ({ date: event.date, km: event.odometerKm as number }));
      if (vehicle.odometerKm !== undefined && vehicle.odometerDate !== undefined) {
        readings.push({ date: vehicle.odometerDate, km: vehicle.odometerKm });
      }
      readings.sort((left, right) => left.date.getTime() - right.date.getTime());
      for (let k = 1; k < readings.length; k++) {
        const before = readings[k - 1] as { date: Date; km: number };
        const after = readings[k] as { date: Date; km: number };
        if (after.km < before.km && after.date.getTime() > before.date.getTime()) {
          context.addIssue({
            code: "custom",
            path: ["vehicles", index, "odometerKm"],
            message: `odometer of ${shown(vehicle.vehicleId)} goes backwards: ${before.km} km on ${before.date.toISOString().slice(0, 10)}, then ${after.km} km on ${after.date.toISOString().slice(0, 10)}`,
          });
          break;
        }
      }
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
/**
 * A customer as lifecycle classification sees it: leads, vehicles, purchases, service, contracts, referrals. Extra
 * fields are ignored, but one that looks like a misspelt field (`serviceEvent`, `deliverydate`) is an error.
 */
export const lifecycleCustomerSchema = z.preprocess((value, context) => {
  const report = (record: unknown, known: readonly string[], path: (string | number)[]) => {
    for (const { key, suggestion } of misspeltKeys(record, known)) {
      context.addIssue({
        code: "custom",
        path: [...path, key],
        message: `is not a field; did you mean ${suggestion}?`,
        input: value,
      });
    }
  };
  report(value, LIFECYCLE_KNOWN_KEYS.customer, []);
  if (value !== null && typeof value === "object") {
    for (const field of ["vehicles", "serviceEvents", "contracts"] as const) {
      const items = (value as Record<string, unknown>)[field];
      if (Array.isArray(items)) {
        items.forEach((item, index) => {
          report(item, LIFECYCLE_KNOWN_KEYS[field], [field, index]);
        });
      }
    }
  }
  return value;
}, customerObject);
export type { LifecycleCustomer, LifecycleCustomerInput };

// The hand-written types (record-types.ts) are exactly what the schema produces, and accept all it accepts.
export const lifecycleTypesMatchSchema: [
  SameType<LifecycleCustomer, z.output<typeof customerObject>>,
  WiderThan<LifecycleCustomerInput, z.input<typeof customerObject>>,
] = [true, true];
