import { describe, expect, it } from "vitest"
import { userDocuments } from "../../src/text/user-documents"
import { emptyEventLog } from "../../src/schema"

describe("userDocuments", () => {
  it("concatenates the tokens of each engaged item per user, once per event", () => {
    const l = emptyEventLog(3)
    const rows = [
      [1, 0, 0],
      [1, 1, 1],
      [0, 1, 0],
    ] // user, item, type
    rows.forEach(([u, i, t], k) => {
      l.user[k] = u
      l.item[k] = i
      l.type[k] = t
    })
    l.length = 3
    const tokens = [["red", "dress"], ["phone"]]
    expect(userDocuments(l, tokens, 3)).toEqual([["phone"], ["red", "dress", "phone"], []])
    expect(userDocuments(l, tokens, 3, 1)).toEqual([[], ["phone"], []])
    expect(() => userDocuments(l, tokens, 1)).toThrow(/event 0 has user 1/)
    expect(() => userDocuments(l, [["x"]], 3)).toThrow(/item 1, which has no tokens/)
  })
})
