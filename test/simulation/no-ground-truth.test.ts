import { describe, expect, it } from "vitest"
import type { Policy } from "../../src/bandits/policy"
import type { InteractionHistory } from "../../src/schema/interaction-history"
import type { Rng } from "../../src/random/rng"
import { EcommerceEnvironment, simulate } from "../../src/simulation"

/** Every path (keys, array lengths) and every typed array a policy was handed, copied deeply. */
interface Seen {
  paths: Set<string>
  buffers: Set<ArrayBufferLike>
}

function inspect(value: unknown, path: string, seen: Seen): void {
  if (ArrayBuffer.isView(value)) {
    seen.paths.add(`${path}[]`)
    seen.buffers.add(value.buffer)
    return
  }
  if (value === null || typeof value !== "object") {
    seen.paths.add(`${path}:${typeof value}`)
    return
  }
  for (const [k, v] of Object.entries(value)) inspect(v, `${path}.${k}`, seen)
}

/** A policy that records everything it is given and plays round-robin (so every arm and user is met). */
class RecordingPolicy implements Policy<unknown> {
  readonly name = "recorder"
  readonly seen: Seen = { paths: new Set(), buffers: new Set() }
  /** Copies of each visit's features and situation. */
  readonly visits: { features: number[]; situation: Record<string, number> }[] = []
  private t = 0
  constructor(readonly nArms: number) {}
  probabilities(context: unknown): Float64Array {
    inspect(context, "context", this.seen)
    return new Float64Array(this.nArms).fill(1 / this.nArms)
  }
  select(context: unknown, rng: Rng): number {
    inspect(context, "context", this.seen)
    const c = context as { features: Float64Array; situation: Record<string, number> }
    if (this.visits.length < 500) this.visits.push({ features: Array.from(c.features), situation: { ...c.situation } })
    this.probabilities(context)
    return (this.t++ + Math.floor(rng.next() * 2)) % this.nArms
  }
  update(arm: number, reward: number, context: unknown): void {
    inspect({ arm, reward }, "update", this.seen)
    inspect(context, "context", this.seen)
  }
  reset(): void {
    this.t = 0
  }
  warmStart(history: InteractionHistory, _rng: Rng): void {
    inspect(history, "history", this.seen)
  }
}

describe("no ground truth of the world reaches a policy", () => {
  const env = new EcommerceEnvironment({
    world: { users: 80, items: 120, categories: 8, days: 10, seed: 3, communities: { count: 3, concentration: 0.3 } },
    stepsPerDay: 100,
    history: { days: 5 },
    leaving: { leaveLogit: -4 },
    arrivals: { share: 0.25 },
    userMetrics: { firstVisits: 5 },
  })
  const policy = new RecordingPolicy(env.nArms)
  simulate(env, [policy], { horizon: 1000, runs: 2, seed: 1 })

  it("sees only the visit (user id, observable situation, its features), its own arm and reward, and the logged history", () => {
    expect([...policy.seen.paths].sort()).toEqual(
      [
        "context.features[]",
        "context.situation.day:number",
        "context.situation.device:number",
        "context.situation.hour:number",
        "context.situation.region:number",
        "context.situation.weekday:number",
        "context.user:number",
        "history.arm[]",
        "history.nArms:number",
        "history.nUsers:number",
        "history.propensity[]",
        "history.reward[]",
        "history.user[]",
        "update.arm:number",
        "update.reward:number",
      ].sort(),
    )
  })

  it("no array it is handed is, or shares memory with, any array of the world's ground truth", () => {
    const w = env.world
    const truth: ArrayBufferView[] = [
      ...Object.values(w.users),
      w.communities!.profiles,
      w.communities!.member,
      w.regionAffinity,
      ...Object.values(w.catalog).filter((v) => ArrayBuffer.isView(v)),
      env.dynamics!.arrivalDay,
      env.dynamics!.leftDay,
      env.dynamics!.satisfaction,
      env.dynamics!.lastShown,
    ] as ArrayBufferView[]
    for (const t of truth) expect(policy.seen.buffers.has(t.buffer)).toBe(false)
  })

  it("the context features are a function of the observable situation alone (bias, device, hour, weekend, region)", () => {
    expect(env.dimension).toBe(12)
    expect(policy.visits.length).toBe(500)
    for (const { features, situation } of policy.visits) {
      const f = new Array<number>(12).fill(0)
      f[0] = 1
      f[1 + situation.device] = 1
      f[4] = Math.cos((2 * Math.PI * situation.hour) / 24)
      f[5] = Math.sin((2 * Math.PI * situation.hour) / 24)
      f[6] = situation.weekday >= 5 ? 1 : 0
      f[7 + situation.region] = 1
      expect(features).toEqual(f)
    }
  })
})
