import { defineConfig, mergeConfig } from "vitest/config"
import base from "./vitest.config"

// Stryker (`npm run mutation`) runs instrumented code several times slower: longer timeouts, no notebooks.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["test/notebooks/**", "node_modules/**"],
      testTimeout: 600_000,
    },
  }),
)
