import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { Policy } from "../../src/bandits/policy"
import {
  ContextFreeTarget,
  actionFrequencyTarget,
  readContextFreeTarget,
} from "../../src/evaluation/context-free-target"
import { GreedyModelTarget } from "../../src/evaluation/greedy-model-target"
import { offPolicyInput } from "../../src/evaluation/off-policy-input"
import { PolicyTarget } from "../../src/evaluation/policy-target"
import type { RewardModel } from "../../src/evaluation/reward-model"
import type { Rng } from "../../src/random/rng"
import type { BanditLog } from "../../src/schema/bandit-log"
import type { TargetPolicy } from "../../src/schema/target-policy"
import { tempDir } from "../temp-dir"

// Exact values, boundaries and messages of the target helpers (context-free targets, `PolicyTarget` and
// `offPolicyInput`), every number worked out by hand in the comments. The data are built inside each test.

/** A log of `actions` at `positions` with two numeric features per round: round i has context (2i + 1, 2i + 2). */
function smallLog(actions: number[], positions: number[], nActions: number, nPositions: number): BanditLog {
  const n = actions.length
  return {
    length: n,
    nActions,
    nPositions,
    action: Int32Array.from(actions),
    position: Int32Array.from(positions),
    reward: new Float64Array(n),
    propensity: new Float64Array(n).fill(1 / nActions),
    featureNames: ["x", "y"],
    context: Float64Array.from({ length: 2 * n }, (_, j) => j + 1),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: "small",
  }
}

const file = (text: string): string => {
  const path = join(tempDir("targets-exact-"), "written.csv")
  writeFileSync(path, text)
  return path
}

const HEADER = "item_id,position,probability\n"

describe("ContextFreeTarget's checks", () => {
  it("refuses action and position counts that are not positive integers, naming the count", () => {
    const one = Float64Array.of(1)
    expect(() => new ContextFreeTarget("x", 0, 1, new Float64Array(0))).toThrow(
      "ContextFreeTarget: nActions must be a positive integer, got 0",
    )
    expect(() => new ContextFreeTarget("x", 1.5, 1, one)).toThrow(
      "ContextFreeTarget: nActions must be a positive integer, got 1.5",
    )
    expect(() => new ContextFreeTarget("x", 1, 0, new Float64Array(0))).toThrow(
      "ContextFreeTarget: nPositions must be a positive integer, got 0",
    )
    expect(() => new ContextFreeTarget("x", 1, 2.5, one)).toThrow(
      "ContextFreeTarget: nPositions must be a positive integer, got 2.5",
    )
    // one action at one position is the smallest target there is
    expect(Array.from(new ContextFreeTarget("one", 1, 1, one).probabilities)).toEqual([1])
  })

  it("needs nPositions × nActions entries", () => {
    expect(() => new ContextFreeTarget("x", 2, 3, new Float64Array(5).fill(0.5))).toThrow(
      "ContextFreeTarget: probabilities must have nPositions × nActions = 6 entries, got 5",
    )
  })

  it("needs every probability in [0, 1] (0 and 1 included), even when the row sums to 1", () => {
    expect(() => new ContextFreeTarget("x", 2, 1, Float64Array.of(1.25, -0.25))).toThrow(
      "ContextFreeTarget: probability of action 0 at position 0 must be in [0, 1], got 1.25",
    )
    expect(() => new ContextFreeTarget("x", 2, 1, Float64Array.of(-0.25, 1.25))).toThrow(
      "ContextFreeTarget: probability of action 0 at position 0 must be in [0, 1], got -0.25",
    )
    expect(() => new ContextFreeTarget("x", 2, 2, Float64Array.of(0.5, 0.5, 0.5, Number.NaN))).toThrow(
      "ContextFreeTarget: probability of action 1 at position 1 must be in [0, 1], got NaN",
    )
    expect(Array.from(new ContextFreeTarget("x", 2, 1, Float64Array.of(0, 1)).probabilities)).toEqual([0, 1])
  })

  it("needs each position to sum to 1 within 10⁻⁶, naming the position", () => {
    expect(() => new ContextFreeTarget("x", 2, 2, Float64Array.of(0.5, 0.5, 0.5, 0.25))).toThrow(
      "ContextFreeTarget: probabilities at position 1 sum to 0.75, must sum to 1",
    )
    // 0.5 + 0.4999995 is 5·10⁻⁷ short of 1: inside the tolerance
    expect(() => new ContextFreeTarget("x", 2, 1, Float64Array.of(0.5, 0.4999995))).not.toThrow()
  })
})

