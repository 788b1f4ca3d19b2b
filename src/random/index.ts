export { nextWord, createRng, splitRng, Xoshiro128 } from "./rng"
export type { Rng } from "./rng"
export { uniform, randomInt, shuffle } from "./uniform"
export { normal, logNormal } from "./normal"
export { gamma } from "./gamma"
export { beta } from "./beta"
export { dirichlet } from "./dirichlet"
export { categorical, AliasTable } from "./categorical"
export { zipfWeights, ZipfSampler } from "./zipf"
export { bernoulli, poisson, logFactorial, geometric } from "./discrete"
export {
  fastUniform, zigguratSlow, fastNormal, gammaD, gammaC, marsagliaTsangCandidate, gammaMarsagliaTsang, fastGamma,
  fastBeta, betaCached, ZIGGURAT_R, ZIGGURAT_LAYERS, zigguratKn, zigguratWn, zigguratKnw, zigguratFn,
} from "./fast-random"
