import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import {
  BayesUcb,
  BetaThompson,
  BootstrappedInterestMlp,
  DiscountedThompson,
  DiscountedUcb,
  EpsilonGreedy,
  Exp3,
  FeedbackReweighting,
  GaussianThompson,
  GradientBandit,
  Greedy,
  KlUcb,
  LinThompson,
  LinUcb,
  OptimisticGreedy,
  PerUserThompson,
  RandomPolicy,
  SegmentEpsilonGreedy,
  SlidingWindowThompson,
  SlidingWindowUcb,
  Softmax,
  Ucb,
  Ucb1,
  type Policy,
} from "../../src/bandits"
import { POLICY_DESCRIPTORS } from "../../src/bandits/registry"
import {
  loadPolicy,
  policyFromState,
  policyState,
  savePolicy,
  SAVABLE_POLICIES,
} from "../../src/persistence/policy-store"
import { decodeState, encodeState, STATE_VERSION } from "../../src/persistence/state-format"
import { createRng } from "../../src/random/rng"

const K = 5
const D = 3
function contextAt(t: number): { features: Float64Array; segment: number; user: number } {
  const rng = createRng(7, t)
  return { features: Float64Array.from({ length: D }, () => rng.next() - 0.5), segment: t % 2, user: t % 3 }
}
/** Plays `steps` steps from step `from` and returns the arms chosen. */
function play(policy: Policy<unknown>, seed: number, from: number, steps: number): number[] {
  const rng = createRng(seed, 1)
  const env = createRng(seed, 2)
  const arms: number[] = []
  for (let t = from; t < from + steps; t++) {
    const a = policy.select(contextAt(t), rng)
    arms.push(a)
    policy.update(a, env.next() < 0.15 * (a + 1) ? 1 : 0, contextAt(t))
  }
  return arms
}

const factories: [string, () => Policy<unknown>][] = [
  ["RandomPolicy", () => new RandomPolicy({ arms: K })],
  ["Greedy", () => new Greedy({ arms: K })],
  ["EpsilonGreedy", () => new EpsilonGreedy({ arms: K, epsilon: 1, decay: 0.05, stepSize: 0.2 })],
  ["OptimisticGreedy", () => new OptimisticGreedy({ arms: K })],
  ["Softmax", () => new Softmax({ arms: K, temperature: 1, anneal: 0.1, name: "my softmax" })],
  ["Ucb", () => new Ucb({ arms: K, c: 2 })],
  ["Ucb1", () => new Ucb1({ arms: K })],
  ["KlUcb", () => new KlUcb({ arms: K, c: 3 })],
  ["BayesUcb", () => new BayesUcb({ arms: K })],
  ["BetaThompson", () => new BetaThompson({ arms: K, probabilityDraws: 300, seed: 3 })],
  ["GaussianThompson", () => new GaussianThompson({ arms: K, probabilityDraws: 300 })],
  ["GradientBandit", () => new GradientBandit({ arms: K, alpha: 0.1 })],
  ["Exp3", () => new Exp3({ arms: K, gamma: 0.1 })],
  ["DiscountedUcb", () => new DiscountedUcb({ arms: K, discount: 0.95 })],
  ["SlidingWindowUcb", () => new SlidingWindowUcb({ arms: K, window: 30 })],
  ["DiscountedThompson", () => new DiscountedThompson({ arms: K, discount: 0.95, probabilityDraws: 300 })],
  ["SlidingWindowThompson", () => new SlidingWindowThompson({ arms: K, window: 30, probabilityDraws: 300 })],
  ["LinUcb", () => new LinUcb({ arms: K, dimension: D, alpha: 0.5 })],
  ["LinThompson", () => new LinThompson({ arms: K, dimension: D, v: 0.3, probabilityDraws: 300 })],
  ["SegmentEpsilonGreedy", () => new SegmentEpsilonGreedy({ arms: K, epsilons: [0.05, 0.3], users: 3 })],
  ["FeedbackReweighting", () => new FeedbackReweighting({ arms: K, users: 3 })],
  [
    "BootstrappedInterestMlp",
    () => new BootstrappedInterestMlp({ arms: K, dimension: D, users: 3, hidden: 8, heads: 3, batch: 7, seed: 5 }),
  ],
] as unknown as [string, () => Policy<unknown>][]

/** Every savable policy of the registry, with its defaults (a required list option gets [0.05, 0.3]). */
const registered: [string, () => Policy<unknown>][] = POLICY_DESCRIPTORS.flatMap((d) => {
  if (!d.savable) return []
  const required = Object.entries(d.optionsSchema.fields).filter(([, f]) => f.kind === "numbers" && f.required)
  const options = Object.fromEntries(required.map(([key]) => [key, [0.05, 0.3]]))
  const make = () => d.create(options, { arms: K, seed: 3, features: () => D, users: () => 3 })
  return [[d.savable.name, make] as [string, () => Policy<unknown>]]
})

