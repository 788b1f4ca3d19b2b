import { describe, expect, it } from "vitest"
import { integerFlag, integerParser, numberFlag } from "../../src/cli/flags"
import { UserError } from "../../src/config/user-error"

describe("integerFlag and numberFlag", () => {
  it("read decimal integers and numbers", () => {
    expect(integerFlag("--seed", "42", 0)).toBe(42)
    expect(integerFlag("--horizon", "1e4", 1)).toBe(10000)
    expect(integerFlag("--k", " 7 ", 1)).toBe(7)
    expect(numberFlag("--epsilon", "0.25", (x) => x >= 0 && x <= 1, "a number in [0, 1]")).toBe(0.25)
    expect(integerParser("--runs", 1)("3")).toBe(3)
  })

  it.each([
    ["", "--seed: expected an integer >= 0, got ''"],
    [" ", "--seed: expected an integer >= 0, got ' '"],
    ["-1", "--seed: expected an integer >= 0, got '-1'"],
    ["1.5", "--seed: expected an integer >= 0, got '1.5'"],
    ["0x10", "--seed: expected an integer >= 0, got '0x10'"],
    ["Infinity", "--seed: expected an integer >= 0, got 'Infinity'"],
    ["1e300", "--seed: expected an integer >= 0, got '1e300'"],
    ["4\u001b[2J", "--seed: expected an integer >= 0, got '4\\x1b[2J'"],
  ])("integer %j is refused with one line", (text, message) => {
    expect(() => integerFlag("--seed", text, 0)).toThrow(UserError)
    expect(() => integerFlag("--seed", text, 0)).toThrow(message)
  })

  it("names the range: positive, bounded, and numbers", () => {
    expect(() => integerFlag("--k", "0", 1)).toThrow("--k: expected a positive integer, got '0'")
    expect(() => integerFlag("--k", "11", 1, 10)).toThrow("--k: expected an integer in 1..10, got '11'")
    expect(() => numberFlag("--min-support", "", (x) => x > 0 && x <= 1, "a number in (0, 1]")).toThrow("--min-support: expected a number in (0, 1], got ''")
    expect(() => numberFlag("--clip-weights", "NaN", (x) => x > 0, "a number > 0")).toThrow("--clip-weights: expected a number > 0, got 'NaN'")
  })
})
