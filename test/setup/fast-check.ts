// Property tests run with a fixed seed by default so that CI is reproducible; set FC_SEED to explore other seeds.
import fc from "fast-check";

const seed = Number(process.env["FC_SEED"] ?? 20261122);
fc.configureGlobal({ seed, ...(process.env["FC_NUM_RUNS"] ? { numRuns: Number(process.env["FC_NUM_RUNS"]) } : {}) });
