import { describe, expect, it } from "vitest"
import { generateWorld } from "../../src/world"

function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0
  let aa = 0
  let bb = 0
  for (let k = 0; k < a.length; k++) {
    ab += a[k] * b[k]
    aa += a[k] * a[k]
    bb += b[k] * b[k]
  }
  return ab / Math.sqrt(aa * bb)
}

describe("taste communities", () => {
  const plain = generateWorld({ users: 400, items: 200, categories: 12, seed: 5 })
  const grouped = generateWorld({
    users: 400,
    items: 200,
    categories: 12,
    seed: 5,
    communities: { count: 4, concentration: 0.3 },
  })

  it("are off by default: no communities, community −1, and the world has no extra config field", () => {
    expect(plain.communities).toBeNull()
    expect(Array.from(new Set(plain.users.community))).toEqual([-1])
    expect("communities" in plain.config).toBe(false)
  })

  it("change only the interests: every other trait of every user is the same", () => {
    for (const key of [
      "concentration",
      "drift",
      "priceSensitivity",
      "activity",
      "noveltySeeking",
      "fatigue",
      "device",
      "region",
      "segment",
    ] as const) {
      expect(Array.from(grouped.users[key])).toEqual(Array.from(plain.users[key]))
    }
    expect(Array.from(grouped.catalog.price)).toEqual(Array.from(plain.catalog.price))
    expect(Array.from(grouped.users.interestStart)).not.toEqual(Array.from(plain.users.interestStart))
  })

  it("make users of one community more alike than users of different ones", () => {
    const nc = grouped.nCategories
    const row = (w: typeof grouped, u: number): Float64Array => w.users.interestStart.subarray(u * nc, (u + 1) * nc)
    let same = 0
    let nSame = 0
    let other = 0
    let nOther = 0
    for (let u = 0; u < 200; u++) {
      for (let v = u + 1; v < 200; v++) {
        const c = cosine(row(grouped, u), row(grouped, v))
        if (grouped.users.community[u] === grouped.users.community[v]) {
          same += c
          nSame++
        } else {
          other += c
          nOther++
        }
      }
    }
    expect(same / nSame).toBeGreaterThan(other / nOther + 0.1)
    expect(new Set(grouped.users.community).size).toBe(4)
  })

  it("reject a bad count with the field's name", () => {
    expect(() => generateWorld({ communities: { count: 1, concentration: 0.3 } })).toThrow(/communities/)
  })
})
