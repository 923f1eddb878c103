import { generateDealerData } from "../../src/index.js";

/** A generated dealer's vehicles (with their owner's id) and service events, as psv.calibrate and assessCustomers read them. */
export function dealerRecords(vehicles: number, seed: number, asOf = "2024-06-01") {
  const owners = generateDealerData({ vehicles, seed, asOf });
  return {
    vehicles: owners.flatMap((owner) =>
      owner.vehicles.map((vehicle) => ({ ...vehicle, customerId: owner.customerId })),
    ),
    serviceEvents: owners.flatMap((owner) => owner.serviceEvents),
  };
}
