import { describe, expect, it } from "vitest"
import { standardize, userBehaviorFeatures } from "../../src/behavior/user-features"
import { denseMatrix } from "../../src/linalg/matrix"
import { emptyEventLog } from "../../src/schema"

describe("userBehaviorFeatures", () => {
  it("computes rates with +1/+2 smoothing and the viewed-category entropy, by hand", () => {
    // User 4, one session: views of items 0 (cat 0) and 1 (cat 1), a click on item 1.
    const l = emptyEventLog(3)
    const rows = [
      [4, 0, 0],
      [4, 1, 0],
      [4, 1, 1],
    ]
    rows.forEach(([u, i, t], k) => {
      l.user[k] = u
      l.item[k] = i
      l.type[k] = t
      l.session[k] = 9
    })
    l.length = 3
    const { users, X } = userBehaviorFeatures(l, Int32Array.from([0, 1]), 2)
    expect(Array.from(users)).toEqual([4])
    const f = Array.from(X.data)
    expect(f[0]).toBeCloseTo(Math.log(2), 15)
    expect(f[1]).toBe(3)
    expect(f[2]).toBe(2 / 4)
    expect(f[3]).toBe(1 / 3)
    expect(f[4]).toBe(1 / 2)
    expect(f[5]).toBeCloseTo(Math.log(2), 15)
    expect(f[6]).toBe(2)
    expect(() => userBehaviorFeatures(l, Int32Array.from([0]), 2)).toThrow(/event 1 has item 1/)
  })

  it("standardize gives zero mean, unit sd, and zeros for a constant column", () => {
    const z = standardize(
      denseMatrix([
        [1, 10, 5],
        [3, 30, 5],
      ]),
    )
    expect(Array.from(z.data)).toEqual([-1, -1, 0, 1, 1, 0])
  })
})
