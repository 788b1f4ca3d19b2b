import { beforeAll, describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { createRng } from "../../src/random/rng"
import { compareModels, runRetailBenchmark, type ModelResult } from "../../src/retail/benchmark"
import { retailBenchmarkData, type RetailBenchmarkData } from "../../src/retail/benchmark-split"
import { cleanRetail } from "../../src/retail/cleaning"

describe("the Online Retail benchmark (split 2011-09-01, k = 10)", () => {
  let data: RetailBenchmarkData
  let results: ModelResult[]
  beforeAll(async () => {
    data = retailBenchmarkData(cleanRetail(await loadOnlineRetail()), "2011-09-01")
    results = runRetailBenchmark(data, ["popularity", "itemknn"], { k: 10 })
  })

  // Independent computation: pandas 1.5.3 by hand (test/retail/reference/bench.py): popularity = nunique(CustomerID) per train
  // stock code, ranked by (−popularity, stock code), train items skipped, the protocol's metric formulas written out.
  it("popularity matches pandas exactly", () => {
    const p = results[0]
    expect(data.evaluatedUsers.length).toBe(1880)
    expect(p.metrics.precision).toBeCloseTo(0.0488297872340424, 12)
    expect(p.metrics.recall).toBeCloseTo(0.019881608967991928, 12)
    expect(p.metrics.ndcg).toBeCloseTo(0.05217119218341923, 12)
    expect(p.metrics.map).toBeCloseTo(0.019911013479465913, 12)
    expect(p.metrics.hitRate).toBeCloseTo(0.33404255319148934, 12)
    expect(p.coverage).toBeCloseTo(61 / 3394, 12)
  })

  // Independent computation: numpy 1.24 by hand (test/retail/reference/knn.py): binary X, S = cosine(XᵀX) with a zero diagonal,
  // each item keeps its 100 largest positive similarities (ties to the smaller index), scores = X·S_kept,
  // ranked by (−score, index). Tolerance 1e-6: float sums in another order may move the last bits.
  it("item-kNN (cosine, 100 neighbours) matches numpy within 1e-6", () => {
    const m = results[1].metrics
    expect(Math.abs(m.precision - 0.08303191489361648)).toBeLessThan(1e-6)
    expect(Math.abs(m.recall - 0.040881641086759624)).toBeLessThan(1e-6)
    expect(Math.abs(m.ndcg - 0.09408583576167794)).toBeLessThan(1e-6)
    expect(Math.abs(m.map - 0.044369715863098604)).toBeLessThan(1e-6)
    expect(Math.abs(m.hitRate - 0.43617021276595747)).toBeLessThan(1e-6)
  })

  it("item-kNN beats popularity with a paired bootstrap interval above zero", () => {
    const c = compareModels(results[1], results[0], "ndcg", createRng(1), 300)
    expect(c.difference.estimate).toBeCloseTo(0.09408583576167794 - 0.05217119218341923, 10)
    expect(c.difference.lower).toBeGreaterThan(0)
    expect(c.difference.lower).toBeLessThan(c.difference.estimate)
    expect(c.difference.upper).toBeGreaterThan(c.difference.estimate)
  })
})
