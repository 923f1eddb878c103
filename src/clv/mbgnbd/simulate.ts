import { type SimulatedCustomers, type SimulateOptions, simulateBgnbdFamily } from "../bgnbd/simulate.js";
import type { MbgnbdParams } from "./log-likelihood.js";

/**
 * Simulates customers from the MBG/NBD story: as the BG/NBD, with a dropout coin also right after the first
 * purchase.
 *
 * @example
 * ```ts
 * mbgnbd.simulate({ r: 0.5, alpha: 6, a: 0.9, b: 1.6 }, 1000, { seed: 1, T: 39 }).frequency.length // 1000
 * ```
 */
export function simulate(params: MbgnbdParams, count: number, options: SimulateOptions): SimulatedCustomers {
  return simulateBgnbdFamily(params, count, options, true);
}
