import { describe, expect, it } from "vitest"
import { sandbox } from "./refusal-sandbox"

// Every command records the command line as typed (quoted for a shell where needed), from the raw
// argv and without `--out`, in config.json and at the foot of report.html.
const box = sandbox("il-provenance-")
const H = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
box.file(
  "sim.yaml",
  "environment: { type: bernoulli, probabilities: [0.2, 0.8] }\npolicies: [{ type: ucb1 }]\nhorizon: 10\nruns: 1\n",
)
box.file("world.json", '{"users": 5, "items": 10, "days": 1}')
box.file(
  "log.csv",
  `${["action,position,reward,propensity,x", ...Array.from({ length: 40 }, (_, i) => `${i % 2},0,${i % 3 === 0 ? 1 : 0},0.5,${(i % 5) - 2}`)].join("\n")}\n`,
)
// Three customers who buy before 2010-12-05 and buy new items on or after it.
box.file(
  "small.csv",
  `${[
    H,
    ...[1, 2, 3].flatMap((c) => [
      `10${c},A${c},ITEM A${c},1,2010-12-0${c} 10:00:00,1.0,1785${c},United Kingdom`,
      `10${c},B,ITEM B,${c},2010-12-0${c} 10:00:00,2.0,1785${c},United Kingdom`,
      `20${c},C${c % 2},ITEM C${c % 2},1,2010-12-0${5 + c} 10:00:00,1.5,1785${c},United Kingdom`,
      `20${c},A${(c % 3) + 1},ITEM A${(c % 3) + 1},1,2010-12-0${5 + c} 10:00:00,1.0,1785${c},United Kingdom`,
    ]),
    "303,B,ITEM B,1,2010-12-09 10:00:00,2.0,17853,United Kingdom",
  ].join("\n")}\n`,
)

interface Recorded {
  provenance: { command: string; seed?: number; workers?: number; node: string }
}

function recorded(args: string[], out: string): Recorded {
  const r = box.run(args)
  if (r.status !== 0) throw new Error(`exit status ${r.status}: ${r.stderr}`)
  const config = JSON.parse(box.read(`${out}/config.json`)) as Recorded
  expect(config.provenance.node).toBe(process.version)
  return config
}

describe("provenance: the command line as typed, for every command", () => {
  it("world, with --seed (also in the provenance)", () => {
    const { provenance } = recorded(["world", "--config", "world.json", "--seed", "3", "--quiet", "--out", "w"], "w")
    expect(provenance.command).toBe("interest-lab world --config world.json --seed 3 --quiet")
    expect(provenance.seed).toBe(3)
    expect(box.read("w/report.html")).toContain("interest-lab world --config world.json --seed 3 --quiet")
  })

  it("simulate: no script path, --out left out wherever it stands", () => {
    const { provenance } = recorded(["simulate", "--config", "sim.yaml", "--out", "s", "--seed", "3"], "s")
    expect(provenance.command).toBe("interest-lab simulate --config sim.yaml --seed 3")
    expect([provenance.seed, provenance.workers]).toEqual([3, 1])
  })

  it("evaluate (in memory), with --out=dir", () => {
    const { provenance } = recorded(
      ["evaluate", "--log", "log.csv", "--target", "uniform", "--bootstrap", "0", "--out=e", "--quiet"],
      "e",
    )
    expect(provenance.command).toBe("interest-lab evaluate --log log.csv --target uniform --bootstrap 0 --quiet")
    expect(provenance.seed).toBe(1)
  })

  it("evaluate (SQL path)", () => {
    const { provenance } = recorded(
      [
        "evaluate",
        "--log",
        "log.csv",
        "--engine",
        "duckdb",
        "--target",
        "uniform",
        "--estimators",
        "ipw,snipw",
        "--out",
        "q",
        "--quiet",
      ],
      "q",
    )
    expect(provenance.command).toBe(
      "interest-lab evaluate --log log.csv --engine duckdb --target uniform --estimators ipw,snipw --quiet",
    )
    expect(box.exists("q/query.sql")).toBe(true)
  })

  it("segments", () => {
    const { provenance } = recorded(["segments", "--data", "small.csv", "--k", "2", "--out", "seg"], "seg")
    expect(provenance.command).toBe("interest-lab segments --data small.csv --k 2")
    expect(provenance.seed).toBe(0)
  })

  it("basket: a value with a space is quoted for the shell", () => {
    const { provenance } = recorded(
      ["basket", "--data", "small.csv", "--country", "United Kingdom", "--min-support", "0.5", "--out", "b"],
      "b",
    )
    expect(provenance.command).toBe("interest-lab basket --data small.csv --country 'United Kingdom' --min-support 0.5")
  })

  it("benchmark", () => {
    const { provenance } = recorded(
      ["benchmark", "--data", "small.csv", "--split", "2010-12-05", "--models", "popularity", "--quiet", "--out", "bm"],
      "bm",
    )
    expect(provenance.command).toBe(
      "interest-lab benchmark --data small.csv --split 2010-12-05 --models popularity --quiet",
    )
    expect(provenance.seed).toBe(0)
  })
})
