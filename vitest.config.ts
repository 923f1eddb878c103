import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/fast-check.ts"],
    isolate: false,
    pool: "threads",
    testTimeout: 60_000,
  },
});
