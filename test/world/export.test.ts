import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cleanEvents } from "../../src/data/clean-events"
import { toDataFrame } from "../../src/data/dataframe"
import { WORLD_FILES, writeWorldCsv } from "../../src/world/export"
import { injectFaults } from "../../src/world/faults"
import { loadEventsCsv } from "../../src/world/load-events"
import { simulateEvents } from "../../src/world/simulate-events"
import { eventsTable } from "../../src/world/tables"
import { createRng } from "../../src/random/rng"
import { generateWorld } from "../../src/world/world"
import { tempDir } from "../temp-dir"

const config = { users: 120, items: 60, seed: 31, days: 10 }

async function exportTo(): Promise<string> {
  const dir = tempDir("il-world-")
  const world = generateWorld(config)
  await writeWorldCsv(world, simulateEvents(world), dir)
  return dir
}

describe("world CSV export", () => {
  it("gives byte-identical CSVs for the same config and seed", async () => {
    const a = await exportTo()
    const b = await exportTo()
    for (const f of WORLD_FILES) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true)
  })

  it("matches the shipped snapshot data/synthetic byte for byte (experiments/world-snapshot.yaml)", async () => {
    const world = generateWorld({ seed: 2026, users: 300, items: 120, categories: 12, days: 14 })
    const dir = tempDir("il-snap-")
    await writeWorldCsv(world, simulateEvents(world), dir)
    for (const f of WORLD_FILES)
      expect(readFileSync(join(dir, f)).equals(readFileSync(join("data/synthetic", f)))).toBe(true)
  })

  it("round-trips events through loadEventsCsv", async () => {
    const dir = await exportTo()
    const world = generateWorld(config)
    const original = simulateEvents(world).events
    const loaded = await loadEventsCsv(join(dir, "events.csv"), { users: 120, items: 60 })
    expect(loaded.length).toBe(original.length)
    expect(Array.from(loaded.item)).toEqual(Array.from(original.item))
    expect(Array.from(loaded.type)).toEqual(Array.from(original.type))
    expect(Array.from(loaded.time)).toEqual(Array.from(original.time))
  })

  it("names file, row and column of a malformed events CSV", async () => {
    const dir = await exportTo()
    const lines = readFileSync(join(dir, "events.csv"), "utf8").split("\n")
    const header = lines[0].split(",")
    const bad = lines.slice()
    const fields = bad[5].split(",")
    fields[header.indexOf("position")] = "x1"
    bad[5] = fields.join(",")
    writeFileSync(join(dir, "bad.csv"), bad.join("\n"))
    await expect(loadEventsCsv(join(dir, "bad.csv"), { users: 120, items: 60 })).rejects.toThrow(
      `${join(dir, "bad.csv")}:6:position: 'x1' is not a number`,
    )
    const f2 = lines[3].split(",")
    f2[header.indexOf("event")] = "like"
    writeFileSync(join(dir, "bad2.csv"), [lines[0], lines[1], lines[2], f2.join(",")].join("\n"))
    await expect(loadEventsCsv(join(dir, "bad2.csv"), { users: 120, items: 60 })).rejects.toThrow(
      /bad2\.csv:4:event: 'like' is not one of view, click, cart, purchase/,
    )
    writeFileSync(join(dir, "bad3.csv"), lines.slice(0, 3).join("\n").replace("user_id", "uid"))
    await expect(loadEventsCsv(join(dir, "bad3.csv"), { users: 120, items: 60 })).rejects.toThrow(
      /bad3\.csv:1:user_id: missing column 'user_id'/,
    )
    writeFileSync(join(dir, "bad4.csv"), [lines[0], lines[1].replace(/^(\d+),(\d+),(\d+),/, "$1,$2,999,")].join("\n"))
    await expect(loadEventsCsv(join(dir, "bad4.csv"), { users: 120, items: 60 })).rejects.toThrow(
      /bad4\.csv:2:user_id: 999 is out of range: must be in \[0, 120\)/,
    )
    const f5 = lines[1].split(",")
    f5[header.indexOf("session_id")] = "4294967297"
    writeFileSync(join(dir, "bad5.csv"), [lines[0], f5.join(",")].join("\n"))
    await expect(loadEventsCsv(join(dir, "bad5.csv"), { users: 120, items: 60 })).rejects.toThrow(
      /bad5\.csv:2:session_id: 4294967297 is out of range: must be in \[0, 2147483647\]/,
    )
  })

  it("exports a danfojs DataFrame with the table's columns", () => {
    const world = generateWorld(config)
    const df = toDataFrame(eventsTable(world, simulateEvents(world).events))
    expect(df.columns).toContain("category_id")
    expect(df.shape[0]).toBe(simulateEvents(world).events.length)
  })
})

describe("fault injection and cleaning", () => {
  it("injects the configured faults and the cleaning rules find them", () => {
    const world = generateWorld({ ...config, users: 400 })
    const clean = eventsTable(world, simulateEvents(world).events)
    const faults = { missingRate: 0.03, errorCodeRate: 0.02, duplicateRate: 0.02, outlierRate: 0.01 }
    const { table, injected } = injectFaults(clean, faults, createRng(1))
    const n = clean[0].values.length
    expect(table[0].values.length).toBe(n + injected.duplicates)
    expect(injected.duplicates / n).toBeCloseTo(0.02, 2)
    const { table: cleaned, steps } = cleanEvents(table)
    const step = (rule: string) => steps.find((s) => s.rule === rule)!
    expect(step("duplicate").removed).toBe(injected.duplicates)
    // A row can be both duplicated and error-coded: the error-code rule sees only the survivors.
    expect(step("error-code").removed).toBeGreaterThan(0.9 * injected.errorCodes)
    expect(step("error-code").removed).toBeLessThanOrEqual(injected.errorCodes)
    expect(step("price-outlier").repaired).toBeGreaterThan(0.9 * injected.outliers)
    const price = cleaned.find((c) => c.name === "price")!.values as Float64Array
    const hour = cleaned.find((c) => c.name === "hour")!.values as Float64Array
    expect(price.every((p) => Number.isFinite(p))).toBe(true)
    expect(hour.every((h) => h >= 0 && h < 24)).toBe(true)
    // Repaired prices equal the true catalogue price (each item has one price in the world).
    const item = cleaned.find((c) => c.name === "item_id")!.values as Float64Array
    let wrong = 0
    for (let r = 0; r < price.length; r++) if (Math.abs(price[r] - world.catalog.price[item[r]]) > 0.01) wrong++
    expect(wrong).toBe(0)
  })
})
