import * as tf from "@tensorflow/tfjs"
import { describe, expect, it } from "vitest"
import { clickDataset } from "../../src/neural/click-dataset"
import { compareClassifiers } from "../../src/neural/compare-classifiers"
import { InterestMlp } from "../../src/neural/interest-mlp"
import { LogisticClassifier } from "../../src/neural/logistic-classifier"
import { MultiInputMlp } from "../../src/neural/multi-input-mlp"
import { selectRows } from "../../src/neural/tabular-features"
import { createRng } from "../../src/random/rng"
import { generateWorld } from "../../src/world/world"
import { simulateEvents } from "../../src/world/simulate-events"

const log = () => undefined
const world = generateWorld({ users: 300, items: 120, days: 20, seed: 3 })
const data = clickDataset(world, simulateEvents(world).events, 3000, createRng(3, 9))
const all = Int32Array.from({ length: 3000 }, (_, i) => i)
const train = { x: selectRows(data.x, all.subarray(0, 2400)), y: data.y.subarray(0, 2400) }
const test = { x: selectRows(data.x, all.subarray(2400)), y: data.y.subarray(2400) }

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0
  let mb = 0
  for (let i = 0; i < a.length; i++) {
    ma += a[i] / a.length
    mb += b[i] / b.length
  }
  let sab = 0
  let saa = 0
  let sbb = 0
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb)
    saa += (a[i] - ma) ** 2
    sbb += (b[i] - mb) ** 2
  }
  return sab / Math.sqrt(saa * sbb)
}

describe("InterestMlp", () => {
  it("is reproducible from its seed (initializers, dropout and batch order) and ranks clicks better than chance", async () => {
    const a = await new InterestMlp({
      seed: 4,
      hidden: [32, 16],
      dropout: 0.1,
      epochs: 6,
      learningRate: 0.003,
      log,
    }).fit(train.x, train.y)
    const b = await new InterestMlp({
      seed: 4,
      hidden: [32, 16],
      dropout: 0.1,
      epochs: 6,
      learningRate: 0.003,
      log,
    }).fit(train.x, train.y)
    const pa = a.predictProba(test.x)
    expect(b.predictProba(test.x)).toEqual(pa)
    expect(a.history_?.backend).toBe("wasm")
    // Clicks are rare (≈2.5%), so test labels are noisy; the world's true P(click) is not: learned
    // probabilities must track it.
    const truth = data.trueProbability.subarray(2400)
    expect(pearson(pa, truth)).toBeGreaterThan(0.2)
    const [mlp, lr] = await compareClassifiers([a, new LogisticClassifier()], train, test, 0.05)
    expect(pearson(new LogisticClassifier().fit(train.x, train.y).predictProba(test.x), truth)).toBeGreaterThan(0.3)
    expect(Number.isFinite(mlp.logLoss) && Number.isFinite(lr.logLoss)).toBe(true)
    a.dispose()
    b.dispose()
  })

  it("names the Dense 128-64-1 architecture of seed 000 §1 and validates options", () => {
    expect(new InterestMlp({ seed: 1 }).name).toBe("MLP 128-64-1")
    expect(() => new InterestMlp({ seed: 1, dropout: 1 })).toThrow(/dropout must be in \[0, 1\), got 1/)
    expect(() => new InterestMlp({ seed: 1, hidden: [] })).toThrow(/hidden must be a non-empty list/)
    expect(() => new InterestMlp({ seed: 1, epochs: 0 })).toThrow(/epochs must be a positive integer, got 0/)
  })

  it("rejects NaN features and predicting before fit, naming the input", async () => {
    const bad = { ...train.x, data: train.x.data.slice() }
    bad.data[3 * bad.cols + 2] = NaN
    await expect(new InterestMlp({ seed: 1, log }).fit(bad, train.y)).rejects.toThrow(
      /InterestMlp|MLP 128-64-1\.fit x: row 3, column 2 \(user share [^)]*\) is NaN/,
    )
    expect(() => new InterestMlp({ seed: 1 }).predictProba(test.x)).toThrow(/call fit first/)
  })
})

describe("MultiInputMlp", () => {
  it("trains user, item, context and match branches and checks the column groups", async () => {
    const m = await new MultiInputMlp({ seed: 2, inputs: data.groups, hidden: [32, 16], epochs: 2, log }).fit(
      train.x,
      train.y,
    )
    expect(m.model_?.inputs.map((i) => i.shape[1])).toEqual(data.groups.map((g) => g.cols))
    expect(m.predictProba(test.x).length).toBe(test.x.rows)
    m.dispose()
    const wrong = new MultiInputMlp({ seed: 2, inputs: [{ name: "user", cols: 3, units: 4 }], log })
    await expect(wrong.fit(train.x, train.y)).rejects.toThrow(/has 38 columns but the inputs \(user 3\) add up to 3/)
    expect(tf.memory().numTensors).toBeLessThan(50)
  })
})
