import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { normal } from "../../src/random/normal"
import { interactionsFromTriples } from "../../src/schema/interactions"
import { FederatedMf } from "../../src/federated/federated-mf"
import { OnDeviceMf } from "../../src/federated/on-device-mf"
import { fitCentralImplicitMf } from "../../src/federated/central-implicit-mf"
import {
  addUserItemGradient,
  checkFactorShapes,
  implicitMfLoss,
  itemGramian,
  solveUserFactor,
  UserSolveScratch,
} from "../../src/federated/implicit-mf-objective"
import { roundsVsAccuracy } from "../../src/federated/rounds-curve"

// Federated implicit MF with one latent factor (f = 1), where every quantity is a scalar and the reference
// below is written out densely over all (user, item) pairs from the Hu–Koren–Volinsky objective
// L = Σ_u Σ_i c_ui (p_ui − x_u y_i)² + λ(Σ x_u² + Σ y_i²), c_ui = 1 + α r_ui, p_ui = [r_ui > 0].

// user 0: item 0 (r = 1); user 1: items 0 (r = 2) and 2 (r = 1); user 2: item 1 (r = 3); user 3: nothing
const train = interactionsFromTriples(4, 3, [0, 1, 1, 2], [0, 0, 2, 1], [1, 2, 1, 3])
const R = [
  [1, 0, 0],
  [2, 0, 1],
  [0, 3, 0],
  [0, 0, 0],
]
const alpha = 2
const lambda = 0.5
const objective = { factors: 1, alpha, regularization: lambda }
const U = 4
const I = 3

/** x_u = argmin Σ_i c(p − x y_i)² + λx² = Σ_i c p y_i / (Σ_i c y_i² + λ). */
function solveUser(u: number, y: number[]): number {
  let num = 0
  let den = lambda
  for (let i = 0; i < I; i++) {
    const c = 1 + alpha * R[u][i]
    num += c * (R[u][i] > 0 ? 1 : 0) * y[i]
    den += c * y[i] * y[i]
  }
  return num / den
}

function loss(x: number[], y: number[]): number {
  let l = 0
  for (let u = 0; u < U; u++)
    for (let i = 0; i < I; i++) l += (1 + alpha * R[u][i]) * ((R[u][i] > 0 ? 1 : 0) - x[u] * y[i]) ** 2
  return l + lambda * (x.reduce((s, v) => s + v * v, 0) + y.reduce((s, v) => s + v * v, 0))
}

/** ∂/∂y of F_k = (1/|S|) Σ_{u∈S} ℓ_u + (λ/U) Σ y², the users' vectors solved from y. */
function clientGradient(users: number[], y: number[]): number[] {
  const x = users.map((u) => solveUser(u, y))
  return y.map((yi, i) => {
    let g = 0
    users.forEach((u, q) => {
      const c = 1 + alpha * R[u][i]
      g += 2 * c * (x[q] * yi - (R[u][i] > 0 ? 1 : 0)) * x[q]
    })
    return g / users.length + ((2 * lambda) / U) * yi
  })
}

const norm = (v: number[]) => Math.sqrt(v.reduce((s, a) => s + a * a, 0))
const closeAll = (got: ArrayLike<number>, want: number[], digits = 13) =>
  want.forEach((v, i) => expect(got[i], `entry ${i}`).toBeCloseTo(v, digits))

