import { describe, expect, it } from "vitest"
import { clickDataset } from "../../src/neural/click-dataset"
import { overfittingCurves } from "../../src/neural/overfitting"
import { selectRows } from "../../src/neural/tabular-features"
import { createRng } from "../../src/random/rng"
import { generateWorld } from "../../src/world/world"
import { simulateEvents } from "../../src/world/simulate-events"

describe("overfittingCurves", () => {
  it("shows the unregularised MLP overfitting a small training set and L2 / early stopping narrowing the gap", async () => {
    const world = generateWorld({ users: 400, items: 150, days: 20, seed: 5 })
    const data = clickDataset(world, simulateEvents(world).events, 1400, createRng(5, 1))
    const idx = Int32Array.from({ length: 1400 }, (_, i) => i)
    const train = { x: selectRows(data.x, idx.subarray(0, 400)), y: data.y.subarray(0, 400) }
    const validation = { x: selectRows(data.x, idx.subarray(400)), y: data.y.subarray(400) }
    const seen: string[] = []
    const curves = await overfittingCurves(train, validation, {
      seed: 1,
      hidden: [32, 16],
      epochs: 25,
      log: () => undefined,
      onEpoch: (run, r) => seen.push(`${run}:${r.epoch}`),
    })
    expect(curves.map((c) => c.name)).toEqual([
      "no regularisation",
      "dropout 0.5",
      "L2 λ = 0.01",
      "early stopping (patience 5)",
    ])
    const [none, dropout, l2, early] = curves
    const gap = (c: (typeof curves)[number]) => (c.validation.at(-1) as number) - (c.train.at(-1) as number)
    // Unregularised: the training loss keeps falling while the validation loss turns up, well above its minimum.
    expect(none.train.length).toBe(25)
    expect(none.train[24]).toBeLessThan(none.train[4])
    expect(none.validation[24]).toBeGreaterThan(1.3 * Math.min(...none.validation))
    expect(none.validation.indexOf(Math.min(...none.validation))).toBeLessThan(15)
    // Remedies: smaller train/validation gaps and a lower final validation loss.
    expect(gap(l2)).toBeLessThan(0.6 * gap(none))
    expect(gap(dropout)).toBeLessThan(gap(none))
    expect(l2.validation[24]).toBeLessThan(none.validation[24])
    // Early stopping stops `patience` epochs after the best validation loss and keeps that epoch.
    expect(early.stoppedEarly).toBe(true)
    expect(early.validation.length).toBe(early.bestEpoch + 5)
    expect(Math.min(...early.validation)).toBe(early.validation[early.bestEpoch - 1])
    expect(seen.filter((s) => s.startsWith("no regularisation:")).length).toBe(25)
  })

  it("rejects bad remedy settings", async () => {
    const x = { data: new Float32Array(4), rows: 2, cols: 2 }
    const d = { x, y: [0, 1] }
    await expect(overfittingCurves(d, d, { seed: 1, dropout: 1 })).rejects.toThrow(/dropout must be in \(0, 1\), got 1/)
    await expect(overfittingCurves(d, d, { seed: 1, l2: 0 })).rejects.toThrow(/l2 must be > 0, got 0/)
    await expect(overfittingCurves(d, d, { seed: 1, patience: 0 })).rejects.toThrow(
      /patience must be a positive integer, got 0/,
    )
  })
})
