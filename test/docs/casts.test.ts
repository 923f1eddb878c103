// Issue 23, deliverable 5: one convention for `as number` (CONTRIBUTING.md). An element read or a Map lookup is
// `values[i] as number`; anything else is narrowed by a check TypeScript follows, except in the input layer's
// record readers, right after the function that checked the row. Compound updates never use `values[i]!`.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const BOUNDARY = [/^src\/schemas\//, /^src\/input\//, /^src\/psv\/dealer-records\.ts$/];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The code lines of src/ (comment lines and trailing comments left out), as "file:line: text". */
function codeLines(): { file: string; where: string; code: string }[] {
  return sourceFiles(join(root, "src")).flatMap((path) => {
    const file = relative(root, path).replaceAll("\\", "/");
    return readFileSync(path, "utf8")
      .split("\n")
      .map((line, index) => ({ file, where: `${file}:${index + 1}`, code: line.replace(/\/\/.*$/, "") }))
      .filter(({ code }) => !/^\s*(\*|\/\*\*|\/\/)/.test(code));
  });
}

// `as number` not directly after an element access or a lookup, and not part of a cast to a union.
const CAST = /(?<![\])])\s+as number\b(?!\s*\|)/;
const LOOKUP_CAST = /\.(get|at|pop)\([^()]*\)\s+as number\b/;

describe("casts", () => {
  const lines = codeLines();
  it("casts to number only an element read or a lookup, outside the input layer's readers", () => {
    const offending = lines
      .filter(({ file }) => !BOUNDARY.some((pattern) => pattern.test(file)))
      .filter(({ code }) => CAST.test(code.replace(LOOKUP_CAST, "")))
      .map(({ where, code }) => `${where}: ${code.trim()}`);
    expect(offending).toEqual([]);
  });
  it("updates elements without non-null assertions", () => {
    const offending = lines.filter(({ code }) => /\]!\s*[-+*/]?=/.test(code)).map(({ where }) => where);
    expect(offending).toEqual([]);
  });
  it("sees the casts it checks (the scan is not vacuous)", () => {
    expect(lines.filter(({ code }) => /\] as number/.test(code)).length).toBeGreaterThan(300);
  });
});
