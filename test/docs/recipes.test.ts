// Issue 28: the recipes of docs/data-sources.md ("## Recipes that run") run as written (their relative paths read
// from the repository's root), on the bundled CDNOW log, with DuckDB and Arrow; the values their comments state are checked.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../helpers/stated-values.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const scratch = fileURLToPath(new URL("./.recipe-snippets/", import.meta.url));
const guide = readFileSync(`${root}/docs/data-sources.md`, "utf8");
const recipes = [...guide.matchAll(/```ts\n(\/\/ Recipe: [\s\S]*?)```/g)].map((match) => match[1] as string);

mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("docs/data-sources.md recipes", () => {
  it("finds them", () => {
    expect(recipes.length).toBe(3);
  });
  recipes.forEach((code, index) => {
    const title = /\/\/ Recipe: ([^.]*)/.exec(code)?.[1] ?? `recipe ${index + 1}`;
    it(`runs: ${title}`, async () => {
      const checks: { code: string; stated: string }[] = [];
      const source = code
        .replaceAll('from "autoclv";', `from ${JSON.stringify(`${root}/src/index.ts`)};`)
        .replaceAll("examples/data/", `${root}/examples/data/`)
        .split("\n")
        .map((line) => {
          const match = /^([^/ ].*?);\s+\/\/ (≈ .*|\d+)$/.exec(line);
          if (!match || /^(const|let|import|await)\b/.test(match[1] as string)) return line;
          checks.push({
            code: match[1] as string,
            stated: (match[2] as string).startsWith("≈") ? (match[2] as string) : `≈ ${match[2]}`,
          });
          return `(globalThis as any).__recipe[${checks.length - 1}] = (${match[1]});`;
        })
        .join("\n");
      const results: unknown[] = [];
      (globalThis as unknown as { __recipe: unknown[] }).__recipe = results;
      const file = `${scratch}recipe-${index + 1}.ts`;
      writeFileSync(file, `${source}\nexport {};\n`);
      await import(pathToFileURL(file).href);
      expect(checks.length).toBeGreaterThan(0);
      for (const [k, entry] of checks.entries()) check(results[k], entry.stated, `${entry.code} // ${entry.stated}`);
    });
  });
});