describe("the implicit MF objective with one factor", () => {
  const y = [0.4, -0.7, 1.1]
  const x = [0.3, 0.9, -0.2, 0.5]

  it("implicitMfLoss is the dense sum over every pair plus λ times both squared norms", () => {
    expect(implicitMfLoss(train, Float64Array.from(x), Float64Array.from(y), objective)).toBeCloseTo(loss(x, y), 12)
  })

  it("solveUserFactor gives Σ c p y / (Σ c y² + λ), and 0 to a user without items", () => {
    const g = itemGramian(Float64Array.from(y), I, 1, new Float64Array(1))
    expect(g[0]).toBeCloseTo(0.16 + 0.49 + 1.21, 14)
    const out = new Float64Array(4).fill(9)
    for (let u = 0; u < U; u++)
      solveUserFactor(train, u, Float64Array.from(y), g, objective, out, u, new UserSolveScratch(1))
    closeAll(
      out,
      [0, 1, 2, 3].map((u) => solveUser(u, y)),
    )
    expect(out[3]).toBe(0)
  })

  it("addUserItemGradient adds scale·2c(x y_i − p)x for every item", () => {
    const grad = Float64Array.of(1, 1, 1)
    addUserItemGradient(
      train,
      1,
      Float64Array.of(0, 0.9),
      1,
      Float64Array.from(y),
      objective,
      0.5,
      grad,
      new Float64Array(3),
    )
    closeAll(
      grad,
      y.map((yi, i) => 1 + 0.5 * 2 * (1 + alpha * R[1][i]) * (0.9 * yi - (R[1][i] > 0 ? 1 : 0)) * 0.9),
    )
  })

  it("itemGramian fills both triangles of YᵀY", () => {
    const g = itemGramian(Float64Array.of(1, 2, 3, 4, 5, 6), 3, 2, new Float64Array(4).fill(7))
    expect(Array.from(g)).toEqual([1 + 9 + 25, 2 + 12 + 30, 2 + 12 + 30, 4 + 16 + 36])
  })

  it("names shapes and hyper-parameters that do not fit", () => {
    const y3 = new Float64Array(3)
    expect(() => checkFactorShapes("here", train, new Float64Array(3), y3, 1)).toThrow(
      "here: user factors must have 4 × 1 entries, got 3",
    )
    expect(() => checkFactorShapes("here", train, new Float64Array(4), new Float64Array(2), 1)).toThrow(
      "here: item factors must have 3 × 1 entries, got 2",
    )
    const make = (o: object) => () => new OnDeviceMf(y3, { ...objective, ...o })
    expect(make({ factors: 0 })).toThrow("OnDeviceMf: factors must be an integer >= 1, got 0")
    expect(make({ factors: 1.5 })).toThrow("factors must be an integer >= 1, got 1.5")
    expect(make({ alpha: -1 })).toThrow("OnDeviceMf: alpha must be a finite number >= 0, got -1")
    expect(make({ alpha: Infinity })).toThrow("alpha must be a finite number >= 0, got Infinity")
    expect(make({ alpha: 0 })).not.toThrow()
    expect(make({ regularization: 0 })).toThrow(
      "OnDeviceMf: regularization must be a finite number > 0 (it keeps every user's system positive definite), got 0",
    )
    expect(make({ regularization: Infinity })).toThrow("got Infinity")
    expect(make({ factors: 2 })).toThrow("OnDeviceMf: itemFactors has 3 entries, not a multiple of factors = 2")
    expect(() => new OnDeviceMf(new Float64Array(4), objective).fit(train)).toThrow(
      "OnDeviceMf.fit: itemFactors holds 4 items, the training data has 3",
    )
  })
})

