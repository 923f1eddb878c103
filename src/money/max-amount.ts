/**
 * The largest money amount the library reads (in size): an event's margin or revenue, a Gamma-Gamma spend, an amount
 * of the PSV assumptions. Beyond it sums and products of amounts lose the cent in float64. @internal
 */
export const MAX_AMOUNT = 1e12;
