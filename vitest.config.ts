import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(import.meta.dirname, "app"),
      "#db": path.resolve(import.meta.dirname, "db"),
    },
  },
  test: {
    globals: true,
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/db-setup.ts"],
    // Threads, not forked processes: the same tests in about 105 s instead of 125 (CI has 15 minutes for everything).
    pool: "threads",
    testTimeout: 20_000,
  },
});
