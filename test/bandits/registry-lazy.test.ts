import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

// Runs against the built library (npm test builds first).
const root = join(__dirname, "..", "..")

describe("policy options without a config", () => {
  it("constructing and refusing policies checks their options without loading zod", () => {
    const probe = [
      "const L = require('./dist')",
      "new L.EpsilonGreedy({ arms: 3, stepSize: 0.5 }); new L.SegmentEpsilonGreedy({ arms: 3, epsilons: [0.1, 0.2] })",
      "let message = ''; try { new L.EpsilonGreedy({ arms: 3, stepSize: 0 }) } catch (e) { message = e.message }",
      "process.stdout.write(JSON.stringify({ message, zod: Object.keys(require.cache).some((k) => /node_modules[\\\\/]zod[\\\\/]/.test(k)) }))",
    ].join("; ")
    const r = spawnSync(process.execPath, ["-e", probe], { cwd: root, encoding: "utf8" })
    expect(r.stderr).toBe("")
    expect(JSON.parse(r.stdout)).toEqual({ message: "EpsilonGreedy: stepSize must be in (0, 1], got 0", zod: false })
  })
})
