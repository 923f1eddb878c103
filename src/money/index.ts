export { type Money, MoneyDecimal, type RoundingMode } from "./decimal.js";
export { type MoneyInput, type ParseMoneyOptions, parseMoney } from "./parse-money.js";
export { type RoundingOptions, roundMoney } from "./round-money.js";
export { sumMoney } from "./sum-money.js";
