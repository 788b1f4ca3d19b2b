import { describe, expect, it } from "vitest"
import { ContextFreeTarget } from "../../../src/evaluation/context-free-target"
import { evaluateOffPolicy } from "../../../src/evaluation/off-policy-evaluation"
import { DuckDbEngine } from "../../../src/evaluation/sql/duckdb-engine"
import { SQL_ESTIMATORS } from "../../../src/evaluation/sql/estimator-sql"
import {
  checkSqlLog,
  evaluateOffPolicySql,
  type SqlLogFacts,
  sqlLogSchema,
} from "../../../src/evaluation/sql/evaluate-sql"
import { createRng } from "../../../src/random/rng"
import type { BanditLog } from "../../../src/schema/bandit-log"
import { normalQuantile } from "../../../src/stats/distributions"

/** An in-memory DuckDB holding `CREATE TABLE log AS <select>`. */
async function engineWith(select: string): Promise<DuckDbEngine> {
  const engine = await DuckDbEngine.open(undefined, { threads: 1 })
  await engine.run(`CREATE TABLE log AS ${select}`)
  return engine
}

/** The facts `checkSqlLog` finds in `select`, or its error. */
async function facts(select: string): Promise<SqlLogFacts> {
  const engine = await engineWith(select)
  try {
    return await checkSqlLog(engine, "log", await sqlLogSchema(engine, "log", "w"), "w")
  } finally {
    await engine.close()
  }
}

/**
 * Twelve rounds of three actions at two positions with two context columns, 0/1 or fractional
 * rewards: as a DuckDB table and as the same in-memory log.
 */
function rounds(binary: boolean): { select: string; log: BanditLog } {
  const action = [0, 1, 2, 0, 1, 2, 2, 1, 0, 0, 2, 1]
  const position = [0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0]
  const reward = binary ? [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1] : [0.5, 2, 1, 0.25, 0, 3, 1.5, 0, 1, 0.75, 2.5, 1]
  const propensity = [0.5, 0.25, 0.25, 0.4, 0.2, 0.4, 0.3, 0.5, 0.6, 0.5, 0.25, 0.125]
  const x0 = [0.1, -1.2, 0.7, 2.2, -0.4, 1.1, 0, 0.9, -2, 0.3, 1.6, -0.8]
  const x1 = [3, 1, 2, 5, 4, 0, 2, 3, 1, 4, 2, 6]
  const n = action.length
  const values = action.map((a, i) => `(${a}, ${position[i]}, ${reward[i]}, ${propensity[i]}, ${x0[i]}, ${x1[i]})`)
  return {
    select: `SELECT action, position, CAST(reward AS DOUBLE) AS reward, CAST(propensity AS DOUBLE) AS propensity, CAST(x0 AS DOUBLE) AS x0, CAST(x1 AS DOUBLE) AS x1 FROM (VALUES ${values.join(", ")}) AS t(action, position, reward, propensity, x0, x1)`,
    log: {
      length: n,
      nActions: 3,
      nPositions: 2,
      action: Int32Array.from(action),
      position: Int32Array.from(position),
      reward: Float64Array.from(reward),
      propensity: Float64Array.from(propensity),
      featureNames: ["x0", "x1"],
      context: Float64Array.from(action.flatMap((_, i) => [x0[i], x1[i]])),
      categoricalNames: [],
      categorical: new Int32Array(0),
      categoricalLevels: [],
      source: "memory",
    },
  }
}

/** A target that never takes action 1 at position 0, so some weights are 0. */
function target(): ContextFreeTarget {
  return new ContextFreeTarget("skewed", 3, 2, Float64Array.of(0.7, 0, 0.3, 0.2, 0.5, 0.3))
}

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)))
}

