import { defineConfig, mergeConfig } from "vitest/config"
import base from "./vitest.config"

// Stryker (`npm run mutation`) runs instrumented code several times slower: longer timeouts. Its sandbox has
// no dist/, so the notebooks, the CLI and the worker-thread tests (which load compiled code) stay out.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["test/notebooks/**", "test/cli/**", "test/simulation/workers.test.ts", "test/simulation/determinism.test.ts", "test/simulation/online-retail.test.ts", "node_modules/**"],
      testTimeout: 600_000,
    },
  }),
)
