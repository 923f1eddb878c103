/**
 * The exact sum of finite float64 values, written out as a decimal string (every digit, no rounding): the values are
 * added without error into a short list of non-overlapping partials (Shewchuk 1997, the algorithm of Python's
 * `math.fsum`: a few float additions per value), and only those partials are converted exactly through BigInt.
 * A million values cost milliseconds, where a BigInt or a Decimal per value costs a second. Non-finite values make
 * the result "NaN". For example [0.1, 0.2] sum to "0.3000000000000000166533453693773481063544750213623046875".
 * @internal
 */
export function exactFloatSum(values: ArrayLike<number>): string {
  let partials = new Float64Array(8);
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    let x = values[index] as number;
    if (!Number.isFinite(x)) return "NaN";
    let kept = 0;
    for (let k = 0; k < count; k++) {
      let y = partials[k] as number;
      if (Math.abs(x) < Math.abs(y)) {
        const swap = x;
        x = y;
        y = swap;
      }
      const high = x + y;
      const low = y - (high - x);
      if (low !== 0) partials[kept++] = low;
      x = high;
    }
    if (!Number.isFinite(x)) return exactSumByBigInt(values); // an intermediate overflow: add exactly instead
    if (kept === partials.length) {
      const bigger = new Float64Array(2 * partials.length);
      bigger.set(partials);
      partials = bigger;
    }
    partials[kept++] = x;
    count = kept;
  }
  return exactSumByBigInt(partials.subarray(0, count));
}

const view = /* @__PURE__ */ new DataView(new ArrayBuffer(8));

/** A finite double as mantissa × 2^exponent with an integer mantissa (exact). */
function split(value: number): { mantissa: bigint; exponent: number } {
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return { mantissa: high >>> 31 === 1 ? -mantissa : mantissa, exponent };
}

/** Σ values exactly: each as an integer times a power of two, added over the smallest power. @internal */
export function exactSumByBigInt(values: ArrayLike<number>): string {
  const parts = Array.from({ length: values.length }, (_, index) => split(values[index] as number));
  const lowest = parts.reduce((low, part) => Math.min(low, part.exponent), 0);
  let total = 0n;
  for (const { mantissa, exponent } of parts) total += mantissa << BigInt(exponent - lowest);
  if (lowest === 0) return total.toString();
  // total × 2^lowest = total × 5^−lowest / 10^−lowest: −lowest decimal places, exactly.
  const places = -lowest;
  const scaled = total * 5n ** BigInt(places);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
  const fraction = digits.slice(-places).replace(/0+$/, "");
  const text = fraction === "" ? digits.slice(0, -places) : `${digits.slice(0, -places)}.${fraction}`;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}