describe("sqlLogSchema", () => {
  it("finds action, propensity, reward or click, the optional position and every other column as a feature", async () => {
    const engine = await engineWith(
      "SELECT 1.5 AS x1, 1 AS click, 0 AS action, 0.5 AS propensity, 0 AS position, 2 AS x0, 1 AS reward",
    )
    try {
      expect(await sqlLogSchema(engine, "log", "w")).toEqual({
        action: "action",
        position: "position",
        reward: "reward",
        propensity: "propensity",
        features: ["x1", "x0"],
      })
      expect(await sqlLogSchema(engine, "(SELECT x1, click, action, propensity FROM log)", "w")).toEqual({
        action: "action",
        position: undefined,
        reward: "click",
        propensity: "propensity",
        features: ["x1"],
      })
    } finally {
      await engine.close()
    }
  })

  it("a missing column is one line naming the log, the column and the columns there are", async () => {
    const engine = await engineWith("SELECT 0 AS action, 0.5 AS propensity, 1 AS reward, 2 AS x")
    try {
      await expect(sqlLogSchema(engine, "(SELECT action, propensity, x FROM log)", "w")).rejects.toThrow(
        "w: missing column 'reward' (the table has: action, propensity, x)",
      )
      await expect(sqlLogSchema(engine, "(SELECT propensity, reward FROM log)", "w")).rejects.toThrow(
        "w: missing column 'action' (the table has: propensity, reward)",
      )
      await expect(sqlLogSchema(engine, "(SELECT action, reward FROM log)", "w")).rejects.toThrow(
        "w: missing column 'propensity' (the table has: action, reward)",
      )
    } finally {
      await engine.close()
    }
  })
})

describe("checkSqlLog", () => {
  const table = (rows: string, columns = "action, position, reward, propensity"): string =>
    `SELECT * FROM (VALUES ${rows}) AS t(${columns})`

  it("counts rows, actions and positions and tells 0/1 rewards apart, at the boundaries 0 and 1", async () => {
    expect(await facts(table("(0, 0, 1, 0.5), (2, 1, 0, 1.0), (1, 0, 1, 0.25)"))).toEqual({
      rows: 3,
      nActions: 3,
      nPositions: 2,
      binaryReward: true,
    })
    expect(await facts(table("(0, 1.0, 0.5), (3, 0.0, 0.5)", "action, reward, propensity"))).toEqual({
      rows: 2,
      nActions: 4,
      nPositions: 1,
      binaryReward: true,
    })
    expect((await facts(table("(0, 0, 0.5, 0.5), (1, 0, 1, 0.5)"))).binaryReward).toBe(false)
    expect((await facts(table("(0, 0, 2.0, 0.5), (1, 0, 1.0, 0.5)"))).binaryReward).toBe(false)
    expect((await facts(table("(0, 0, -1.0, 0.5), (1, 0, 0.0, 0.5)"))).binaryReward).toBe(false)
  })

  it("each violation is one line naming the log, the column and the offending range", async () => {
    const cases: [string, string][] = [
      [
        table("(0, 0, 1, 0.5)").replace("FROM", "FROM (SELECT 1) AS e,").concat(" WHERE false"),
        "w: the log has no rows",
      ],
      [table("(NULL, 0, 1, 0.5), (1, 0, 1, 0.5)"), "w: column 'action': 1 rows are empty"],
      [table("(-1, 0, 1, 0.5), (2, 0, 1, 0.5)"), "w: column 'action': values must be integers >= 0 (min -1, max 2)"],
      [
        table("(0.5, 0, 1, 0.5), (1.5, 0, 1, 0.5)"),
        "w: column 'action': values must be integers >= 0 (min 0.5, max 1.5)",
      ],
      [table("(0, NULL, 1, 0.5), (1, NULL, 1, 0.5)"), "w: column 'position': 2 rows are empty"],
      [table("(0, -2, 1, 0.5), (1, 1, 1, 0.5)"), "w: column 'position': values must be integers >= 0 (min -2, max 1)"],
      [
        table("(0, 0.25, 1, 0.5), (1, 1, 1, 0.5)"),
        "w: column 'position': values must be integers >= 0 (min 0.25, max 1)",
      ],
      [table("(0, 0, 1, NULL), (1, 0, 1, 0.5)"), "w: column 'propensity': 1 rows are empty"],
      [
        table("(0, 0, 1, 0.0), (1, 0, 1, 0.5)"),
        "w: column 'propensity': values outside (0, 1] (min 0, max 0.5); allowed: probabilities in (0, 1]",
      ],
      [
        table("(0, 0, 1, 0.5), (1, 0, 1, 1.25)"),
        "w: column 'propensity': values outside (0, 1] (min 0.5, max 1.25); allowed: probabilities in (0, 1]",
      ],
      [table("(0, 0, NULL, 0.5), (1, 0, 1, 0.5)"), "w: column 'reward': 1 rows are empty"],
      [
        table("(0, 0, 2, 0.5), (1, 0, 0, 0.5)", "action, position, click, propensity"),
        "w: column 'click': values must be 0 or 1 (min 0, max 2)",
      ],
      [
        table("(0, 0, -1, 0.5), (1, 0, 1, 0.5)", "action, position, click, propensity"),
        "w: column 'click': values must be 0 or 1 (min -1, max 1)",
      ],
      [
        table("(0, 0, 0.5, 0.5), (1, 0, 1, 0.5)", "action, position, click, propensity"),
        "w: column 'click': values must be 0 or 1 (min 0.5, max 1)",
      ],
    ]
    for (const [select, message] of cases) await expect(facts(select)).rejects.toThrow(message)
  })
})