describe("FederatedMf, one round by hand", () => {
  const seed = 11
  const initScale = 0.3
  const learningRate = 0.4
  /** The initial Y FederatedMf draws, and the generator after it. */
  const start = () => {
    const rng = createRng(seed)
    const y = Array.from({ length: I }, () => normal(rng, 0, initScale))
    return { rng, y }
  }
  const options = { ...objective, rounds: 1, learningRate, initScale, seed }
  // clients {0, 2} and {1, 3}
  const clientOf = [0, 1, 0, 1]

  it("averages the clients' updates Δ_k = −η∇F_k weighted by their user counts; users solve from the new Y", () => {
    const { y } = start()
    const d0 = clientGradient([0, 2], y).map((g) => -learningRate * g)
    const d1 = clientGradient([1, 3], y).map((g) => -learningRate * g)
    const fed = new FederatedMf({ ...options, clientOf, keepHistory: true }).fit(train)
    const y1 = y.map((v, i) => v + (2 * d0[i] + 2 * d1[i]) / 4)
    closeAll(fed.itemFactors_, y1)
    closeAll(fed.history_[0], y1)
    closeAll(
      fed.userFactors_,
      [0, 1, 2, 3].map((u) => solveUser(u, y1)),
    )
    expect(fed.updateNorms_[0]).toBeCloseTo((norm(d0) + norm(d1)) / 2, 13)
    // unequal clients {0, 1, 2} and {3}: weights 3 and 1
    const uneven = new FederatedMf({ ...options, clientOf: [5, 5, 5, 2] }).fit(train)
    const e0 = clientGradient([0, 1, 2], y).map((g) => -learningRate * g)
    const e1 = clientGradient([3], y).map((g) => -learningRate * g)
    closeAll(
      uneven.itemFactors_,
      y.map((v, i) => v + (3 * e0[i] + e1[i]) / 4),
    )
    expect(uneven.history_.length).toBe(0)
  })

  it("with every user her own client and all taking part, one round is the central gradient step on J = L/U", () => {
    const { y } = start()
    const step = clientGradient([0, 1, 2, 3], y).map((g) => -learningRate * g)
    const y1 = y.map((v, i) => v + step[i])
    const fed = new FederatedMf(options).fit(train)
    closeAll(fed.itemFactors_, y1)
    const central = fitCentralImplicitMf(train, { ...options, iterations: 1, keepHistory: true }, createRng(seed))
    closeAll(central.itemFactors, y1)
    closeAll(central.history[0], y1)
    const x0 = [0, 1, 2, 3].map((u) => solveUser(u, y))
    expect(central.loss[0]).toBeCloseTo(loss(x0, y1), 12)
    closeAll(
      central.userFactors,
      [0, 1, 2, 3].map((u) => solveUser(u, y1)),
    )
    expect(fitCentralImplicitMf(train, { ...options, iterations: 2 }, createRng(seed)).history).toEqual([])
  })

  it("takes localSteps steps on the client's copy, re-solving the users against it", () => {
    const { y } = start()
    let local = [...y]
    for (let s = 0; s < 2; s++) {
      const g = clientGradient([0, 2], local)
      local = local.map((v, i) => v - learningRate * g[i])
    }
    let other = [...y]
    for (let s = 0; s < 2; s++) {
      const g = clientGradient([1, 3], other)
      other = other.map((v, i) => v - learningRate * g[i])
    }
    const fed = new FederatedMf({ ...options, clientOf, localSteps: 2 }).fit(train)
    closeAll(
      fed.itemFactors_,
      y.map((_, i) => (local[i] + other[i]) / 2),
    )
  })

  it("samples clientsPerRound clients: the one at ⌊2u⌋ after the initial draws", () => {
    const { rng, y } = start()
    const k = Math.floor(rng.next() * 2)
    const users = k === 0 ? [0, 2] : [1, 3]
    const fed = new FederatedMf({ ...options, clientOf, clientsPerRound: 1 }).fit(train)
    const g = clientGradient(users, y)
    closeAll(
      fed.itemFactors_,
      y.map((v, i) => v - learningRate * g[i]),
    )
  })

  it("with DP clips each update to S, averages with equal weights and adds N(0, (zS/m)²) after the sampling draws", () => {
    const { rng, y } = start()
    rng.next()
    rng.next()
    const d0 = clientGradient([0, 2], y).map((g) => -learningRate * g)
    const d1 = clientGradient([1, 3], y).map((g) => -learningRate * g)
    const clipNorm = 0.5 * Math.min(norm(d0), norm(d1))
    const clip = (d: number[]) => d.map((v) => (v * clipNorm) / norm(d))
    const privacy = { clipNorm, noiseMultiplier: 0.8 }
    const fed = new FederatedMf({ ...options, clientOf, privacy }).fit(train)
    const sd = (0.8 * clipNorm) / 2
    const noise = y.map(() => normal(rng, 0, sd))
    closeAll(
      fed.itemFactors_,
      y.map((v, i) => v + (clip(d0)[i] + clip(d1)[i]) / 2 + noise[i]),
    )
    expect(fed.updateNorms_[0]).toBeCloseTo((norm(d0) + norm(d1)) / 2, 13)
    const quiet = new FederatedMf({ ...options, clientOf, privacy: { clipNorm, noiseMultiplier: 0 } }).fit(train)
    closeAll(
      quiet.itemFactors_,
      y.map((v, i) => v + (clip(d0)[i] + clip(d1)[i]) / 2),
    )
  })

  it("scores and explains a user by x_u·y_i", () => {
    const fed = new FederatedMf({ ...options, clientOf }).fit(train)
    const s = fed.score(1)
    for (let i = 0; i < I; i++) expect(s[i]).toBeCloseTo(fed.userFactors_[1] * fed.itemFactors_[i], 15)
    expect(fed.explain(1, 2).score).toBeCloseTo(s[2], 15)
    const device = new OnDeviceMf(fed.itemFactors_, objective).fit(train)
    expect(device.name).toBe("on-device-mf")
    expect(Array.from(device.userFactors_)).toEqual(Array.from(fed.userFactors_))
    expect(device.explain(1, 2).score).toBeCloseTo(s[2], 15)
    expect(Array.from(device.score(1))).toEqual(Array.from(s))
  })

  it("names bad options", () => {
    expect(() => new FederatedMf({ rounds: 1.5 })).toThrow("FederatedMf: rounds must be an integer >= 1, got 1.5")
    expect(() => new FederatedMf({ clientsPerRound: 0 })).toThrow(
      "FederatedMf: clientsPerRound must be an integer >= 1, got 0",
    )
    expect(() => new FederatedMf({ localSteps: 0 })).toThrow("FederatedMf: localSteps must be an integer >= 1, got 0")
    expect(() => new FederatedMf({ seed: -1 })).toThrow("FederatedMf: seed must be an integer >= 0, got -1")
    expect(() => new FederatedMf({ initScale: Infinity })).toThrow(
      "FederatedMf: initScale must be a finite number > 0, got Infinity",
    )
    expect(() => new FederatedMf({ factors: 0 })).toThrow("FederatedMf: factors must be an integer >= 1, got 0")
    expect(() => new FederatedMf({ privacy: { clipNorm: 1, noiseMultiplier: -1 } })).toThrow(
      "FederatedMf: privacy.noiseMultiplier must be a finite number >= 0, got -1",
    )
    expect(() => new FederatedMf({ privacy: { clipNorm: 1, noiseMultiplier: Infinity } })).toThrow(
      "privacy.noiseMultiplier must be a finite number >= 0, got Infinity",
    )
    expect(() => new FederatedMf({ privacy: { clipNorm: Infinity, noiseMultiplier: 1 } })).toThrow(
      "FederatedMf: privacy.clipNorm must be a finite number > 0, got Infinity",
    )
    expect(new FederatedMf().config).toMatchObject({
      factors: 16,
      alpha: 2,
      regularization: 10,
      rounds: 50,
      localSteps: 1,
      learningRate: 1,
      initScale: 0.1,
      keepHistory: false,
      seed: 0,
    })
    expect(() => new FederatedMf({ ...options, clientOf: [0, 1, -1, 0] }).fit(train)).toThrow(
      "FederatedMf.fit: clientOf[2] must be a non-negative integer, got -1",
    )
    expect(() => new FederatedMf({ ...options, clientOf: [0, 1, 0.5, 0] }).fit(train)).toThrow("got 0.5")
    expect(() => new FederatedMf({ ...options, clientOf: [0] }).fit(train)).toThrow(
      "FederatedMf.fit: clientOf has 1 entries for 4 users",
    )
    const centralOptions = { ...options, iterations: 1 }
    const fitWith = (o: object) => () => fitCentralImplicitMf(train, { ...centralOptions, ...o }, createRng(1))
    expect(fitWith({ iterations: 0.5 })).toThrow("fitCentralImplicitMf: iterations must be an integer >= 1, got 0.5")
    expect(fitWith({ learningRate: Infinity })).toThrow(
      "fitCentralImplicitMf: learningRate must be a finite number > 0, got Infinity",
    )
    expect(fitWith({ initScale: 0 })).toThrow("fitCentralImplicitMf: initScale must be a finite number > 0, got 0")
    expect(fitWith({ alpha: -1 })).toThrow("fitCentralImplicitMf: alpha must be a finite number >= 0, got -1")
  })
})

