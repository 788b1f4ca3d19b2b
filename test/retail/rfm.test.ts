import { beforeAll, describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { cleanRetail } from "../../src/retail/cleaning"
import { computeRfm, rfmFeatures, segmentProfiles, type RfmTable } from "../../src/retail/rfm"

// Reference numbers: pandas 1.5.3 by hand (test/retail/reference/clean_rfm.py): default cleaning, day = InvoiceDate.normalize(),
// reference = max(day) + 1 day = 2011-12-10, R = (reference − last day).days, F = nunique(InvoiceNo), M = Σ Quantity·UnitPrice,
// sorted by CustomerID; X = StandardScaler().fit_transform(np.log1p([R, F, M])).
describe("RFM on the real data", () => {
  let rfm: RfmTable
  beforeAll(async () => {
    rfm = computeRfm(cleanRetail(await loadOnlineRetail()))
  })

  it("matches pandas customer by customer", () => {
    expect(rfm.customers.length).toBe(4338)
    expect(new Date(rfm.referenceDay * 86400000).toISOString().slice(0, 10)).toBe("2011-12-10")
    expect(Array.from(rfm.customers.subarray(0, 3))).toEqual([12346, 12347, 12348])
    expect(Array.from(rfm.recency.subarray(0, 3))).toEqual([326, 3, 76])
    expect(Array.from(rfm.frequency.subarray(0, 3))).toEqual([1, 7, 4])
    expect(rfm.monetary[0]).toBeCloseTo(77183.6, 6)
    expect(rfm.monetary[2]).toBeCloseTo(1797.24, 6)
    expect(rfm.recency.reduce((a, b) => a + b, 0)).toBe(403692)
    expect(rfm.frequency.reduce((a, b) => a + b, 0)).toBe(18532)
    expect(rfm.monetary.reduce((a, b) => a + b, 0)).toBeCloseTo(8911407.904, 3)
  })

  it("standardises log1p(R, F, M) as scikit-learn's StandardScaler", () => {
    const f = rfmFeatures(rfm)
    expect(f.data[0]).toBeCloseTo(1.47888429, 7)
    expect(f.data[1]).toBeCloseTo(-0.95521426, 7)
    expect(f.data[2]).toBeCloseTo(3.70622476, 7)
    for (let j = 0; j < 3; j++) {
      let s = 0
      let ss = 0
      for (let i = 0; i < f.n; i++) {
        s += f.data[i * 3 + j]
        ss += f.data[i * 3 + j] ** 2
      }
      expect(s / f.n).toBeCloseTo(0, 10)
      expect(ss / f.n).toBeCloseTo(1, 10)
    }
  })

  it("profiles segments and checks the labels", () => {
    const labels = Int32Array.from(rfm.frequency, (f) => (f > 1 ? 1 : 0))
    const p = segmentProfiles(rfm, labels, 2)
    expect(p[0].customers + p[1].customers).toBe(4338)
    expect(p[0].medianFrequency).toBe(1)
    expect(p[0].revenueShare + p[1].revenueShare).toBeCloseTo(1, 12)
    expect(() => segmentProfiles(rfm, labels, 1)).toThrow("outside 0..0")
  })
})
