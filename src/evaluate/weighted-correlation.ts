/**
 * Pearson correlation of x and y with weights w (customers per row), over the rows `include` accepts; NaN when
 * either is constant. @internal
 */
export function weightedCorrelation(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  include: (index: number) => boolean = () => true,
): number {
  let total = 0;
  let meanX = 0;
  let meanY = 0;
  for (let index = 0; index < x.length; index++) {
    if (!include(index)) continue;
    const weight = w[index] as number;
    total += weight;
    meanX += weight * (x[index] as number);
    meanY += weight * (y[index] as number);
  }
  meanX /= total;
  meanY /= total;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < x.length; index++) {
    if (!include(index)) continue;
    const weight = w[index] as number;
    const dx = (x[index] as number) - meanX;
    const dy = (y[index] as number) - meanY;
    covariance += weight * dx * dy;
    varianceX += weight * dx * dx;
    varianceY += weight * dy * dy;
  }
  return varianceX > 0 && varianceY > 0 ? covariance / Math.sqrt(varianceX * varianceY) : Number.NaN;
}
