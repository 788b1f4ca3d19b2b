import { describe, expect, it } from "vitest"
import { BEHAVIOR_STATES, behaviorSequences, EXIT_STATE } from "../../src/behavior/behavior-sequences"
import { MarkovChain, perSegmentChains } from "../../src/behavior/markov-chain"
import { stationaryDistribution } from "../../src/behavior/stationary"
import { createRng } from "../../src/random/rng"
import { fromRowMajor } from "../../src/linalg/matrix"
import { generateWorld, simulateEvents } from "../../src/world"

describe("MarkovChain", () => {
  it("estimates the MLE and the Laplace-smoothed transition matrix by hand", () => {
    const seqs = [
      [0, 1, 2],
      [0, 0, 1],
    ]
    // Counts: 0→0 1, 0→1 2, 1→2 1; state 2 is never left.
    const mle = new MarkovChain({ nStates: 3, smoothing: 0 }).fit(seqs)
    expect(Array.from(mle.transitionMatrix.data)).toEqual([1 / 3, 2 / 3, 0, 0, 0, 1, 1 / 3, 1 / 3, 1 / 3])
    expect(Array.from(mle.initial)).toEqual([1, 0, 0])
    const lap = new MarkovChain({ nStates: 3, smoothing: 1 }).fit(seqs)
    expect(Array.from(lap.nextDistribution(0))).toEqual([2 / 6, 3 / 6, 1 / 6])
    expect(Array.from(lap.nextDistribution(1))).toEqual([1 / 4, 1 / 4, 2 / 4])
    expect(Array.from(lap.initial)).toEqual([3 / 5, 1 / 5, 1 / 5])
    expect(lap.predictNext(0)).toBe(1)
    // log-likelihood of the training transitions: log(2/6) + log(3/6)·2 + log(2/4)
    expect(lap.logLikelihood(seqs)).toBeCloseTo(Math.log(2 / 6) + 2 * Math.log(3 / 6) + Math.log(2 / 4), 14)
    expect(lap.nextStateAccuracy(seqs)).toBe(3 / 4) // 0→1 twice and 1→2 predicted; 0→0 missed
    expect(mle.logLikelihood([[1, 0]])).toBe(-Infinity)
  })

  it("n-step distributions are π0 Pⁿ and approach the stationary distribution", () => {
    const mc = new MarkovChain({ nStates: 2, smoothing: 0 }).fit([[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0]])
    // 0→0 9 times, 0→1 once: p00 = 0.9; 1→1 once, 1→0 once: p11 = 0.5. π = (5/6, 1/6).
    const two = mc.nStep(0, 2)
    expect(two[0]).toBeCloseTo(0.9 * 0.9 + 0.1 * 0.5, 15)
    expect(Array.from(mc.nStep([0.5, 0.5], 0))).toEqual([0.5, 0.5])
    const far = mc.nStep(1, 200)
    const pi = mc.stationary()
    expect(pi[0]).toBeCloseTo(5 / 6, 14)
    expect(far[0]).toBeCloseTo(5 / 6, 12)
  })

  it("per-segment chains use only their segment's sequences", () => {
    const chains = perSegmentChains(
      [
        [0, 1],
        [1, 0],
        [0, 1],
      ],
      [0, 1, 0],
      3,
      { nStates: 2, smoothing: 0 },
    )
    expect(Array.from(chains[0]?.nextDistribution(0) ?? [])).toEqual([0, 1])
    expect(Array.from(chains[1]?.nextDistribution(1) ?? [])).toEqual([1, 0])
    expect(chains[2]).toBeNull()
    expect(() => perSegmentChains([[0, 1]], [3], 2, { nStates: 2 })).toThrow(/segments\[0\] is 3/)
  })

  it("rejects bad options and input", () => {
    expect(() => new MarkovChain({ nStates: 1 })).toThrow(/nStates must be an integer >= 2/)
    expect(() => new MarkovChain({ nStates: 2, smoothing: -1 })).toThrow(/smoothing/)
    expect(() => new MarkovChain({ nStates: 2, stateNames: ["a"] })).toThrow(/stateNames has 1/)
    const mc = new MarkovChain({ nStates: 2 })
    expect(() => mc.fit([])).toThrow(/sequences must not be empty/)
    expect(() => mc.fit([[0], [1]])).toThrow(/no transitions/)
    expect(() => mc.fit([[0, 2]])).toThrow(/sequences\[0\]\[1\] is 2/)
    expect(() => mc.fit([[0, NaN]])).toThrow(/is NaN/)
    expect(() => mc.predictNext(0)).toThrow(/call fit\(\) first/)
    mc.fit([[0, 1]])
    expect(() => mc.nStep(0, -1)).toThrow(/n must be/)
    expect(() => mc.nStep([0.5, 0.2], 1)).toThrow(/sums to 0.7/)
    expect(() => mc.predictNext(5)).toThrow(/state must be an integer in \[0, 2\)/)
  })
})

