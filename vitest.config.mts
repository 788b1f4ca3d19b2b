import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Notebook executions are child processes: two at a time fill this 2-core machine.
    maxConcurrency: 2,
  },
})
