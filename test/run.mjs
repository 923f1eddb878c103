// Runs the vitest suite and ends with one plain line: "vitest: N passed, N failed".
// Exits non-zero when a test failed, vitest itself failed, or no test ran.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const report = ".vitest-report.json";
rmSync(report, { force: true });
const run = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, "utf8"));
  passed = results.numPassedTests ?? 0;
  // A file that fails before any test runs (an import error) counts as one failure.
  const brokenFiles = (results.testResults ?? []).filter(
    (file) => file.status === "failed" && (file.assertionResults ?? []).length === 0,
  ).length;
  failed = (results.numFailedTests ?? 0) + brokenFiles;
  if (results.success === false && failed === 0) failed = 1;
} else {
  failed = 1;
}
console.log(`vitest: ${passed} passed, ${failed} failed`);
process.exit(run.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
