import { describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import {
  BENCHMARK_METRICS,
  BENCHMARK_MODELS,
  runRetailBenchmark,
  splitBenchmarkModels,
} from "../../src/retail/benchmark"
import { retailBenchmarkData } from "../../src/retail/benchmark-split"
import { cleanRetail } from "../../src/retail/cleaning"
import { compiledScript } from "../../src/retail/worker-call"

// Every model's benchmark metrics on Online Retail (split 2011-09-01, k = 10, seed 0) as the code before the
// factor-row kernel, the four-item scoring loops and the BPR epoch loop gave them (commit 82d4f3d, run by hand
// with `node` on its dist). Those changes keep every sum in its order, so the numbers must agree to 1e-9 (they are
// in fact identical).
const RECORDED = {
  popularity: {
    precision: 0.0488297872340424,
    recall: 0.019881608967991928,
    ndcg: 0.05217119218341923,
    map: 0.019911013479465913,
    hitRate: 0.33404255319148934,
    coverage: 0.017972893341190337,
  },
  itemknn: {
    precision: 0.08303191489361648,
    recall: 0.040881641086759624,
    ndcg: 0.09408583576167794,
    map: 0.044369715863098604,
    hitRate: 0.43617021276595747,
    coverage: 0.2740129640542133,
  },
  als: {
    precision: 0.08898936170212679,
    recall: 0.04834637921012426,
    ndcg: 0.1000095829110174,
    map: 0.04635869553199527,
    hitRate: 0.4867021276595745,
    coverage: 0.3635827931644078,
  },
  bpr: {
    precision: 0.0802659574468078,
    recall: 0.03907252353082429,
    ndcg: 0.08936409067690611,
    map: 0.03964375472411189,
    hitRate: 0.45372340425531915,
    coverage: 0.37566293459045375,
  },
  ease: {
    precision: 0.10888297872340325,
    recall: 0.05598028974021081,
    ndcg: 0.12542627300885859,
    map: 0.06120903323898506,
    hitRate: 0.5393617021276595,
    coverage: 0.2899233942251031,
  },
}

describe("the five-model Online Retail benchmark", () => {
  it("keeps every model's recorded metrics to 1e-9", async () => {
    const data = retailBenchmarkData(cleanRetail(await loadOnlineRetail()), "2011-09-01")
    const results = runRetailBenchmark(data, [...BENCHMARK_MODELS], { k: 10, threads: 1 })
    for (const r of results) {
      const want = RECORDED[r.name]
      for (const m of BENCHMARK_METRICS) expect(Math.abs(r.metrics[m] - want[m]), `${r.name} ${m}`).toBeLessThan(1e-9)
      expect(Math.abs(r.coverage - want.coverage), `${r.name} coverage`).toBeLessThan(1e-9)
    }
  }, 900_000)

  it("splits the models between two threads, longest first to the less loaded", () => {
    expect(splitBenchmarkModels([...BENCHMARK_MODELS])).toEqual({
      worker: ["bpr", "als"],
      main: ["ease", "itemknn", "popularity"],
    })
    expect(splitBenchmarkModels(["popularity", "itemknn"])).toEqual({ worker: ["itemknn"], main: ["popularity"] })
    expect(splitBenchmarkModels(["als"])).toEqual({ worker: ["als"], main: [] })
  })

  // A worker thread runs compiled code: from the TypeScript sources that is dist/ (`npm run build`).
  it.skipIf(compiledScript(`${__dirname}/../../src/retail`, "retail", "benchmark") === null)(
    "gives the same numbers on two threads as on one",
    async () => {
      const data = retailBenchmarkData(cleanRetail(await loadOnlineRetail()), "2011-09-01")
      const names = ["popularity", "itemknn"] as const
      const order: string[] = []
      const one = runRetailBenchmark(data, names, { k: 10, threads: 1 })
      const two = runRetailBenchmark(data, names, {
        k: 10,
        threads: 2,
        onModel: (name, i) => order.push(`${i} ${name}`),
      })
      // Popularity runs here, item-kNN on the worker (waited for second).
      expect(order).toEqual(["0 popularity", "1 itemknn"])
      for (let m = 0; m < names.length; m++) {
        expect(two[m].name).toBe(names[m])
        expect(two[m].coverage).toBe(one[m].coverage)
        for (const metric of BENCHMARK_METRICS) {
          expect(two[m].metrics[metric]).toBe(one[m].metrics[metric])
          expect(Array.from(two[m].perUser[metric])).toEqual(Array.from(one[m].perUser[metric]))
        }
      }
    },
    600_000,
  )
})
