import { defineConfig } from "vitest/config"
import base from "./vitest.config.mts"

// Stryker (`npm run mutation`) runs instrumented code several times slower: longer timeouts. Its sandbox has
// no dist/, so the notebooks, the CLI and the worker-thread tests (which load compiled code) stay out.
// MUTATION_TESTS (comma-separated globs) narrows the tests of a scoped run, e.g. test/bandits/**/*.test.ts.
const only = process.env.MUTATION_TESTS?.split(",").filter((g) => g.length > 0)
// MUTATION_SKIP (a regular expression) leaves out the tests whose full names match: the template checks that read a
// source file's text (in the sandbox that is the instrumented copy, so they fail the initial run) or a slow suite.
const skip = process.env.MUTATION_SKIP
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: only && only.length > 0 ? only : base.test?.include,
    exclude: ["test/notebooks/**", "test/cli/**", "test/simulation/workers.test.ts", "test/simulation/determinism.test.ts", "test/retail/online-retail-environment.test.ts", "node_modules/**"],
    testTimeout: 600_000,
    ...(skip ? { testNamePattern: new RegExp(`^(?!.*(?:${skip}))`) } : {}),
  },
})
