import { spawnSync } from "node:child_process"
import { readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ROOT } from "./repo-text"

// One page per folder of src/ in docs/modules/, each with a table of the folder's files and their
// exports that `node scripts/docs-modules.js` writes from src/: a file added, moved or renamed must
// show up there (run the script), and a new folder needs its page.
const script = join(ROOT, "scripts", "docs-modules.js")
const { exportedNames, tableFor } = require(script) as {
  exportedNames: (text: string) => string[]
  tableFor: (folder: string) => string[]
}

describe("module pages (docs/modules)", () => {
  it("exist for every folder of src/ and list its files as they are", () => {
    const r = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" })
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
  })

  it("list every source file but the index, with its exports", () => {
    const folders = readdirSync(join(ROOT, "src")).filter((f) => statSync(join(ROOT, "src", f)).isDirectory())
    expect(folders).toContain("bandits")
    const rows = tableFor("config")
    expect(
      rows.some((r) =>
        r.startsWith("| [`load-config.ts`](../../src/config/load-config.ts) | `validate`, `loadConfig` |"),
      ),
    ).toBe(true)
    expect(rows.some((r) => r.includes("index.ts"))).toBe(false)
  })

  it("leave out names documented @internal", () => {
    const text =
      "/** Public. */\nexport function a() {}\n/**\n * Hidden.\n * @internal\n */\nexport const b = 1\nexport class C {}\n"
    expect(exportedNames(text)).toEqual(["a", "C"])
  })
})
