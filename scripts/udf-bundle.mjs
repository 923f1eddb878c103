// autoclv/udf as one self-contained script for warehouse UDFs (docs/udf.md): an IIFE that sets
// globalThis.autoclvUdf, whether it runs as a BigQuery library file or inline in a Snowflake function body. The build
// writes it to dist/udf/autoclv-udf.iife.js; the tests build the same text in memory from the sources.
import { resolve } from "node:path";
import { buildSync } from "esbuild";

export const UDF_BUNDLE_OPTIONS = {
  entryPoints: ["src/udf/index.ts"],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "autoclvUdf",
  footer: { js: "globalThis.autoclvUdf=autoclvUdf;" },
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
};

/** The bundle's text, built from the sources under `root`. */
export function udfBundle(root = ".") {
  const result = buildSync({ ...UDF_BUNDLE_OPTIONS, absWorkingDir: resolve(root), write: false });
  return result.outputFiles[0].text;
}

/** Writes the bundle into dist/. */
export function writeUdfBundle(root = ".") {
  buildSync({ ...UDF_BUNDLE_OPTIONS, absWorkingDir: resolve(root), outfile: "dist/udf/autoclv-udf.iife.js" });
}