describe("two latent factors", () => {
  const o2 = { factors: 2, alpha, regularization: lambda }

  it("implicitMfLoss is the dense sum over every pair with x_u·y_i a dot product", () => {
    const x = [0.3, -0.2, 0.9, 0.1, -0.4, 0.6, 0.5, 0.5]
    const y = [0.4, 0.2, -0.7, 0.3, 1.1, -0.5]
    let l = 0
    for (let u = 0; u < U; u++)
      for (let i = 0; i < I; i++) {
        const s = x[2 * u] * y[2 * i] + x[2 * u + 1] * y[2 * i + 1]
        l += (1 + alpha * R[u][i]) * ((R[u][i] > 0 ? 1 : 0) - s) ** 2
      }
    l += lambda * (x.reduce((a, v) => a + v * v, 0) + y.reduce((a, v) => a + v * v, 0))
    expect(implicitMfLoss(train, Float64Array.from(x), Float64Array.from(y), o2)).toBeCloseTo(l, 12)
  })

  it("one round with every user her own client is the central Gram-form step, several local steps included", () => {
    const o = { ...o2, learningRate: 0.3, initScale: 0.4 }
    const fed = new FederatedMf({ ...o, rounds: 2, seed: 3 }).fit(train)
    const central = fitCentralImplicitMf(train, { ...o, iterations: 2 }, createRng(3))
    closeAll(fed.itemFactors_, Array.from(central.itemFactors), 12)
    closeAll(fed.userFactors_, Array.from(central.userFactors), 11)
    // all users in one client with two local steps: two central iterations
    const one = new FederatedMf({ ...o, rounds: 1, localSteps: 2, seed: 3, clientOf: [0, 0, 0, 0] }).fit(train)
    closeAll(one.itemFactors_, Array.from(central.itemFactors), 12)
  })
})

