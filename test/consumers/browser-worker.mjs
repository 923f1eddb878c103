// Run by .ci/run with the packed tarball installed in a scratch project (argument 1): the Web Worker recipe of
// docs/browser.md, bundled with esbuild as a user would, in headless Chromium. 3,000 generated vehicles are
// calibrated and assessed in the worker while a PerformanceObserver records the page's long tasks. Passes when the
// page's longest task stays under 100 ms, progress reached the page before the result, the result equals the same
// calls in Node, and an aborted signal rejects with its reason; the same work on the page's thread must show as a
// long task over 100 ms (the observer sees freezes, so the first check can fail).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { findChromium, openPage } from "./chromium.mjs";

const project = process.argv[2];
if (!project) throw new Error("usage: node browser-worker.mjs <project with autoclv installed>");
const root = fileURLToPath(new URL("../..", import.meta.url));
const VEHICLES = 3000;
const AS_OF = "2024-06-30";

/** The recipe's files: the ```js blocks of docs/browser.md whose first line names the file. */
function recipeFiles() {
  const text = readFileSync(join(root, "docs/browser.md"), "utf8");
  const files = {};
  for (const [, code] of text.matchAll(/```js\n([\s\S]*?)```/g)) {
    const name = /^\/\/ ([\w-]+\.js)\n/.exec(code)?.[1];
    if (name) files[name] = code;
  }
  for (const name of ["worker.js", "page.js"])
    if (!files[name]) throw new Error(`docs/browser.md has no \`// ${name}\` block`);
  return files;
}

const HARNESS = `
import { assessInWorker } from "./page.js";
import { psv, toPlainData } from "autoclv";
const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: "longtask" });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const longestBetween = (from, to) =>
  Math.max(0, ...longTasks.filter((task) => task.start + task.duration > from && task.start < to).map((task) => task.duration));
window.runChecks = async () => {
  const request = { url: "/dealer.json", asOf: ${JSON.stringify(AS_OF)} };
  await sleep(500);
  const progress = [];
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 10);
  const start = performance.now();
  const answer = await assessInWorker(request, { onProgress: (step) => progress.push(step) });
  const end = performance.now();
  clearInterval(ticker);
  await sleep(300);
  const workerLongest = longestBetween(start, end + 50);
  const controller = new AbortController();
  const reason = new Error("cancelled by the page");
  const pending = assessInWorker(request, { signal: controller.signal });
  setTimeout(() => controller.abort(reason), 50);
  const aborted = await pending.then(() => "resolved", (error) => (error === reason ? "rejected with the reason" : String(error)));
  const data = await (await fetch(request.url)).json();
  await sleep(300);
  const mainStart = performance.now();
  const calibration = psv.calibrate({ ...data, asOf: request.asOf });
  const onPage = psv.assessCustomers({ ...data, asOf: request.asOf, assumptions: calibration.assumptions });
  const mainEnd = performance.now();
  await sleep(300);
  return {
    workerMs: end - start,
    workerLongest,
    ticks,
    progress: progress.length,
    lastProgress: progress.at(-1),
    assessment: JSON.stringify(answer.assessment),
    warnings: answer.warnings,
    aborted,
    mainMs: mainEnd - mainStart,
    onPage: JSON.stringify(toPlainData(onPage)),
    mainLongest: longestBetween(mainStart, mainEnd + 50),
  };
};
`;