describe("evaluateOffPolicySql", () => {
  for (const binary of [true, false]) {
    it(`${binary ? "0/1" : "fractional"} rewards, default model: estimates, intervals, diagnostics and weights equal the in-memory path`, async () => {
      const { select, log } = rounds(binary)
      const engine = await engineWith(select)
      try {
        const sql = await evaluateOffPolicySql(engine, "log", target(), {
          estimators: SQL_ESTIMATORS,
          where: "twelve rounds",
        })
        const memory = evaluateOffPolicy(log, target(), { estimators: SQL_ESTIMATORS, rng: createRng(1), resamples: 0 })
        const z = normalQuantile(0.975)
        expect(sql.target).toBe("skewed")
        expect(sql.log).toBe("twelve rounds")
        expect(sql.rows).toBe(12)
        expect(sql.rewardModel).toBe(binary ? "logistic regression" : "ridge regression")
        expect(Object.keys(sql.estimates)).toEqual([...SQL_ESTIMATORS])
        for (const name of SQL_ESTIMATORS) {
          const e = sql.estimates[name]
          expect(e.estimator).toBe(name)
          expect(e.rows).toBe(12)
          expectClose(e.value, memory.estimates[name].value)
          expectClose(e.stderr, memory.estimates[name].stderr)
          expect(e.ci95).toEqual([e.value - z * e.stderr, e.value + z * e.stderr])
          expect(e.weights).toBe(sql.weights)
        }
        for (const key of ["maxWeight", "meanWeight", "effectiveSampleSize", "zeroWeightShare"] as const)
          expectClose(sql.weights[key], memory.weights[key])
        expect(sql.weights.zeroWeightShare).toBe(3 / 12)
        expectClose(sql.loggedValue.value, memory.loggedValue.value)
        expectClose(sql.loggedValue.ci95[0], memory.loggedValue.ci95[0])
        expectClose(sql.loggedValue.ci95[1], memory.loggedValue.ci95[1])
        expect(Array.from(sql.weightSample ?? [])).toEqual(Array.from(memory.weightSample ?? [0]))
        expect(sql.query.startsWith("SELECT CAST(count(*) AS DOUBLE), CAST(max(w) AS DOUBLE), ")).toBe(true)
        expect(sql.query.split("CAST(count(*) AS DOUBLE)").length).toBe(2)
      } finally {
        await engine.close()
      }
    })
  }

  it("the reward model and its L2 penalty follow the options", async () => {
    const { select, log } = rounds(true)
    const engine = await engineWith(select)
    try {
      for (const [rewardModel, l2] of [
        ["ridge", 5],
        ["logistic", 0.25],
      ] as const) {
        const sql = await evaluateOffPolicySql(engine, "log", "uniform", {
          estimators: ["dm", "dr"],
          rewardModel,
          l2,
          where: "w",
        })
        const uniform = new ContextFreeTarget("uniform", 3, 2, new Float64Array(6).fill(1 / 3))
        const memory = evaluateOffPolicy(log, uniform, {
          estimators: ["dm", "dr"],
          rng: createRng(1),
          resamples: 0,
          rewardModel,
          l2,
        })
        expect(sql.rewardModel).toBe(`${rewardModel} regression`)
        expect(sql.target).toBe("uniform")
        for (const name of ["dm", "dr"]) {
          expectClose(sql.estimates[name].value, memory.estimates[name].value)
          expectClose(sql.estimates[name].stderr, memory.estimates[name].stderr)
        }
      }
    } finally {
      await engine.close()
    }
  })

  it("a target built from the facts, one that never takes a logged action, and a one-round log", async () => {
    const { select } = rounds(true)
    const engine = await engineWith(select)
    try {
      const seen: SqlLogFacts[] = []
      const sql = await evaluateOffPolicySql(
        engine,
        "log",
        async (f) => {
          seen.push(f)
          const probabilities = new Float64Array((f.nActions + 1) * f.nPositions)
          for (let p = 0; p < f.nPositions; p++) probabilities[p * (f.nActions + 1) + f.nActions] = 1
          return new ContextFreeTarget("elsewhere", f.nActions + 1, f.nPositions, probabilities)
        },
        { estimators: ["ipw"], where: "w" },
      )
      expect(seen).toEqual([{ rows: 12, nActions: 3, nPositions: 2, binaryReward: true }])
      expect(sql.target).toBe("elsewhere")
      expect(sql.rewardModel).toBeUndefined()
      expect(sql.weights).toEqual({ maxWeight: 0, meanWeight: 0, effectiveSampleSize: 0, zeroWeightShare: 1 })
      expect(sql.estimates.ipw.value).toBe(0)
      expect(Array.from(sql.weightSample ?? [])).toEqual(new Array(12).fill(0))
    } finally {
      await engine.close()
    }
    const one = await engineWith("SELECT 1 AS action, 0.75 AS reward, 0.5 AS propensity")
    try {
      const sql = await evaluateOffPolicySql(one, "log", "uniform", { estimators: ["ipw"], where: "w" })
      expect(sql.loggedValue).toEqual({ value: 0.75, ci95: [0.75, 0.75] })
      expect(sql.estimates.ipw.value).toBe(0.75)
      expect(sql.weights.maxWeight).toBe(1)
    } finally {
      await one.close()
    }
  })

  it("a target with too few actions or positions, or an estimator without SQL, is one line", async () => {
    const { select } = rounds(true)
    const engine = await engineWith(select)
    try {
      await expect(
        evaluateOffPolicySql(engine, "log", "uniform", { estimators: ["ipw", "replay"], where: "w" }),
      ).rejects.toThrow(
        "--estimators: 'replay' does not run in SQL (allowed: ipw, snipw, dm, dr, sndr, switch-dr, ipw-clip, ipw-sg, dr-clip, dros, dr-sg)",
      )
      await expect(
        evaluateOffPolicySql(engine, "log", new ContextFreeTarget("small", 2, 2, new Float64Array(4).fill(0.5)), {
          estimators: ["ipw"],
          where: "w",
        }),
      ).rejects.toThrow("w: column 'action' reaches 2, the target 'small' has actions 0..1")
      await expect(
        evaluateOffPolicySql(engine, "log", new ContextFreeTarget("one", 3, 1, new Float64Array(3).fill(1 / 3)), {
          estimators: ["ipw"],
          where: "w",
        }),
      ).rejects.toThrow("w: column 'position' reaches 1, the target 'one' has positions 0..0")
      // a target with more actions and positions than the log is fine
      const wide = new ContextFreeTarget("wide", 4, 3, new Float64Array(12).fill(0.25))
      const sql = await evaluateOffPolicySql(engine, "log", wide, { estimators: ["ipw"], where: "w" })
      expect(sql.weights.maxWeight).toBe(0.25 / 0.125)
    } finally {
      await engine.close()
    }
  })

  it("a context column that is not a finite number is one line naming it", async () => {
    const engine = await engineWith(
      "SELECT 0 AS action, 1 AS reward, 0.5 AS propensity, 1.0 AS x0, CAST('inf' AS DOUBLE) AS x1",
    )
    try {
      await expect(evaluateOffPolicySql(engine, "log", "uniform", { estimators: ["ipw"], where: "w" })).rejects.toThrow(
        "w: column 'x1': 'Infinity' is not a number (context columns must be numeric)",
      )
    } finally {
      await engine.close()
    }
  })

  it("a large log: the model's sample and the weight histogram's subsample", async () => {
    const engine = await engineWith(
      "SELECT CAST(i % 3 AS INTEGER) AS action, CAST(i % 2 AS DOUBLE) AS reward, CASE WHEN i % 3 = 0 THEN 0.5 ELSE 0.25 END AS propensity, CAST(i % 7 AS DOUBLE) AS x0, i / 25000 AS x1 FROM range(25000) AS t(i)",
    )
    try {
      const t = new ContextFreeTarget("t", 3, 1, Float64Array.of(0.2, 0.3, 0.5))
      const weight = (i: number): number => t.probabilities[i % 3] / (i % 3 === 0 ? 0.5 : 0.25)
      // with a reward model every row is sampled (default 1,000,000): the histogram takes every 1.25th row
      const all = await evaluateOffPolicySql(engine, "log", t, { estimators: ["ipw", "dr"], where: "w" })
      expect(all.weightSample?.length).toBe(20_000)
      for (const k of [0, 1, 2, 3, 7, 19_999])
        expect(all.weightSample?.[k]).toBe(weight(Math.floor((k * 25_000) / 20_000)))
      // sampleSize bounds the model's sample, hence the histogram
      const small = await evaluateOffPolicySql(engine, "log", t, {
        estimators: ["dr"],
        sampleSize: 500,
        where: "w",
      })
      const n = small.weightSample?.length ?? 0
      expect(n).toBeGreaterThan(350)
      expect(n).toBeLessThanOrEqual(500)
      // the same seed (default 1) gives the same sample; another seed another one
      const again = await evaluateOffPolicySql(engine, "log", t, {
        estimators: ["dr"],
        sampleSize: 500,
        seed: 1,
        where: "w",
      })
      expect(again.estimates.dr.value).toBe(small.estimates.dr.value)
      const other = await evaluateOffPolicySql(engine, "log", t, {
        estimators: ["dr"],
        sampleSize: 500,
        seed: 2,
        where: "w",
      })
      expect(other.estimates.dr.value).not.toBe(small.estimates.dr.value)
      // without a reward model 20,000 rows suffice, whatever sampleSize says
      const ipw = await evaluateOffPolicySql(engine, "log", t, { estimators: ["ipw"], sampleSize: 500, where: "w" })
      expect(ipw.weightSample?.length).toBeGreaterThan(15_000)
      expect(ipw.weightSample?.length).toBeLessThanOrEqual(20_000)
      expect(ipw.estimates.ipw.value).toBe(all.estimates.ipw.value)
    } finally {
      await engine.close()
    }
  })
})
