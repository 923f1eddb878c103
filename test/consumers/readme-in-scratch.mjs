// Run by .ci/run with the packed tarball installed in a scratch project (argument 1): every TypeScript snippet of
// README.md and docs/*.md that imports from "autoclv" (or a subpath) runs there as a user would paste it, against the installed
// package, with the bundled example data beside it. (test/docs/readme.test.ts checks the values they state, against
// the sources.)
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const project = process.argv[2];
if (!project) throw new Error("usage: node readme-in-scratch.mjs <project with autoclv installed>");
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = join(root, "node_modules", ".bin", "tsx");
// The README and the guides in docs/ (not the generated API reference).
// docs/data-sources.md holds recipes against the reader's own files (test/input/interop.test.ts runs those paths).
const guides = readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md") && name !== "data-sources.md");
const pages = ["README.md", ...guides.map((name) => join("docs", name))];
const text = pages.map((page) => readFileSync(join(root, page), "utf8")).join("\n");
const snippets = [...text.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1])
  .filter((code) => /from "autoclv(\/[a-z]+)?";/.test(code) && !/from "npm:/.test(code));
cpSync(join(root, "examples", "data"), join(project, "examples", "data"), { recursive: true });
mkdirSync(join(project, "readme"), { recursive: true });
for (const [index, code] of snippets.entries()) {
  const file = join(project, "readme", `snippet-${index + 1}.ts`);
  writeFileSync(file, `${code}\nexport {};\n`);
  execFileSync(tsx, [file], { cwd: project, stdio: ["ignore", "ignore", "inherit"] });
}
console.log(`README: ${snippets.length} snippets ran against the installed package`);
