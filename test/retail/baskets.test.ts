import { beforeAll, describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { buildBaskets } from "../../src/retail/baskets"
import { cleanRetail, type CleanedRetail } from "../../src/retail/cleaning"

// Reference: pandas 1.5.3 by hand (test/retail/reference/basket.py): default cleaning, item = Description.str.strip(),
// rows with an empty item or an excluded item dropped, pd.crosstab(InvoiceNo, item) > 0.
describe("buildBaskets on the real data", () => {
  let clean: CleanedRetail
  beforeAll(async () => {
    clean = cleanRetail(await loadOnlineRetail())
  })

  it("France without POSTAGE: 384 baskets over 1542 items", () => {
    const b = buildBaskets(clean, { country: "France", exclude: ["POSTAGE"] })
    expect(b.baskets.length).toBe(384)
    expect(b.items.length).toBe(1542)
    expect(b.items).not.toContain("POSTAGE")
    const green = b.items.indexOf("ALARM CLOCK BAKELIKE GREEN")
    expect(b.baskets.filter((x) => x.includes(green)).length).toBe(Math.round(0.09895833333333333 * 384))
    for (const basket of b.baskets)
      for (let j = 1; j < basket.length; j++) expect(basket[j]).toBeGreaterThan(basket[j - 1])
  })

  it("all countries: 18532 baskets over 3866 items", () => {
    const b = buildBaskets(clean)
    expect(b.baskets.length).toBe(18532)
    expect(b.items.length).toBe(3866)
  })

  it("names the known countries when one is unknown", () => {
    expect(() => buildBaskets(clean, { country: "Atlantis" })).toThrow(
      /country 'Atlantis' is not in the data; known: Australia, Austria/,
    )
  })
})
