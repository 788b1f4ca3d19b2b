import { spawnSync } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import { MlpPolicyLearner } from "../../src/evaluation/mlp-policy-learner"
import { InterestMlp } from "../../src/neural/interest-mlp"
import { InterestTagModel } from "../../src/neural/interest-tag-model"
import type { TagExamples } from "../../src/neural/interest-tag-dataset"
import type { MultiStepExamples } from "../../src/neural/multi-step-dataset"
import { MultiInputMlp } from "../../src/neural/multi-input-mlp"
import type { FittedNetwork } from "../../src/neural/network-weights"
import { NextCategoryModel } from "../../src/neural/next-category-model"
import { RandomForest } from "../../src/neural/random-forest"
import { Seq2SeqModel } from "../../src/neural/seq2seq-model"
import type { SequenceExamples } from "../../src/neural/sequence-dataset"
import type { TabularFeatures } from "../../src/neural/tabular-features"
import {
  loadModel,
  loadModelAsync,
  modelFromState,
  modelFromStateAsync,
  modelState,
  SAVABLE_MODELS,
  SAVABLE_NETWORK_MODELS,
  saveModel,
} from "../../src/persistence/model-store"
import { STATE_VERSION } from "../../src/persistence/state-format"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"
import { tempDir } from "../temp-dir"

const log = () => undefined
const dir = tempDir("il-network-store-")
const rng = createRng(11)

// Two Gaussian blobs in 3 dimensions, labelled by blob.
const points = Array.from({ length: 80 }, (_, i) => [0, 1, 2].map((d) => (i % 2 ? 1 : -1) + d * 0.2 + normal(rng)))
const tabular: TabularFeatures = { data: Float32Array.from(points.flat()), rows: 80, cols: 3 }
const labels = Int32Array.from({ length: 80 }, (_, i) => i % 2)

/** Category sequences c_t = (a + s·t) mod C (C = 5) with stride s ∈ {1, 2}: windows of 4, the next 3 clicks. */
function strides(rows: number, window = 4, horizon = 3): MultiStepExamples {
  const C = 5
  const inputs = new Int32Array(rows * window)
  const targets = new Int32Array(rows * horizon)
  for (let r = 0; r < rows; r++) {
    const a = r % 5
    const s = 1 + (Math.floor(r / 5) % 2)
    for (let t = 0; t < window + horizon; t++) {
      const c = (a + s * t) % C
      if (t < window) inputs[r * window + t] = c + 1
      else targets[r * horizon + t - window] = c
    }
  }
  return { inputs, targets, user: new Int32Array(rows), rows, window, horizon, nCategories: C }
}
const multi = strides(40)
const next: SequenceExamples = {
  ...multi,
  targets: Int32Array.from({ length: multi.rows }, (_, r) => multi.targets[r * multi.horizon]),
}
const tags: TagExamples = {
  inputs: multi.inputs,
  labels: Float32Array.from({ length: multi.rows * 5 }, (_, i) => {
    const r = Math.floor(i / 5)
    return multi.targets.subarray(r * 3, r * 3 + 3).includes(i % 5) ? 1 : 0
  }),
  user: multi.user,
  rows: multi.rows,
  window: multi.window,
  nCategories: 5,
}

const problem = new SyntheticBanditProblem({ nActions: 3, nPositions: 2, nFeatures: 2 }, createRng(5))
const logging = new LinearSoftmaxPolicy(
  "logging",
  Float64Array.from({ length: 6 }, () => normal(rng)),
  3,
  2,
  { epsilon: 0.3 },
)
const banditLog = problem.sampleLog(300, logging, createRng(6))

const sequence = { seed: 3, epochs: 2, units: 8, embedding: 4, batchSize: 16, log }

