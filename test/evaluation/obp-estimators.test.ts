import { describe, expect, it } from "vitest"
import type { BanditLog } from "../../src/schema/bandit-log"
import { loadOpenBanditLog } from "../../src/data/open-bandit"
import { readOpenBanditItemEmbedding } from "../../src/data/open-bandit-items"
import { balancedPropensity } from "../../src/evaluation/balanced-propensity"
import { ContextFreeTarget, actionFrequencyTarget } from "../../src/evaluation/context-free-target"
import { offPolicyEstimator } from "../../src/evaluation/estimators"
import { marginalImportanceWeights } from "../../src/schema/item-embedding"
import {
  MarginalizedInverseProbabilityWeighting,
  SelfNormalizedMarginalizedInverseProbabilityWeighting,
} from "../../src/evaluation/mips"
import { estimatePolicyValue, type OffPolicyInput } from "../../src/evaluation/off-policy-estimator"
import { offPolicyInput } from "../../src/evaluation/off-policy-input"
import { ShrunkDoublyRobust } from "../../src/evaluation/shrunk-dr"
import { ShrunkInverseProbabilityWeighting } from "../../src/evaluation/shrunk-ipw"
import { slope, slopeWidth, studentTQuantile } from "../../src/evaluation/slope"
import { tuneBySlope } from "../../src/evaluation/slope-tuning"
import { SwitchDoublyRobust } from "../../src/evaluation/switch-dr"
import { shrinkWeight } from "../../src/evaluation/weight-shrinkage"

// Reference numbers: Open Bandit Pipeline's own estimator classes (obp/ope/estimators.py,
// estimators_embed.py, estimators_multi.py, estimators_tuning.py) run by hand on Debian's numpy 1.24,
// scipy 1.10, scikit-learn 1.2, pandas 1.5: test/evaluation/reference/obp_estimators.py.
// Log: OBD random/men (10,000 rounds, 34 items, 3 positions); target: BTS's item frequencies per
// position in bts/men; reward model: the smoothed click rate per (item, position), (clicks + 1)/(shows + 2).
const OBP = {
  "ipw-clip(5)": 0.005555943076239999,
  "ipw-sg(0.1)": 0.004640323645126929,
  dr: 0.005938614982637241,
  "dr-clip(5)": 0.006558933327079492,
  "dros(10)": 0.01048092250246764,
  "dr-sg(0.1)": 0.007602514436403064,
  "switch-dr(5)": 0.008985577598164504,
  sndr: 0.005792626449379172,
  "dros(10) stderr": 0.0005594849549753416,
  mips: 0.008896184598953692,
  "mips stderr": 0.0034615391833411084,
  "mips max weight": 31.22489685322911,
  snmips: 0.00493534039418915,
  "balanced-ipw": 0.006602357201717811,
  "ipw-clip slope value": 0.003493792807245886,
  "ipw-clip slope lambda": 2.0,
  "dros slope value": 0.007254199727118417,
  "dros slope lambda": 100.0,
  "ipw student-t width (delta 0.1)": 0.0017912142071793862,
}

/** The input of every check: importance weights from the logs, the tabular reward model added by hand. */
async function setup(): Promise<{
  random: BanditLog
  bts: BanditLog
  target: ContextFreeTarget
  input: OffPolicyInput
}> {
  const random = await loadOpenBanditLog("data/open-bandit-dataset", "random", "men")
  const bts = await loadOpenBanditLog("data/open-bandit-dataset", "bts", "men")
  const target = actionFrequencyTarget(bts, "bts")
  const K = random.nActions
  const P = random.nPositions
  const clicks = new Float64Array(K * P)
  const shows = new Float64Array(K * P)
  for (let i = 0; i < random.length; i++) {
    clicks[random.action[i] * P + random.position[i]] += random.reward[i]
    shows[random.action[i] * P + random.position[i]] += 1
  }
  const q = (a: number, p: number): number => (clicks[a * P + p] + 1) / (shows[a * P + p] + 2)
  const logged = new Float64Array(random.length)
  const expected = new Float64Array(random.length)
  const pi = new Float64Array(K)
  for (let i = 0; i < random.length; i++) {
    target.actionProbabilities(random, i, pi)
    logged[i] = q(random.action[i], random.position[i])
    for (let a = 0; a < K; a++) expected[i] += pi[a] * q(a, random.position[i])
  }
  return {
    random,
    bts,
    target,
    input: { ...offPolicyInput(random, target), loggedRewardModel: logged, targetRewardModel: expected },
  }
}

