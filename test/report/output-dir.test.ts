import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { writeOutputDir } from "../../src/report/output-dir"

describe("writeOutputDir", () => {
  it("replaces the folder only when writing succeeds, and leaves no temporary folder", async () => {
    const parent = mkdtempSync(join(tmpdir(), "il-out-"))
    const out = join(parent, "run")
    await writeOutputDir(out, (dir) => writeFileSync(join(dir, "summary.json"), "good"))
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("good")
    await expect(
      writeOutputDir(out, (dir) => {
        writeFileSync(join(dir, "summary.json"), "half")
        throw new Error("boom")
      }),
    ).rejects.toThrow("boom")
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("good")
    expect(readdirSync(parent)).toEqual(["run"])
    await writeOutputDir(out, (dir) => writeFileSync(join(dir, "other.json"), "new"))
    expect(existsSync(join(out, "summary.json"))).toBe(false)
    expect(readdirSync(parent)).toEqual(["run"])
  })
})
