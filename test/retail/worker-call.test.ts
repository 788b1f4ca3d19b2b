import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { WorkerCall } from "../../src/retail/worker-call"

const dir = mkdtempSync(join(tmpdir(), "worker-call-"))
const script = join(dir, "module.js")
writeFileSync(
  script,
  `exports.sum = (values, scale) => Float64Array.from(values, (v) => v * scale)
exports.fail = () => { throw new Error("bad input: 3") }
`,
)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("a call in a worker thread", () => {
  it("returns the export's value by structured clone while this thread goes on", () => {
    const call = WorkerCall.start<Float64Array>(script, "sum", [[1, 2, 3], 2])
    expect(call).not.toBeNull()
    let here = 0
    for (let i = 0; i < 1000; i++) here += i
    expect(here).toBe(499500)
    expect(Array.from(call!.collect()!)).toEqual([2, 4, 6])
  })

  it("gives null and the message when the call throws", () => {
    const call = WorkerCall.start<number>(script, "fail", [])
    expect(call!.collect()).toBeNull()
    expect(call!.error).toBe("bad input: 3")
    const missing = WorkerCall.start<number>(join(dir, "absent.js"), "sum", [])
    expect(missing!.collect()).toBeNull()
    expect(missing!.error).toMatch(/Cannot find module/)
  })
})