/** Two logs of the same items and positions as one context-free log (context dropped). */
function pool(a: BanditLog, b: BanditLog): BanditLog {
  const cat = <T extends Int32Array | Float64Array>(x: T, y: T, make: (n: number) => T): T => {
    const out = make(x.length + y.length)
    out.set(x)
    out.set(y, x.length)
    return out
  }
  return {
    ...a,
    length: a.length + b.length,
    action: cat(a.action, b.action, (n) => new Int32Array(n)),
    position: cat(a.position, b.position, (n) => new Int32Array(n)),
    reward: cat(a.reward, b.reward, (n) => new Float64Array(n)),
    propensity: cat(a.propensity, b.propensity, (n) => new Float64Array(n)),
    featureNames: [],
    context: new Float64Array(0),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: `${a.source} + ${b.source}`,
  }
}

describe("weight shrinkage", () => {
  it("follows OBP's formulas", () => {
    expect(shrinkWeight(20, "clip", 10)).toBe(10)
    expect(shrinkWeight(2, "optimistic", 4)).toBe(1) // 4·2/(4 + 4)
    expect(shrinkWeight(3, "optimistic", Infinity)).toBe(3)
    expect(shrinkWeight(3, "sub-gaussian", 0.5)).toBe(1.5) // 3/(0.5 + 1.5)
    expect(shrinkWeight(3, "sub-gaussian", 0)).toBe(3)
    expect(() => new ShrunkInverseProbabilityWeighting("sub-gaussian", 2)).toThrow(
      /ipw-sg: lambda must be in \[0, 1\], got 2/,
    )
    expect(() => new ShrunkDoublyRobust("optimistic", -1)).toThrow(/dros: lambda must be >= 0/)
  })
})

