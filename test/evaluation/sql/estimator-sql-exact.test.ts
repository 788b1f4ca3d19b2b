import { describe, expect, it } from "vitest"
import { offPolicyEstimator } from "../../../src/evaluation/estimators"
import type { OffPolicyInput } from "../../../src/evaluation/off-policy-estimator"
import { DuckDbEngine } from "../../../src/evaluation/sql/duckdb-engine"
import {
  estimatorSumsSql,
  SQL_ESTIMATORS,
  SQL_ROW,
  type SqlHyperParameters,
} from "../../../src/evaluation/sql/estimator-sql"
import { sqlIdentifier, sqlNumber } from "../../../src/evaluation/sql/sql-literal"

/**
 * Ten rounds whose weights w = π/π₀ sit on every boundary the estimators know: 0 (never
 * taken), 3 (the switch threshold used below, exactly), 4 (the clip), 100 (switch-DR's default
 * threshold, exactly) and 150 (above the defaults), with 0/1 and fractional rewards.
 */
function rounds(): OffPolicyInput {
  const propensity = Float64Array.of(0.5, 0.25, 0.25, 0.125, 1 / 128, 1 / 256, 0.5, 0.2, 0.4, 0.1)
  const targetProbability = Float64Array.of(0, 0.75, 0.75, 0.5, 0.78125, 0.5859375, 0.25, 0.3, 0.9, 0.05)
  return {
    reward: Float64Array.of(1, 0, 1, 1, 0, 1, 0.5, 1, 0, 0.25),
    propensity,
    targetProbability,
    loggedRewardModel: Float64Array.of(0.3, 0.6, 0.2, 0.9, 0.45, 0.1, 0.5, 0.7, 0.05, 0.35),
    targetRewardModel: Float64Array.of(0.4, 0.55, 0.25, 0.8, 0.5, 0.15, 0.45, 0.6, 0.1, 0.3),
  }
}

/** The SQL sums over the rounds as a VALUES table (r, w, q, g), each sum cast to DOUBLE. */
async function sqlSums(engine: DuckDbEngine, input: OffPolicyInput, sums: readonly string[]): Promise<number[]> {
  const { reward: r, weight: w, logged: q, expected: g } = SQL_ROW
  const values = Array.from(input.reward, (_, i) =>
    [
      input.reward[i],
      input.targetProbability[i] / input.propensity[i],
      (input.loggedRewardModel as Float64Array)[i],
      (input.targetRewardModel as Float64Array)[i],
    ]
      .map(sqlNumber)
      .join(", "),
  )
  const [row] = await engine.queryRows(
    `SELECT ${sums.map((s) => `CAST(${s} AS DOUBLE)`).join(", ")} FROM (VALUES (${values.join("), (")})) AS t(${r}, ${w}, ${q}, ${g})`,
  )
  return row
}

function expectClose(actual: readonly number[], expected: Float64Array): void {
  expect(actual.length).toBe(expected.length)
  for (let k = 0; k < expected.length; k++)
    expect(Math.abs(actual[k] - expected[k])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[k])))
}

describe("sqlNumber and sqlIdentifier", () => {
  it("writes doubles in shortest round-trip scientific notation", () => {
    expect(sqlNumber(0.1)).toBe("1e-1")
    expect(sqlNumber(0.125)).toBe("1.25e-1")
    expect(sqlNumber(-3)).toBe("-3e+0")
    expect(sqlNumber(100)).toBe("1e+2")
    expect(sqlNumber(0)).toBe("0e+0")
    expect(Number(sqlNumber(1 / 3))).toBe(1 / 3)
  })

  it("refuses NaN and infinities with one line naming the value", () => {
    expect(() => sqlNumber(Number.NaN)).toThrow("sqlNumber: NaN has no SQL literal")
    expect(() => sqlNumber(Infinity)).toThrow("sqlNumber: Infinity has no SQL literal")
    expect(() => sqlNumber(-Infinity)).toThrow("sqlNumber: -Infinity has no SQL literal")
  })

  it("quotes identifiers and doubles every embedded quote", () => {
    expect(sqlIdentifier("x0")).toBe('"x0"')
    expect(sqlIdentifier("user-item_affinity_0")).toBe('"user-item_affinity_0"')
    expect(sqlIdentifier('a"b"c')).toBe('"a""b""c"')
  })

  it("a quoted identifier with quotes reads back as the column it names", async () => {
    const engine = await DuckDbEngine.open()
    try {
      const name = 'odd "name"'
      expect(await engine.queryRows(`SELECT ${sqlIdentifier(name)} FROM (SELECT 7 AS ${sqlIdentifier(name)})`)).toEqual(
        [[7]],
      )
    } finally {
      await engine.close()
    }
  })
})

