// Deno example (run after `npm run build`): npx deno run --allow-read examples/deno.ts
// A published package is imported as `npm:autoclv`; this example imports the local build.
import { shiftedBetaGeometric } from "../dist/esm/index.js";

const fit = shiftedBetaGeometric.fit({ survivors: [1000, 631, 468, 382, 326, 289, 262, 241] });
console.log("sBG (Fader & Hardie 2007, regular customers):", fit.params);
console.log(
  "projected survivors, years 0–12:",
  Array.from(shiftedBetaGeometric.projectSurvivors(fit.params, 1000, 12), Math.round).join(" "),
);