/** Each model on TensorFlow.js, fitted, with a function giving its predictions (compared bit for bit). */
const cases: [string, () => Promise<object>, (m: never) => number[]][] = [
  [
    "InterestMlp (tfjs trainer, dropout)",
    () =>
      new InterestMlp({ seed: 1, hidden: [8, 4], dropout: 0.1, epochs: 3, batchSize: 16, log }).fit(tabular, labels),
    (m: InterestMlp) => Array.from(m.predictProba(tabular)),
  ],
  [
    "InterestMlp (dense trainer)",
    () =>
      new InterestMlp({ seed: 2, hidden: [6], epochs: 3, batchSize: 16, trainer: "dense", log }).fit(tabular, labels),
    (m: InterestMlp) => Array.from(m.predictProba(tabular)),
  ],
  [
    "MultiInputMlp",
    () =>
      new MultiInputMlp({
        seed: 1,
        inputs: [
          { name: "user", cols: 2, units: 4 },
          { name: "item", cols: 1, units: 3 },
        ],
        hidden: [4],
        epochs: 3,
        batchSize: 16,
        earlyStopping: { patience: 2 },
        log,
      }).fit(tabular, labels, { validation: { x: tabular, y: labels } }),
    (m: MultiInputMlp) => Array.from(m.predictProba(tabular)),
  ],
  [
    "NextCategoryModel (GRU)",
    () => new NextCategoryModel({ encoder: "gru", dropout: 0.2, l2: 0.001, ...sequence }).fit(next),
    (m: NextCategoryModel) => Array.from(m.predictProba(next)),
  ],
  [
    "NextCategoryModel (causal self-attention)",
    () => new NextCategoryModel({ encoder: "attention", ...sequence }).fit(next),
    (m: NextCategoryModel) => Array.from(m.predictProba(next)),
  ],
  [
    "InterestTagModel (LSTM)",
    () => new InterestTagModel({ encoder: "lstm", ...sequence }).fit(tags),
    (m: InterestTagModel) => Array.from(m.predictScores(tags)),
  ],
  [
    "Seq2SeqModel (GRU encoder)",
    () => new Seq2SeqModel({ encoder: "gru", ...sequence }).fit(multi),
    (m: Seq2SeqModel) => [...m.predictProba(multi), ...m.teacherForcedProba(multi)],
  ],
  [
    "MlpPolicyLearner",
    () => new MlpPolicyLearner({ seed: 4, hidden: [8], epochs: 3, batchSize: 64, epsilon: 0.1 }).fit(banditLog),
    (m: MlpPolicyLearner) => {
      const out = new Float64Array(3)
      return Array.from({ length: banditLog.length }, (_, i) => {
        m.actionProbabilities(banditLog, i, out)
        return Array.from(out)
      }).flat()
    },
  ],
]

describe.each(cases)("saving and loading %s", (name, make, predict) => {
  it("the loaded model has the same class, state bytes and predictions, bit for bit", async () => {
    const model = await make()
    const saved = modelState(model)
    const again = await modelFromStateAsync(saved)
    expect(again.constructor).toBe(model.constructor)
    expect(predict(again as never)).toEqual(predict(model as never))
    const resaved = modelState(again)
    expect(resaved.json).toBe(saved.json)
    expect(Array.from(resaved.binary)).toEqual(Array.from(saved.binary))
    const path = join(dir, name.replace(/\W+/g, "-"))
    saveModel(model, path)
    expect(predict((await loadModelAsync(path)) as never)).toEqual(predict(model as never))
  })
})

