import { describe, expect, it } from "vitest"
import { BootstrappedInterestMlp } from "../../src/bandits/bootstrapped-interest-mlp"
import { policyDescriptor } from "../../src/bandits/registry"
import { fastNormal } from "../../src/random/fast-random"
import { createRng, type Rng } from "../../src/random/rng"
import { randomInt } from "../../src/random/uniform"
import { historyOf } from "./history-fixture"

interface Net {
  w1: Float64Array
  b1: Float64Array
  w2: Float64Array
  c2: Float64Array
  /** inputs, hidden width, arms, heads */
  n: number
  H: number
  K: number
  heads: number
}

interface Row {
  s: number[]
  a: number
  r: number
  mask: number[]
}

/** A copy of the policy's parameters. */
function netOf(p: BootstrappedInterestMlp): Net {
  const { arms: K, dimension, hidden: H, heads } = p.config
  const copy = (w: Float64Array) => Float64Array.from(w)
  return { w1: copy(p.w1), b1: copy(p.b1), w2: copy(p.w2), c2: copy(p.c2), n: K + dimension, H, K, heads }
}

/** The policy's generator replayed: createRng(seed, 0), then the He-scaled initial weights, leaving it at the masks. */
function initialWeights(seed: number, n: number, H: number, K: number, heads: number) {
  const rng = createRng(seed, 0)
  const w1 = Float64Array.from({ length: H * n }, () => Math.sqrt(2 / n) * fastNormal(rng))
  const w2 = Float64Array.from({ length: heads * K * H }, () => Math.sqrt(1 / H) * fastNormal(rng))
  return { rng, w1, w2 }
}

/** One bootstrap mask per head: the low bit of one generator word each. */
function masks(rng: Rng, heads: number): number[] {
  return Array.from({ length: heads }, () => rng.nextUint32() % 2)
}

/** φ_ua = (S_ua + 1/K)/(S_u + 1) followed by the visit features. */
function inputOf(clicks: number[], features: number[]): number[] {
  const K = clicks.length
  const total = clicks.reduce((x, y) => x + y, 0) + 1
  return [...clicks.map((c) => (c + 1 / K) / total), ...features]
}

/**
 * An independent SGD step on the mean over the rows of the masked binary cross-entropy
 * Σ_h m_h·BCE(σ(z_h), r), z_h = c_ha + w_haᵀ relu(W₁ s + b₁), with relu'(0) = 0 (chain rule written out per row).
 */
function referenceStep(net: Net, rows: Row[], lr: number): void {
  const { n, H, K } = net
  const g = { w1: new Float64Array(net.w1.length), b1: new Float64Array(H), w2: new Float64Array(net.w2.length) }
  const gc2 = new Float64Array(net.c2.length)
  for (const { s, a, r, mask } of rows) {
    const pre = Array.from({ length: H }, (_, j) => s.reduce((acc, v, i) => acc + net.w1[j * n + i] * v, net.b1[j]))
    const h = pre.map((v) => Math.max(0, v))
    mask.forEach((keep, head) => {
      if (keep === 0) return
      const o = (head * K + a) * H
      const z = h.reduce((acc, v, j) => acc + net.w2[o + j] * v, net.c2[head * K + a])
      const d = 1 / (1 + Math.exp(-z)) - r
      gc2[head * K + a] += d
      for (let j = 0; j < H; j++) {
        g.w2[o + j] += d * h[j]
        if (pre[j] <= 0) continue
        g.b1[j] += d * net.w2[o + j]
        for (let i = 0; i < n; i++) g.w1[j * n + i] += d * net.w2[o + j] * s[i]
      }
    })
  }
  const step = lr / rows.length
  net.w1.forEach((v, i) => (net.w1[i] = v - step * g.w1[i]))
  net.b1.forEach((v, i) => (net.b1[i] = v - step * g.b1[i]))
  net.w2.forEach((v, i) => (net.w2[i] = v - step * g.w2[i]))
  net.c2.forEach((v, i) => (net.c2[i] = v - step * gc2[i]))
}

function expectNet(p: BootstrappedInterestMlp, net: Net): void {
  for (const key of ["w1", "b1", "w2", "c2"] as const) {
    expect(p[key]).toHaveLength(net[key].length)
    p[key].forEach((v, i) => expect(v, `${key}[${i}]`).toBeCloseTo(net[key][i], 12))
  }
}

