import { describe, expect, it } from "vitest"
import { episodicAccuracy } from "../../src/coldstart/episodes"
import { fewShotAccuracy } from "../../src/coldstart/few-shot"
import { adaptedClassifier, categoryTaskSampler } from "../../src/coldstart/meta-tasks"
import { PrototypeClassifier } from "../../src/coldstart/prototype-classifier"
import { type MetaTask, reptile } from "../../src/coldstart/reptile"
import { SoftmaxMlp } from "../../src/coldstart/softmax-mlp"
import { normal } from "../../src/random/normal"
import { createRng, type Rng } from "../../src/random/rng"

/** L_c(θ) = ½‖θ − c‖²: one step of rate α maps θ to c + (1 − α)(θ − c). */
function quadratic(c: Float64Array): MetaTask {
  return {
    gradient(p, out) {
      let loss = 0
      for (let j = 0; j < p.length; j++) {
        out[j] = p[j] - c[j]
        loss += 0.5 * out[j] ** 2
      }
      return loss
    },
  }
}

const mu = Float64Array.of(1.5, -2, 0.25)
const sampleQuadratic = (rng: Rng) => quadratic(Float64Array.from(mu, (m) => m + normal(rng)))

/** Gaussian clusters: class c's items around a random centre, in `dim` dimensions. */
function clusters(nClasses: number, perClass: number, dim: number, seed: number) {
  const rng = createRng(seed)
  const centres = Float64Array.from({ length: nClasses * dim }, () => normal(rng))
  const labels = Int32Array.from({ length: nClasses * perClass }, (_, i) => Math.floor(i / perClass))
  const emb = Float64Array.from({ length: labels.length * dim }, (_, k) => {
    const i = Math.floor(k / dim)
    return centres[labels[i] * dim + (k % dim)] + 0.6 * normal(rng)
  })
  return { emb, labels }
}

describe("reptile", () => {
  it("with 0 inner steps leaves θ unchanged; with 1 it is θ − εα∇L(θ) (Nichol et al. §5)", () => {
    const theta = Float64Array.of(0.3, 0.7, -1)
    const opts = { innerLearningRate: 0.4, metaStepSize: 0.5, iterations: 1, anneal: false }
    expect(Array.from(reptile(theta, sampleQuadratic, { ...opts, innerSteps: 0 }, createRng(1)))).toEqual(
      Array.from(theta),
    )
    // The same draw of c as reptile makes: one normal per coordinate from the same stream.
    const rng = createRng(1)
    const c = Float64Array.from(mu, (m) => m + normal(rng))
    const one = reptile(theta, sampleQuadratic, { ...opts, innerSteps: 1 }, createRng(1))
    theta.forEach((t, j) => expect(one[j]).toBeCloseTo(t - 0.5 * 0.4 * (t - c[j]), 14))
    // k steps on a quadratic: φ = c + (1 − α)^k (θ − c), so θ' = θ + ε(1 − (1 − α)^k)(c − θ).
    const three = reptile(theta, sampleQuadratic, { ...opts, innerSteps: 3 }, createRng(1))
    theta.forEach((t, j) => expect(three[j]).toBeCloseTo(t + 0.5 * (1 - 0.6 ** 3) * (c[j] - t), 14))
  })

  it("meta-initialisation converges to the tasks' mean optimum μ on a quadratic family", () => {
    const theta = reptile(
      new Float64Array(3),
      sampleQuadratic,
      { innerSteps: 5, innerLearningRate: 0.2, metaStepSize: 0.2, iterations: 4000 },
      createRng(7),
    )
    // Annealed ε makes θ a weighted mean of ≈4000 task optima c ~ N(μ, I): error ≈ 1/√4000·(a few).
    theta.forEach((t, j) => expect(Math.abs(t - mu[j])).toBeLessThan(0.06))
  })

  it("is deterministic and names bad options", () => {
    const o = { innerSteps: 2, innerLearningRate: 0.1, metaStepSize: 0.3, iterations: 50, metaBatch: 2 }
    expect(reptile(new Float64Array(3), sampleQuadratic, o, createRng(3))).toEqual(
      reptile(new Float64Array(3), sampleQuadratic, o, createRng(3)),
    )
    expect(() => reptile(new Float64Array(3), sampleQuadratic, { ...o, innerSteps: -1 }, createRng(3))).toThrow(
      /innerSteps must be an integer >= 0, got -1/,
    )
    expect(() => reptile(new Float64Array(3), sampleQuadratic, { ...o, metaStepSize: 0 }, createRng(3))).toThrow(
      /metaStepSize must be a finite number > 0, got 0/,
    )
  })
})

describe("few-shot episodes and Reptile on categories", () => {
  const { emb, labels } = clusters(10, 20, 6, 5)

  it("episodicAccuracy draws fewShotAccuracy's episodes: with prototypes it gives the same numbers", () => {
    const proto: Parameters<typeof episodicAccuracy>[7] = (support, slots, queries) =>
      new PrototypeClassifier().fit(support, slots, 6).predict(queries)
    for (const shots of [1, 3]) {
      const a = episodicAccuracy(emb, 6, labels, [6, 7, 8, 9], shots, 30, createRng(2), proto)
      const b = fewShotAccuracy(emb, 6, labels, [6, 7, 8, 9], shots, 30, createRng(2))
      expect(a).toEqual(b)
    }
    expect(() => episodicAccuracy(emb, 6, labels, [6], 1, 3, createRng(2), proto)).toThrow(/at least 2 classes/)
  })

  it("a Reptile initialisation adapts to held-out classes better than the random one it started from, reproducibly", () => {
    const mlp = new SoftmaxMlp({ inputDim: 6, hidden: 8, classes: 4 })
    const theta0 = mlp.initParameters(createRng(9))
    const sampler = categoryTaskSampler(emb, 6, labels, [0, 1, 2, 3, 4, 5], 3, mlp)
    const meta = () =>
      reptile(
        theta0,
        sampler,
        { innerSteps: 5, innerLearningRate: 0.3, metaStepSize: 0.5, iterations: 400 },
        createRng(4),
      )
    const theta = meta()
    expect(meta()).toEqual(theta)
    const held = [6, 7, 8, 9]
    const r = episodicAccuracy(emb, 6, labels, held, 1, 60, createRng(8), adaptedClassifier(mlp, theta, 5, 0.3))
    const s = episodicAccuracy(emb, 6, labels, held, 1, 60, createRng(8), adaptedClassifier(mlp, theta0, 5, 0.3))
    expect(r.accuracy).toBeGreaterThan(s.accuracy + 3 * (r.standardError + s.standardError))
    expect(r.accuracy).toBeGreaterThan(0.25 + 5 * r.standardError)
  })
})
