// Bench inputs: the reference data bundled in test/fixtures and examples/data (or ../shared/data beside the checkout).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const folders = ["../test/fixtures", "../examples/data", "../../shared/data"].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

export function readCsv(name: string): Record<string, string>[] | undefined {
  const folder = folders.find((candidate) => existsSync(`${candidate}/${name}`));
  if (folder === undefined) return undefined;
  const lines = readFileSync(`${folder}/${name}`, "utf8").trim().split(/\r?\n/);
  const header = (lines[0] as string).split(",");
  return lines.slice(1).map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ""]));
  });
}

export const isoDate = (yyyymmdd: string): string =>
  `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
