import { describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { retailFaults } from "../../src/retail/faults"

// pandas 1.5.3 by hand: (Description.str.strip() == "").sum() = 1454; groupby(StockCode) nunique of the
// stripped non-empty descriptions > 1 for 647 codes; the other counts as in cleaning.test.ts and the dataset README.
describe("retailFaults", () => {
  it("counts the real faults of the raw file", async () => {
    const f = retailFaults(await loadOnlineRetail())
    expect(f).toMatchObject({
      rows: 541909,
      missingCustomer: 135080,
      missingDescription: 1454,
      cancelledRows: 9288,
      nonPositiveQuantity: 10624,
      nonPositivePrice: 2517,
      nonProductRows: 2946,
      codesWithSeveralDescriptions: 647,
    })
    expect(f.largestQuantity).toMatchObject({
      quantity: 80995,
      invoice: "581483",
      description: "PAPER CRAFT , LITTLE BIRDIE",
    })
  })
})
