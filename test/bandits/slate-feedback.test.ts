import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { FeedbackReweighting, TopKSlate, Ucb1 } from "../../src/bandits"

describe("TopKSlate", () => {
  it("shows the k best indices, ties to the smaller arm", () => {
    const base = new Ucb1({ arms: 5 })
    for (let a = 0; a < 5; a++) base.update(a, [0.1, 0.9, 0.5, 0.9, 0.2][a])
    const slate = new TopKSlate(base, { k: 3, clickModel: "cascade" })
    expect(Array.from(slate.select(undefined, createRng(1), new Int32Array(3)))).toEqual([1, 3, 2])
  })

  it("cascade feedback: items above the first click get 0, the clicked one 1, later ones nothing", () => {
    const base = new Ucb1({ arms: 4 })
    const slate = new TopKSlate(base, { k: 3, clickModel: "cascade" })
    slate.update(Int32Array.from([2, 0, 3]), Uint8Array.from([0, 1, 1]), undefined)
    expect(Array.from(base.counts)).toEqual([1, 0, 1, 0])
    expect(Array.from(base.means)).toEqual([1, 0, 0, 0])
  })

  it("learns the most attractive items under a simulated cascade (Kveton et al. 2015 setting)", () => {
    const attraction = [0.05, 0.3, 0.05, 0.25, 0.05, 0.2, 0.05, 0.05]
    const slate = new TopKSlate(new Ucb1({ arms: 8 }), { k: 3, clickModel: "cascade" })
    const rng = createRng(4)
    const shown = new Int32Array(3)
    const clicks = new Uint8Array(3)
    for (let t = 0; t < 4000; t++) {
      slate.select(undefined, rng, shown)
      clicks.fill(0)
      for (let p = 0; p < 3; p++)
        if (rng.next() < attraction[shown[p]]) {
          clicks[p] = 1
          break
        }
      slate.update(shown, clicks, undefined)
    }
    expect(Array.from(slate.select(undefined, rng, shown)).sort()).toEqual([1, 3, 5])
  })

  it("position-based model: inverse-propensity rewards click/κ_p", () => {
    const base = new Ucb1({ arms: 3 })
    const slate = new TopKSlate(base, { k: 2, clickModel: "position-based", examination: [1, 0.5] })
    slate.update(Int32Array.from([0, 1]), Uint8Array.from([0, 1]), undefined)
    expect(base.means[1]).toBe(2)
    expect(() => new TopKSlate(base, { k: 2, clickModel: "position-based" })).toThrow(/examination must list κ/)
  })
})

describe("FeedbackReweighting (seed 001 §三 adjust_recommendations)", () => {
  it("a like raises, a dislike lowers, and nothing falls below the floor γ/K", () => {
    const p = new FeedbackReweighting({ arms: 4, learningRate: 0.5, decay: 0, exploration: 0.1 })
    p.update(0, 1, {})
    p.update(2, -1, {})
    // logits (0.5, 0, −0.5, 0): softmax = e^l / (e^0.5 + 2 + e^−0.5), mixed with γ/K = 0.025.
    const z = Math.exp(0.5) + 2 + Math.exp(-0.5)
    const expected = [Math.exp(0.5) / z, 1 / z, Math.exp(-0.5) / z, 1 / z].map((v) => 0.9 * v + 0.025)
    Array.from(p.probabilities({})).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12))
    for (let t = 0; t < 200; t++) p.update(2, -1, {})
    expect(p.probabilities({})[2]).toBeGreaterThanOrEqual(0.025)
  })

  it("per-user profiles are separate, and decay lets old feedback fade", () => {
    const p = new FeedbackReweighting({ arms: 3, users: 2, decay: 0.5 })
    p.update(1, 1, { user: 0 })
    expect(p.probabilities({ user: 1 })[1]).toBeCloseTo(1 / 3, 12)
    const liked = p.probabilities({ user: 0 })[1]
    p.update(0, 0, { user: 0 })
    expect(p.probabilities({ user: 0 })[1]).toBeLessThan(liked)
  })
})
