/** Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005). */
export { fit } from "./fit.js";
export { type GammaGammaParams, logLikelihood, type SpendColumnsInput, type SpendRow } from "./log-likelihood.js";
export { conditionalExpectedSpend, conditionalExpectedSpendBatch, expectedSpend, individualParams } from "./predict.js";
export { simulate } from "./simulate.js";
