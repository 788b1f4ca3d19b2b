import { describe, expect, it } from "vitest"
import { expectRefused, sandbox } from "./refusal-sandbox"

// Bad input: every refusal is one line naming the bad value, and runs are reproducible
// to the byte where they should be.
const box = sandbox("il-error-lines-")
const H = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
const sim = box.file(
  "sim.yaml",
  "environment: { type: bernoulli, probabilities: [0.2, 0.8] }\npolicies: [{ type: ucb1 }]\nhorizon: 10\nruns: 1\n",
)
const world = box.file("world.json", '{"users": 5, "items": 10, "days": 1}')
const obd = box.file("log.csv", "action,reward,propensity\n0,1,0.5\n1,0,0.5\n")
// Three customers who buy before 2010-12-05 and buy new items on or after it.
const retail = box.file(
  "small.csv",
  `${[
    H,
    ...[1, 2, 3].flatMap((c) => [
      `10${c},A${c},ITEM A${c},1,2010-12-0${c} 10:00:00,1.0,1785${c},UK`,
      `10${c},B,ITEM B,${c},2010-12-0${c} 10:00:00,2.0,1785${c},UK`,
      `20${c},C${c % 2},ITEM C${c % 2},1,2010-12-0${5 + c} 10:00:00,1.5,1785${c},UK`,
      `20${c},A${(c % 3) + 1},ITEM A${(c % 3) + 1},1,2010-12-0${5 + c} 10:00:00,1.0,1785${c},UK`,
    ]),
    "303,B,ITEM B,1,2010-12-09 10:00:00,2.0,17853,UK",
  ].join("\n")}\n`,
)

describe("config errors name the bad value", () => {
  it("an unknown environment type", () => {
    const config = box.file(
      "martian.yaml",
      "environment:\n  type: martian\npolicies: [{ type: ucb1 }]\nhorizon: 10\nruns: 1\n",
    )
    const r = expectRefused(box, ["simulate", "--config", config, "--out", "out"], "out")
    expect(r.stderr).toBe(
      "interest-lab: martian.yaml: field 'environment.type': unknown type 'martian'; allowed: bernoulli, gaussian-testbed, random-walk, abrupt-change, ecommerce, online-retail\n",
    )
    expect(r.status).toBe(2)
  })

  it("a JSON config with a UTF-8 byte-order mark is accepted", () => {
    const config = box.file("bom.json", '\ufeff{"users": 5, "items": 10, "days": 1}')
    const before = box.hash()
    const r = box.run(["world", "--config", config, "--csv-only", "--quiet", "--out", "bom"])
    expect([r.status, r.stderr]).toEqual([0, ""])
    expect(box.hash("bom")).toBe(before)
    expect(box.exists("bom/events.csv")).toBe(true)
  })
})

describe("flags: one line and a hint to --help, never the whole help", () => {
  it.each([
    [
      ["segments", "--data", "online-retail", "--out", "out", "--sed", "1"],
      "unknown option '--sed' (Did you mean --seed?) (see 'interest-lab segments --help')",
    ],
    [
      ["segments", "--data", "online-retail"],
      "required option '--out <dir>' not specified (see 'interest-lab segments --help')",
    ],
    [
      ["simulate", "--config", sim, "--out", "out", "--runs"],
      "option '--runs <n>' argument missing (see 'interest-lab simulate --help')",
    ],
    [["simulat", "--config", sim], "unknown command 'simulat' (Did you mean simulate?) (see 'interest-lab --help')"],
  ])("%j", (args, message) => {
    const r = expectRefused(box, args, "out")
    expect(r.stderr).toBe(`interest-lab: ${message}\n`)
    expect(r.stdout).toBe("")
    expect(r.status).toBe(2)
  })

  it.each([
    [["simulate", "--config", sim, "--seed", ""], "--seed: expected an integer >= 0, got ''"],
    [["simulate", "--config", sim, "--horizon", "1.5"], "--horizon: expected a positive integer, got '1.5'"],
    [["world", "--config", world, "--seed", ""], "--seed: expected an integer >= 0, got ''"],
    [["evaluate", "--log", obd, "--target", "uniform", "--seed", ""], "--seed: expected an integer >= 0, got ''"],
    [
      ["evaluate", "--log", obd, "--target", "uniform", "--epsilon", ""],
      "--epsilon: expected a number in [0, 1], got ''",
    ],
    [
      ["evaluate", "--log", obd, "--target", "uniform", "--clip-weights", "0"],
      "--clip-weights: expected a number > 0, got '0'",
    ],
    [["segments", "--data", retail, "--seed", ""], "--seed: expected an integer >= 0, got ''"],
    [["benchmark", "--data", retail, "--k", ""], "--k: expected a positive integer, got ''"],
    [["basket", "--data", retail, "--min-support", ""], "--min-support: expected a number in (0, 1], got ''"],
  ])("an empty or bad number %j is an error, not 0", (args, message) => {
    const r = expectRefused(box, [...args, "--out", "out"], "out")
    expect(r.stderr).toBe(`interest-lab: ${message}\n`)
    expect(r.status).toBe(2)
  })
})

describe("outputs", () => {
  it("segments writes config.json like the other commands", () => {
    const r = box.run(["segments", "--data", retail, "--k", "2", "--seed", "3", "--out", "seg"])
    expect(r.status).toBe(0)
    const config = JSON.parse(box.read("seg/config.json")) as { config: unknown; provenance: { command: string } }
    expect(config.config).toEqual({
      data: "small.csv",
      k: 2,
      seed: 3,
      cleaning: ["customer-missing", "cancelled-invoice", "quantity-not-positive", "price-not-positive"],
    })
    expect(config.provenance.command).toBe("interest-lab segments --data small.csv --k 2 --seed 3")
  })

  it("benchmark: the same run gives a byte-identical summary.json; timings are in timings.json", () => {
    const args = ["benchmark", "--data", retail, "--split", "2010-12-05", "--models", "popularity,itemknn", "--quiet"]
    expect(box.run([...args, "--out", "bench-1"]).status).toBe(0)
    expect(box.run([...args, "--out", "bench-2"]).status).toBe(0)
    expect(box.read("bench-1/summary.json")).toBe(box.read("bench-2/summary.json"))
    expect(box.read("bench-1/summary.json")).not.toContain("Seconds")
    const timings = JSON.parse(box.read("bench-1/timings.json")) as {
      models: Record<string, { trainSeconds: number; recommendSeconds: number }>
    }
    expect(Object.keys(timings.models)).toEqual(["popularity", "itemknn"])
  })
})
