import { spawn, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { OUT_DIR_MARK } from "../../src/io/out-dir-mark"
import { writeOutputDir } from "../../src/io/output-dir"

const root = mkdtempSync(join(tmpdir(), "il-out-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))
// The child processes load the build (npm test builds first), as the CLI does.
const built = join(__dirname, "..", "..", "dist", "io", "output-dir.js")

describe("writeOutputDir", () => {
  it("replaces the folder only when writing succeeds, marks it, and leaves no temporary folder", async () => {
    const parent = mkdtempSync(join(root, "basic-"))
    const out = join(parent, "run")
    await writeOutputDir(out, (dir) => writeFileSync(join(dir, "summary.json"), "good"))
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("good")
    expect(readdirSync(out).sort()).toEqual([OUT_DIR_MARK, "summary.json"])
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

  it("refuses an existing folder it did not write, and writes nothing", async () => {
    const parent = mkdtempSync(join(root, "theirs-"))
    const out = join(parent, "photos")
    mkdirSync(out)
    writeFileSync(join(out, "cat.jpg"), "meow")
    let called = false
    await expect(writeOutputDir(out, () => void (called = true))).rejects.toThrow(
      `--out: '${out}' is an existing folder that interest-lab did not write`,
    )
    expect(called).toBe(false)
    expect(readdirSync(parent)).toEqual(["photos"])
    expect(readdirSync(out)).toEqual(["cat.jpg"])
  })

  it("removes the temporary siblings of killed runs, but not those of live ones", async () => {
    const parent = mkdtempSync(join(root, "stale-"))
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    }).stdout
    for (const name of [`.run.tmp-${dead}-abc123`, `.run.tmp-${dead}-abc123.old0`, `.run.tmp-${process.pid}-live12`]) {
      mkdirSync(join(parent, name))
      writeFileSync(join(parent, name, "steps.csv"), "half")
    }
    mkdirSync(join(parent, ".other.tmp-1-xyz"))
    await writeOutputDir(join(parent, "run"), (dir) => writeFileSync(join(dir, "a"), "1"))
    expect(readdirSync(parent).sort()).toEqual([".other.tmp-1-xyz", `.run.tmp-${process.pid}-live12`, "run"])
  })

  it("hundreds of simultaneous writes of the same folder all succeed and leave one complete folder", async () => {
    const parent = mkdtempSync(join(root, "race-"))
    const out = join(parent, "run")
    const writes = Array.from({ length: 300 }, (_, i) =>
      writeOutputDir(out, async (dir) => {
        writeFileSync(join(dir, "a.txt"), String(i))
        await new Promise((resolve) => setTimeout(resolve, i % 7))
        writeFileSync(join(dir, "b.txt"), String(i))
      }),
    )
    const results = await Promise.allSettled(writes)
    expect(results.filter((r) => r.status === "rejected")).toEqual([])
    expect(readdirSync(parent)).toEqual(["run"])
    expect(readFileSync(join(out, "a.txt"), "utf8")).toBe(readFileSync(join(out, "b.txt"), "utf8"))
  })

  it("processes writing the same folder at the same moment all end cleanly", async () => {
    const parent = mkdtempSync(join(root, "procs-"))
    const out = join(parent, "run")
    const script = `
      const { writeFileSync } = require("node:fs"); const { join } = require("node:path")
      const { writeOutputDir } = require(${JSON.stringify(built)})
      Promise.all(Array.from({ length: 50 }, (_, i) => writeOutputDir(${JSON.stringify(out)}, (dir) => {
        writeFileSync(join(dir, "a.txt"), process.pid + "-" + i); writeFileSync(join(dir, "b.txt"), process.pid + "-" + i)
      }))).then(() => process.exit(0), (e) => { console.error(e.code, e.message); process.exit(1) })`
    const codes = await Promise.all(
      Array.from(
        { length: 8 },
        () =>
          new Promise<number | null>((resolve) =>
            spawn(process.execPath, ["-e", script], { stdio: "inherit" }).on("exit", resolve),
          ),
      ),
    )
    expect(codes).toEqual(Array(8).fill(0))
    expect(readdirSync(parent)).toEqual(["run"])
    expect(readFileSync(join(out, "a.txt"), "utf8")).toBe(readFileSync(join(out, "b.txt"), "utf8"))
  }, 60_000)

  for (const [signal, status] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`${signal} during a synchronous write exits ${status}, removes the temporary folder and keeps the previous folder`, async () => {
      const parent = mkdtempSync(join(root, "signal-"))
      const out = join(parent, "run")
      await writeOutputDir(out, (dir) => writeFileSync(join(dir, "summary.json"), "previous"))
      const script = `
        const { writeFileSync } = require("node:fs"); const { join } = require("node:path")
        require(${JSON.stringify(built)}).writeOutputDir(${JSON.stringify(out)}, (dir) => {
          writeFileSync(join(dir, "summary.json"), "half")
          process.kill(process.pid, ${JSON.stringify(signal)})
          writeFileSync(join(dir, "steps.csv"), "rest")
        }).then(() => process.stdout.write("replaced"))`
      const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" })
      expect(r.status).toBe(status)
      expect(r.stdout).toBe("")
      expect(r.stderr).toBe(`\ninterrupted (${signal}): ${out} left as it was\n`)
      expect(readdirSync(parent)).toEqual(["run"])
      expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("previous")
    })
  }
})
