import { shown } from "../errors-shown.js";
/** A whole number with thousands separators ("60,000"), without Intl (slow and locale-dependent). @internal */
export function thousands(value: number): string {
  const whole = Math.round(value);
  if (!(Math.abs(whole) < 1e21)) return shown(whole); // NaN, ±Infinity and exponent notation stay as written
  const digits = String(Math.abs(whole));
  let text = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = text.length; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`;
  return whole < 0 ? `-${text}` : text;
}
