import type { Rng } from "../random/rng"

/** One task of meta-learning: the gradient of its training loss. */
export interface MetaTask {
  /** Writes ∇L_τ(params) into `out` (overwritten) and returns L_τ(params). */
  gradient(params: Float64Array, out: Float64Array): number
}

/** Options of {@link reptile} (defaults in brackets). */
export interface ReptileOptions {
  /** Inner gradient steps k per task (0 leaves the parameters unchanged). */
  innerSteps: number
  /** Inner learning rate α. */
  innerLearningRate: number
  /** Outer step size ε. */
  metaStepSize: number
  /** Meta-iterations. */
  iterations: number
  /** Tasks averaged per meta-iteration [1]. */
  metaBatch?: number
  /** Anneal ε linearly to 0 over the iterations, as Nichol et al. do [true]. */
  anneal?: boolean
}

/**
 * k steps of gradient descent on one task, in place: φ ← φ − α·∇L_τ(φ). `scratch` holds the gradient.
 * @example adaptParameters(phi, task, 5, 0.1, new Float64Array(phi.length))
 */
export function adaptParameters(
  params: Float64Array,
  task: MetaTask,
  steps: number,
  learningRate: number,
  scratch: Float64Array,
): Float64Array {
  for (let s = 0; s < steps; s++) {
    task.gradient(params, scratch)
    for (let j = 0; j < params.length; j++) params[j] -= learningRate * scratch[j]
  }
  return params
}

/**
 * Reptile meta-learning (Nichol, Achiam & Schulman 2018, "On First-Order Meta-Learning Algorithms",
 * Algorithm 2): for each iteration draw tasks τ₁…τ_B, adapt φ_b = U_τb^k(θ) by k steps of gradient
 * descent from θ, and move the initialisation toward them:
 *   θ ← θ + ε_i·(1/B)·Σ_b (φ_b − θ),   ε_i = ε·(1 − i/I) when annealed.
 * With k = 0 the update is zero; with k = 1 it is θ − ε·α·(1/B)·Σ_b ∇L_τb(θ), plain SGD on the expected
 * loss (their §5); with k ≥ 2 the first-order MAML term appears. Returns the meta-learned θ (a new array).
 * @throws on a negative or non-integer step count, or non-positive rates
 * @example const theta = reptile(mlp.initParameters(rng), (r) => sampleTask(r), { innerSteps: 5, innerLearningRate: 0.2, metaStepSize: 0.5, iterations: 1000 }, rng)
 */
export function reptile(
  init: Float64Array,
  sampleTask: (rng: Rng) => MetaTask,
  options: ReptileOptions,
  rng: Rng,
): Float64Array {
  const { innerSteps, innerLearningRate, metaStepSize, iterations } = options
  const batch = options.metaBatch ?? 1
  for (const [key, v, min] of [
    ["innerSteps", innerSteps, 0],
    ["iterations", iterations, 0],
    ["metaBatch", batch, 1],
  ] as const)
    if (!Number.isInteger(v) || v < min) throw new Error(`reptile: ${key} must be an integer >= ${min}, got ${v}`)
  for (const [key, v] of [
    ["innerLearningRate", innerLearningRate],
    ["metaStepSize", metaStepSize],
  ] as const)
    if (!(v > 0 && Number.isFinite(v))) throw new Error(`reptile: ${key} must be a finite number > 0, got ${v}`)
  const theta = Float64Array.from(init)
  const phi = new Float64Array(theta.length)
  const step = new Float64Array(theta.length)
  const grad = new Float64Array(theta.length)
  for (let i = 0; i < iterations; i++) {
    const eps = options.anneal === false ? metaStepSize : metaStepSize * (1 - i / iterations)
    step.fill(0)
    for (let b = 0; b < batch; b++) {
      phi.set(theta)
      adaptParameters(phi, sampleTask(rng), innerSteps, innerLearningRate, grad)
      for (let j = 0; j < theta.length; j++) step[j] += phi[j] - theta[j]
    }
    for (let j = 0; j < theta.length; j++) theta[j] += (eps * step[j]) / batch
  }
  return theta
}
