import { MarkovChain } from "../behavior/markov-chain"
import { checkSequenceExamples, type SequenceExamples } from "./sequence-dataset"

/**
 * The first-order Markov baseline of the sequence models: the `behavior` module's {@link MarkovChain}
 * over categories, fitted on the (last input token → target) pair of every training row, so it sees
 * exactly the transitions the neural models learn from:
 *   P(next = j | last = i) = (n_ij + α) / (n_i· + α·C)   (Laplace smoothing α).
 * @example
 * const chain = fitMarkovBaseline(train, 1)
 * const p = markovNextCategoryProba(chain, test) // rows × categories, as NextCategoryModel.predictProba
 */
export function fitMarkovBaseline(train: SequenceExamples, smoothing = 1): MarkovChain {
  checkSequenceExamples(train, "fitMarkovBaseline train")
  const pairs: Int32Array[] = []
  for (let r = 0; r < train.rows; r++)
    pairs.push(Int32Array.of(train.inputs[r * train.window + train.window - 1] - 1, train.targets[r]))
  const names = Array.from({ length: train.nCategories }, (_, k) => String(k))
  return new MarkovChain({ nStates: train.nCategories, smoothing, stateNames: names }).fit(pairs)
}

/**
 * P(next category | last clicked category) of `chain` for every row of `x`, row-major rows × categories
 * (the layout of {@link NextCategoryModel.predictProba}, so {@link nextCategoryScores} scores both).
 * @throws Error naming the row when a window does not end with a category token, or the category counts differ
 */
export function markovNextCategoryProba(chain: MarkovChain, x: SequenceExamples): Float32Array {
  const c = chain.config.nStates
  if (x.nCategories !== c)
    throw new Error(`markovNextCategoryProba x: ${x.nCategories} categories, but the chain has ${c} states`)
  const P = chain.transitionMatrix.data
  const out = new Float32Array(x.rows * c)
  for (let r = 0; r < x.rows; r++) {
    const last = x.inputs[r * x.window + x.window - 1] - 1
    if (!(last >= 0 && last < c))
      throw new Error(`markovNextCategoryProba x: row ${r} ends with token ${last + 1}; allowed 1..${c}`)
    for (let j = 0; j < c; j++) out[r * c + j] = P[last * c + j]
  }
  return out
}