describe("BootstrappedInterestMlp: exact values", () => {
  it("defaults, and He-scaled initial weights from createRng(seed, 0) with zero biases; reset draws them again", () => {
    const p = new BootstrappedInterestMlp({ arms: 3, users: 2 })
    expect(p.config).toEqual({
      arms: 3,
      dimension: 0,
      users: 2,
      hidden: 64,
      heads: 5,
      learningRate: 0.5,
      batch: 32,
      epochs: 5,
      seed: 0,
    })
    expect(p.name).toBe("bootstrapped-mlp-5")
    expect(p.nArms).toBe(3)
    const { w1, w2 } = initialWeights(0, 3, 64, 3, 5)
    expect(Array.from(p.w1)).toEqual(Array.from(w1))
    expect(Array.from(p.w2)).toEqual(Array.from(w2))
    expect(p.b1).toEqual(new Float64Array(64))
    expect(p.c2).toEqual(new Float64Array(15))
    const q = new BootstrappedInterestMlp({ arms: 2, dimension: 1, users: 1, hidden: 3, heads: 2, batch: 2, seed: 5 })
    q.update(1, 1, { user: 0, features: Float64Array.of(1) })
    q.update(0, 0, { user: 0, features: Float64Array.of(2) })
    expect(q.w2).not.toEqual(initialWeights(5, 3, 3, 2, 2).w2)
    q.update(0, 1, { user: 0, features: Float64Array.of(2) })
    q.reset()
    expect(Array.from(q.w1)).toEqual(Array.from(initialWeights(5, 3, 3, 2, 2).w1))
    expect(Array.from(q.w2)).toEqual(Array.from(initialWeights(5, 3, 3, 2, 2).w2))
    expect([...q.b1, ...q.c2, ...q.clicks, ...q.userClicks].every((v) => v === 0)).toBe(true)
    // The observation queued before the reset is dropped: one more update does not fill the batch of 2.
    q.update(0, 1, { user: 0, features: Float64Array.of(2) })
    expect(Array.from(q.w1)).toEqual(Array.from(initialWeights(5, 3, 3, 2, 2).w1))
    expect(new BootstrappedInterestMlp({ arms: 2, name: "mine" }).name).toBe("mine")
  })

  it("scores by hand: smoothed click shares and features, relu, each head's logits, propensities, select and explain", () => {
    const p = new BootstrappedInterestMlp({ arms: 2, dimension: 1, users: 2, hidden: 2, heads: 3, batch: 100 })
    const x = (v: number) => ({ user: 1, features: Float64Array.of(v) })
    p.update(0, 1, x(3))
    p.update(0, 1, x(3))
    p.update(1, 0, x(3))
    expect(Array.from(p.clicks)).toEqual([0, 0, 2, 0])
    expect(Array.from(p.userClicks)).toEqual([0, 2])
    // s = [(2 + 1/2)/3, (0 + 1/2)/3, 3] = [5/6, 1/6, 3].
    p.w1.set([0.6, 0, 0.1, -1, 0, 0])
    p.b1.set([0, 0.5])
    // pre = [0.5 + 0.3, 0.5 − 5/6]: h = [0.8, 0].
    p.w2.set([1, 4, 2, 0, 3, -7, -1, 0, -1, 6, 0, 2])
    p.c2.set([0.1, 0, 0, 0.4, 0, 0])
    // logits: head 0 (0.9, 1.6), head 1 (2.4, −0.4), head 2 (−0.8, 0): arms 1, 0, 1.
    const probs = p.probabilities(x(3))
    expect(probs[0]).toBeCloseTo(1 / 3, 15)
    expect(probs[1]).toBeCloseTo(2 / 3, 15)
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const head = randomInt(createRng(seed), 3)
      const arm = p.select(x(3), createRng(seed))
      expect(arm).toBe(head === 1 ? 0 : 1)
      const e = p.explain(arm, x(3))
      const drawn = [1.6, 2.4, 0][head]
      expect(e.score).toBeCloseTo(drawn, 14)
      // Mean logits over the heads: arm 0 (0.9 + 2.4 − 0.8)/3 = 2.5/3, arm 1 (1.6 − 0.4 + 0)/3 = 0.4.
      expect(e.contributions?.[0].label).toBe("mean logit of the heads")
      expect(e.contributions?.[0].value).toBeCloseTo(arm === 0 ? 2.5 / 3 : 0.4, 14)
      expect(e.kind).toBe(arm === 0 ? "exploit" : "explore")
    }
    // A user with no clicks reads uniform shares: s = [1/2, 1/2, 3], pre = [0.6, 0]: h = [0.6, 0].
    const fresh = p.probabilities({ user: 0, features: Float64Array.of(3) })
    // head 0 (0.7, 1.2), head 1 (1.8, 0.4 − 0.6), head 2 (−0.6, 0): arms 1, 0, 1.
    expect(Array.from(fresh, (v) => Math.round(v * 3))).toEqual([1, 2])
    expect(() => p.probabilities({ user: 1 })).toThrow(
      "bootstrapped-mlp-3: context.features must be a Float64Array of length 1, got undefined",
    )
    expect(() => p.select({ user: 1, features: Float64Array.of(1, 2) }, createRng(1))).toThrow(
      "bootstrapped-mlp-3: context.features must be a Float64Array of length 1, got length 2",
    )
    expect(() => p.update(0, 1, { user: 1, features: [1] as unknown as Float64Array })).toThrow(/got 1$/)
    expect(() => p.update(0, 2, x(1))).toThrow(/reward/)
    expect(() => p.update(2, 1, x(1))).toThrow(/arm/)
    expect(() => p.probabilities({ user: 2, features: Float64Array.of(1) })).toThrow(/user/)
  })

  it("ties between arms share a head's mass, and select breaks them with the caller's generator", () => {
    const p = new BootstrappedInterestMlp({ arms: 3, users: 1, hidden: 1, heads: 2 })
    p.w2.fill(0)
    p.c2.set([1, 1, 0, 0, 2, 0])
    const probs = p.probabilities({ user: 0 })
    expect(Array.from(probs)).toEqual([0.25, 0.75, 0])
    const seen = new Set<number>()
    for (let seed = 0; seed < 40; seed++) seen.add(p.select({ user: 0 }, createRng(seed)))
    expect([...seen].sort()).toEqual([0, 1])
  })

  it("one training step every `batch` updates, equal to an independent SGD step with the policy's own bootstrap masks", () => {
    const K = 3
    const heads = 3
    const p = new BootstrappedInterestMlp({
      arms: K,
      dimension: 2,
      users: 2,
      hidden: 5,
      heads,
      batch: 4,
      learningRate: 0.3,
      seed: 6,
    })
    const { rng } = initialWeights(6, 5, 5, K, heads)
    const net = netOf(p)
    const steps: [number, number, number, number[]][] = [
      [0, 1, 1, [0.5, -1]],
      [1, 2, 0, [2, 0.25]],
      [0, 1, 1, [-0.5, 1]],
      [0, 0, 0, [1, 1]],
    ]
    const clicks = [
      [0, 0, 0],
      [0, 0, 0],
    ]
    const rows: Row[] = []
    steps.forEach(([u, a, r, x], t) => {
      rows.push({ s: inputOf(clicks[u], x), a, r, mask: masks(rng, heads) })
      clicks[u][a] += r
      p.update(a, r, { user: u, features: Float64Array.from(x) })
      if (t < steps.length - 1) expectNet(p, net)
    })
    expect(rows.some((row) => row.mask.some((m) => m === 1) && row.r === 1)).toBe(true)
    referenceStep(net, rows, 0.3)
    expectNet(p, net)
    // A partial batch trains on what it holds when asked; an empty one is left alone.
    p.update(2, 1, { user: 1, features: Float64Array.of(0, 3) })
    const one = { s: inputOf(clicks[1], [0, 3]), a: 2, r: 1, mask: masks(rng, heads) }
    expectNet(p, net)
    p.train()
    referenceStep(net, [one], 0.3)
    expectNet(p, net)
    p.train()
    expectNet(p, net)
  })

  it("relu'(0) = 0: a unit whose pre-activation is exactly 0 passes no gradient to its weights", () => {
    // Seed 8 keeps the single observation in both heads.
    const p = new BootstrappedInterestMlp({
      arms: 2,
      users: 1,
      hidden: 2,
      heads: 2,
      batch: 1,
      learningRate: 1,
      seed: 8,
    })
    const { rng } = initialWeights(8, 2, 2, 2, 2)
    const mask = masks(rng, 2)
    expect(mask).toEqual([1, 1])
    // s = [1/2, 1/2]: unit 1's pre-activation 0.5·(−1) + 0.5·1 + 0 is exactly 0.
    p.w1.set([1, 1, -1, 1])
    p.w2.set([0.5, 2, 0.5, 2, 0.5, 2, 0.5, 2])
    const net = netOf(p)
    p.update(0, 1, { user: 0 })
    referenceStep(net, [{ s: [0.5, 0.5], a: 0, r: 1, mask }], 1)
    expectNet(p, net)
    expect(Array.from(p.w1.subarray(2))).toEqual([-1, 1])
    expect(p.b1[1]).toBe(0)
  })

  it("a warm start tallies the clicks first, then trains `epochs` passes in a Fisher–Yates order from the given generator", () => {
    const rowsIn: [number, number, number][] = [
      [0, 0, 1],
      [1, 1, 0],
      [2, 1, 1],
      [0, 1, 1],
      [2, 0, 0],
    ]
    const p = new BootstrappedInterestMlp({
      arms: 2,
      dimension: 1,
      users: 2,
      hidden: 3,
      heads: 2,
      batch: 3,
      epochs: 2,
      learningRate: 0.4,
      seed: 8,
    })
    const { rng: own } = initialWeights(8, 3, 3, 2, 2)
    const net = netOf(p)
    p.warmStart(historyOf(3, 2, rowsIn), createRng(11))
    expect(Array.from(p.clicks)).toEqual([1, 1, 0, 0, 0, 1])
    expect(Array.from(p.userClicks)).toEqual([2, 0, 1])
    // No visit features in a history: x = 0.
    const shares = [inputOf([1, 1], [0]), inputOf([0, 0], [0]), inputOf([0, 1], [0])]
    const shuffle = createRng(11)
    const order = [0, 1, 2, 3, 4]
    const queue: Row[] = []
    for (let e = 0; e < 2; e++) {
      for (let i = 4; i > 0; i--) {
        const j = randomInt(shuffle, i + 1)
        ;[order[i], order[j]] = [order[j], order[i]]
      }
      for (const r of order) {
        const [u, a, reward] = rowsIn[r]
        queue.push({ s: shares[u], a, r: reward, mask: masks(own, 2) })
        if (queue.length === 3) referenceStep(net, queue.splice(0), 0.4)
      }
    }
    referenceStep(net, queue, 0.4)
    expectNet(p, net)
    // A second warm start with no more users adds its clicks to those held.
    p.warmStart(historyOf(2, 2, [[1, 0, 1]]), createRng(1))
    expect(Array.from(p.clicks)).toEqual([1, 1, 1, 0, 0, 1])
    expect(Array.from(p.userClicks)).toEqual([2, 1, 1])
  })

  it("epochs 0: a warm start only tallies the clicks", () => {
    const p = new BootstrappedInterestMlp({ arms: 2, users: 1, hidden: 2, heads: 1, epochs: 0 })
    const before = netOf(p)
    p.warmStart(historyOf(1, 2, [[0, 1, 1]]), createRng(1))
    expectNet(p, before)
    expect(Array.from(p.clicks)).toEqual([0, 1])
  })

  it("the registry reads the context features only with features: true; a bad value is refused in one line", () => {
    const setting = { arms: 3, seed: 4, features: () => 2, users: () => 5 }
    const d = policyDescriptor("bootstrapped-mlp")
    expect((d.create({ features: true, hidden: 4 }, setting) as BootstrappedInterestMlp).config).toEqual({
      arms: 3,
      dimension: 2,
      users: 5,
      hidden: 4,
      heads: 5,
      learningRate: 0.5,
      batch: 32,
      epochs: 5,
      seed: 4,
    })
    expect((d.create({}, setting) as BootstrappedInterestMlp).config.dimension).toBe(0)
    expect(() => d.create({ features: "yes" }, setting)).toThrow(
      /^BootstrappedInterestMlp: features must be true or false/,
    )
    expect(d.description).toBe(
      "bootstrapped neural bandit: a small MLP with H bootstrapped heads, one drawn per step (Osband et al. 2016)",
    )
    expect(() => new BootstrappedInterestMlp({ arms: 2, dimension: -1 })).toThrow(/^BootstrappedInterestMlp: dimension/)
    expect(() => new BootstrappedInterestMlp({ arms: 2, users: 0 })).toThrow(/^BootstrappedInterestMlp: users/)
    expect(() => new BootstrappedInterestMlp({ arms: 2, seed: -1 })).toThrow(/^BootstrappedInterestMlp: seed/)
    expect(() => new BootstrappedInterestMlp({ arms: 0 })).toThrow(/^BootstrappedInterestMlp: arms/)
    expect(() => new BootstrappedInterestMlp({ arms: 2, heads: 0 })).toThrow(/^BootstrappedInterestMlp: heads/)
  })
})
