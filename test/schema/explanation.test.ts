import { describe, expect, it } from "vitest"
import { byMagnitude, formatValue, joinPhrases } from "../../src/schema/explanation"

describe("explanation helpers", () => {
  it("byMagnitude sorts by |value|, keeping the given order on ties, without touching the input", () => {
    const input = [
      { label: "a", value: 0.1 },
      { label: "b", value: -0.5 },
      { label: "c", value: 0.5 },
      { label: "d", value: 0 },
    ]
    expect(byMagnitude(input).map((c) => c.label)).toEqual(["b", "c", "a", "d"])
    expect(input.map((c) => c.label)).toEqual(["a", "b", "c", "d"])
  })

  it("formatValue keeps 3 significant digits and writes infinities", () => {
    expect(formatValue(0.412345)).toBe("0.412")
    expect(formatValue(1234.5)).toBe("1230")
    expect(formatValue(-0.00012345)).toBe("-0.000123")
    expect(formatValue(Infinity)).toBe("∞")
    expect(formatValue(-Infinity)).toBe("−∞")
  })

  it("joinPhrases reads as a sentence", () => {
    expect(joinPhrases([])).toBe("")
    expect(joinPhrases(["#7"])).toBe("#7")
    expect(joinPhrases(["#7", "#2"])).toBe("#7 and #2")
    expect(joinPhrases(["#7", "#2", "#9"])).toBe("#7, #2 and #9")
  })
})