describe("ContextFreeTarget's distributions", () => {
  it("gives each round the row of its position", () => {
    const t = new ContextFreeTarget("t", 3, 2, Float64Array.of(0.25, 0, 0.75, 0.5, 0.5, 0))
    const log = smallLog([0, 1], [1, 0], 3, 2)
    const out = new Float64Array(3)
    t.actionProbabilities(log, 0, out)
    expect(Array.from(out)).toEqual([0.5, 0.5, 0])
    t.actionProbabilities(log, 1, out)
    expect(Array.from(out)).toEqual([0.25, 0, 0.75])
  })

  it("refuses a round at a position the target does not define (position = nPositions included)", () => {
    const t = new ContextFreeTarget("two slots", 2, 2, Float64Array.of(0.5, 0.5, 1, 0))
    const log = smallLog([0, 1], [1, 2], 2, 3)
    expect(() => t.actionProbabilities(log, 1, new Float64Array(2))).toThrow(
      "two slots: round 1 is at position 2 but the target defines positions 0..1",
    )
  })

  it("writes CSV rows position by position, the zeros left out", () => {
    const t = new ContextFreeTarget("t", 3, 2, Float64Array.of(0.25, 0, 0.75, 0.5, 0.5, 0))
    expect(t.toCsv()).toBe(`${HEADER}0,0,0.25\n2,0,0.75\n0,1,0.5\n1,1,0.5\n`)
  })

  it("action frequencies divide each position's counts by that position's rounds only", () => {
    // position 0: actions 0, 2, 2 (3 rounds) → 1/3, 0, 2/3; position 1: actions 0, 1 (2 rounds) → 1/2, 1/2, 0
    const t = actionFrequencyTarget(smallLog([0, 2, 2, 0, 1], [0, 0, 0, 1, 1], 3, 2), "freq")
    expect(t.name).toBe("freq")
    expect(Array.from(t.probabilities)).toEqual([1 / 3, 0, 2 / 3, 0.5, 0.5, 0])
  })

  it("action frequencies refuse a position with no round", () => {
    expect(() => actionFrequencyTarget(smallLog([0, 1], [0, 0], 2, 2), "freq")).toThrow(
      "actionFrequencyTarget: the log has no round at position 1",
    )
  })
})

