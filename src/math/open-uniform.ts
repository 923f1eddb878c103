import type { RandomSource } from "./random-source.js";

/** Uniform in (0, 1): never exactly 0, so logarithms stay finite. @internal */
export function openUniform(random: RandomSource): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}
