/** A seeded source of uniform random numbers in [0, 1). Plain function: cheap, reproducible, serialisable seed. */
export type RandomSource = () => number;

/**
 * Creates a seeded pseudo-random source (sfc32 seeded through splitmix32): period about 2^128, passes PractRand
 * to large sizes, identical sequences on every platform for the same seed.
 *
 * @param seed - Any integer (its low 32 bits are used).
 * @returns A function returning uniform numbers in [0, 1).
 *
 * @example
 * ```ts
 * const random = createRandomSource(42);
 * random() === createRandomSource(42)() // true
 * ```
 */
export function createRandomSource(seed: number): RandomSource {
  let state = (typeof seed === "number" ? seed : 0) >>> 0; // a kernel: a seed that is not a number seeds 0
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let counter = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}
