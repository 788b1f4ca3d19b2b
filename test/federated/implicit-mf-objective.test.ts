import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { normal } from "../../src/random/normal"
import { ImplicitAls } from "../../src/recommenders/implicit-als"
import { interactionsFromTriples, type Interactions } from "../../src/schema/interactions"
import {
  addUserItemGradient,
  implicitMfLoss,
  itemGramian,
  solveUserFactor,
  UserSolveScratch,
} from "../../src/federated/implicit-mf-objective"

function randomInteractions(nUsers: number, nItems: number, seed: number): Interactions {
  const rng = createRng(seed)
  const u: number[] = []
  const i: number[] = []
  const v: number[] = []
  for (let a = 0; a < nUsers; a++) {
    for (let b = 0; b < nItems; b++) {
      if (rng.next() < 0.25) {
        u.push(a)
        i.push(b)
        v.push(1 + Math.floor(rng.next() * 4))
      }
    }
  }
  return interactionsFromTriples(nUsers, nItems, u, i, v)
}

const f = 4
const objective = { factors: f, alpha: 3, regularization: 0.7 }
const train = randomInteractions(30, 12, 1)
const rng = createRng(2)
const y = Float64Array.from({ length: train.nItems * f }, () => normal(rng, 0, 0.5))

/** ℓ_u(x, Y) = Σ_i c_ui (p_ui − xᵀy_i)² + λ‖x‖² by a dense sum over every item. */
function userLoss(user: number, x: ArrayLike<number>, items: Float64Array): number {
  const r = new Float64Array(train.nItems)
  for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++) r[train.items[p]] = train.values[p]
  let loss = 0
  for (let i = 0; i < train.nItems; i++) {
    let s = 0
    for (let k = 0; k < f; k++) s += x[k] * items[i * f + k]
    loss += (1 + objective.alpha * r[i]) * ((r[i] > 0 ? 1 : 0) - s) ** 2
  }
  for (let k = 0; k < f; k++) loss += objective.regularization * x[k] * x[k]
  return loss
}

describe("implicit MF objective", () => {
  it("implicitMfLoss equals the loss ImplicitAls (src/recommenders) records on its own factors", () => {
    const als = new ImplicitAls({ ...objective, iterations: 4 }).fit(train, createRng(3))
    expect(implicitMfLoss(train, als.userFactors_, als.itemFactors_, objective)).toBeCloseTo(als.loss_[3], 9)
  })

  it("solveUserFactor finds the minimiser: the dense gradient of ℓ_u vanishes there and any perturbation raises ℓ_u", () => {
    const g = itemGramian(y, train.nItems, f, new Float64Array(f * f))
    const x = new Float64Array(f)
    for (const user of [0, 5, 17]) {
      solveUserFactor(train, user, y, g, objective, x, 0, new UserSolveScratch(f))
      const best = userLoss(user, x, y)
      for (let k = 0; k < f; k++) {
        const h = 1e-5
        const plus = Float64Array.from(x)
        const minus = Float64Array.from(x)
        plus[k] += h
        minus[k] -= h
        expect((userLoss(user, plus, y) - userLoss(user, minus, y)) / (2 * h)).toBeCloseTo(0, 5)
        expect(userLoss(user, plus, y)).toBeGreaterThan(best)
      }
    }
  })

  it("gives a user without interactions the zero vector", () => {
    const empty = interactionsFromTriples(2, 12, [0], [3], [1])
    const g = itemGramian(y, 12, f, new Float64Array(f * f))
    const x = Float64Array.of(9, 9, 9, 9)
    solveUserFactor(empty, 1, y, g, objective, x, 0, new UserSolveScratch(f))
    expect(Array.from(x)).toEqual([0, 0, 0, 0])
  })

  it("addUserItemGradient matches central finite differences of the user's data term", () => {
    const user = 7
    const x = Float64Array.of(0.3, -0.2, 0.5, 0.1)
    const grad = new Float64Array(y.length)
    addUserItemGradient(train, user, x, 0, y, objective, 0.5, grad, new Float64Array(train.nItems))
    const h = 1e-6
    for (const j of [0, 5, 13, 30, 47]) {
      const plus = Float64Array.from(y)
      const minus = Float64Array.from(y)
      plus[j] += h
      minus[j] -= h
      // the λ‖x‖² term does not depend on Y, so it cancels
      expect(grad[j]).toBeCloseTo((0.5 * (userLoss(user, x, plus) - userLoss(user, x, minus))) / (2 * h), 6)
    }
  })
})
