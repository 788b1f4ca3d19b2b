import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { BanditLogBuilder, sliceBanditLog } from "../../src/schema/bandit-log"
import { loadBanditCsv, readBanditCsv, readBanditCsvChunks } from "../../src/data/bandit-log-csv"
import { tempDir } from "../temp-dir"

function csv(text: string): string {
  const dir = tempDir("bandit-csv-")
  const path = join(dir, "log.csv")
  writeFileSync(path, text)
  return path
}

describe("generic bandit-log CSV", () => {
  it("loads actions, positions, rewards, propensities, numeric and categorical context", async () => {
    const path = csv(
      "action,position,reward,propensity,age,device\n2,0,1.5,0.25,31,ios\n0,1,0,0.5,40,web\n1,1,0,1,22,ios\n",
    )
    const log = await loadBanditCsv(path, { categorical: ["device"] })
    expect(log.length).toBe(3)
    expect(log.nActions).toBe(3)
    expect(log.nPositions).toBe(2)
    expect([...log.action]).toEqual([2, 0, 1])
    expect([...log.reward]).toEqual([1.5, 0, 0])
    expect([...log.propensity]).toEqual([0.25, 0.5, 1])
    expect(log.featureNames).toEqual(["age"])
    expect([...log.context]).toEqual([31, 40, 22])
    expect([...log.categorical]).toEqual([0, 1, 0])
    expect(log.categoricalLevels).toEqual([["ios", "web"]])
    const half = sliceBanditLog(log, 1, 3)
    expect([...half.action]).toEqual([0, 1])
    expect([...half.context]).toEqual([40, 22])
  })

  it("streams without keeping rounds and grows the builder past its first capacity", async () => {
    const lines = ["action,click,propensity"]
    for (let i = 0; i < 3000; i++) lines.push(`${i % 7},${i % 3 === 0 ? 1 : 0},0.125`)
    const path = csv(lines.join("\n"))
    let clicks = 0
    const schema = await readBanditCsv(path, {}, (round) => (clicks += round.reward))
    expect(clicks).toBe(1000)
    expect(schema.nActions).toBe(7)
    expect(schema.nPositions).toBe(1)
    const builder = new BanditLogBuilder()
    await readBanditCsv(path, {}, (round, s) => builder.push(round, s))
    const log = builder.build()
    expect(log.length).toBe(3000)
    expect(log.action[2999]).toBe(2999 % 7)
  })

  it("streams chunks whose concatenation is the whole log", async () => {
    const lines = ["action,click,propensity,x"]
    for (let i = 0; i < 1000; i++) lines.push(`${i % 5},${i % 4 === 0 ? 1 : 0},0.2,${i}`)
    const path = csv(lines.join("\n"))
    const sizes: number[] = []
    let xSum = 0
    let clicks = 0
    await readBanditCsvChunks(path, {}, 300, (chunk) => {
      sizes.push(chunk.length)
      for (let i = 0; i < chunk.length; i++) {
        xSum += chunk.context[i]
        clicks += chunk.reward[i]
      }
    })
    expect(sizes).toEqual([300, 300, 300, 100])
    expect(xSum).toBe((999 * 1000) / 2)
    expect(clicks).toBe(250)
  })

  it("names file, row and column of every bad field", async () => {
    const bad = async (text: string, options = {}): Promise<unknown> =>
      loadBanditCsv(csv(text), { name: "log.csv", ...options })
    await expect(bad("action,position,click,propensity\n1,0,1,0.5\n1,3,0,0.5", { positions: 3 })).rejects.toThrow(
      "log.csv:3:position: position 3 is out of range: allowed 0..2",
    )
    await expect(bad("action,click,propensity\n1,0.5,0.5")).rejects.toThrow(
      "log.csv:2:click: click '0.5' is not binary (0 or 1)",
    )
    await expect(bad("action,reward,propensity\n1,0.5,-0.1")).rejects.toThrow(
      "log.csv:2:propensity: propensity '-0.1' is not in (0, 1]",
    )
    await expect(bad("action,reward,propensity\n1.5,0.5,0.1")).rejects.toThrow(
      "log.csv:2:action: action '1.5' is not an integer",
    )
    await expect(bad("action,reward,propensity\n4,0.5,0.1", { actions: 4 })).rejects.toThrow(
      "log.csv:2:action: action 4 is out of range: allowed 0..3",
    )
    await expect(bad("action,reward\n1,0")).rejects.toThrow("log.csv:1:propensity: missing column 'propensity'")
    await expect(bad("action,propensity\n1,0.5")).rejects.toThrow(
      "log.csv:1:reward: missing column 'reward' or 'click'",
    )
    await expect(bad("action,reward,propensity,x\n1,0,0.5,abc")).rejects.toThrow("log.csv:2:x: 'abc' is not a number")
    await expect(bad("action,reward,propensity\n")).rejects.toThrow("log.csv:2: the log has no rows")
  })
})
