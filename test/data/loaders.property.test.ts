import { readdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { loadConfig } from "../../src/config/load-config"
import { UserError } from "../../src/config/user-error"
import { loadBanditCsv } from "../../src/data/bandit-log-csv"
import { readCsv } from "../../src/io/csv"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { readOpenBanditCsv, readOpenBanditItemCount } from "../../src/data/open-bandit"
import { simulationConfigSchema } from "../../src/simulation/config"
import { worldConfigSchema } from "../../src/world/config"
import { BANDIT, hostile, ITEMS, JSON_CONFIG, OBD, RETAIL, YAML } from "../hostile-bytes"
import { tempDir } from "../temp-dir"

// Arbitrary bytes given to a loader never crash it. Each input either loads or is
// refused with a one-line UserError (what the CLI prints without a stack), and nothing is
// written. In-process with a bounded number of runs and a fixed seed, so the test is fast and
// repeatable; test/cli/loaders-cli.property.test.ts runs a few cases through the real CLI.
const dir = tempDir("il-property-")
const RUNS = { numRuns: 150, seed: 13 }

let counter = 0

/**
 * Writes each input to a new file of the sandbox folder, runs `load` on their paths: it may
 * succeed, or fail with a one-line UserError, and must not write any file. The inputs are
 * removed afterwards.
 */
async function survives(inputs: [Uint8Array, string][], load: (...paths: string[]) => Promise<unknown>): Promise<void> {
  const paths = inputs.map(([bytes, name]) => {
    const path = join(dir, `${counter++}-${name}`)
    writeFileSync(path, bytes)
    return path
  })
  const before = readdirSync(dir).sort()
  try {
    await load(...paths)
  } catch (error) {
    if (!(error instanceof UserError)) throw new Error(`not a UserError: ${(error as Error)?.stack ?? String(error)}`)
    expect(error.message).not.toMatch(/[\n\r\u001b]/)
    expect(error.message.length).toBeGreaterThan(0)
  }
  expect(readdirSync(dir).sort()).toEqual(before)
  for (const path of paths) rmSync(path)
}

describe("loaders never crash on arbitrary bytes", () => {
  it("readCsv", async () => {
    await fc.assert(
      fc.asyncProperty(hostile(BANDIT), (bytes) =>
        survives([[bytes, "any.csv"]], (path) => readCsv(path, { row: () => {} })),
      ),
      RUNS,
    )
  })

  it("loadOnlineRetail", async () => {
    await fc.assert(
      fc.asyncProperty(hostile(RETAIL), (bytes) => survives([[bytes, "retail.csv"]], (path) => loadOnlineRetail(path))),
      RUNS,
    )
  })

  it("Open Bandit: item_context.csv and the log", async () => {
    await fc.assert(
      fc.asyncProperty(hostile(ITEMS), hostile(OBD), (items, log) =>
        survives(
          [
            [items, "item_context.csv"],
            [log, "men.csv"],
          ],
          async (itemPath, logPath) => {
            const n = await readOpenBanditItemCount(itemPath)
            await readOpenBanditCsv(logPath, n, () => {})
          },
        ),
      ),
      RUNS,
    )
    await fc.assert(
      fc.asyncProperty(hostile(OBD), (log) =>
        survives([[log, "men.csv"]], (path) => readOpenBanditCsv(path, 4, () => {})),
      ),
      RUNS,
    )
  })

  it("generic bandit-log CSV", async () => {
    await fc.assert(
      fc.asyncProperty(hostile(BANDIT), (bytes) => survives([[bytes, "log.csv"]], (path) => loadBanditCsv(path))),
      RUNS,
    )
  })

  it("loadConfig: YAML and JSON", async () => {
    await fc.assert(
      fc.asyncProperty(hostile(YAML), (bytes) =>
        survives([[bytes, "sim.yaml"]], async (path) => loadConfig(path, simulationConfigSchema)),
      ),
      RUNS,
    )
    await fc.assert(
      fc.asyncProperty(hostile(JSON_CONFIG), (bytes) =>
        survives([[bytes, "world.json"]], async (path) => loadConfig(path, worldConfigSchema)),
      ),
      RUNS,
    )
  })
})
