import type { Rng } from "../random/rng"
import { shuffle } from "../random/uniform"
import type { EpisodeClassifier } from "./episodes"
import type { MetaTask } from "./reptile"
import { adaptParameters } from "./reptile"
import type { SoftmaxMlp } from "./softmax-mlp"

/**
 * Draws N-way k-shot classification tasks from the training `classes` for {@link reptile}: each task
 * picks `model.shape.classes` classes at random, assigns them to output slots in random order (so
 * the initialisation cannot memorise classes, only learn to adapt fast; Nichol et al. §6), and takes
 * `shots` random items of each as its training set; its loss is the model's cross-entropy there.
 * @throws if fewer classes than ways, or a class has fewer than `shots` items
 * @example const sample = categoryTaskSampler(emb, 32, world.catalog.category, [0, 1, 2, 3, 4, 5, 6, 7], 5, mlp)
 */
export function categoryTaskSampler(
  embeddings: Float64Array,
  dim: number,
  labels: ArrayLike<number>,
  classes: readonly number[],
  shots: number,
  model: SoftmaxMlp,
): (rng: Rng) => MetaTask {
  const ways = model.shape.classes
  if (model.shape.inputDim !== dim)
    throw new Error(`categoryTaskSampler: the model takes ${model.shape.inputDim} inputs, the embeddings have ${dim}`)
  if (classes.length < ways)
    throw new Error(`categoryTaskSampler: ${classes.length} classes cannot fill ${ways}-way tasks`)
  if (!Number.isInteger(shots) || shots < 1)
    throw new Error(`categoryTaskSampler: shots must be a positive integer, got ${shots}`)
  const members = classes.map((c) => {
    const m: number[] = []
    for (let i = 0; i < labels.length; i++) if (labels[i] === c) m.push(i)
    if (m.length < shots) throw new Error(`categoryTaskSampler: class ${c} has ${m.length} items, fewer than ${shots}`)
    return Int32Array.from(m)
  })
  const order = Int32Array.from(classes, (_, k) => k)
  const rows = new Float64Array(ways * shots * dim)
  const slots = new Int32Array(ways * shots)
  const task: MetaTask = { gradient: (params, out) => model.gradient(params, rows, slots, out) }
  const work = members.map((m) => new Int32Array(m.length))
  // Every task starts from the same orders, so a task depends only on the generator's state.
  return (rng) => {
    order.forEach((_, k) => (order[k] = k))
    shuffle(rng, order)
    for (let k = 0; k < ways; k++) {
      const m = work[order[k]]
      m.set(members[order[k]])
      shuffle(rng, m)
      for (let s = 0; s < shots; s++) {
        rows.set(embeddings.subarray(m[s] * dim, (m[s] + 1) * dim), (k * shots + s) * dim)
        slots[k * shots + s] = k
      }
    }
    return task
  }
}

/**
 * An episode classifier that starts from `init` (a Reptile meta-initialisation, or a random one:
 * training from scratch), takes `steps` gradient steps of rate `learningRate` on the support set and
 * predicts the queries. With no support (zero-shot) it predicts from `init` unchanged.
 * @example episodicAccuracy(emb, 32, labels, heldOut, 5, 100, rng, adaptedClassifier(mlp, theta, 10, 0.5))
 */
export function adaptedClassifier(
  model: SoftmaxMlp,
  init: Float64Array,
  steps: number,
  learningRate: number,
): EpisodeClassifier {
  if (init.length !== model.size)
    throw new Error(`adaptedClassifier: init has ${init.length} parameters, the model ${model.size}`)
  const phi = new Float64Array(model.size)
  const grad = new Float64Array(model.size)
  return (support, supportSlots, queries, ways) => {
    if (ways !== model.shape.classes)
      throw new Error(`adaptedClassifier: a ${ways}-way episode for a ${model.shape.classes}-way model`)
    phi.set(init)
    if (supportSlots.length > 0) {
      const task: MetaTask = { gradient: (p, out) => model.gradient(p, support, supportSlots, out) }
      adaptParameters(phi, task, steps, learningRate, grad)
    }
    return model.predict(phi, queries)
  }
}
