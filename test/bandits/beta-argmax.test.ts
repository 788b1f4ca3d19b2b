import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { betaArgmax } from "../../src/bandits/beta-argmax"
import { betaArgmaxXoshiro } from "../../src/bandits/beta-argmax-xoshiro"
import { createRng, type Rng } from "../../src/random/rng"
import { MARKER, xoshiroStep } from "../simulation/kernels/xoshiro-template"

/** The same generator behind an object that is not a Xoshiro128, so betaArgmax takes its generic path. */
function opaque(rng: Rng): Rng {
  return { next: () => rng.next(), nextUint32: () => rng.nextUint32() }
}

/** Posterior tables with shapes on both sides of 1 (the boost) and up to ≈ 40. */
function tables(K: number, users: number, seed: number) {
  const rng = createRng(seed)
  const priorAlpha = Float64Array.from({ length: K }, () => 0.05 + 3 * rng.next())
  const priorBeta = Float64Array.from({ length: K }, () => 0.05 + 20 * rng.next())
  const successes = Float64Array.from({ length: users * K }, () => Math.floor(4 * rng.next()))
  const failures = Float64Array.from({ length: users * K }, () => Math.floor(20 * rng.next()))
  return { priorAlpha, priorBeta, successes, failures }
}

describe("betaArgmax on a Xoshiro128 (the inline loop)", () => {
  it("gives the generic path's arms, draws and generator state, bit for bit", () => {
    const K = 30
    const users = 50
    const { priorAlpha, priorBeta, successes, failures } = tables(K, users, 3)
    const inline = createRng(17)
    const generic = inline.clone()
    const wrapped = opaque(generic)
    const outInline = new Float64Array(K)
    const outGeneric = new Float64Array(K)
    // 6,000 decisions = 360,000 gammas: the ziggurat's wedge (≈ 1%) and tail (≈ 0.06%, ≈ 200 times) and the
    // shape-below-1 boost all occur.
    let differ = 0
    for (let t = 0; t < 6_000; t++) {
      const row = (t % users) * K
      const withOut = t % 3 === 0
      const a = betaArgmax(inline, priorAlpha, priorBeta, successes, failures, row, K, withOut ? outInline : null)
      const b = betaArgmax(wrapped, priorAlpha, priorBeta, successes, failures, row, K, withOut ? outGeneric : null)
      if (a !== b) differ++
      if (withOut) for (let i = 0; i < K; i++) if (!Object.is(outInline[i], outGeneric[i])) differ++
    }
    expect(differ).toBe(0)
    expect(inline.nextUint32()).toBe(generic.nextUint32())
  })

  it("declines a generator of another kind", () => {
    const { priorAlpha, priorBeta, successes, failures } = tables(3, 1, 4)
    expect(betaArgmaxXoshiro(opaque(createRng(1)), priorAlpha, priorBeta, successes, failures, 0, 3, null)).toBe(-1)
  })

  it("steps the generator with the one xoshiro128** template of the simulation kernels", () => {
    const lines = readFileSync(join(__dirname, "../../src/bandits/beta-argmax-xoshiro.ts"), "utf8").split("\n")
    let blocks = 0
    lines.forEach((text, i) => {
      const m = MARKER.exec(text)
      if (m === null) return
      const expected = xoshiroStep(m[2], m[3], m[4] !== undefined, m[1])
      expect(lines.slice(i + 1, i + 1 + expected.length), `line ${i + 1}`).toEqual(expected)
      blocks++
    })
    expect(blocks).toBe(8)
    expect(lines.join("\n").split("Math.imul(").length - 1).toBe(2 * blocks)
  })
})
