// Every TypeScript snippet in README.md that imports from "autoclv" runs as written (against the sources), and every
// one-line statement whose comment states a value (`expr; // "remind"`, `// 0.7266`, `// ≈ 1.2`) is checked: numbers
// to the digits shown. So the README cannot drift from the API. Snippets are written to a scratch folder and imported.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../helpers/stated-values.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const scratch = fileURLToPath(new URL("./.readme-snippets/", import.meta.url));
// The README and the guides in docs/ (not the generated API reference): their snippets are the same kind of promise.
// docs/data-sources.md holds recipes against the reader's own files (DuckDB, Parquet); test/input/interop.test.ts
// runs the same paths on bundled data.
const guides = readdirSync(`${root}/docs`).filter((name) => name.endsWith(".md") && name !== "data-sources.md");
const readme = ["README.md", ...guides.map((name) => `docs/${name}`)]
  .map((path) => readFileSync(`${root}/${path}`, "utf8"))
  .join("\n");
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1] as string)
  .filter((code) => /from "autoclv(\/charts|\/math)?";/.test(code));

mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("README.md snippets", () => {
  it("finds the snippets", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(6);
  });
  snippets.forEach((code, index) => {
    const firstLine = code.split("\n").find((line) => line.trim() !== "" && !line.startsWith("import")) ?? "";
    it(`snippet ${index + 1} runs: ${firstLine.slice(0, 60)}`, async () => {
      const checks: { code: string; stated: string }[] = [];
      const instrumented = code
        .split("\n")
        .map((line) => {
          const match = /^([^/].*?);\s+\/\/ (.*)$/.exec(line);
          if (!match || /^(const|let|import|export|for|if)\b/.test(match[1] as string)) return line;
          const stated = (match[2] as string).trim();
          if (!/^("|≈|-?\d|true\b|false\b)/.test(stated)) return line;
          checks.push({ code: match[1] as string, stated: /^-?\d/.test(stated) ? `≈ ${stated}` : stated });
          return `(globalThis as any).__readme[${checks.length - 1}] = (${match[1]});`;
        })
        .join("\n");
      const results: unknown[] = [];
      (globalThis as unknown as { __readme: unknown[] }).__readme = results;
      const source = instrumented
        .replaceAll('from "autoclv/charts";', `from ${JSON.stringify(`${root}/src/charts/index.ts`)};`)
        .replaceAll('from "autoclv/math";', `from ${JSON.stringify(`${root}/src/math/index.ts`)};`)
        .replaceAll('from "autoclv/udf";', `from ${JSON.stringify(`${root}/src/udf/index.ts`)};`)
        .replaceAll('from "autoclv";', `from ${JSON.stringify(`${root}/src/index.ts`)};`)
        .replaceAll('"examples/data/', `"${root}/examples/data/`);
      const file = `${scratch}snippet-${index + 1}.ts`;
      writeFileSync(file, `${source}\nexport {};\n`);
      await import(pathToFileURL(file).href);
      for (const [at, { code: expression, stated }] of checks.entries())
        check(results[at], stated, `${expression} // ${stated}`);
    }, 60_000);
  });
});
