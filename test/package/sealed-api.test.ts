import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import * as root from "../../src"

// The public API is sealed: every folder's index names its exports, the root re-exports exactly
// their union, and nothing marked `@internal` in its doc comment is reachable from either.
const src = join(__dirname, "..", "..", "src")
const folders = readdirSync(src).filter((f) => statSync(join(src, f)).isDirectory() && f !== "cli")

function internalNames(): Set<string> {
  const names = new Set<string>()
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (f.endsWith(".ts"))
        for (const m of readFileSync(p, "utf8").matchAll(
          /@internal\s*\*\/\s*\nexport (?:const|let|function|class) (\w+)/g,
        ))
          names.add(m[1])
    }
  }
  walk(src)
  return names
}

describe("sealed public API", () => {
  it("has no export * left in any index", () => {
    for (const file of ["index.ts", ...folders.map((f) => join(f, "index.ts"))])
      expect(readFileSync(join(src, file), "utf8"), file).not.toMatch(/export \*/)
  })

  it("the root exports exactly the union of the folder entries, each name from one folder", async () => {
    const union = new Map<string, string>()
    for (const f of folders) {
      const mod = (await import(join(src, f, "index.ts"))) as Record<string, unknown>
      for (const k of Object.keys(mod)) {
        expect(union.get(k), `${k} is exported by both ${union.get(k)} and ${f}`).toBeUndefined()
        union.set(k, f)
        expect((root as Record<string, unknown>)[k], `${f}/${k} is not re-exported by the root`).toBe(mod[k])
      }
    }
    expect(Object.keys(root).sort()).toEqual([...union.keys()].sort())
  })

  it("package.json has one subpath per public folder, in exports (Node, bundlers) and typesVersions (TypeScript's Node10 resolution, tslab's)", () => {
    const pkg = JSON.parse(readFileSync(join(src, "..", "package.json"), "utf8")) as {
      exports: Record<string, string | { types: string; default: string }>
      typesVersions: { "*": Record<string, string[]> }
    }
    const subpaths = Object.keys(pkg.exports).filter((k) => k !== "." && k !== "./package.json")
    expect(subpaths.sort()).toEqual(folders.map((f) => `./${f}`).sort())
    expect(pkg.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" })
    for (const f of folders) {
      expect(pkg.exports[`./${f}`]).toEqual({ types: `./dist/${f}/index.d.ts`, default: `./dist/${f}/index.js` })
      expect(pkg.typesVersions["*"][f]).toEqual([`dist/${f}/index.d.ts`])
    }
    expect(Object.keys(pkg.typesVersions["*"]).sort()).toEqual([...folders].sort())
  })

  it("exports nothing marked @internal", async () => {
    const internal = internalNames()
    expect(internal.size).toBeGreaterThanOrEqual(70)
    expect(Object.keys(root).filter((k) => internal.has(k))).toEqual([])
    for (const f of folders)
      expect(
        Object.keys(await import(join(src, f, "index.ts"))).filter((k) => internal.has(k)),
        f,
      ).toEqual([])
  })
})
