import { afterEach, describe, expect, it, vi } from "vitest"
import { HybridLinUcb, LinUcb } from "../../src/bandits"
import type { Policy } from "../../src/bandits/policy"
import { policyFromState, policyState } from "../../src/persistence/policy-store"
import { createRng } from "../../src/random/rng"

afterEach(() => {
  vi.unstubAllGlobals()
})

/** What `make` gives where WebAssembly is missing (as under node --jitless): the JavaScript fall-back. */
function withoutWebAssembly<T>(make: () => T): T {
  vi.stubGlobal("WebAssembly", undefined)
  try {
    return make()
  } finally {
    vi.unstubAllGlobals()
  }
}

type Contextual = Policy<{ user: number; features: Float64Array }>
const D = 4
const K = 5

function context(t: number, rng: { next(): number }) {
  return { user: t % 7, features: Float64Array.from({ length: D }, (_, i) => (i === 0 ? 1 : rng.next() - 0.5)) }
}

function trained(make: () => Contextual): Contextual {
  const p = make()
  const rng = createRng(5)
  for (let t = 0; t < 300; t++) {
    const c = context(t, rng)
    const arm = p.select(c, rng)
    p.update(arm, rng.next() < 0.1 + 0.15 * (arm % 3) ? 1 : 0, c)
  }
  return p
}

function probabilities(p: Contextual): number[] {
  const rng = createRng(9)
  const all: number[] = []
  for (let t = 0; t < 50; t++) all.push(...p.probabilities(context(t, rng)))
  return all
}

const policies: [string, () => Contextual][] = [
  ["LinUcb", () => new LinUcb({ arms: K, dimension: D, alpha: 0.7, name: "p" }) as unknown as Contextual],
  [
    "HybridLinUcb",
    () =>
      new HybridLinUcb({ arms: K, users: 7, dimension: D, factors: 3, alpha: 0.7, name: "p" }) as unknown as Contextual,
  ],
]

describe("saved states leave the WebAssembly kernels out", () => {
  it.each(policies)("%s saved with WebAssembly loads without it, and back, with the same probabilities", (_, make) => {
    const fast = trained(make)
    const slow = withoutWebAssembly(() => trained(make))
    const fastState = policyState(fast)
    const slowState = policyState(slow)
    expect(fastState.json).toBe(slowState.json)
    expect(Buffer.from(fastState.binary).equals(Buffer.from(slowState.binary))).toBe(true)
    expect(fastState.json).not.toMatch(/"kernel"|"mKernel"/)
    const expected = probabilities(fast)
    const loadedSlow = withoutWebAssembly(() => policyFromState(fastState)) as Contextual
    expect(withoutWebAssembly(() => probabilities(loadedSlow))).toEqual(expected)
    expect(probabilities(policyFromState(slowState) as Contextual)).toEqual(expected)
  })
})
