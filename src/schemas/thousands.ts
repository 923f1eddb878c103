import { shown } from "../errors-shown.js";
/** A whole number with thousands separators ("60,000"), without Intl (slow and locale-dependent). @internal */
export function thousands(value: number): string {
  return shown(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