describe("the network store", () => {
  it("covers every model class on TensorFlow.js, all listed among the savable models", () => {
    expect(new Set(cases.map(([name]) => name.replace(/ \(.*/, "")))).toEqual(new Set(SAVABLE_NETWORK_MODELS))
    for (const name of SAVABLE_NETWORK_MODELS) expect(SAVABLE_MODELS).toContain(name)
  })

  it("a model saved here predicts the same in a fresh process, which loads TensorFlow.js only when it loads the model", async () => {
    // Runs against the built library (npm test builds first), as the lazy-loading tests do.
    const mlp = await new MultiInputMlp({
      seed: 7,
      inputs: [
        { name: "a", cols: 1, units: 3 },
        { name: "b", cols: 2, units: 3 },
      ],
      hidden: [4],
      epochs: 2,
      batchSize: 16,
      log,
    }).fit(tabular, labels)
    const path = join(dir, "fresh-process")
    saveModel(mlp, path)
    writeFileSync(join(dir, "features.json"), JSON.stringify(Array.from(tabular.data)))
    const script = `
      const L = require("./dist")
      const tfBefore = Object.keys(require.cache).some((k) => /@tensorflow/.test(k))
      L.selectBackend({ log: () => {} })
        .then(() => L.loadModelAsync(${JSON.stringify(path)}))
        .then((m) => {
          const data = Float32Array.from(require(${JSON.stringify(join(dir, "features.json"))}))
          const p = m.predictProba({ data, rows: ${tabular.rows}, cols: ${tabular.cols} })
          process.stdout.write(JSON.stringify({ tfBefore, p: Array.from(p) }))
        })`
    const r = spawnSync(process.execPath, ["-e", script], { cwd: join(__dirname, "..", ".."), encoding: "utf8" })
    expect(r.stderr).toBe("")
    const out = JSON.parse(r.stdout) as { tfBefore: boolean; p: number[] }
    expect(out.tfBefore).toBe(false)
    expect(out.p).toEqual(Array.from(mlp.predictProba(tabular)))
  })

  it("loadModelAsync loads the other models too, and a restored network replaces the one a model had", async () => {
    const forest = new RandomForest({ seed: 3, nEstimators: 3, maxDepth: 3 }).fit(tabular, labels)
    saveModel(forest, join(dir, "forest"))
    const loaded = await loadModelAsync<RandomForest>(join(dir, "forest"))
    expect(Array.from(loaded.predictProba(tabular))).toEqual(Array.from(forest.predictProba(tabular)))
    const [, make, predict] = cases[cases.length - 1]
    const trained = (await make()) as MlpPolicyLearner
    const other = await new MlpPolicyLearner({ seed: 4, hidden: [8], epochs: 1, epsilon: 0.1 }).fit(banditLog)
    const before = predict(other as never)
    await other.restoreNetwork(trained.fittedNetwork() as FittedNetwork)
    expect(predict(other as never)).toEqual(predict(trained as never))
    expect(predict(other as never)).not.toEqual(before)
  })

  it("the weights matter: one changed weight changes the predictions", async () => {
    const mlp = await new InterestMlp({ seed: 1, hidden: [4], epochs: 2, batchSize: 16, log }).fit(tabular, labels)
    const header = JSON.parse(modelState(mlp).json) as { fields: { weights: { values: { offset: number } }[] } }
    const saved = modelState(mlp)
    const binary = saved.binary.slice()
    const view = new DataView(binary.buffer)
    const at = header.fields.weights[0].values.offset
    view.setFloat32(at, view.getFloat32(at, true) + 0.5, true)
    const changed = await modelFromStateAsync<InterestMlp>({ json: saved.json, binary })
    expect(Array.from(changed.predictProba(tabular))).not.toEqual(Array.from(mlp.predictProba(tabular)))
  })

  it("names the file and the field when it cannot load a saved network, and refuses an unfitted one", async () => {
    const mlp = await new InterestMlp({ seed: 1, hidden: [8, 4], epochs: 1, batchSize: 16, log }).fit(tabular, labels)
    const path = join(dir, "mlp")
    saveModel(mlp, path)
    const json = readFileSync(`${path}.json`, "utf8")
    const bin = readFileSync(`${path}.bin`)
    const broken = (name: string, text: string, binary: Uint8Array = bin): string => {
      writeFileSync(join(dir, `${name}.json`), text)
      writeFileSync(join(dir, `${name}.bin`), binary)
      return join(dir, name)
    }
    const oneLine = async (p: string, message: string) => {
      const error = await loadModelAsync(p).then(
        () => undefined,
        (e: unknown) => e as Error,
      )
      expect(error?.message).toBe(message)
      expect(error?.message).not.toContain("\n")
    }
    let p = broken("version", json.replace(`"version": ${STATE_VERSION}`, '"version": 99'))
    await oneLine(
      p,
      `loadModelAsync: ${p}.json: decodeState: version 99 is not supported (this library reads version 1)`,
    )
    p = broken("short", json, bin.subarray(8))
    await oneLine(
      p,
      `loadModelAsync: ${p}.json: decodeState: the binary part has ${bin.length - 8} bytes, the JSON expects ${bin.length}`,
    )
    p = broken("hidden", json.replace(/"hidden": \[\n\s*8,\n\s*4\n\s*\]/, '"hidden": [8, 5]'))
    await oneLine(p, `loadModelAsync: ${p}.json: MLP 8-5-1: weights[2].shape is [8, 4], the network needs [8, 5]`)
    p = broken("mean", json.replace('"mean"', '"means"'))
    await oneLine(p, `loadModelAsync: ${p}.json: MLP 8-4-1: fitted.mean must be a Float32Array`)
    p = broken("seed", json.replace('"seed": 1', '"seed": 0.5'))
    await oneLine(p, `loadModelAsync: ${p}.json: InterestMlp: seed must be a safe integer, got 0.5`)
    const nextModel = await new NextCategoryModel({ encoder: "gru", ...sequence }).fit(next)
    const nextPath = join(dir, "next")
    saveModel(nextModel, nextPath)
    p = broken(
      "window",
      readFileSync(`${nextPath}.json`, "utf8").replace('"window": 4', '"window": 0'),
      readFileSync(`${nextPath}.bin`),
    )
    await oneLine(p, `loadModelAsync: ${p}.json: embedding + GRU: fitted.window must be an integer ≥ 1, got 0`)
    expect(() => loadModel(path)).toThrow(
      `loadModel: ${path}.json: modelFromState: the saved InterestMlp runs on TensorFlow.js; load it with await modelFromStateAsync(saved) or loadModelAsync(path)`,
    )
    expect(() => modelFromState(modelState(mlp))).toThrow("modelFromState: the saved InterestMlp runs on TensorFlow.js")
    expect(() => modelState(new InterestMlp({ seed: 1 }))).toThrow(
      "modelState: the InterestMlp is not fitted; call fit before saving it",
    )
  })
})