describe("roundsVsAccuracy, by its rounds", () => {
  const test = interactionsFromTriples(4, 3, [0, 2], [1, 0])
  const fed = new FederatedMf({ ...objective, rounds: 4, keepHistory: true, clientOf: [0, 1, 0, 1] }).fit(train)

  it("scores every snapshot by default, every n-th and the last otherwise, the last once", () => {
    expect(roundsVsAccuracy(fed.history_, train, test, objective).map((p) => p.round)).toEqual([1, 2, 3, 4])
    expect(roundsVsAccuracy(fed.history_, train, test, objective, { every: 2 }).map((p) => p.round)).toEqual([2, 4])
    expect(roundsVsAccuracy(fed.history_, train, test, objective, { every: 3 }).map((p) => p.round)).toEqual([3, 4])
    expect(roundsVsAccuracy(fed.history_, train, test, objective, { every: 9 }).map((p) => p.round)).toEqual([4])
  })

  it("names a bad step", () => {
    expect(() => roundsVsAccuracy(fed.history_, train, test, objective, { every: 0 })).toThrow(
      "roundsVsAccuracy: every must be an integer >= 1, got 0",
    )
    expect(() => roundsVsAccuracy(fed.history_, train, test, objective, { every: 1.5 })).toThrow("got 1.5")
    expect(() => roundsVsAccuracy([], train, test, objective)).toThrow(
      "roundsVsAccuracy: history is empty (fit with keepHistory: true)",
    )
  })
})
