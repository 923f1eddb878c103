import { wilsonInterval } from "./wilson-interval.js";

/**
 * Newcombe's hybrid score interval for a difference of two independent proportions p₁ − p₀ (Newcombe 1998,
 * method 10): the Wilson intervals of each proportion combined by the square-and-add rule. Good coverage at small
 * counts and at 0 or n successes, where the Wald interval fails. @internal
 */
export function newcombeInterval(
  successes1: number,
  trials1: number,
  successes0: number,
  trials0: number,
  z: number,
): [low: number, high: number] {
  const p1 = successes1 / trials1;
  const p0 = successes0 / trials0;
  const [low1, high1] = wilsonInterval(successes1, trials1, z);
  const [low0, high0] = wilsonInterval(successes0, trials0, z);
  const difference = p1 - p0;
  return [
    difference - Math.sqrt((p1 - low1) ** 2 + (high0 - p0) ** 2),
    difference + Math.sqrt((high1 - p1) ** 2 + (p0 - low0) ** 2),
  ];
}
