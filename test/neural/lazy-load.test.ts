import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

// Runs against the built library (npm test builds first): start-up must not load TensorFlow.js or danfojs.
const root = join(__dirname, "..", "..")

function heavyModulesAfter(script: string, heavy = "@tensorflow|danfojs"): string[] {
  const probe = `${script}; process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => /${heavy}/.test(k))))`
  const r = spawnSync(process.execPath, ["-e", probe], { cwd: root, encoding: "utf8" })
  expect(r.stderr).toBe("")
  return JSON.parse(r.stdout) as string[]
}

describe("lazy loading", () => {
  it("require('interest-lab') loads neither TensorFlow.js nor danfojs", () => {
    expect(heavyModulesAfter("const L = require('./dist'); new L.InterestMlp({ seed: 1 })")).toEqual([])
  })

  it("no subpath entry (interest-lab/bandits, …/neural, …) loads TensorFlow.js, danfojs, zod, yaml, DuckDB, ClickHouse or tslab", () => {
    // Through the package's own exports map (a package may require itself by name), so the map is checked too.
    const exportsMap = (
      JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, unknown> }
    ).exports
    const subpaths = Object.keys(exportsMap).filter((k) => k !== "." && k !== "./package.json")
    expect(subpaths).toEqual(
      expect.arrayContaining(["./bandits", "./neural", "./evaluation", "./simulation", "./report"]),
    )
    const heavy = "@tensorflow|danfojs|node_modules[\\\\/](zod|yaml|@duckdb|@clickhouse|tslab)[\\\\/]"
    const requires = subpaths.map((s) => `require('interest-lab/${s.slice(2)}')`).join("; ")
    expect(heavyModulesAfter(requires, heavy)).toEqual([])
  })

  it("require('interest-lab') loads neither zod nor yaml; the first schema use loads zod", () => {
    const heavy = "node_modules[\\\\/](zod|yaml)[\\\\/]"
    expect(
      heavyModulesAfter(
        "const L = require('./dist'); if (typeof L.worldConfigSchema !== 'object') throw new Error('no schema')",
        heavy,
      ),
    ).toEqual([])
    const loaded = heavyModulesAfter(
      "const L = require('./dist'); if (L.defaultWorldConfig.users !== 2000 || { ...L.defaultWorldConfig }.items !== 500) throw new Error('bad defaults')",
      heavy,
    )
    expect(loaded.some((k) => /node_modules[\\/]zod[\\/]/.test(k))).toBe(true)
    expect(loaded.some((k) => /node_modules[\\/]yaml[\\/]/.test(k))).toBe(false)
  })

  it("the CLI's --help loads no sub-command module and no library code; a named sub-command loads only its own", () => {
    const cli = (args: string) =>
      `process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache).filter((k) => /dist[\\\\/](cli[\\\\/](?!main|commands|message)|world|simulation)|node_modules[\\\\/](zod|yaml)[\\\\/]/.test(k)).map((k) => k.replace(/.*dist[\\\\/]|.*node_modules[\\\\/]/, ''))))); process.argv = [process.argv[0], 'interest-lab', ${args}]; require('./bin/interest-lab.js')`
    const loaded = (args: string) =>
      JSON.parse(spawnSync(process.execPath, ["-e", cli(args)], { cwd: root, encoding: "utf8" }).stderr) as string[]
    expect(loaded("'--help'")).toEqual([])
    const world = loaded("'world', '--help'")
    expect(world.some((k) => /^cli[\\/]world\.js$/.test(k))).toBe(true)
    expect(world.some((k) => /^cli[\\/](simulate|evaluate|benchmark|segments|basket)\.js$/.test(k))).toBe(false)
  })

  it("TensorFlow.js loads when a model needs it, and the lazily defined layer is a real tfjs layer", () => {
    const loaded = heavyModulesAfter(
      "const L = require('./dist'); const layer = new L.SeededDropout({ rate: 0.5, rng: L.createRng(1) }); if (!(layer instanceof L.SeededDropout) || layer.getClassName() !== 'SeededDropout' || layer.rate !== 0.5) throw new Error('bad layer')",
    )
    expect(loaded.some((k) => k.includes("@tensorflow/tfjs"))).toBe(true)
  })
})