describe("readContextFreeTarget", () => {
  it("reads rows in any order, explicit zeros included", async () => {
    const t = await readContextFreeTarget(file(`${HEADER}1,1,1\n0,0,0.25\n1,0,0\n2,0,0.75\n`), 3, 2)
    expect(Array.from(t.probabilities)).toEqual([0.25, 0, 0.75, 0, 1, 0])
  })

  it("maps the file's own item ids through the log's actionIds", async () => {
    const ids = [101, 205, 307]
    const t = await readContextFreeTarget(file(`${HEADER}307,0,0.5\n205,0,0.5\n`), 3, 1, "t.csv", ids)
    expect(Array.from(t.probabilities)).toEqual([0, 0.5, 0.5])
    await expect(readContextFreeTarget(file(`${HEADER}999,0,1\n`), 3, 1, "t.csv", ids)).rejects.toThrow(
      "t.csv:2:item_id: item_id 999 is not an action of the log (3 distinct ids, from 101 to 307)",
    )
    await expect(readContextFreeTarget(file(`${HEADER}abc,0,1\n`), 3, 1, "t.csv", ids)).rejects.toThrow(
      "t.csv:2:item_id: item_id 'abc' is not an integer",
    )
    await expect(readContextFreeTarget(file(`${HEADER}-1,0,1\n`), 3, 1, "t.csv", ids)).rejects.toThrow(
      "t.csv:2:item_id: item_id -1 is out of range: allowed 0..2147483646",
    )
  })

  it("names the bad item, position and probability with file:row:column", async () => {
    const bad = async (rows: string, message: string): Promise<void> => {
      await expect(readContextFreeTarget(file(HEADER + rows), 3, 2, "t.csv")).rejects.toThrow(message)
    }
    await bad("3,0,1\n", "t.csv:2:item_id: item_id 3 is out of range: allowed 0..2")
    await bad("x,0,1\n", "t.csv:2:item_id: item_id 'x' is not an integer")
    await bad("0,2,1\n", "t.csv:2:position: position 2 is out of range: allowed 0..1")
    await bad("0,0,\n", "t.csv:2:probability: probability '' is not in [0, 1]")
    await bad("0,0,-0.5\n", "t.csv:2:probability: probability '-0.5' is not in [0, 1]")
    await bad("0,0,1\n1,1,0.5\n1,1,0.5\n", "t.csv:4:item_id: item 1 at position 1 is listed twice")
    await bad("0,0\n", "t.csv:2: expected 3 fields as in the header, found 2")
  })

  it("checks each position's sum, naming its last row (row 1 for a position with none)", async () => {
    await expect(readContextFreeTarget(file(`${HEADER}0,0,1\n2,1,0.5\n`), 3, 2, "t.csv")).rejects.toThrow(
      "t.csv:3:probability: probabilities at position 1 sum to 0.5, must sum to 1 over items",
    )
    await expect(readContextFreeTarget(file(`${HEADER}0,0,1\n`), 3, 2, "t.csv")).rejects.toThrow(
      "t.csv:1:probability: probabilities at position 1 sum to 0, must sum to 1 over items",
    )
  })

  it("lists the header it found when a column is missing", async () => {
    const missing = async (header: string, column: string): Promise<void> => {
      await expect(readContextFreeTarget(file(`${header}\n0,0,1\n`), 1, 1, "t.csv")).rejects.toThrow(
        `t.csv:1:${column}: missing column '${column}' (the header has: ${header.split(",").join(", ")}; expected item_id,position,probability)`,
      )
    }
    await missing("item,position,probability", "item_id")
    await missing("item_id,pos,probability", "position")
    await missing("item_id,position,p", "probability")
  })
})

describe("PolicyTarget", () => {
  /** A policy that puts weight on arm j proportional to context[j] (two arms), recording what it saw. */
  function contextPolicy(seen: number[][]): Policy<Float64Array> {
    return {
      name: "proportional",
      nArms: 2,
      probabilities(context) {
        seen.push(Array.from(context))
        const s = context[0] + context[1]
        return Float64Array.of(context[0] / s, context[1] / s)
      },
      select: () => 0,
      update() {},
      reset() {},
    }
  }

  it("hands the policy round i's numeric features (i·d … (i+1)·d) and copies its distribution", () => {
    const seen: number[][] = []
    const target = new PolicyTarget(contextPolicy(seen))
    expect([target.name, target.nActions]).toEqual(["proportional", 2])
    const log = smallLog([0, 1, 0], [0, 0, 0], 2, 1)
    const out = new Float64Array(2)
    target.actionProbabilities(log, 1, out)
    // round 1's features are (3, 4): π = (3/7, 4/7)
    expect(seen).toEqual([[3, 4]])
    expect(Array.from(out)).toEqual([3 / 7, 4 / 7])
    target.actionProbabilities(log, 2, out)
    expect(seen[1]).toEqual([5, 6])
  })

  it("uses the context function it is given", () => {
    const seen: number[][] = []
    const target = new PolicyTarget(contextPolicy(seen), (_log, i) => Float64Array.of(1, i))
    target.actionProbabilities(smallLog([0, 1, 0], [0, 0, 0], 2, 1), 2, new Float64Array(2))
    expect(seen).toEqual([[1, 2]])
  })

  it("refuses a log of another action count itself, naming both counts", () => {
    const target = new PolicyTarget(contextPolicy([]))
    expect(() => target.actionProbabilities(smallLog([0], [0], 3, 1), 0, new Float64Array(3))).toThrow(
      "proportional: the policy has 2 arms but the log has 3 actions",
    )
  })
})

