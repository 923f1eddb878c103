// The committed lockfile must let `npm ci` install on every platform CI and users run (issue 26.10): a lock written
// on one machine with its optional packages pruned lists only that machine's native builds (esbuild, rollup, biome,
// deno, duckdb), and `npm ci` elsewhere then installs no binary. Every optional dependency of every locked package
// must itself be locked. Exits non-zero naming what is missing.
import { readFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages ?? {};
const missing = [];
let platformBuilds = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    // Resolution as Node does it: nested under the package first, then each parent node_modules up to the root.
    const candidates = [];
    let base = path;
    while (true) {
      candidates.push(`${base ? `${base}/` : ""}node_modules/${name}`);
      const cut = base.lastIndexOf("/node_modules/");
      if (base === "") break;
      base = cut === -1 ? "" : base.slice(0, cut);
    }
    const found = candidates.find((candidate) => packages[candidate] !== undefined);
    if (found === undefined) missing.push(`${path || "(root)"} → ${name}`);
    else if (Array.isArray(packages[found].os)) platformBuilds += 1;
  }
}
if (missing.length > 0) {
  console.error(
    `package-lock.json misses optional packages (other platforms' builds):\n  ${missing.join("\n  ")}\n` +
      "Regenerate it: rm package-lock.json && npm install --package-lock-only",
  );
  process.exit(1);
}
console.log(`package-lock.json: every optional dependency locked (${platformBuilds} platform-specific builds)`);
