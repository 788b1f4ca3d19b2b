import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { ContextFreeTarget } from "../../src/evaluation/context-free-target"
import type { MlpPolicyLearner } from "../../src/evaluation/mlp-policy-learner"
import { loadBanditLogSpec } from "../../src/evaluation/log-spec"
import { resolveTargetSpec } from "../../src/evaluation/target-spec"
import { tempDir } from "../temp-dir"

// The defaults, names and boundaries of `resolveTargetSpec` that target-spec.test.ts leaves open.

/** A generic CSV log written to a new folder. */
function logFile(text: string): string {
  const path = join(tempDir("target-spec-exact-"), "log.csv")
  writeFileSync(path, text)
  return path
}

/** n rounds of actions 0/1 with reward `reward(i)` and one feature. */
const rounds = (n: number, reward: (i: number) => number): string =>
  `${["action,reward,propensity,x", ...Array.from({ length: n }, (_, i) => `${i % 2},${reward(i)},0.5,${(i % 3) - 1}`)].join("\n")}\n`

describe("resolveTargetSpec's defaults and names", () => {
  it("bts names the campaign it read", async () => {
    const source = await loadBanditLogSpec({ log: "data/open-bandit-dataset", campaign: "women" })
    const { target } = await resolveTargetSpec({ target: "bts" }, source)
    expect(target.name).toBe("Bernoulli TS (women), item frequencies of the bts log")
  })

  it("learned: the q learner with ε = 0.1 by default, logistic for 0/1 rewards", async () => {
    const source = await loadBanditLogSpec({ log: logFile(rounds(11, (i) => (i % 2 === 1 && i % 3 !== 0 ? 1 : 0))) })
    const { target, log } = await resolveTargetSpec({ target: "learned" }, source)
    expect(target.name).toBe("0.1-greedy on a logistic regression learned from rounds 0..4")
    const out = new Float64Array(2)
    target.actionProbabilities(log, 0, out)
    expect([...out].sort()).toEqual([0.05, 0.95].map((x) => expect.closeTo(x, 12)))
    const q = await resolveTargetSpec({ target: "learned", learner: "q", epsilon: 0 }, source)
    expect(q.target.name).toBe("0-greedy on a logistic regression learned from rounds 0..4")
  })

  it("learned: ridge when a reward is not 0/1, from four rounds (the fewest that split)", async () => {
    const source = await loadBanditLogSpec({ log: logFile(rounds(4, (i) => i / 4)) })
    const { target, log } = await resolveTargetSpec({ target: "learned" }, source)
    expect(target.name).toBe("0.1-greedy on a ridge regression learned from rounds 0..1")
    expect(Array.from(log.reward)).toEqual([0.5, 0.75])
  })

  it("learned with ipw: ε = 0.1 by default", async () => {
    const source = await loadBanditLogSpec({ log: logFile(rounds(8, (i) => i % 2)) })
    const { target, log } = await resolveTargetSpec({ target: "learned", learner: "ipw" }, source)
    expect(target.name).toBe("IPW learner (weighted softmax regression, 0.1-greedy)")
    expect(log.length).toBe(4)
  })

  it("learned with mlp: seed 1 by default, else the seed given", async () => {
    const source = await loadBanditLogSpec({ log: logFile(rounds(8, (i) => i % 2)) })
    const seedOf = async (seed?: number): Promise<number> => {
      const { target } = await resolveTargetSpec({ target: "learned", learner: "mlp", seed }, source)
      return (target as MlpPolicyLearner).options.seed
    }
    expect(await seedOf()).toBe(1)
    expect(await seedOf(5)).toBe(5)
  }, 60_000)

  it("a target CSV in the log's own item ids", async () => {
    const source = await loadBanditLogSpec({ log: logFile("action,reward,propensity\n10,1,0.5\n20,0,0.5\n20,1,0.5\n") })
    expect(source.log.actionIds).toEqual([10, 20])
    const path = join(tempDir("target-spec-exact-"), "target.csv")
    writeFileSync(path, "item_id,position,probability\n20,0,1\n")
    const { target, log } = await resolveTargetSpec({ target: path }, source)
    expect(target.name).toBe(path)
    expect(Array.from((target as ContextFreeTarget).probabilities)).toEqual([0, 1])
    expect(log).toBe(source.log)
  })
})
