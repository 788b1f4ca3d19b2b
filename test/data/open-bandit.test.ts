import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { meanReward } from "../../src/schema/bandit-log"
import { loadOpenBanditLog, readOpenBanditCsv } from "../../src/data/open-bandit"
import { tempDir } from "../temp-dir"

const ROOT = "data/open-bandit-dataset"

// Reference numbers: pandas 1.5 read_csv of the same files (rows, click sum, max item_id,
// propensity range, distinct values of user_feature_0..3).
describe("Open Bandit Dataset loader", () => {
  it("loads the four samples with the counts pandas finds", async () => {
    const expected = {
      "random/men": { actions: 34, clicks: 46, levels: [3, 5, 9, 8], pMin: 1 / 34, pMax: 1 / 34 },
      "random/women": { actions: 46, clicks: 46, levels: [3, 5, 8, 7], pMin: 1 / 46, pMax: 1 / 46 },
      "bts/men": { actions: 34, clicks: 69, levels: [3, 5, 9, 9], pMin: 0.000165, pMax: 0.72529 },
      "bts/women": { actions: 46, clicks: 46, levels: [3, 5, 8, 7], pMin: 1e-6, pMax: 0.9628 },
    } as const
    for (const [key, e] of Object.entries(expected)) {
      const [behavior, campaign] = key.split("/") as ["random" | "bts", "men" | "women"]
      const log = await loadOpenBanditLog(ROOT, behavior, campaign)
      expect(log.length).toBe(10000)
      expect(log.nActions).toBe(e.actions)
      expect(log.nPositions).toBe(3)
      expect(meanReward(log)).toBeCloseTo(e.clicks / 10000, 15)
      expect(log.featureNames.length).toBe(e.actions) // one affinity per item
      expect(log.categoricalLevels.map((l) => l.length)).toEqual(e.levels)
      expect(Math.min(...log.propensity)).toBeCloseTo(e.pMin, 12)
      expect(Math.max(...log.propensity)).toBeCloseTo(e.pMax, 12)
      expect(Math.min(...log.position)).toBe(0)
      expect(Math.max(...log.position)).toBe(2)
    }
  })

  it("the first rows of random/men as in the file", async () => {
    const log = await loadOpenBanditLog(ROOT, "random", "men")
    // rows 0 and 1: item 14 and 10 at position 3, no click
    expect([log.action[0], log.action[1]]).toEqual([14, 10])
    expect([log.position[0], log.position[1]]).toEqual([2, 2])
    expect(log.categorical[0 * 4 + 2]).not.toBe(log.categorical[1 * 4 + 2]) // user_feature_2 differs
  })

  const header = ",timestamp,item_id,position,click,propensity_score,user_feature_0,user-item_affinity_0"
  const write = (body: string): string => {
    const dir = tempDir("obd-")
    const path = join(dir, "men.csv")
    writeFileSync(path, `${header}\n${body}\n`)
    return path
  }
  const read = (path: string): Promise<unknown> => readOpenBanditCsv(path, 34, () => undefined, { name: "men.csv" })

  it("reports file:row:column for each kind of bad field", async () => {
    await expect(read(write("0,t,3,1,0,0.5,a,0.0\n1,t,3,4,0,0.5,a,0.0"))).rejects.toThrow(
      "men.csv:3:position: position 4 is out of range: allowed 1..3",
    )
    await expect(read(write("0,t,3,1,2,0.5,a,0.0"))).rejects.toThrow(
      "men.csv:2:click: click '2' is not binary (0 or 1)",
    )
    await expect(read(write("0,t,3,1,0,0,a,0.0"))).rejects.toThrow(
      "men.csv:2:propensity_score: propensity '0' is not in (0, 1]",
    )
    await expect(read(write("0,t,3,1,0,1.2,a,0.0"))).rejects.toThrow(
      "men.csv:2:propensity_score: propensity '1.2' is not in (0, 1]",
    )
    await expect(read(write("0,t,34,1,0,0.5,a,0.0"))).rejects.toThrow(
      "men.csv:2:item_id: item_id 34 is out of range: allowed 0..33",
    )
    await expect(read(write("0,t,3,1,0,0.5,a,x"))).rejects.toThrow(
      "men.csv:2:user-item_affinity_0: 'x' is not a number",
    )
    const dir = tempDir("obd-")
    writeFileSync(join(dir, "men.csv"), "item_id,position,propensity_score\n1,1,0.5\n")
    await expect(readOpenBanditCsv(join(dir, "men.csv"), 34, () => undefined, { name: "men.csv" })).rejects.toThrow(
      "men.csv:1:click: missing column 'click'",
    )
  })
})
