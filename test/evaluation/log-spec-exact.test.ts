import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { UserError } from "../../src/config/user-error"
import { banditLogFormat, loadBanditLogSpec } from "../../src/evaluation/log-spec"
import { tempDir } from "../temp-dir"

// `loadBanditLogSpec` on tiny hand-written datasets: an Open Bandit layout whose two loggers have different sizes
// (so their shares differ), a CRLF header and the `positions` option.

/** An Open Bandit layout of two items under a new folder: `logs` maps behaviour → rows `item,position(1-based),click,propensity`. */
function obdFolder(logs: Record<string, string[]>, campaign = "men"): string {
  const root = tempDir("log-spec-exact-")
  for (const [behavior, rows] of Object.entries(logs)) {
    const dir = join(root, behavior, campaign)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, "item_context.csv"), ",item_id,item_feature_0\n0,0,0.5\n1,1,0.25\n")
    writeFileSync(
      join(dir, `${campaign}.csv`),
      `,item_id,position,click,propensity_score\n${rows.map((r, i) => `${i},${r}`).join("\n")}\n`,
    )
  }
  return root
}

describe("loadBanditLogSpec on an Open Bandit layout", () => {
  it("pools random (2 rounds) and bts (3 rounds) with shares 2/5 and 3/5 in the balanced propensities", async () => {
    const root = obdFolder({
      random: ["1,1,0,0.5", "0,2,1,0.5"],
      bts: ["0,1,1,0.9", "1,2,0,0.8", "1,3,0,0.7"],
    })
    const source = await loadBanditLogSpec({ log: root, behavior: "random+bts" })
    expect(source.format).toBe("obd")
    expect(source.obd).toEqual({ root, campaign: "men" })
    expect(source.loggers).toEqual({
      names: ["random (uniform)", "Bernoulli TS (item frequencies)"],
      shares: [0.4, 0.6],
    })
    // bts shows item 0 at position 1 and item 1 at positions 2 and 3, each once: frequencies 1 or 0.
    // p̄ = 0.4 · 1/2 + 0.6 · frequency: random's rounds (item 1 at 1, item 0 at 2) 0.2; bts's own rounds 0.8
    expect(Array.from(source.log.propensity)).toEqual([0.2, 0.2, 0.8, 0.8, 0.8].map((p) => expect.closeTo(p, 15)))
    expect(Array.from(source.log.action)).toEqual([1, 0, 0, 1, 1])
  })

  it("reads the random log of the men campaign by default", async () => {
    const root = obdFolder({ random: ["1,1,0,0.5", "0,2,1,0.5"], bts: ["0,1,1,0.9"] })
    const source = await loadBanditLogSpec({ log: root })
    expect(Array.from(source.log.action)).toEqual([1, 0])
    expect(source.loggers).toBeUndefined()
  })

  it("names the first behaviour folder that is missing", async () => {
    const root = obdFolder({ random: ["1,1,0,0.5"] })
    const error = await loadBanditLogSpec({ log: root, behavior: "random+bts" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(
      `log: ${root} has no bts/men folder (expected the Open Bandit Dataset layout)`,
    )
    const women = obdFolder({ random: ["1,1,0,0.5"], bts: ["0,1,1,0.9"] }, "women")
    const wrong = await loadBanditLogSpec({ log: women, behavior: "bts" }).catch((e: unknown) => e)
    expect((wrong as Error).message).toBe(
      `log: ${women} has no bts/men folder (expected the Open Bandit Dataset layout)`,
    )
  })
})

describe("loadBanditLogSpec on a generic CSV", () => {
  it("finds the propensity column in a CRLF header and passes the number of positions", async () => {
    const path = join(tempDir("log-spec-exact-"), "crlf.csv")
    writeFileSync(path, "action,position,reward,propensity\r\n0,0,1,0.5\r\n1,1,0,0.25\r\n")
    expect(banditLogFormat(path)).toBe("csv")
    const source = await loadBanditLogSpec({ log: path, positions: 3 })
    expect(source.estimatedPropensities).toBeUndefined()
    expect(Array.from(source.log.propensity)).toEqual([0.5, 0.25])
    expect(source.log.nPositions).toBe(3)
  })

  it("tells an Open Bandit file by its propensity_score column even when it is last on a CRLF line", () => {
    const path = join(tempDir("log-spec-exact-"), "obd.csv")
    writeFileSync(path, "item_id,position,click,propensity_score\r\n0,1,0,0.5\r\n")
    expect(banditLogFormat(path)).toBe("obd")
  })

  it.runIf(existsSync("/proc/self/fd"))("closes the file it reads the header from", () => {
    const path = join(tempDir("log-spec-exact-"), "plain.csv")
    writeFileSync(path, "action,reward,propensity\n0,1,0.5\n")
    const open = (): number => readdirSync("/proc/self/fd").length
    const before = open()
    for (let k = 0; k < 20; k++) banditLogFormat(path)
    // A leak keeps 20 descriptors open; the margin covers a descriptor that the runtime opens meanwhile.
    expect(open() - before).toBeLessThan(10)
  })
})