describe("Open Bandit Pipeline's estimators on the Open Bandit random log (men)", async () => {
  const { random, bts, target, input } = await setup()
  const value = (name: string, options = {}): number =>
    estimatePolicyValue(offPolicyEstimator(name, options), input).value

  it("clipped, sub-Gaussian and shrunk IPW/DR equal OBP to 1e-15", () => {
    expect(value("ipw-clip", { clip: 5 })).toBeCloseTo(OBP["ipw-clip(5)"], 15)
    expect(value("ipw-sg", { subGaussian: 0.1 })).toBeCloseTo(OBP["ipw-sg(0.1)"], 15)
    expect(value("dr")).toBeCloseTo(OBP.dr, 15)
    expect(value("dr-clip", { clip: 5 })).toBeCloseTo(OBP["dr-clip(5)"], 15)
    expect(value("dros", { shrinkage: 10 })).toBeCloseTo(OBP["dros(10)"], 15)
    expect(value("dr-sg", { subGaussian: 0.1 })).toBeCloseTo(OBP["dr-sg(0.1)"], 15)
    expect(estimatePolicyValue(new SwitchDoublyRobust({ threshold: 5 }), input).value).toBeCloseTo(
      OBP["switch-dr(5)"],
      15,
    )
    expect(value("sndr")).toBeCloseTo(OBP.sndr, 15)
    expect(estimatePolicyValue(offPolicyEstimator("dros", { shrinkage: 10 }), input).stderr).toBeCloseTo(
      OBP["dros(10) stderr"],
      15,
    )
    // the limits: DRos with λ = ∞ is DR, with λ = 0 it is DM
    expect(value("dros", { shrinkage: Infinity })).toBeCloseTo(OBP.dr, 15)
    expect(value("dros", { shrinkage: 0 })).toBeCloseTo(value("dm"), 15)
  })

  it("MIPS with the item context's categorical features equals OBP's exact-p(e|a) MIPS", async () => {
    const embedding = await readOpenBanditItemEmbedding("data/open-bandit-dataset/random/men/item_context.csv")
    expect(embedding.nActions).toBe(34)
    const uniform = new ContextFreeTarget("uniform", 34, 3, new Float64Array(34 * 3).fill(1 / 34))
    const marginalWeight = marginalImportanceWeights(random, target, uniform, embedding)
    const mips = estimatePolicyValue(new MarginalizedInverseProbabilityWeighting(), { ...input, marginalWeight })
    expect(mips.value).toBeCloseTo(OBP.mips, 15)
    expect(mips.stderr).toBeCloseTo(OBP["mips stderr"], 15)
    expect(Math.max(...marginalWeight)).toBeCloseTo(OBP["mips max weight"], 12)
    expect(
      estimatePolicyValue(new SelfNormalizedMarginalizedInverseProbabilityWeighting(), { ...input, marginalWeight })
        .value,
    ).toBeCloseTo(OBP.snmips, 15)
    expect(() => estimatePolicyValue(new MarginalizedInverseProbabilityWeighting(), input)).toThrow(
      /mips: the input needs 'marginalWeight'/,
    )
  })

  it("balanced IPW on the pooled random + bts logs equals OBP's multi-logger balanced IPW", () => {
    const pooled = pool(random, bts)
    const uniform = new ContextFreeTarget("uniform", 34, 3, new Float64Array(34 * 3).fill(1 / 34))
    const pscoreAvg = balancedPropensity(pooled, [uniform, target], [0.5, 0.5])
    const balanced = { ...offPolicyInput(pooled, target), propensity: pscoreAvg }
    expect(estimatePolicyValue(offPolicyEstimator("ipw"), balanced).value).toBeCloseTo(OBP["balanced-ipw"], 15)
    expect(() => balancedPropensity(pooled, [uniform], [0.5])).toThrow(/shares must be >= 0 and sum to 1/)
  })

  it("SLOPE picks OBP's hyper-parameter and value", () => {
    expect(studentTQuantile(0.9, 9999) * estimatePolicyValue(offPolicyEstimator("ipw"), input).stderr).toBeCloseTo(
      OBP["ipw student-t width (delta 0.1)"],
      12,
    )
    const clip = tuneBySlope((l) => new ShrunkInverseProbabilityWeighting("clip", l), [0.5, 1, 2, 5, 10, 50], input)
    expect(clip.lambda).toBe(OBP["ipw-clip slope lambda"])
    expect(clip.value).toBeCloseTo(OBP["ipw-clip slope value"], 15)
    const dros = tuneBySlope((l) => new ShrunkDoublyRobust("optimistic", l), [0.1, 1, 10, 100, 1000], input)
    expect(dros.lambda).toBe(OBP["dros slope lambda"])
    expect(dros.value).toBeCloseTo(OBP["dros slope value"], 15)
  })
})

describe("SLOPE", () => {
  it("keeps the narrowest estimate that agrees with every wider one", () => {
    // widths 0.2 > 0.1 > 0.01; C = √6 − 1 ≈ 1.449: |0.45 − 0.5| ≤ 0.1 + 1.449·0.2 accepts; |0.1 − 0.5| > 0.01 + 0.29 rejects
    const choice = slope([
      { name: "dm", value: 0.1, width: 0.01 },
      { name: "ipw", value: 0.5, width: 0.2 },
      { name: "dr", value: 0.45, width: 0.1 },
    ])
    expect(choice.chosen).toBe("dr")
    expect(choice.tested.map((t) => [t.name, t.accepted])).toEqual([
      ["ipw", true],
      ["dr", true],
      ["dm", false],
    ])
    expect(choice.reason).toMatch(/dm .* contradicts them/)
    expect(
      slope([
        { name: "a", value: 1, width: 1 },
        { name: "b", value: 1.1, width: 0.5 },
      ]).chosen,
    ).toBe("b")
    expect(slopeWidth(10000, 1)).toBeCloseTo(studentTQuantile(0.9, 9999), 15)
    // scipy.stats.t.ppf(0.975, 10) = 2.2281388519649385
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281388519649385, 9)
  })
})
