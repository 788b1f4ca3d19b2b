import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createRng } from "../../../src/random/rng"
import { MARKER, xoshiroStep } from "./xoshiro-template"

// KERNEL_STEPS=write npx vitest run test/simulation/kernels/xoshiro-steps.test.ts
// rewrites every marked block of the kernels from the template (after the template changed).
const dir = join(__dirname, "../../../src/simulation/kernels")
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"))

interface Region {
  file: string
  line: number
  expected: string[]
  actual: string[]
}

function regions(file: string, lines: string[]): Region[] {
  const out: Region[] = []
  lines.forEach((text, i) => {
    const m = MARKER.exec(text)
    if (m === null) return
    const expected = xoshiroStep(m[2], m[3], m[4] !== undefined, m[1])
    out.push({ file, line: i + 1, expected, actual: lines.slice(i + 1, i + 1 + expected.length) })
  })
  return out
}

if (process.env.KERNEL_STEPS === "write") {
  for (const file of files) {
    const lines = readFileSync(join(dir, file), "utf8").split("\n")
    for (const r of regions(file, lines).reverse()) {
      // The old block: from the line after the marker to the closing brace at the marker's indentation.
      const indent = /^\s*/.exec(lines[r.line])![0]
      let end = r.line
      while (end < lines.length && lines[end] !== `${indent}}`) end++
      lines.splice(r.line, end - r.line + 1, ...r.expected)
    }
    writeFileSync(join(dir, file), lines.join("\n"))
  }
}

describe("the kernels' inline xoshiro128** steps", () => {
  const all = files.flatMap((file) => regions(file, readFileSync(join(dir, file), "utf8").split("\n")))

  it("are all written as the template gives them", () => {
    for (const r of all) expect(r.actual, `${r.file}:${r.line}`).toEqual(r.expected)
    expect(all.length).toBe(15) // 6 in epsilon-greedy.ts, 2 in ucb.ts, 7 in thompson-beta.ts
  })

  it("are the only xoshiro steps in the kernels: every Math.imul is inside a generated block", () => {
    for (const file of files) {
      const text = readFileSync(join(dir, file), "utf8")
      const imuls = text.split("Math.imul(").length - 1
      const generated = all.filter((r) => r.file === file).length * 2
      expect(imuls, file).toBe(generated)
    }
  })

  it("give Xoshiro128.nextUint32's words (unsigned) and their int32 views (signed)", () => {
    for (const signed of [false, true]) {
      const body = xoshiroStep("s", "w", signed, "  ").join("\n")
      const words = new Function(
        "s0",
        "s1",
        "s2",
        "s3",
        "n",
        `const out = []\nfor (let i = 0; i < n; i++) {\n  let w\n${body}\n  out.push(w)\n}\nreturn out`,
      ) as (s0: number, s1: number, s2: number, s3: number, n: number) => number[]
      const rng = createRng(2018, 7)
      const st = new Int32Array(4)
      rng.saveState(st)
      const got = words(st[0], st[1], st[2], st[3], 10_000)
      const want = Array.from({ length: 10_000 }, () => (signed ? rng.nextUint32() | 0 : rng.nextUint32()))
      expect(got).toEqual(want)
    }
  })
})
