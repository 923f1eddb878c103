/**
 * Gives a plain result record a table form, as non-enumerable properties (JSON and equality ignore them): `toString()`
 * a fixed-width text table (first column left-aligned, the others right-aligned) followed by the notes, and
 * `Symbol.for("Jupyter.display")` the same as an HTML table, which a Deno notebook shows. @internal
 */
export function withTableDisplay<T extends object>(
  record: T,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  notes: readonly string[],
): T {
  const text = () => {
    const widths = header.map((title, k) => Math.max(title.length, ...rows.map((row) => (row[k] ?? "").length)));
    const line = (cells: readonly string[]) =>
      cells
        .map((cell, k) => (k === 0 ? cell.padEnd(widths[k] as number) : cell.padStart(widths[k] as number)))
        .join("  ");
    return [line(header), ...rows.map(line), ...notes].join("\n");
  };
  const escapeHtml = (cell: string) => cell.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
  const cells = (row: readonly string[], tag: string) =>
    row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join("");
  const html = () =>
    `<table><thead><tr>${cells(header, "th")}</tr></thead><tbody>${rows
      .map((row) => `<tr>${cells(row, "td")}</tr>`)
      .join("")}</tbody></table>${notes.map((note) => `<p>${escapeHtml(note)}</p>`).join("")}`;
  Object.defineProperty(record, "toString", { enumerable: false, value: text });
  Object.defineProperty(record, Symbol.for("Jupyter.display"), {
    enumerable: false,
    value: () => ({ "text/html": html(), "text/plain": text() }),
  });
  return record;
}

/** A number for a table: 4 significant digits, exponents outside 1e-3…1e5, "—" for none. @internal */
export function tableNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3)
    ? value.toExponential(digits - 1)
    : value.toPrecision(digits);
}