describe("saving and loading policy state (stable JSON + binary, versioned)", () => {
  it("every savable policy of the registry is covered, with its defaults and with the options above", () => {
    expect(registered.map(([name]) => name).sort()).toEqual(Object.keys(SAVABLE_POLICIES).sort())
    for (const [name] of factories) expect(SAVABLE_POLICIES).toHaveProperty(name)
  })

  for (const [name, make] of [
    ...factories,
    ...registered.map(([n, m]): [string, () => Policy<unknown>] => [`${n} (registry defaults)`, m]),
  ]) {
    it(`${name}: the loaded policy has the same state bytes, probabilities and future choices`, () => {
      const original = make()
      play(original, 1, 0, 150)
      const saved = policyState(original)
      const loaded = policyFromState(saved)
      expect(loaded.constructor.name).toBe(name.replace(" (registry defaults)", ""))
      expect(loaded.name).toBe(original.name)
      const again = policyState(loaded)
      expect(again.json).toBe(saved.json)
      expect(Array.from(again.binary)).toEqual(Array.from(saved.binary))
      expect(Array.from(loaded.probabilities(contextAt(150)))).toEqual(
        Array.from(original.probabilities(contextAt(150))),
      )
      expect(play(loaded, 2, 150, 60)).toEqual(play(original, 2, 150, 60))
      // and a fresh policy plays differently from the trained one (the state matters)
      if (!name.startsWith("RandomPolicy")) expect(policyState(make()).binary).not.toEqual(saved.binary)
    })
  }

  it.each([
    [
      "BootstrappedInterestMlp",
      () => new BootstrappedInterestMlp({ arms: K, users: 2, hidden: 8, heads: 3, epochs: 2, seed: 1 }),
    ],
    ["PerUserThompson", () => new PerUserThompson({ arms: K, users: 2, probabilityDraws: 300 })],
  ] as [string, () => Policy<unknown>][])(
    "%s warm-started on a history with more users than it was built for round-trips",
    (_, make) => {
      const rows = 40
      const history = {
        nUsers: 6,
        nArms: K,
        user: Int32Array.from({ length: rows }, (_, i) => i % 6),
        arm: Int32Array.from({ length: rows }, (_, i) => (i * 3) % K),
        reward: Float64Array.from({ length: rows }, (_, i) => (i % 4 === 0 ? 1 : 0)),
        propensity: new Float64Array(rows).fill(1 / K),
      }
      const policy = make()
      policy.warmStart?.(history, createRng(4))
      const loaded = policyFromState(policyState(policy))
      expect(policyState(loaded).json).toBe(policyState(policy).json)
      expect(Array.from(loaded.probabilities({ user: 5 }))).toEqual(Array.from(policy.probabilities({ user: 5 })))
      expect(play(loaded, 3, 0, 40)).toEqual(play(policy, 3, 0, 40))
    },
  )

  const dir = mkdtempSync(join(tmpdir(), "interest-lab-policy-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("saves to <path>.json and <path>.bin, loads them back, and refuses to overwrite by default", () => {
    const policy = new KlUcb({ arms: K })
    play(policy, 3, 0, 100)
    const path = join(dir, "kl-ucb")
    savePolicy(policy, path)
    const loaded = loadPolicy(path)
    expect(Array.from((loaded as Policy<unknown>).probabilities(undefined))).toEqual(Array.from(policy.probabilities()))
    const header = JSON.parse(readFileSync(`${path}.json`, "utf8")) as { format: string; version: number; type: string }
    expect([header.format, header.version, header.type]).toEqual(["interest-lab/state", STATE_VERSION, "KlUcb"])
    expect(() => savePolicy(policy, path)).toThrow(
      `savePolicy: ${path}.json already exists; pass { overwrite: true } to replace it`,
    )
    savePolicy(policy, path, { overwrite: true })
    expect(() => loadPolicy(join(dir, "missing"))).toThrow(`loadPolicy: ${join(dir, "missing")}.json does not exist`)
  })

  it("names what is wrong with a state it cannot read", () => {
    const saved = policyState(new Ucb1({ arms: 2 }))
    expect(() =>
      decodeState({ json: saved.json.replace(`"version": ${STATE_VERSION}`, '"version": 99'), binary: saved.binary }),
    ).toThrow("decodeState: version 99 is not supported (this library reads version 1)")
    expect(() => decodeState({ json: "{", binary: saved.binary })).toThrow(
      "decodeState: the JSON part is not valid JSON",
    )
    expect(() => decodeState({ json: saved.json, binary: saved.binary.subarray(8) })).toThrow(
      `decodeState: the binary part has ${saved.binary.length - 8} bytes, the JSON expects ${saved.binary.length}`,
    )
    expect(() =>
      policyFromState({ json: saved.json.replace('"type": "Ucb1"', '"type": "Nope"'), binary: saved.binary }),
    ).toThrow("policyFromState: unknown policy class Nope")
    expect(() => encodeState("x", { s: Symbol("s") })).toThrow("encodeState: x.s is a symbol, which cannot be saved")
    const maps = decodeState(
      encodeState("x", {
        m: new Map<string, unknown>([
          ["b", Float64Array.of(1, 2)],
          ["a", 3],
        ]),
        s: new Set([2, 1]),
      }),
    )
    expect(maps.fields.m).toEqual(
      new Map<string, unknown>([
        ["b", Float64Array.of(1, 2)],
        ["a", 3],
      ]),
    )
    expect(Array.from((maps.fields.m as Map<string, unknown>).keys())).toEqual(["b", "a"])
    expect(maps.fields.s).toEqual(new Set([2, 1]))
    writeFileSync(join(dir, "bad.json"), "{}")
    writeFileSync(join(dir, "bad.bin"), "")
    expect(() => loadPolicy(join(dir, "bad"))).toThrow(
      'decodeState: format is undefined, expected "interest-lab/state"',
    )
  })

  it("non-finite numbers and typed arrays round-trip exactly", () => {
    const state = {
      a: Float64Array.of(Math.PI, -0, 1e-310, Infinity),
      b: Int32Array.of(-1, 2 ** 31 - 1),
      c: Uint8Array.of(255),
      x: -Infinity,
      y: Number.NaN,
    }
    const { fields } = decodeState(encodeState("t", state))
    expect(fields.a).toEqual(state.a)
    expect(Object.is((fields.a as Float64Array)[1], -0)).toBe(true)
    expect(fields.b).toEqual(state.b)
    expect(fields.c).toEqual(state.c)
    expect(fields.x).toBe(-Infinity)
    expect(Number.isNaN(fields.y)).toBe(true)
  })
})
