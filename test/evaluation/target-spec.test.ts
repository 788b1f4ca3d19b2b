import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { UserError } from "../../src/config/user-error"
import type { ContextFreeTarget } from "../../src/evaluation/context-free-target"
import { GreedyModelTarget } from "../../src/evaluation/greedy-model-target"
import { IpwPolicyLearner } from "../../src/evaluation/ipw-policy-learner"
import { loadBanditLogSpec } from "../../src/evaluation/log-spec"
import { MlpPolicyLearner } from "../../src/evaluation/mlp-policy-learner"
import { resolveTargetSpec } from "../../src/evaluation/target-spec"
import { tempDir } from "../temp-dir"

const OBD = "data/open-bandit-dataset"
const dir = tempDir("il-target-spec-")
// 11 rounds, 2 actions, 0/1 rewards: action 1 pays when x > 0.
const logFile = join(dir, "log.csv")
writeFileSync(
  logFile,
  `${["action,reward,propensity,x", ...Array.from({ length: 11 }, (_, i) => `${i % 2},${i % 2 === 1 && i % 3 !== 0 ? 1 : 0},0.5,${(i % 3) - 1}`)].join("\n")}\n`,
)
const targetFile = join(dir, "target.csv")
writeFileSync(targetFile, "item_id,position,probability\n0,0,0.25\n1,0,0.75\n")

describe("resolveTargetSpec", () => {
  it("bts: BTS's item frequencies per position in the campaign's bts log, and that log's mean click as the on-policy value", async () => {
    const source = await loadBanditLogSpec({ log: OBD, campaign: "men" })
    const { target, log, onPolicy } = await resolveTargetSpec({ target: "bts" }, source)
    expect(log).toBe(source.log)
    // Counted here from the raw file: item_id, 1-based position, click.
    const [header, ...rows] = readFileSync(`${OBD}/bts/men/men.csv`, "utf8").trimEnd().split("\n")
    const col = (name: string): number => header.split(",").indexOf(name)
    const counts = Array.from({ length: 3 }, () => new Array<number>(34).fill(0))
    let clicks = 0
    for (const row of rows) {
      const f = row.split(",")
      counts[Number(f[col("position")]) - 1][Number(f[col("item_id")])]++
      clicks += Number(f[col("click")])
    }
    expect(onPolicy?.value).toBeCloseTo(clicks / rows.length, 15)
    expect(onPolicy?.value).toBeCloseTo(0.0069, 12)
    const probabilities = (target as ContextFreeTarget).probabilities
    for (let p = 0; p < 3; p++) {
      const total = counts[p].reduce((a, b) => a + b, 0)
      for (let a = 0; a < 34; a++) expect(probabilities[p * 34 + a]).toBeCloseTo(counts[p][a] / total, 15)
    }
  })

  it("uniform: 1/K for every action at every position, on the whole log", async () => {
    const source = await loadBanditLogSpec({ log: OBD })
    const { target, log, onPolicy } = await resolveTargetSpec({ target: "uniform" }, source)
    expect(log).toBe(source.log)
    expect(onPolicy).toBeUndefined()
    expect(Array.from((target as ContextFreeTarget).probabilities)).toEqual(new Array(34 * 3).fill(1 / 34))
  })

  it("a target CSV file, read for the log's actions and positions", async () => {
    const source = await loadBanditLogSpec({ log: logFile })
    const { target } = await resolveTargetSpec({ target: targetFile }, source)
    const out = new Float64Array(2)
    target.actionProbabilities(source.log, 0, out)
    expect(Array.from(out)).toEqual([0.25, 0.75])
  })

  it("learned: fitted on rounds 0..⌊n/2⌋−1 and evaluated on the others only", async () => {
    const source = await loadBanditLogSpec({ log: logFile })
    const q = await resolveTargetSpec({ target: "learned", epsilon: 0.2 }, source)
    expect(q.target).toBeInstanceOf(GreedyModelTarget)
    expect(q.target.name).toBe("0.2-greedy on a logistic regression learned from rounds 0..4")
    expect(q.log.length).toBe(6)
    expect(Array.from(q.log.action)).toEqual(Array.from(source.log.action.subarray(5)))
    const out = new Float64Array(2)
    for (let i = 0; i < q.log.length; i++) {
      q.target.actionProbabilities(q.log, i, out)
      expect([...out].sort()).toEqual([0.1, 0.9].map((x) => expect.closeTo(x, 12)))
    }
    const ipw = await resolveTargetSpec({ target: "learned", learner: "ipw" }, source)
    expect(ipw.target).toBeInstanceOf(IpwPolicyLearner)
    expect(ipw.log.length).toBe(6)
  })

  it("learned with mlp: a seeded MLP policy fitted on the first half, the same probabilities for the same seed", async () => {
    const source = await loadBanditLogSpec({ log: logFile })
    const probabilities = async (seed: number): Promise<number[]> => {
      const { target, log } = await resolveTargetSpec({ target: "learned", learner: "mlp", epsilon: 0.2, seed }, source)
      expect(target).toBeInstanceOf(MlpPolicyLearner)
      expect(log.length).toBe(6)
      const out = new Float64Array(2)
      const all: number[] = []
      for (let i = 0; i < log.length; i++) {
        target.actionProbabilities(log, i, out)
        expect(out[0] + out[1]).toBeCloseTo(1, 12)
        // greedy on the network with ε = 0.2 uniform: 0.9 for the chosen action, 0.1 for the other
        expect([...out].sort()).toEqual([0.1, 0.9].map((x) => expect.closeTo(x, 12)))
        all.push(...out)
      }
      return all
    }
    expect(await probabilities(3)).toEqual(await probabilities(3))
  }, 60_000)

  it.each([
    [
      { target: "bts" },
      logFile,
      "target bts: needs the log to be the Open Bandit Dataset folder (it reads the bts log of the campaign)",
    ],
    [{ target: "ucb" }, logFile, "target: 'ucb' is neither a file nor one of bts, uniform, learned"],
    [{ target: "learned", learner: "dqn" as "q" }, logFile, "learner: expected q, ipw or mlp, got 'dqn'"],
  ])("refuses %j with one line naming the field", async (spec, log, message) => {
    const error = await resolveTargetSpec(spec, await loadBanditLogSpec({ log })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(message)
  })

  it("learned needs 4 rounds to split", async () => {
    const tiny = join(dir, "tiny.csv")
    writeFileSync(tiny, "action,reward,propensity\n0,1,0.5\n1,0,0.5\n1,1,0.5\n")
    const error = await resolveTargetSpec({ target: "learned" }, await loadBanditLogSpec({ log: tiny })).catch(
      (e: unknown) => e,
    )
    expect((error as Error).message).toBe("target learned: the log needs at least 4 rounds to split in halves")
  })
})
