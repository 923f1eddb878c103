import { defineConfig } from "tsup";

// One config per entry point: a shared declaration chunk (rollup-plugin-dts with several entries) turns the
// namespaces' `export type` re-exports into values that a consumer's tsc rejects (TS2693). `npm run build` empties
// dist first.
const shared = {
  format: ["esm", "cjs"] as ("esm" | "cjs")[],
  dts: true,
  sourcemap: true,
  clean: false,
  target: "es2022",
  treeshake: true,
  splitting: false,
};

export default defineConfig([
  { ...shared, entry: { index: "src/index.ts" } },
  { ...shared, entry: { charts: "src/charts/index.ts" } },
]);
