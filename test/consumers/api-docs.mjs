// Run by .ci/run after `npm run docs`: headless Chromium opens the built API reference's landing page (argument 1: the
// docs folder), which must read as one (its heading, the three entry points) and have no broken link: every link to
// a page of the site must name a file that exists, and no text may have been turned into a link to a made-up host
// (markdown's linkify once made "DOMAIN.md" a link to http://DOMAIN.md on every page that mentions it).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findChromium, openPage } from "./chromium.mjs";

const folder = resolve(process.argv[2] ?? "docs/api");
const landing = join(folder, "index.html");
if (!existsSync(landing)) throw new Error(`no ${landing}: run npm run docs first`);

const chromium = await findChromium();
if (!chromium) throw new Error("no Chromium: install chromium-headless-shell (Debian) or set CHROMIUM");
const page = await openPage(chromium);
let seen;
try {
  await page.navigate(pathToFileURL(landing).href);
  seen = await page.evaluate(
    "({ heading: document.querySelector('h1, h2')?.textContent ?? '', text: document.body.innerText, links: [...document.links].map((link) => link.href) })",
  );
} finally {
  await page.close();
}

const failures = [];
if (!/autoclv API reference/.test(seen.heading + seen.text)) failures.push("the landing page has not got its heading");
for (const entry of ["autoclv/charts", "autoclv/math", "autoclv/udf", "Three tours"])
  if (!seen.text.includes(entry)) failures.push(`the landing page does not mention ${entry}`);
for (const href of seen.links) {
  const url = new URL(href);
  if (url.protocol === "file:") {
    if (!existsSync(fileURLToPath(url))) failures.push(`broken link: ${href}`);
  } else if (url.hostname !== "typedoc.org") failures.push(`a link off the site: ${href}`);
}
// Every page of the site: no link to a host that is a file name.
const pages = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? pages(path) : name.endsWith(".html") ? [path] : [];
  });
for (const path of pages(folder)) {
  for (const [, host] of readFileSync(path, "utf8").matchAll(/href="https?:\/\/([^/"#]+)/g))
    if (/\.(md|ts|js|json)$/i.test(host)) failures.push(`${path}: a link to http://${host}`);
}
console.log(
  `API docs: the landing page has ${seen.links.length} links, checked; ${pages(folder).length} pages scanned`,
);
if (failures.length > 0) throw new Error(`API docs check failed:\n- ${failures.slice(0, 20).join("\n- ")}`);
