import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import {
  ContextFreeTarget,
  actionFrequencyTarget,
  contextFreeTargetFromPolicy,
  readContextFreeTarget,
  uniformTarget,
} from "../../src/evaluation/context-free-target"
import { EpsilonGreedy } from "../../src/bandits/epsilon-greedy"
import type { BanditLog } from "../../src/schema/bandit-log"
import { tempDir } from "../temp-dir"

const file = (text: string): string => {
  const path = join(tempDir("target-"), "target.csv")
  writeFileSync(path, text)
  return path
}

describe("context-free targets", () => {
  it("reads item_id,position,probability and round-trips through toCsv", async () => {
    const target = await readContextFreeTarget(file("item_id,position,probability\n0,0,0.25\n2,0,0.75\n1,1,1\n"), 3, 2)
    expect([...target.probabilities]).toEqual([0.25, 0, 0.75, 0, 1, 0])
    const again = await readContextFreeTarget(file(target.toCsv()), 3, 2)
    expect(again.probabilities).toEqual(target.probabilities)
  })

  it("checks that each position sums to 1, ranges and duplicates, naming file:row:column", async () => {
    await expect(
      readContextFreeTarget(file("item_id,position,probability\n0,0,0.5\n1,0,0.4\n"), 2, 1, "t.csv"),
    ).rejects.toThrow("t.csv:3:probability: probabilities at position 0 sum to 0.9")
    await expect(readContextFreeTarget(file("item_id,position,probability\n0,1,1\n"), 2, 1, "t.csv")).rejects.toThrow(
      "t.csv:2:position: position 1 is out of range: allowed 0..0",
    )
    await expect(readContextFreeTarget(file("item_id,position,probability\n0,0,1.5\n"), 2, 1, "t.csv")).rejects.toThrow(
      "t.csv:2:probability: probability '1.5' is not in [0, 1]",
    )
    await expect(
      readContextFreeTarget(file("item_id,position,probability\n0,0,0.5\n0,0,0.5\n"), 2, 1, "t.csv"),
    ).rejects.toThrow("t.csv:3:item_id: item 0 at position 0 is listed twice")
    await expect(readContextFreeTarget(file("item,position,probability\n"), 2, 1, "t.csv")).rejects.toThrow(
      "t.csv:1:item_id: missing column 'item_id'",
    )
    expect(() => new ContextFreeTarget("x", 2, 1, Float64Array.of(0.5, 0.6))).toThrow(/sum to 1.1/)
  })

  it("action frequencies of a log, position by position", () => {
    const log = {
      length: 5,
      nActions: 3,
      nPositions: 2,
      action: Int32Array.of(0, 2, 2, 1, 1),
      position: Int32Array.of(0, 0, 0, 1, 1),
    } as unknown as BanditLog
    const t = actionFrequencyTarget(log, "freq")
    expect([...t.probabilities].map((x) => +x.toFixed(12))).toEqual([0.333333333333, 0, 0.666666666667, 0, 1, 0])
  })

  it("freezes a trained bandit policy into the same distribution at every position", () => {
    const policy = new EpsilonGreedy({ arms: 4, epsilon: 0.2 })
    policy.update(2, 1)
    const t = contextFreeTargetFromPolicy(policy, 2)
    // ε/K = 0.05 everywhere, plus 0.8 on the greedy arm 2
    expect([...t.probabilities].map((x) => +x.toFixed(12))).toEqual([0.05, 0.05, 0.85, 0.05, 0.05, 0.05, 0.85, 0.05])
  })
})

describe("uniformTarget", () => {
  it("gives every action 1/K at every position, named as asked", () => {
    const t = uniformTarget(4, 2, "random")
    expect(t.name).toBe("random")
    expect(Array.from(t.probabilities)).toEqual(new Array(8).fill(0.25))
    expect(uniformTarget(3, 1).name).toBe("uniform")
  })
})
