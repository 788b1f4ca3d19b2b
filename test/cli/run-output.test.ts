import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { jsonText, runProvenance, writeRunOutput, type RunOutput } from "../../src/cli/run-output"
import { OUT_DIR_MARK } from "../../src/io/out-dir-mark"
import { tempDir } from "../temp-dir"

const root = tempDir("il-run-output-")
const provenance = runProvenance(["node", "interest-lab.js", "segments", "--k", "3", "--out", "x"], { seed: 7 })
const output: RunOutput = {
  summary: { value: 0.5, sizes: [1, 2] },
  config: { k: 3 },
  provenance,
  report: { title: "A run", sections: [{ heading: "Numbers", paragraphs: ["none"] }] },
  files: { "table.csv": "a,b\n1,2\n" },
}

describe("runProvenance", () => {
  it("is the provenance of the recorded command line plus the command's fields", () => {
    expect(provenance.command).toBe("interest-lab segments --k 3")
    expect(provenance.seed).toBe(7)
    expect(provenance.node).toBe(process.version)
  })
})

describe("writeRunOutput", () => {
  it("writes summary.json, config.json { config, provenance }, report.html and the files, in one atomic folder", async () => {
    const out = join(root, "run")
    const written = await writeRunOutput(out, [], () => output)
    expect(written).toBe(out)
    expect(readdirSync(out).sort()).toEqual(
      [OUT_DIR_MARK, "config.json", "report.html", "summary.json", "table.csv"].sort(),
    )
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe(
      '{\n  "value": 0.5,\n  "sizes": [\n    1,\n    2\n  ]\n}\n',
    )
    expect(JSON.parse(readFileSync(join(out, "config.json"), "utf8"))).toEqual({ config: { k: 3 }, provenance })
    expect(readFileSync(join(out, "table.csv"), "utf8")).toBe("a,b\n1,2\n")
    const html = readFileSync(join(out, "report.html"), "utf8")
    expect(html).toContain("A run")
    expect(html).toContain("interest-lab segments --k 3")
  })

  it("keeps the data files `produce` wrote itself, and writes nothing more when it returns nothing", async () => {
    const out = join(root, "csv-only")
    await writeRunOutput(out, [], (dir) => void writeFileSync(join(dir, "events.csv"), "t\n0\n"))
    expect(readdirSync(out).sort()).toEqual([OUT_DIR_MARK, "events.csv"].sort())
  })

  it("leaves the previous folder as it was when `produce` fails", async () => {
    const out = join(root, "again")
    await writeRunOutput(out, [], () => output)
    const before = readFileSync(join(out, "summary.json"), "utf8")
    await expect(
      writeRunOutput(out, [], (dir) => {
        writeFileSync(join(dir, "events.csv"), "half")
        throw new Error("disk full")
      }),
    ).rejects.toThrow("disk full")
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe(before)
    expect(existsSync(join(out, "events.csv"))).toBe(false)
  })

  it("refuses, before `produce` runs, an output folder that is one of the inputs", async () => {
    const input = join(root, "input")
    await writeRunOutput(input, [], () => output)
    let called = false
    await expect(
      writeRunOutput(input, [input], () => {
        called = true
        return output
      }),
    ).rejects.toThrow("--out")
    expect(called).toBe(false)
  })

  it("jsonText: two-space JSON and a final newline", () => {
    expect(jsonText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n')
  })
})
