import { describe, expect, it } from "vitest"
import { LogisticClassifier } from "../../src/neural/logistic-classifier"
import type { TabularFeatures } from "../../src/neural/tabular-features"

const ROWS = 30
const signal = Float32Array.from({ length: ROWS }, (_, r) => Math.sin(r * 1.7) + (r % 4) * 0.3)
const labels = Uint8Array.from({ length: ROWS }, (_, r) => (signal[r] + 0.4 * Math.cos(r) > 0.5 ? 1 : 0))

function withConstantColumn(value: number): TabularFeatures {
  const data = new Float32Array(ROWS * 2)
  for (let r = 0; r < ROWS; r++) {
    data[2 * r] = value
    data[2 * r + 1] = signal[r]
  }
  return { data, rows: ROWS, cols: 2 }
}

describe("LogisticClassifier", () => {
  it.each([0.1, 0.7, 1.3, 2.9])(
    "gives a column constant at %f (mean not exact in floating point) scale 1, so its rounding noise carries no weight",
    (value) => {
      const x = withConstantColumn(value)
      const alone = new LogisticClassifier({ C: 1 }).fit({ data: signal, rows: ROWS, cols: 1 }, labels)
      const both = new LogisticClassifier({ C: 1 }).fit(x, labels)
      expect(both.scale_?.[0]).toBe(1)
      const p = both.predictProba(x)
      const q = alone.predictProba({ data: signal, rows: ROWS, cols: 1 })
      for (let r = 0; r < ROWS; r++) expect(p[r]).toBeCloseTo(q[r], 9)
    },
  )

  it("still standardises a column that varies by a tiny amount", () => {
    const x = withConstantColumn(1)
    for (let r = 0; r < ROWS; r += 2) x.data[2 * r] = 1 + 1e-6
    const m = new LogisticClassifier({ C: 1 }).fit(x, labels)
    expect(m.scale_?.[0]).toBeCloseTo((Math.fround(1 + 1e-6) - 1) / 2, 12)
  })
})