async function main() {
  const chromium = await findChromium();
  if (!chromium) throw new Error("no Chromium: install chromium-headless-shell (Debian) or set CHROMIUM");
  const autoclv = await import(pathToFileURL(join(project, "node_modules/autoclv/dist/esm/index.js")).href);
  const dealer = autoclv.generateDealerData({ vehicles: VEHICLES, seed: 7, asOf: AS_OF, prospectShare: 0 });
  const data = {
    vehicles: dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
    serviceEvents: dealer.flatMap((c) => c.serviceEvents),
  };
  const json = JSON.stringify(data);
  const calibration = autoclv.psv.calibrate({ ...JSON.parse(json), asOf: AS_OF });
  const inNode = autoclv.psv.assessCustomers({
    ...JSON.parse(json),
    asOf: AS_OF,
    assumptions: calibration.assumptions,
  });
  const expected = JSON.stringify(autoclv.toPlainData(inNode));

  const source = join(project, "browser-worker");
  const out = join(source, "out");
  mkdirSync(out, { recursive: true });
  for (const [name, code] of Object.entries({ ...recipeFiles(), "harness.js": HARNESS }))
    writeFileSync(join(source, name), code);
  await build({
    entryPoints: [join(source, "worker.js"), join(source, "harness.js")],
    outdir: out,
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    logLevel: "warning",
    absWorkingDir: project,
  });
  const files = {
    "/": [
      "text/html",
      '<!doctype html><meta charset="utf-8"><title>autoclv worker</title><script type="module" src="/harness.js"></script>',
    ],
    "/harness.js": ["text/javascript", readFileSync(join(out, "harness.js"))],
    "/worker.js": ["text/javascript", readFileSync(join(out, "worker.js"))],
    "/dealer.json": ["application/json", json],
  };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url, "http://localhost").pathname];
    response.writeHead(file ? 200 : 404, { "content-type": file?.[0] ?? "text/plain" });
    response.end(file?.[1] ?? "not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const page = await openPage(chromium);
  try {
    await page.navigate(`http://127.0.0.1:${server.address().port}/`);
    const found = await page.evaluate(
      "new Promise((resolve, reject) => { const started = Date.now(); const wait = () => window.runChecks ? resolve(true) : Date.now() - started > 30000 ? reject(new Error('the harness did not load')) : setTimeout(wait, 20); wait(); })",
    );
    if (!found) throw new Error("the harness did not load");
    const result = await page.evaluate("window.runChecks()");
    report(result, expected);
  } finally {
    await page.close();
    server.close();
  }
}

function report(result, expected) {
  const ms = (value) => `${value.toFixed(0)} ms`;
  console.log(
    `${VEHICLES.toLocaleString("en-US")} vehicles, calibrate + assess: in the worker ${ms(result.workerMs)} (page's longest task ${ms(result.workerLongest)}, ${result.ticks} timer ticks, ${result.progress} progress messages); on the page's thread ${ms(result.mainMs)} (longest task ${ms(result.mainLongest)})`,
  );
  const failures = [];
  if (!(result.workerLongest < 100))
    failures.push(`the page's longest task was ${ms(result.workerLongest)} (≥ 100 ms)`);
  if (!(result.mainLongest >= 100))
    failures.push(
      `on the page's thread the observer saw no long task ≥ 100 ms (${ms(result.mainLongest)}): it cannot see a freeze`,
    );
  if (!(result.progress >= 3 && result.lastProgress?.fraction === 1))
    failures.push(`progress: ${result.progress} messages, last ${JSON.stringify(result.lastProgress)}`);
  if (result.assessment !== result.onPage)
    failures.push("the worker's assessment differs from the same calls on the page");
  // Node's V8 and Chromium's can differ in the last bit of Math functions, which the calibration's fits carry to the
  // optimiser's tolerance (3e-6 of the totals measured): totals agree to 1e-4.
  const totals = (text) => JSON.parse(text).totals;
  const inBrowser = totals(result.assessment);
  let largest = 0;
  for (const [name, value] of Object.entries(totals(expected))) {
    if (typeof value !== "string") continue;
    const difference = Math.abs(Number(inBrowser[name]) - Number(value)) / Math.max(1, Math.abs(Number(value)));
    largest = Math.max(largest, difference);
    if (!(difference < 1e-4)) failures.push(`totals.${name}: ${inBrowser[name]} in Chromium, ${value} in Node`);
  }
  console.log(`totals in Chromium vs Node: largest relative difference ${largest.toExponential(1)}`);
  if (result.aborted !== "rejected with the reason") failures.push(`abort: ${result.aborted}`);
  if (failures.length > 0) throw new Error(`browser worker check failed:\n- ${failures.join("\n- ")}`);
  console.log("browser worker check passed");
}

await main();
