import { writeFileSync } from "node:fs";
import { defineConfig } from "tsup";

// One file out per source file (as date-fns ships), so a bundler keeps only the modules a program imports:
// dist/esm holds ES modules, dist/cjs the same modules as CommonJS (its package.json says so, so the files keep the
// .js extension and their relative imports resolve unchanged). Declarations come from tsc (`npm run build`), one
// .d.ts per module in each folder. `npm run build` empties dist first.
const shared = {
  entry: ["src/**/*.ts"],
  bundle: false,
  dts: false,
  // Maps without the sources embedded: stack traces still name src/ files and lines, and the tarball does not carry
  // the TypeScript a second time (it was more than half of it).
  sourcemap: true,
  esbuildOptions(options: { sourcesContent?: boolean }) {
    options.sourcesContent = false;
  },
  clean: false,
  target: "es2022",
  splitting: false,
  outExtension: () => ({ js: ".js" }),
};

export default defineConfig([
  { ...shared, format: "esm", outDir: "dist/esm" },
  {
    ...shared,
    format: "cjs",
    outDir: "dist/cjs",
    onSuccess: async () => writeFileSync("dist/cjs/package.json", '{ "type": "commonjs" }\n'),
  },
]);
