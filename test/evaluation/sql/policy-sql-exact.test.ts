import { describe, expect, it } from "vitest"
import { ContextFreeTarget } from "../../../src/evaluation/context-free-target"
import { LinearRewardModel } from "../../../src/evaluation/reward-model"
import { DuckDbEngine } from "../../../src/evaluation/sql/duckdb-engine"
import {
  expectedRewardSql,
  loggedRewardSql,
  rewardModelBaseSql,
  targetProbabilitySql,
} from "../../../src/evaluation/sql/policy-sql"
import { sqlIdentifier, sqlNumber } from "../../../src/evaluation/sql/sql-literal"
import type { BanditLog } from "../../../src/schema/bandit-log"

const K = 3
const FEATURES = ["x0", 'x "1"']

/**
 * A reward model with hand-set coefficients [β₀, β₁, β₂, α₀, α₁, α₂, δ₀, δ₁] on two numeric
 * features (means 0.5 and −1, scales 2 and 0.5), three actions and two positions.
 */
function handModel(kind: "logistic" | "ridge"): LinearRewardModel {
  const model = new LinearRewardModel({ kind })
  model.state_ = {
    coef: Float64Array.of(-0.3, 0.8, -0.45, 0.2, -0.7, 0.35, 0.15, -0.25),
    featureMean: Float64Array.of(0.5, -1),
    featureScale: Float64Array.of(2, 0.5),
    categoricalOffset: new Int32Array(0),
    actionOffset: 3,
    positionOffset: 6,
    nActions: K,
    nPositions: 2,
    iterations: 1,
  }
  return model
}

/** A target over three positions (one more than the model knows), with zero-probability actions. */
function target(): ContextFreeTarget {
  return new ContextFreeTarget("hand", K, 3, Float64Array.of(0.5, 0, 0.5, 0.2, 0.3, 0.5, 0, 0, 1))
}

/** Every (position, action) pair at two contexts, as an in-memory log. */
function rowsLog(): BanditLog {
  const action: number[] = []
  const position: number[] = []
  const context: number[] = []
  for (let p = 0; p < 3; p++)
    for (let a = 0; a < K; a++)
      for (const x of [
        [1.5, -0.25],
        [-2, 0.75],
      ]) {
        action.push(a)
        position.push(p)
        context.push(...x)
      }
  const n = action.length
  return {
    length: n,
    nActions: K,
    nPositions: 3,
    action: Int32Array.from(action),
    position: Int32Array.from(position),
    reward: new Float64Array(n),
    propensity: new Float64Array(n).fill(1 / K),
    featureNames: FEATURES,
    context: Float64Array.from(context),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: "hand",
  }
}

/** Evaluates `expressions` on every round of `log` in DuckDB (columns a, pos and the features, eta0 = `base`). */
async function evaluate(log: BanditLog, base: string, expressions: string[]): Promise<number[][]> {
  const values = Array.from(log.action, (a, i) =>
    [String(a), String(log.position[i]), ...Array.from(log.context.subarray(2 * i, 2 * i + 2), sqlNumber)].join(", "),
  )
  const engine = await DuckDbEngine.open()
  try {
    return await engine.queryRows(
      `SELECT ${expressions.map((e) => `CAST(${e} AS DOUBLE)`).join(", ")} FROM (SELECT *, ${base} AS eta0 FROM (VALUES (${values.join("), (")})) AS t(a, pos, ${FEATURES.map(sqlIdentifier).join(", ")}))`,
    )
  } finally {
    await engine.close()
  }
}

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12)
}

