import { describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { runRetailBenchmark } from "../../src/retail/benchmark"
import { retailBenchmarkData } from "../../src/retail/benchmark-split"
import { cleanRetail } from "../../src/retail/cleaning"

// EASE^R's benchmark metrics on Online Retail (3,394 items, λ = 500, split 2011-09-01, k = 10) as the scalar
// Cholesky inverse gave them before the blocked WebAssembly kernel took over (commit 3a7671f, run by hand):
// the kernel's inverse differs from it by rounding only, so the metrics must agree to 1e-9.
const SCALAR_METRICS = {
  precision: 0.10888297872340325,
  recall: 0.05598028974021081,
  ndcg: 0.12542627300885859,
  map: 0.06120903323898506,
  hitRate: 0.5393617021276595,
}

describe("EASE on Online Retail with the blocked inverse", () => {
  it("keeps the benchmark metrics of the scalar inverse to 1e-9", async () => {
    const data = retailBenchmarkData(cleanRetail(await loadOnlineRetail()), "2011-09-01")
    const [ease] = runRetailBenchmark(data, ["ease"], { k: 10 })
    for (const [name, value] of Object.entries(SCALAR_METRICS)) {
      expect(Math.abs(ease.metrics[name as keyof typeof SCALAR_METRICS] - value)).toBeLessThan(1e-9)
    }
    expect(ease.coverage).toBeCloseTo(0.2899233942251031, 12)
  }, 600_000)
})
