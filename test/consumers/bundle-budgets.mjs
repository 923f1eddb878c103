// Run by .ci/run from the repository with the packed tarball installed in a scratch project (argument 1): bundles
// what a browser tool imports, with esbuild (minified, ESM, browser), and enforces the package's size budgets.
// Each entry imports from "autoclv" as a user would; `export` keeps the whole namespace, not only what one call uses.

import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const project = process.argv[2];
if (!project) throw new Error("usage: node bundle-budgets.mjs <project with autoclv installed>");

const KB = 1024;
const cases = [
  {
    name: "{ rfm }",
    code: 'export { rfm } from "autoclv";',
    forbid: ["/clv/", "/math/", "node_modules/zod/"],
    maxGzip: 22 * KB, // 20 kB until the input layer: options, Arrow/BigInt columns, plausible day numbers (+1.3 kB)
  },
  { name: "{ psv }", code: 'export { psv } from "autoclv";', forbid: ["/clv/", "node_modules/zod/"] },
  {
    name: "{ bgnbd }",
    code: 'export { bgnbd } from "autoclv";',
    forbid: [
      "node_modules/zod/",
      "node_modules/decimal.js/",
      "/pareto-nbd/",
      "/cnbd/",
      "/psv/",
      "/rfm/",
      "fit-with-covariates",
    ],
    // 12 kB until the input layer: the one option reader and the Arrow/BigInt column readers (+1 kB); 13 kB until
    // issue 26: every summary column checked for its length, a non-finite money part a typed error (+0.04 kB); 14 kB
    // until issue 29: the expectation given alive by series in s and z with per-frequency coefficient tables, which
    // the conditional-expectation batch shares across customers with a T of their own (+0.5 kB); 15 kB until issue
    // 27: every fit returns its covariance matrix, the standard-error checks split out of the fit (+0.4 kB); 15.5 kB
    // until issue 28: bgnbd.toSql, P(alive) as SQL for five dialects with its option checks (+0.7 kB); 16.25 kB until
    // issue 28's pattern tables: scorePatterns, expectationFactors (the CET factor table) and the open-addressing
    // grouping of patterns that fits now compress with (+0.45 kB)
    maxGzip: 17 * KB,
  },
  {
    name: "autoclv/charts",
    code: 'export * from "autoclv/charts";',
    forbid: ["/clv/", "zod", "decimal.js"],
    // 8 kB until issue 27: each chart's image for nbconvert's HTML export (+0.07 kB), the call-list chart (+0.37) and
    // the dealer's charts: value by stage, 首保即终保 by cohort, RFM segment map, uplift by stage (+1.45)
    maxGzip: 10.5 * KB,
  },
  { name: "everything", code: 'export * from "autoclv";' },
];

let failed = false;
console.log("| entry | minified | gzip | budget |");
console.log("|---|---|---|---|");
for (const entry of cases) {
  const result = await build({
    stdin: { contents: entry.code, resolveDir: project, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const bytes = result.outputFiles[0].contents;
  const gzip = gzipSync(bytes).length;
  const included = Object.values(result.metafile.outputs)[0].inputs;
  const used = Object.keys(included).filter((path) => included[path].bytesInOutput > 0);
  const problems = [];
  for (const pattern of entry.forbid ?? []) {
    const hits = used.filter((path) => path.includes(pattern));
    if (hits.length > 0) problems.push(`carries ${pattern} (${hits.slice(0, 3).join(", ")})`);
  }
  if (entry.maxGzip !== undefined && gzip > entry.maxGzip) problems.push(`${gzip} B gzip > ${entry.maxGzip} B`);
  const budget = [entry.maxGzip ? `≤ ${entry.maxGzip / KB} kB` : "", ...(entry.forbid ?? []).map((p) => `no ${p}`)]
    .filter(Boolean)
    .join(", ");
  console.log(
    `| ${entry.name} | ${(bytes.length / KB).toFixed(1)} kB | ${(gzip / KB).toFixed(1)} kB | ${budget || "-"} |`,
  );
  for (const problem of problems) console.log(`  FAIL ${entry.name}: ${problem}`);
  failed ||= problems.length > 0;
}
if (failed) process.exit(1);
