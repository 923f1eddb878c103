/** A binary heap of indices ordered by a key (min-heap; negate keys for a max-heap). @internal */
function createHeap(key: (index: number) => number) {
  const items: number[] = [];
  const less = (a: number, b: number) => key(items[a] as number) < key(items[b] as number);
  const swap = (a: number, b: number) => {
    const held = items[a] as number;
    items[a] = items[b] as number;
    items[b] = held;
  };
  return {
    get size() {
      return items.length;
    },
    peek: () => items[0] as number,
    push(index: number) {
      items.push(index);
      for (let at = items.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!less(at, parent)) break;
        swap(at, parent);
        at = parent;
      }
    },
    pop(): number {
      const top = items[0] as number;
      const last = items.pop() as number;
      if (items.length > 0) {
        items[0] = last;
        for (let at = 0; ; ) {
          const left = 2 * at + 1;
          const right = left + 1;
          let smallest = at;
          if (left < items.length && less(left, smallest)) smallest = left;
          if (right < items.length && less(right, smallest)) smallest = right;
          if (smallest === at) break;
          swap(at, smallest);
          at = smallest;
        }
      }
      return top;
    },
  };
}

/** Days a later delivery must follow a vehicle's to replace it, and the slack on "the old car stopped coming". */
const MIN_GAP_DAYS = 30;
const STOP_SLACK_DAYS = 30;

/**
 * Pairs each customer's later deliveries with the vehicles they replace. A vehicle delivered more than 30 days
 * after one of the same customer replaces it when the earlier vehicle was last seen (its last event, or its
 * delivery) no later than 30 days after the new delivery: the old car stops coming when the new one arrives. Each
 * delivery replaces at most one vehicle (the most recently seen candidate) and each vehicle is replaced at most
 * once, so a fleet that adds vehicles while the others keep coming replaces nothing, and a household that keeps
 * both cars has not repurchased. O(n log n) in the vehicles, however many one customer has.
 *
 * @param customer - Each vehicle's customer id (1 and "1" are different customers).
 * @param delivery - Each vehicle's delivery day.
 * @param lastSeen - Each vehicle's last event day (its delivery day when it has none).
 * @returns For each vehicle, the delivery day of its replacement, or NaN when it was not replaced.
 * @internal
 */
export function matchReplacements(
  customer: ArrayLike<unknown>,
  delivery: ArrayLike<number>,
  lastSeen: ArrayLike<number>,
): Float64Array {
  const replacedOn = new Float64Array(delivery.length).fill(Number.NaN);
  const byCustomer = new Map<unknown, number[]>();
  for (let index = 0; index < delivery.length; index++) {
    const list = byCustomer.get(customer[index]);
    if (list === undefined) byCustomer.set(customer[index], [index]);
    else list.push(index);
  }
  for (const vehicles of byCustomer.values()) {
    if (vehicles.length < 2) continue;
    vehicles.sort((a, b) => (delivery[a] as number) - (delivery[b] as number));
    // Earlier vehicles wait (by last-seen day) until a delivery is late enough to have replaced them; then they are
    // ready, and a delivery takes the most recently seen ready vehicle.
    const waiting = createHeap((index) => lastSeen[index] as number);
    const ready = createHeap((index) => -(lastSeen[index] as number));
    let next = 0;
    for (const newcomer of vehicles) {
      const day = delivery[newcomer] as number;
      while (next < vehicles.length && (delivery[vehicles[next] as number] as number) < day - MIN_GAP_DAYS) {
        waiting.push(vehicles[next] as number);
        next += 1;
      }
      while (waiting.size > 0 && (lastSeen[waiting.peek()] as number) <= day + STOP_SLACK_DAYS)
        ready.push(waiting.pop());
      if (ready.size > 0) replacedOn[ready.pop()] = day;
    }
  }
  return replacedOn;
}
