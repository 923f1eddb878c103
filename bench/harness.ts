// A tiny benchmark harness: runs each case a few times (alternating with its plain loop, if any), keeps the median,
// prints one table.
export interface BenchCase {
  readonly capability: string;
  readonly name: string;
  /** Target in milliseconds (from the issues), or undefined for information only. */
  readonly targetMs?: number;
  readonly run: () => unknown;
  readonly repeats?: number;
  /** The same arithmetic as a plain Float64Array loop (no validation, no objects): the practical limit. */
  readonly baseline?: () => unknown;
}

export interface BenchRow {
  readonly capability: string;
  readonly name: string;
  readonly medianMs: number;
  readonly targetMs: number | undefined;
  readonly baselineMs: number | undefined;
}

let sink: unknown;

function median(run: () => unknown, repeats: number): number {
  sink = run(); // warm-up (JIT)
  const times: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const start = performance.now();
    sink = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function measure(benchCase: BenchCase): BenchRow {
  const repeats = benchCase.repeats ?? 9;
  const { baseline } = benchCase;
  if (baseline === undefined) {
    const medianMs = median(benchCase.run, repeats);
    return {
      capability: benchCase.capability,
      name: benchCase.name,
      medianMs,
      targetMs: benchCase.targetMs,
      baselineMs: undefined,
    };
  }
  // With a plain loop to compare against, the two alternate (case, loop, case, loop …) so that both meet the same
  // load on a shared machine: the ratio holds even when the absolute times drift.
  sink = benchCase.run();
  sink = baseline();
  const times: number[] = [];
  const baselineTimes: number[] = [];
  for (let index = 0; index < repeats; index++) {
    let start = performance.now();
    sink = benchCase.run();
    times.push(performance.now() - start);
    start = performance.now();
    sink = baseline();
    baselineTimes.push(performance.now() - start);
  }
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return {
    capability: benchCase.capability,
    name: benchCase.name,
    medianMs: middle(times),
    targetMs: benchCase.targetMs,
    baselineMs: middle(baselineTimes),
  };
}

export function printTable(rows: readonly BenchRow[]): void {
  const header = ["capability", "case", "median ms", "target ms", "status", "plain loop ms", "× plain loop"];
  const lines = rows.map((row) => [
    row.capability,
    row.name,
    row.medianMs.toFixed(row.medianMs < 10 ? 2 : 1),
    row.targetMs === undefined ? "-" : String(row.targetMs),
    row.targetMs === undefined ? "info" : row.medianMs <= row.targetMs ? "met" : "MISSED",
    row.baselineMs === undefined ? "-" : row.baselineMs.toFixed(row.baselineMs < 10 ? 2 : 1),
    row.baselineMs === undefined ? "-" : (row.medianMs / row.baselineMs).toFixed(1),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] as string).length)),
  );
  const format = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(" | ")} |`;
  console.log(format(header));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const line of lines) console.log(format(line));
  console.log(
    "\nPeer figures in case names (lifetimes 0.11.3, BTYD 2.4.3 / BTYDplus 1.2.0, CLVTools 0.11.2) were measured once on a" +
      "\n2-core machine of this kind, one thread each, same data and parameters (issue 14): fixed references, not re-run here.",
  );
  if (sink === Symbol.for("never")) console.log("");
}
