import { describe, expect, it } from "vitest"
import {
  choiceFlag,
  choiceParser,
  integerFlag,
  integerParser,
  listFlag,
  numberFlag,
  numberParser,
} from "../../src/cli/flags"
import { UserError } from "../../src/config/user-error"

describe("integerFlag and numberFlag", () => {
  it("read decimal integers and numbers", () => {
    expect(integerFlag("--seed", "42", 0)).toBe(42)
    expect(integerFlag("--horizon", "1e4", 1)).toBe(10000)
    expect(integerFlag("--k", " 7 ", 1)).toBe(7)
    expect(numberFlag("--epsilon", "0.25", { min: 0, max: 1 })).toBe(0.25)
    expect(numberFlag("--min-support", "1", { min: 0, minExclusive: true, max: 1 })).toBe(1)
    expect(integerParser("--runs", 1)("3")).toBe(3)
    expect(numberParser("--clip", { min: 0 })("0")).toBe(0)
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
    expect(() => numberFlag("--min-support", "", { min: 0, minExclusive: true, max: 1 })).toThrow(
      "--min-support: expected a number in (0, 1], got ''",
    )
    expect(() => numberFlag("--min-support", "0", { min: 0, minExclusive: true, max: 1 })).toThrow(
      "--min-support: expected a number in (0, 1], got '0'",
    )
    expect(() => numberFlag("--epsilon", "1.5", { min: 0, max: 1 })).toThrow(
      "--epsilon: expected a number in [0, 1], got '1.5'",
    )
    expect(() => numberFlag("--clip-weights", "NaN", { min: 0, minExclusive: true })).toThrow(
      "--clip-weights: expected a number > 0, got 'NaN'",
    )
    expect(() => numberFlag("--clip", "-1", { min: 0 })).toThrow("--clip: expected a number >= 0, got '-1'")
    expect(() => numberFlag("--x", "Infinity", {})).toThrow("--x: expected a number, got 'Infinity'")
  })
})

describe("choiceFlag and listFlag", () => {
  it("accept a word of the set, typed as one", () => {
    const engine: "memory" | "duckdb" = choiceFlag("--engine", "duckdb", ["memory", "duckdb"] as const)
    expect(engine).toBe("duckdb")
    expect(choiceParser("--learner", ["q", "ipw"] as const)("ipw")).toBe("ipw")
    expect(listFlag("--estimators", " ipw, dr ,", ["ipw", "snipw", "dr"] as const, "estimator")).toEqual(["ipw", "dr"])
  })

  it("refuse anything else with one line that lists what is allowed", () => {
    expect(() => choiceFlag("--learner", "dqn", ["q", "ipw"])).toThrow("--learner: expected q or ipw, got 'dqn'")
    expect(() => choiceFlag("--campaign", "Men", ["men", "women", "all"])).toThrow(
      "--campaign: expected men, women or all, got 'Men'",
    )
    expect(() => choiceFlag("--format", "", ["obd", "csv"])).toThrow(UserError)
    expect(() => listFlag("--estimators", "ipw,ips", ["ipw", "dr"], "estimator")).toThrow(
      "--estimators: unknown estimator 'ips' (allowed: ipw, dr)",
    )
    expect(() => listFlag("--estimators", " , ", ["ipw", "dr"], "estimator")).toThrow(
      "--estimators: name at least one estimator",
    )
    expect(() => listFlag("--models", "als, als", ["als", "bpr"], "model")).toThrow(
      "--models: model 'als' is listed twice",
    )
  })
})