describe("stationaryDistribution", () => {
  it("linear solve and power iteration agree on a random positive chain, and π = πP", () => {
    const rng = createRng(4)
    const n = 6
    const data = new Float64Array(n * n)
    for (let i = 0; i < n; i++) {
      let s = 0
      for (let j = 0; j < n; j++) s += data[i * n + j] = rng.next() + 0.01
      for (let j = 0; j < n; j++) data[i * n + j] /= s
    }
    const P = fromRowMajor(data, n, n)
    const a = stationaryDistribution(P)
    const b = stationaryDistribution(P, { method: "power" })
    for (let j = 0; j < n; j++) {
      expect(a[j]).toBeCloseTo(b[j], 11)
      let pj = 0
      for (let i = 0; i < n; i++) pj += a[i] * data[i * n + j]
      expect(pj).toBeCloseTo(a[j], 14)
    }
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14)
  })

  it("reports reducible and periodic chains and non-stochastic matrices", () => {
    expect(() => stationaryDistribution(fromRowMajor([1, 0, 0, 1], 2, 2))).toThrow(/no unique stationary distribution/)
    // Period 2 (0 ↔ 1 ↔ 2): π = (1/4, 1/2, 1/4) exists, but power iteration from uniform oscillates.
    const periodic = fromRowMajor([0, 1, 0, 0.5, 0, 0.5, 0, 1, 0], 3, 3)
    expect(() => stationaryDistribution(periodic, { method: "power", maxIter: 100 })).toThrow(/did not converge/)
    expect(Array.from(stationaryDistribution(periodic))).toEqual([0.25, 0.5, 0.25])
    expect(() => stationaryDistribution(fromRowMajor([0.5, 0.4, 0, 1], 2, 2))).toThrow(/row 0 of P sums to 0.9/)
  })
})

describe("behaviour chain on the synthetic world", () => {
  const world = generateWorld({ users: 300, items: 150, seed: 5 })
  const { events } = simulateEvents(world)
  const { users, sequences } = behaviorSequences(events)

  it("sequences hold every event plus one exit per session", () => {
    const sessions = new Set(Array.from(events.session)).size
    expect(sequences.reduce((s, q) => s + q.length, 0)).toBe(events.length + sessions)
    expect(sequences.every((q) => q[q.length - 1] === EXIT_STATE)).toBe(true)
    expect(users.length).toBe(sequences.length)
  })

  it("the unsmoothed chain respects the funnel: no cart without a click, no purchase without a cart", () => {
    const mc = new MarkovChain({ nStates: BEHAVIOR_STATES.length, smoothing: 0, stateNames: BEHAVIOR_STATES }).fit(
      sequences,
    )
    const P = mc.transitionMatrix
    const S = BEHAVIOR_STATES.length
    const p = (a: string, b: string) =>
      P.data[BEHAVIOR_STATES.indexOf(a as never) * S + BEHAVIOR_STATES.indexOf(b as never)]
    expect(p("view", "cart")).toBe(0)
    expect(p("view", "purchase")).toBe(0)
    expect(p("click", "purchase")).toBe(0)
    expect(p("exit", "view")).toBe(1) // every session starts with a view
    expect(p("view", "click")).toBeGreaterThan(0)
    // The chain's view→click rate equals the log's clicks over views that can be followed (counted directly).
    let views = 0
    let viewThenClick = 0
    for (const q of sequences)
      for (let t = 1; t < q.length; t++)
        if (q[t - 1] === 0) {
          views++
          if (q[t] === 1) viewThenClick++
        }
    expect(p("view", "click")).toBeCloseTo(viewThenClick / views, 15)
    // "view" is the most likely next state from every state, so next-state accuracy equals the share of views.
    const viewShare =
      sequences.reduce((s, q) => s + q.slice(1).filter((x) => x === 0).length, 0) /
      sequences.reduce((s, q) => s + q.length - 1, 0)
    expect(mc.nextStateAccuracy(sequences)).toBeCloseTo(viewShare, 14)
  })

  it("on held-out users the chain beats the order-0 model (state frequencies) in log-likelihood; segment chains differ", () => {
    const segments = Array.from(users, (u) => world.users.segment[u])
    const chains = perSegmentChains(sequences, segments, 2, { nStates: 5, smoothing: 1 })
    expect(chains[0]).not.toBeNull()
    expect(chains[1]).not.toBeNull()
    const train = sequences.filter((_, r) => r % 2 === 0)
    const test = sequences.filter((_, r) => r % 2 === 1)
    const chainLl = new MarkovChain({ nStates: 5, smoothing: 1 }).fit(train).logLikelihood(test)
    const freq = new Float64Array(5).fill(1)
    for (const q of train) for (let t = 1; t < q.length; t++) freq[q[t]]++
    const total = freq.reduce((a, b) => a + b, 0)
    let order0Ll = 0
    for (const q of test) for (let t = 1; t < q.length; t++) order0Ll += Math.log(freq[q[t]] / total)
    expect(chainLl).toBeGreaterThan(order0Ll)
    const d = Math.abs((chains[0]?.nextDistribution(0)[1] ?? 0) - (chains[1]?.nextDistribution(0)[1] ?? 0))
    expect(d).toBeGreaterThan(0)
    const pi = new MarkovChain({ nStates: 5, smoothing: 1 }).fit(sequences).stationary()
    expect(pi[0]).toBeGreaterThan(0.5) // most of the time is spent viewing
  })
})
