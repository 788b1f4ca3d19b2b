import { describe, expect, it } from "vitest"
import { openBanditBenchmark, openBanditBenchmarkTable } from "../../src/report/open-bandit-benchmark"
import { createRng } from "../../src/random/rng"

describe("Open Bandit benchmark in miniature", () => {
  it("estimates BTS from the random log and reports relative errors against its on-policy CTR", async () => {
    const rows = await openBanditBenchmark("data/open-bandit-dataset", {
      campaigns: ["men", "women"],
      estimators: ["ipw", "snipw"],
      rng: createRng(1),
      resamples: 0,
    })
    // numpy reference (test/evaluation/reference/obd_reference.py): IPW 0.0056563 (men), 0.0058057 (women);
    // on-policy CTR of the bts samples: 69/10000 and 46/10000
    expect(rows[0].onPolicy.value).toBeCloseTo(0.0069, 15)
    expect(rows[1].onPolicy.value).toBeCloseTo(0.0046, 15)
    expect(rows[0].relativeError.ipw).toBeCloseTo(Math.abs(0.0056562667008354705 - 0.0069) / 0.0069, 12)
    expect(rows[1].relativeError.ipw).toBeCloseTo(Math.abs(0.005805691782949789 - 0.0046) / 0.0046, 12)
    const table = openBanditBenchmarkTable(rows)
    expect(table.columns).toEqual([
      "estimator",
      "men: estimate",
      "women: estimate",
      "men: rel. error",
      "women: rel. error",
    ])
    expect(table.rows.map((r) => r[0])).toEqual(["ipw", "snipw", "on-policy CTR of BTS"])
  })
})