describe("offPolicyInput's loop", () => {
  it("asks the target, the reward model and the generator once per round, rounds 0..n−1", () => {
    const calls: number[] = []
    const target: TargetPolicy = {
      name: "recording",
      nActions: 2,
      actionProbabilities(_log, i, out) {
        calls.push(i)
        out.set([0.5, 0.5])
      },
    }
    let draws = 0
    const rng: Rng = {
      next: () => {
        draws++
        return 0.75
      },
      nextUint32: () => 0,
    }
    const x = offPolicyInput(smallLog([0, 1, 1], [0, 0, 0], 2, 1), target, { rng })
    expect(calls).toEqual([0, 1, 2])
    expect(draws).toBe(3)
    expect(Array.from(x.targetAction as Int32Array)).toEqual([1, 1, 1])
  })
})

describe("GreedyModelTarget", () => {
  /** A reward model giving round i the scores `rows[i]`. */
  function tableModel(rows: number[][]): RewardModel {
    return {
      name: "table",
      fit() {
        return this
      },
      predictRound(_log, i, out) {
        out.set(rows[i])
      },
    }
  }

  it("puts ε/K on every action and 1 − ε more on the best score, ties to the smallest index", () => {
    // round 0: best is the first action; round 1: a tie of actions 1 and 2 → 1; round 2: best is the last action
    const model = tableModel([
      [0.9, 0.1, 0.2, 0.3],
      [0.1, 0.7, 0.7, 0.3],
      [0.1, 0.2, 0.3, 0.4],
    ])
    const target = new GreedyModelTarget(model, 4, { epsilon: 0.5 })
    const log = smallLog([0, 0, 0], [0, 0, 0], 4, 1)
    const out = new Float64Array(4)
    const rows: number[][] = []
    for (let i = 0; i < 3; i++) {
      target.actionProbabilities(log, i, out)
      rows.push(Array.from(out))
    }
    // ε/K = 0.125, 0.125 + 0.5 = 0.625
    expect(rows).toEqual([
      [0.625, 0.125, 0.125, 0.125],
      [0.125, 0.625, 0.125, 0.125],
      [0.125, 0.125, 0.125, 0.625],
    ])
    expect(target.epsilon).toBe(0.5)
  })

  it("is greedy by default, and names itself after ε and the model unless given a name", () => {
    const model = tableModel([[0.1, 0.5]])
    const greedy = new GreedyModelTarget(model, 2)
    const out = new Float64Array(2)
    greedy.actionProbabilities(smallLog([0], [0], 2, 1), 0, out)
    expect(Array.from(out)).toEqual([0, 1])
    expect([greedy.epsilon, greedy.name, greedy.nActions]).toEqual([0, "greedy table", 2])
    expect(new GreedyModelTarget(model, 2, { epsilon: 0.25 }).name).toBe("0.25-greedy table")
    expect(new GreedyModelTarget(model, 2, { epsilon: 0.25, name: "mine" }).name).toBe("mine")
  })

  it("accepts ε in [0, 1] and at least one action, naming a bad value", () => {
    const model = tableModel([[1]])
    const uniform = new GreedyModelTarget(tableModel([[0.1, 0.5]]), 2, { epsilon: 1 })
    const out = new Float64Array(2)
    uniform.actionProbabilities(smallLog([0], [0], 2, 1), 0, out)
    expect(Array.from(out)).toEqual([0.5, 0.5])
    expect(new GreedyModelTarget(model, 1, { epsilon: 0 }).nActions).toBe(1)
    for (const epsilon of [-0.1, 1.5, Number.NaN])
      expect(() => new GreedyModelTarget(model, 2, { epsilon })).toThrow(
        `GreedyModelTarget: epsilon must be in [0, 1], got ${epsilon}`,
      )
    for (const nActions of [0, 2.5])
      expect(() => new GreedyModelTarget(model, nActions)).toThrow(
        `GreedyModelTarget: nActions must be a positive integer, got ${nActions}`,
      )
  })
})
