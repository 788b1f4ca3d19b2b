import { describe, expect, it } from "vitest"
import { provenance, recordedCommandLine } from "../../src/io/provenance"

const argv = (...args: string[]): string[] => ["/usr/bin/node", "/opt/lab/bin/interest-lab.js", ...args]

describe("recordedCommandLine", () => {
  it("is interest-lab and the arguments as typed, without the node and script paths", () => {
    expect(recordedCommandLine(argv("simulate", "--config", "exp.yaml", "--seed", "3"))).toBe(
      "interest-lab simulate --config exp.yaml --seed 3",
    )
    expect(recordedCommandLine(argv())).toBe("interest-lab")
  })

  it("leaves out --out and its folder, in both spellings", () => {
    expect(recordedCommandLine(argv("world", "--out", "runs/a", "--config", "w.yaml"))).toBe(
      "interest-lab world --config w.yaml",
    )
    expect(recordedCommandLine(argv("world", "--config", "w.yaml", "--out=runs/a"))).toBe(
      "interest-lab world --config w.yaml",
    )
  })

  it("quotes for a POSIX shell what it would split or expand", () => {
    expect(recordedCommandLine(argv("basket", "--country", "United Kingdom", "--exclude", "POSTAGE"))).toBe(
      "interest-lab basket --country 'United Kingdom' --exclude POSTAGE",
    )
    expect(recordedCommandLine(argv("basket", "--exclude", "it's $5 *"))).toBe(
      "interest-lab basket --exclude 'it'\\''s $5 *'",
    )
    expect(recordedCommandLine(argv("evaluate", "--target", ""))).toBe("interest-lab evaluate --target ''")
    expect(
      recordedCommandLine(
        argv("evaluate", "--estimators", "ipw,dr", "--log", "clickhouse://h:9000/db.t", "--clip=0.5"),
      ),
    ).toBe("interest-lab evaluate --estimators ipw,dr --log clickhouse://h:9000/db.t --clip=0.5")
  })
})

describe("provenance", () => {
  it("records the package, node, the date given and the command", () => {
    const p = provenance("interest-lab world", new Date("2026-01-02T03:04:05Z"))
    expect([p.package, p.node, p.createdAt, p.command]).toEqual([
      "interest-lab",
      process.version,
      "2026-01-02T03:04:05.000Z",
      "interest-lab world",
    ])
    expect(p.gitCommit === null || /^[0-9a-f]{40}$/.test(p.gitCommit)).toBe(true)
  })
})
