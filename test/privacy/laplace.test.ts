import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { laplaceMechanism, laplaceNoise, laplaceScale } from "../../src/privacy/laplace"

describe("Laplace mechanism", () => {
  it("calibrates b = Δ/ε", () => {
    expect(laplaceScale({ sensitivity: 1, epsilon: 0.5 })).toBe(2)
    expect(laplaceScale({ sensitivity: 3, epsilon: 2 })).toBe(1.5)
  })

  it("has mean 0, variance 2b² and P(|X| > t) = e^(−t/b) empirically", () => {
    const rng = createRng(1)
    const b = 2
    const n = 200_000
    let s = 0
    let s2 = 0
    let tail = 0
    for (let i = 0; i < n; i++) {
      const x = laplaceNoise(rng, b)
      s += x
      s2 += x * x
      if (Math.abs(x) > 3) tail++
    }
    const mean = s / n
    const variance = s2 / n - mean * mean
    // sd of the sample mean is sqrt(8/n) ≈ 0.0063; Var of the sample variance ≈ (μ4 − σ⁴)/n = (24b⁴ − 4b⁴)/n.
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(variance - 2 * b * b)).toBeLessThan(5 * Math.sqrt((20 * b ** 4) / n))
    expect(tail / n).toBeCloseTo(Math.exp(-3 / b), 2)
  })

  it("releases unbiased values and leaves the input alone", () => {
    const rng = createRng(2)
    const values = [10, -3, 0.5]
    const sums = new Float64Array(3)
    const reps = 20_000
    for (let r = 0; r < reps; r++) {
      const out = laplaceMechanism(values, { sensitivity: 1, epsilon: 1 }, rng)
      for (let i = 0; i < 3; i++) sums[i] += out[i] / reps
    }
    // sd of each mean: sqrt(2/reps) = 0.01
    for (let i = 0; i < 3; i++) expect(Math.abs(sums[i] - values[i])).toBeLessThan(0.05)
    expect(values).toEqual([10, -3, 0.5])
  })

  it("is reproducible from the seed", () => {
    const a = laplaceMechanism([1, 2, 3], { sensitivity: 1, epsilon: 1 }, createRng(9))
    const b = laplaceMechanism([1, 2, 3], { sensitivity: 1, epsilon: 1 }, createRng(9))
    expect(Array.from(a)).toEqual(Array.from(b))
  })

  it("refuses bad parameters with their name", () => {
    const rng = createRng(3)
    expect(() => laplaceMechanism([1], { sensitivity: 1, epsilon: 0 }, rng)).toThrow(
      /epsilon must be a finite number > 0, got 0/,
    )
    expect(() => laplaceMechanism([1], { sensitivity: 1, epsilon: -1 }, rng)).toThrow(/epsilon/)
    expect(() => laplaceMechanism([1], { sensitivity: 0, epsilon: 1 }, rng)).toThrow(
      /sensitivity must be a finite number > 0, got 0/,
    )
    expect(() => laplaceMechanism([1], { sensitivity: Number.NaN, epsilon: 1 }, rng)).toThrow(/sensitivity/)
    expect(() => laplaceMechanism([Number.NaN], { sensitivity: 1, epsilon: 1 }, rng)).toThrow(/value 0 is not finite/)
  })
})
