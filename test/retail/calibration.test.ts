import { describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { calibrateOnlineRetail } from "../../src/retail/calibration"
import { loadOnlineRetailCalibration } from "../../src/retail/online-retail-environment"

describe("calibrateOnlineRetail", () => {
  it("reproduces the shipped calibration exactly from the real data", async () => {
    const fresh = calibrateOnlineRetail(await loadOnlineRetail())
    const shipped = loadOnlineRetailCalibration()
    expect(JSON.parse(JSON.stringify(fresh))).toEqual(shipped)
    expect(fresh.months).toEqual([
      "2010-12",
      "2011-01",
      "2011-02",
      "2011-03",
      "2011-04",
      "2011-05",
      "2011-06",
      "2011-07",
      "2011-08",
      "2011-09",
      "2011-10",
      "2011-11",
    ])
    expect(fresh.arms[0]).toEqual({ stockCode: "22423", description: "REGENCY CAKESTAND 3 TIER" })
    // A higher ALS score means a higher true purchase probability.
    expect(fresh.slope).toBeGreaterThan(0)
  })
})
