import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

// Runs against the built library (npm test builds first): start-up must not load TensorFlow.js or danfojs.
const root = join(__dirname, "..", "..")

function heavyModulesAfter(script: string): string[] {
  const probe = `${script}; process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => /@tensorflow|danfojs/.test(k))))`
  const r = spawnSync(process.execPath, ["-e", probe], { cwd: root, encoding: "utf8" })
  expect(r.stderr).toBe("")
  return JSON.parse(r.stdout) as string[]
}

describe("lazy loading", () => {
  it("require('interest-lab') loads neither TensorFlow.js nor danfojs", () => {
    expect(heavyModulesAfter("const L = require('./dist'); new L.InterestMlp({ seed: 1 })")).toEqual([])
  })

  it("TensorFlow.js loads when a model needs it, and the lazily defined layer is a real tfjs layer", () => {
    const loaded = heavyModulesAfter(
      "const L = require('./dist'); const layer = new L.SeededDropout({ rate: 0.5, rng: L.createRng(1) }); if (!(layer instanceof L.SeededDropout) || layer.getClassName() !== 'SeededDropout' || layer.rate !== 0.5) throw new Error('bad layer')",
    )
    expect(loaded.some((k) => k.includes("@tensorflow/tfjs"))).toBe(true)
  })
})