describe("policy-sql", () => {
  it("targetProbabilitySql looks π up at position·K + action", async () => {
    const at = (values: readonly string[], index: string): string => `[${values.join(", ")}][${index} + 1]`
    const t = target()
    expect(targetProbabilitySql(t, "a", "pos", at)).toBe(
      "[5e-1, 0e+0, 5e-1, 2e-1, 3e-1, 5e-1, 0e+0, 0e+0, 1e+0][pos * 3 + a + 1]",
    )
    const log = rowsLog()
    const rows = await evaluate(log, "0", [targetProbabilitySql(t, "a", "pos", at)])
    rows.forEach(([pi], i) => expect(pi).toBe(t.probabilities[log.position[i] * K + log.action[i]]))
  })

  for (const kind of ["logistic", "ridge"] as const) {
    it(`${kind}: the base, logged and expected rewards equal predictRound to 1e-12`, async () => {
      const model = handModel(kind)
      const t = target()
      const log = rowsLog()
      const engine = await DuckDbEngine.open()
      const at = engine.arrayAt.bind(engine)
      await engine.close()
      const base = rewardModelBaseSql(model, FEATURES)
      const rows = await evaluate(log, base, [
        "eta0",
        loggedRewardSql(model, "eta0", "a", "pos", at),
        expectedRewardSql(model, t, "eta0", "pos", at),
      ])
      const s = model.state_ as NonNullable<LinearRewardModel["state_"]>
      const q = new Float64Array(K)
      rows.forEach(([eta, logged, expected], i) => {
        const x = log.context.subarray(2 * i, 2 * i + 2)
        expectClose(eta, s.coef[0] + (s.coef[1] * (x[0] - 0.5)) / 2 + (s.coef[2] * (x[1] + 1)) / 0.5)
        model.predictRound(log, i, q)
        const p = log.position[i]
        // the log's rounds never sit beyond the model's positions (it is fitted on the same log)
        if (p < 2) expectClose(logged, q[log.action[i]])
        expectClose(
          expected,
          q[0] * t.probabilities[p * K] + q[1] * t.probabilities[p * K + 1] + q[2] * t.probabilities[p * K + 2],
        )
      })
      // position 2 is beyond the model's positions: no position term, as in predictRound
      expect(log.position.includes(2)).toBe(true)
    })
  }

  it("logistic: one σ term per action the target takes, 0 at a position the target does not know", async () => {
    const model = handModel("logistic")
    const expected = expectedRewardSql(model, target(), "eta0", "pos", () => "unused")
    expect(expected.match(/exp\(/g)?.length).toBe(6)
    expect(expected.startsWith("(CASE WHEN pos = 0 THEN 5e-1 * (1 / (1 + exp(-(eta0 + ")).toBe(true)
    expect(expected.endsWith(" ELSE 0e+0 END)")).toBe(true)
    // one branch per position, separated by a space: the query is shown to the user as it runs
    expect(expected.match(/\)\) WHEN pos = [12] THEN /g)?.length).toBe(2)
    const engine = await DuckDbEngine.open()
    try {
      const [[outside]] = await engine.queryRows(
        `SELECT CAST(${expected} AS DOUBLE) FROM (SELECT 3 AS pos, 0.5 AS eta0)`,
      )
      expect(outside).toBe(0)
    } finally {
      await engine.close()
    }
    expect(loggedRewardSql(model, "b", "a", "pos", (v, i) => `${v.length}@${i}`)).toBe(
      "(1 / (1 + exp(-(b + 3@a + 2@pos))))",
    )
  })

  it("ridge: the expected reward is the base plus one lookup of Σₐ π αₐ + δ_pos", () => {
    const model = handModel("ridge")
    const s = model.state_ as NonNullable<LinearRewardModel["state_"]>
    const shift = [0, 1, 2].map((p) => {
      let mix = 0
      for (let a = 0; a < K; a++) mix += target().probabilities[p * K + a] * s.coef[3 + a]
      return sqlNumber(mix + (p < 2 ? s.coef[6 + p] : 0))
    })
    expect(expectedRewardSql(model, target(), "eta0", "pos", (v, i) => `[${v.join(", ")}][${i}]`)).toBe(
      `(eta0 + [${shift.join(", ")}][pos])`,
    )
    expect(loggedRewardSql(model, "b", "a", "pos", (v, i) => `${v.length}@${i}`)).toBe("(b + 3@a + 2@pos)")
    expect(rewardModelBaseSql(model, ["u", "v"])).toBe(
      '(-3e-1 + 8e-1 * ("u" - 5e-1) / 2e+0 + -4.5e-1 * ("v" - -1e+0) / 5e-1)',
    )
  })

  it("an unfitted, categorical or mismatched model is one line naming the function", () => {
    const unfitted = new LinearRewardModel({ kind: "ridge" })
    const at = (v: readonly string[], i: string): string => `${v}${i}`
    expect(() => rewardModelBaseSql(unfitted, FEATURES)).toThrow("rewardModelBaseSql: fit the reward model first")
    expect(() => loggedRewardSql(unfitted, "b", "a", "p", at)).toThrow("loggedRewardSql: fit the reward model first")
    expect(() => expectedRewardSql(unfitted, target(), "b", "p", at)).toThrow(
      "expectedRewardSql: fit the reward model first",
    )
    const model = handModel("ridge")
    expect(() => rewardModelBaseSql(model, ["x0"])).toThrow(
      "rewardModelBaseSql: the model has 2 features, got 1 columns",
    )
    const s = model.state_ as NonNullable<LinearRewardModel["state_"]>
    model.state_ = { ...s, categoricalOffset: Int32Array.of(3) }
    expect(() => rewardModelBaseSql(model, FEATURES)).toThrow(
      "rewardModelBaseSql: the SQL path supports numeric context only",
    )
  })
})
