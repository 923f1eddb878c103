// A car maker's network as partitions of columns, made on the fly (no process holds the network), and its
// assessment with psv.assessPartitions: `npm run demo -- --network-vehicles 10000000` and `npm run bench:scale`.
//
// Vehicle v is delivered on day 7v mod 3,600 of 2014–2023 and visits a dealer of 40 up to 12 times, evenly spread to
// early 2024, a quarter of owners stopping after 2 to 9 visits; vehicles 3k+1 and 3k+2 share an owner, so a partition
// of whole triples holds every record of its customers. Columns: ids and day numbers in Int32Arrays, km and margins
// in Float64Arrays (about 33 bytes an event).
import { psv } from "../src/index.js";

const FIRST_DAY = Date.UTC(2014, 0, 1) / 86_400_000;
const TYPES = ["maintenance", "repair", "insurance", "detailing", "other"] as const;
const VISITS = 12;

/** Visits vehicle v makes: 12, or 2–9 for one in four (a hash of v). */
function visitsOf(vehicle: number): number {
  const hash = Math.imul(vehicle ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
  return hash % 4 === 0 ? 2 + ((hash >>> 8) % 8) : VISITS;
}

/** Vehicles [first, first + count) with their events, as columns. */
export function networkPartition(first: number, count: number) {
  let events = 0;
  for (let v = first; v < first + count; v++) events += visitsOf(v);
  const vehicles = {
    vehicleId: new Int32Array(count),
    customerId: new Int32Array(count),
    deliveryDay: new Int32Array(count),
    dealerId: new Int32Array(count),
  };
  const serviceEvents = {
    vehicleId: new Int32Array(events),
    day: new Int32Array(events),
    type: new Array<(typeof TYPES)[number]>(events),
    odometerKm: new Float64Array(events),
    margin: new Float64Array(events),
    dealerId: new Int32Array(events),
  };
  let row = 0;
  for (let i = 0; i < count; i++) {
    const vehicle = first + i;
    const delivered = (vehicle * 7) % 3600;
    vehicles.vehicleId[i] = vehicle;
    vehicles.customerId[i] = vehicle - (vehicle % 3 === 2 ? 1 : 0);
    vehicles.deliveryDay[i] = FIRST_DAY + delivered;
    vehicles.dealerId[i] = Math.floor(vehicle / 3) % 40;
    for (let k = 0; k < visitsOf(vehicle); k++, row++) {
      const day = delivered + Math.floor(((k + 1) * (3700 - delivered)) / (VISITS + 1));
      serviceEvents.vehicleId[row] = vehicle;
      serviceEvents.day[row] = FIRST_DAY + day;
      serviceEvents.type[row] = TYPES[k % 5] as (typeof TYPES)[number];
      serviceEvents.odometerKm[row] = (day - delivered) * 52;
      serviceEvents.margin[row] = 300 + ((k * 37) % 200) + 0.5;
      serviceEvents.dealerId[row] = (Math.floor(vehicle / 3) + (k % 9 === 8 ? 1 : 0)) % 40;
    }
  }
  return { vehicles, serviceEvents };
}

/** The partitions of `vehicles` vehicles, `size` each (a multiple of 3: whole customers), made as they are read. */
export function* networkPartitions(vehicles: number, size: number) {
  for (let first = 0; first < vehicles; first += size) yield networkPartition(first, Math.min(size, vehicles - first));
}

/** Assesses the network partition by partition; what it found, its time and the process's peak memory. */
export async function assessNetwork(vehicles: number, size = 249_999) {
  const started = performance.now();
  const run = psv.assessPartitions(() => networkPartitions(vehicles, size), { asOf: "2024-06-30", rows: 1000 });
  let partitions = 0;
  for await (const result of run.results) partitions += result.columns.customerId.length > 0 ? 1 : 0; // write it out here
  let events = 0;
  for (let v = 0; v < vehicles; v++) events += visitsOf(v);
  return {
    summary: run.summary(),
    partitions,
    events,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Calibrates the network's assumptions partition by partition (three passes); the result, its time and peak memory. */
export async function calibrateNetwork(vehicles: number, size = 249_999) {
  const started = performance.now();
  const result = await psv.calibratePartitions(() => networkPartitions(vehicles, size), { asOf: "2024-06-30" });
  return { result, seconds: (performance.now() - started) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}
