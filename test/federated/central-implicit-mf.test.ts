import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { generateWorld, simulateEvents } from "../../src/world"
import { interactionsFromEvents } from "../../src/recommenders/event-interactions"
import { holdoutSplit } from "../../src/recommenders/holdout"
import { ImplicitAls } from "../../src/recommenders/implicit-als"
import { fitCentralImplicitMf } from "../../src/federated/central-implicit-mf"
import { implicitMfLoss } from "../../src/federated/implicit-mf-objective"

const world = generateWorld({ users: 600, items: 150, seed: 3, sessionsPerDay: 0.3 })
const all = interactionsFromEvents(simulateEvents(world).events, world.nUsers, world.nItems)
const { train } = holdoutSplit(all, 0.2, createRng(3, 1))
const objective = { factors: 8, alpha: 2, regularization: 5 }
const central = { ...objective, learningRate: 5, initScale: 0.1 }

describe("fitCentralImplicitMf", () => {
  it("central gradient training lowers the ImplicitAls loss towards the ALS optimum", () => {
    const ref = fitCentralImplicitMf(train, { ...central, iterations: 40 }, createRng(3))
    for (let t = 1; t < ref.loss.length; t++) expect(ref.loss[t]).toBeLessThan(ref.loss[t - 1])
    const als = new ImplicitAls({ ...objective, iterations: 15, cgSteps: 8 }).fit(train, createRng(3))
    const alsLoss = implicitMfLoss(train, als.userFactors_, als.itemFactors_, objective)
    // 15 ALS sweeps (≈ converged) vs 40 gradient steps: 5574 vs 5566 when written
    expect(Math.abs(ref.loss[39] / alsLoss - 1)).toBeLessThan(0.01)
  })

  it("names bad options", () => {
    expect(() => fitCentralImplicitMf(train, { ...central, iterations: 0 }, createRng(1))).toThrow(
      /iterations must be an integer >= 1/,
    )
    expect(() => fitCentralImplicitMf(train, { ...central, iterations: 1, learningRate: 0 }, createRng(1))).toThrow(
      /learningRate must be a finite number > 0/,
    )
  })
})