describe("estimatorSumsSql", () => {
  it("lists the estimators that compile to SQL, replay excluded", () => {
    expect([...SQL_ESTIMATORS]).toEqual([
      "ipw",
      "snipw",
      "dm",
      "dr",
      "sndr",
      "switch-dr",
      "ipw-clip",
      "ipw-sg",
      "dr-clip",
      "dros",
      "dr-sg",
    ])
    expect(SQL_ROW).toEqual({ reward: "r", weight: "w", logged: "q", expected: "g" })
  })

  it("writes the documented aggregates", () => {
    expect(estimatorSumsSql("ipw")).toEqual(["count(*)", "sum(w * r)", "sum((w * r) * (w * r))"])
    expect(estimatorSumsSql("snipw")).toEqual([
      "sum(w)",
      "sum(w * r)",
      "sum((w) * (w))",
      "sum((w * r) * (w))",
      "sum((w * r) * (w * r))",
    ])
    expect(estimatorSumsSql("switch-dr")[1]).toBe("sum(CASE WHEN w <= 1e+2 THEN g + w * (r - q) ELSE g END)")
    expect(estimatorSumsSql("switch-dr", { switchThreshold: Infinity })).toEqual(estimatorSumsSql("dr"))
    expect(estimatorSumsSql("ipw-clip")[1]).toBe("sum(least(w, 1e+2) * r)")
    expect(estimatorSumsSql("ipw-clip", { clip: Infinity })[1]).toBe("sum(w * r)")
    expect(estimatorSumsSql("dros", { shrinkage: Infinity })[1]).toBe("sum(g + w * (r - q))")
    expect(estimatorSumsSql("dros")[1]).toBe("sum(g + (1e+2 * w / (w * w + 1e+2)) * (r - q))")
    expect(estimatorSumsSql("ipw-sg")[1]).toBe("sum((w / (9e-1 + 1e-1 * w)) * r)")
  })

  it("an estimator without an SQL form is one line listing the allowed names", () => {
    expect(() => estimatorSumsSql("replay")).toThrow(
      "estimator 'replay' has no SQL form (allowed: ipw, snipw, dm, dr, sndr, switch-dr, ipw-clip, ipw-sg, dr-clip, dros, dr-sg)",
    )
  })

  for (const [label, hyper] of [
    ["default hyper-parameters", {}],
    ["set hyper-parameters", { switchThreshold: 3, clip: 4, shrinkage: 5, subGaussian: 0.2 }],
    ["infinite clip and shrinkage", { clip: Infinity, shrinkage: Infinity, subGaussian: 0.5 }],
    ["infinite switch threshold", { switchThreshold: Infinity }],
    ["zero threshold and clip", { switchThreshold: 0, clip: 0, shrinkage: 0.5, subGaussian: 0 }],
  ] as [string, SqlHyperParameters][]) {
    it(`${label}: every estimator's SQL sums equal its in-memory accumulate to 1e-12`, async () => {
      const input = rounds()
      expect(input.targetProbability[3] / input.propensity[3]).toBe(4)
      expect(input.targetProbability[4] / input.propensity[4]).toBe(100)
      expect(input.targetProbability[5] / input.propensity[5]).toBe(150)
      expect(input.targetProbability[1] / input.propensity[1]).toBe(3)
      const engine = await DuckDbEngine.open()
      try {
        for (const name of SQL_ESTIMATORS) {
          const estimator = offPolicyEstimator(name, hyper)
          const expected = new Float64Array(estimator.sumsLength)
          estimator.accumulate(input, expected)
          const sql = estimatorSumsSql(name, hyper)
          expectClose(await sqlSums(engine, input, sql), expected)
        }
      } finally {
        await engine.close()
      }
    })
  }
})
