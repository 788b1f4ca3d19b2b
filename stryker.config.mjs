// Mutation testing (`npm run mutation`; not part of CI: it re-runs the related tests once per mutant).
// Narrow a run with `MUTATION_TESTS="test/bandits/**/*.test.ts" npm run mutation -- --mutate src/bandits/kl-ucb.ts`;
// the report lands in reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  mutate: [
    "src/bandits/**/*.ts",
    "src/evaluation/**/*.ts",
    "src/random/**/*.ts",
    "src/linalg/**/*.ts",
    "src/privacy/**/*.ts",
    "src/federated/**/*.ts",
    "!src/**/index.ts",
  ],
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  concurrency: 1,
  dryRunTimeoutMinutes: 30,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  thresholds: { high: 90, low: 85, break: null },
}
