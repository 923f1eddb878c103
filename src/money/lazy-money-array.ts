import type { Money } from "./decimal.js";
import { moneyFromUnits } from "./money-from-units.js";

/**
 * An array of Money read from whole units (units × 10^(−decimals)) whose Decimals are made when a row is first read
 * (then kept): a million customers' values cost a Float64Array until they are used, and reading a few costs a few
 * Decimals. It is an Array to every reader — `Array.isArray`, indexing, `length`, iteration, `map`, spread and
 * `JSON.stringify` see the same Money as an eager array, equal row for row. @internal
 */
export function lazyMoneyArray(units: Float64Array, decimals: number): Money[] {
  const rows: (Money | undefined)[] = new Array(units.length).fill(undefined);
  const materialise = (key: string | symbol): void => {
    if (typeof key !== "string") return;
    const index = rowIndex(key);
    if (index >= 0 && index < units.length && rows[index] === undefined)
      rows[index] = moneyFromUnits(units[index] as number, decimals);
  };
  const array = new Proxy(rows as Money[], {
    get(target, key, receiver) {
      materialise(key);
      return Reflect.get(target, key, receiver);
    },
    getOwnPropertyDescriptor(target, key) {
      materialise(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    // A write makes the rows differ from the units: plain-data copies then read the rows themselves.
    set(target, key, value, receiver) {
      sources?.delete(array);
      return Reflect.set(target, key, value, receiver);
    },
    defineProperty(target, key, descriptor) {
      sources?.delete(array);
      return Reflect.defineProperty(target, key, descriptor);
    },
    deleteProperty(target, key) {
      sources?.delete(array);
      return Reflect.deleteProperty(target, key);
    },
  });
  sources ??= new WeakMap();
  sources.set(array, { units, decimals });
  return array;
}

/** The whole units and decimals behind each lazy array (made on first use: no work at import time). */
let sources: WeakMap<object, { readonly units: Float64Array; readonly decimals: number }> | undefined;

/** The whole units and decimals of a lazy Money array, or undefined for any other array. @internal */
export function lazyMoneySource(
  array: object,
): { readonly units: Float64Array; readonly decimals: number } | undefined {
  return sources?.get(array);
}

/** The array index a property key names ("0", "17"; not "01", "-1", "1.5"), or −1. */
function rowIndex(key: string): number {
  const code = key.charCodeAt(0);
  if (!(code >= 48 && code <= 57) || (code === 48 && key.length > 1)) return -1;
  const index = Number(key);
  return Number.isInteger(index) ? index : -1;
}
