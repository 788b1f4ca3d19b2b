// The Stryker config of `npm run mutation` without the TypeScript checker, for scoring a few files at a time
// (`npx stryker run stryker.fast.config.mjs --mutate src/privacy/laplace.ts`): the checker's start-up type-check of
// the whole project costs minutes per run; without it a mutant that does not type-check is run like any other.
import base from "./stryker.config.mjs"

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default { ...base, checkers: [] }
