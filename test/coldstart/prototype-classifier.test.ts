import { describe, expect, it } from "vitest"
import { PrototypeClassifier } from "../../src/coldstart/prototype-classifier"

describe("PrototypeClassifier", () => {
  it("uses class means and the nearest one", () => {
    const rows = Float64Array.from([0, 0, 2, 0, 10, 10, 10, 12])
    const clf = new PrototypeClassifier().fit(rows, [3, 3, 7, 7], 2)
    expect(Array.from(clf.prototypes_)).toEqual([1, 0, 10, 11])
    expect(Array.from(clf.predict(Float64Array.from([1, 1, 9, 9, 6, 6])))).toEqual([3, 7, 7])
    // distance to (1,0) = 1, to (10,11) = 81 + 100
    expect(Array.from(clf.distances(Float64Array.from([1, 1])))).toEqual([1, 181])
  })

  it("refuses bad input", () => {
    expect(() => new PrototypeClassifier().fit(new Float64Array(3), [1, 2], 2)).toThrow(/expected 2 rows of 2 values/)
    expect(() => new PrototypeClassifier().predict(new Float64Array(2))).toThrow(/call fit before predict/)
  })
})
