// npm run bench:peer — BG/NBD P(alive) for 1,000,000 customers, autoclv against lifetimes' own formula
// (`BetaGeoFitter.conditional_probability_alive` of lifetimes 0.11.3: numpy logs, `np.where`, `scipy.special.expit`)
// run by this machine's python3 with numpy and scipy on the same columns, one thread each, rounds alternated, so that
// the ratio comes from one session rather than from a figure measured on another day. Skips the peer, saying so,
// when python3, numpy or scipy is missing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bgnbd } from "../src/index.js";

const million = 1_000_000;
const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
// The bench's population (bench/run.ts): simulated BG/NBD customers in 91 weekly cohorts.
const population = bgnbd.simulate(params, million, {
  seed: 1,
  T: Float64Array.from({ length: million }, (_, index) => 39 + (index % 91) / 7),
});
const directory = mkdtempSync(join(tmpdir(), "autoclv-peer-"));
const write = (name: string, values: ArrayLike<number>) =>
  writeFileSync(join(directory, `${name}.f64`), new Float64Array(Array.from(values)));
write("frequency", population.frequency);
write("recency", population.recency);
write("T", population.T);

const python = `
import sys, time, numpy as np
from scipy.special import expit
d = sys.argv[1]
f, rec, T = (np.fromfile(f"{d}/{k}.f64") for k in ("frequency", "recency", "T"))
ours = np.fromfile(f"{d}/ours.f64")
r, alpha, a, b = ${params.r}, ${params.alpha}, ${params.a}, ${params.b}
def conditional_probability_alive(frequency, recency, T):
    log_div = (r + frequency) * np.log((alpha + T) / (alpha + recency)) + np.log(a / (b + np.maximum(frequency, 1) - 1))
    return np.atleast_1d(np.where(frequency == 0, 1.0, expit(-log_div)))
times = []
for _ in range(15):
    start = time.perf_counter(); out = conditional_probability_alive(f, rec, T); times.append((time.perf_counter() - start) * 1000)
times.sort()
print(times[7], np.max(np.abs(out - ours) / ours), np.__version__)
`;

function ours(): { ms: number; values: Float64Array } {
  const times: number[] = [];
  let values: Float64Array = new Float64Array(0);
  for (let repeat = 0; repeat < 15; repeat++) {
    const start = performance.now();
    values = bgnbd.probabilityAliveBatch(params, population).values;
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  return { ms: times[7] as number, values };
}

console.log("| round | autoclv ms | lifetimes' formula ms | lifetimes ÷ autoclv | max relative difference |");
console.log("|---|---|---|---|---|");
try {
  for (let round = 1; round <= 5; round++) {
    const own = ours();
    writeFileSync(join(directory, "ours.f64"), own.values);
    let peer: string;
    try {
      peer = execFileSync("python3", ["-c", python, directory], { encoding: "utf8" });
    } catch {
      console.log("python3 with numpy and scipy is not available here: the peer was not run.");
      break;
    }
    const [peerMs, difference, numpyVersion] = peer.trim().split(" ");
    console.log(
      `| ${round} | ${own.ms.toFixed(1)} | ${Number(peerMs).toFixed(1)} (numpy ${numpyVersion}) | ${(Number(peerMs) / own.ms).toFixed(2)} | ${Number(difference).toExponential(1)} |`,
    );
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
