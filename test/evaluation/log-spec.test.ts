import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { UserError } from "../../src/config/user-error"
import { banditLogFormat, loadBanditLogSpec } from "../../src/evaluation/log-spec"
import { tempDir } from "../temp-dir"

const OBD = "data/open-bandit-dataset"
const dir = tempDir("il-log-spec-")
const generic = join(dir, "generic.csv")
writeFileSync(
  generic,
  "action,position,reward,propensity,x\n0,0,1,0.5,0.1\n1,0,0,0.5,0.2\n1,1,1,0.25,0.3\n2,1,0,0.25,0.4\n",
)
// No propensity column: 60 rounds of 3 actions, where the logger mostly chose action 1 when x > 0 and actions 0 or 2 otherwise.
const noPropensity = join(dir, "no-propensity.csv")
writeFileSync(
  noPropensity,
  `${["action,reward,x", ...Array.from({ length: 60 }, (_, i) => `${i % 5 === 0 ? 2 : (i % 2 === 0) !== (i % 7 === 0) ? 1 : 0},${i % 3 === 0 ? 1 : 0},${i % 2 === 0 ? 1 : -1}`)].join("\n")}\n`,
)

/** The raw rows of an Open Bandit log file, read independently of the loaders: item_id, 0-based position, click, propensity. */
function obdRows(path: string): { item: number; position: number; click: number; propensity: number }[] {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n")
  const col = (name: string): number => header.split(",").indexOf(name)
  return lines.map((line) => {
    const f = line.split(",")
    return {
      item: Number(f[col("item_id")]),
      position: Number(f[col("position")]) - 1,
      click: Number(f[col("click")]),
      propensity: Number(f[col("propensity_score")]),
    }
  })
}

describe("banditLogFormat", () => {
  it("tells the Open Bandit layout (folder, or propensity_score column) from the generic CSV", () => {
    expect(banditLogFormat(OBD)).toBe("obd")
    expect(banditLogFormat(`${OBD}/random/men/men.csv`)).toBe("obd")
    expect(banditLogFormat(generic)).toBe("csv")
  })
})

describe("loadBanditLogSpec", () => {
  it("reads an Open Bandit folder's campaign and behaviour, round for round as in the file", async () => {
    const source = await loadBanditLogSpec({ log: OBD, campaign: "men", behavior: "random" })
    const rows = obdRows(`${OBD}/random/men/men.csv`)
    expect(source.format).toBe("obd")
    expect(source.obd).toEqual({ root: OBD, campaign: "men" })
    expect([source.log.length, source.log.nActions, source.log.nPositions]).toEqual([10000, 34, 3])
    expect(source.estimatedPropensities).toBeUndefined()
    for (const i of [0, 1, 4999, 9999]) {
      expect([source.log.action[i], source.log.position[i], source.log.reward[i]]).toEqual([
        rows[i].item,
        rows[i].position,
        rows[i].click,
      ])
      expect(source.log.propensity[i]).toBeCloseTo(rows[i].propensity, 12)
    }
  })

  it("random+bts pools both logs of the campaign with balanced propensities ½·(1/34) + ½·(BTS's item frequency at the position)", async () => {
    const source = await loadBanditLogSpec({ log: OBD, campaign: "men", behavior: "random+bts" })
    const random = obdRows(`${OBD}/random/men/men.csv`)
    const bts = obdRows(`${OBD}/bts/men/men.csv`)
    expect(source.log.length).toBe(random.length + bts.length)
    expect(source.loggers).toEqual({
      names: ["random (uniform)", "Bernoulli TS (item frequencies)"],
      shares: [0.5, 0.5],
    })
    // BTS's item frequencies per position, counted here from the raw file
    const counts = Array.from({ length: 3 }, () => new Array<number>(34).fill(0))
    for (const r of bts) counts[r.position][r.item]++
    const frequency = (item: number, position: number): number =>
      counts[position][item] / counts[position].reduce((a, b) => a + b, 0)
    const rows = [...random, ...bts]
    for (const i of [0, 1, 9999, 10000, 15000, 19999]) {
      expect([source.log.action[i], source.log.position[i], source.log.reward[i]]).toEqual([
        rows[i].item,
        rows[i].position,
        rows[i].click,
      ])
      expect(source.log.propensity[i]).toBeCloseTo(0.5 / 34 + 0.5 * frequency(rows[i].item, rows[i].position), 15)
    }
  })

  it("reads one Open Bandit log file as the folder gives it, with no dataset root (so no bts target)", async () => {
    const file = await loadBanditLogSpec({ log: `${OBD}/bts/men/men.csv` })
    const folder = await loadBanditLogSpec({ log: OBD, behavior: "bts" })
    expect(file.obd).toEqual({ campaign: "men" })
    expect(Array.from(file.log.action)).toEqual(Array.from(folder.log.action))
    expect(Array.from(file.log.propensity)).toEqual(Array.from(folder.log.propensity))
  })

  it("reads a generic CSV with its propensities", async () => {
    const source = await loadBanditLogSpec({ log: generic })
    expect(source.format).toBe("csv")
    expect(source.obd).toBeUndefined()
    expect(Array.from(source.log.propensity)).toEqual([0.5, 0.5, 0.25, 0.25])
    expect(Array.from(source.log.position)).toEqual([0, 0, 1, 1])
    expect(source.log.featureNames).toEqual(["x"])
  })

  it("fills missing propensities from a fitted behaviour policy and reports its calibration", async () => {
    const source = await loadBanditLogSpec({ log: noPropensity })
    expect(source.estimatedPropensities).toBeDefined()
    const { behavior, calibration } = source.estimatedPropensities!
    const pi = new Float64Array(source.log.nActions)
    for (let i = 0; i < source.log.length; i++) {
      behavior.actionProbabilities(source.log, i, pi)
      expect(source.log.propensity[i]).toBeCloseTo(pi[source.log.action[i]], 12)
      expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    }
    expect(calibration.expectedCalibrationError).toBeGreaterThanOrEqual(0)
    expect(calibration.expectedCalibrationError).toBeLessThan(1)
  })

  // Titles by index, not by spec: a spec holds a temporary path, new on each load, and Stryker finds tests by title.
  it.each([
    [{ log: join(dir, "missing.csv") }, `log: ${join(dir, "missing.csv")} does not exist`],
    [{ log: OBD, format: "csv" as const }, `log: ${OBD} is a folder; format csv needs a CSV file`],
    [{ log: OBD, campaign: "kids" as "men" }, "campaign: expected men, women or all, got 'kids'"],
    [{ log: OBD, behavior: "greedy" as "bts" }, "behavior: expected random, bts or random+bts, got 'greedy'"],
    [{ log: generic, format: "parquet" as "csv" }, "format: expected obd or csv, got 'parquet'"],
    [
      { log: OBD, campaign: "all" as const },
      `log: ${OBD} has no random/all folder (expected the Open Bandit Dataset layout)`,
    ],
    [
      { log: generic, format: "obd" as const },
      `log: ${join(dir, "item_context.csv")} not found (an Open Bandit log needs its item_context.csv beside it)`,
    ],
  ])("refuses bad spec %# with one line naming the field", async (spec, message) => {
    const error = await loadBanditLogSpec(spec).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(message)
  })
})
