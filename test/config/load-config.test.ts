import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { loadConfig } from "../../src/config/load-config"
import { UserError } from "../../src/config/user-error"
import { worldConfigSchema } from "../../src/world/config"

const dir = mkdtempSync(join(tmpdir(), "il-config-"))
function file(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

describe("loadConfig", () => {
  it("reads YAML and JSON and fills defaults", () => {
    expect(loadConfig(file("a.yaml", "users: 10\nseed: 3\n"), worldConfigSchema)).toMatchObject({ users: 10, seed: 3, items: 500 })
    expect(loadConfig(file("a.json", '{"items": 20}'), worldConfigSchema)).toMatchObject({ items: 20, users: 2000 })
  })

  it("gives one line naming the file and the field for a bad value", () => {
    const p = file("bad.yaml", "users: -5\n")
    expect(() => loadConfig(p, worldConfigSchema)).toThrow(UserError)
    expect(() => loadConfig(p, worldConfigSchema)).toThrow(new RegExp(`^${p}: field 'users': Too small: expected number to be >=1$`))
  })

  it("names an unknown key, nested fields and wrong types", () => {
    expect(() => loadConfig(file("u.yaml", "usres: 5\n"), worldConfigSchema)).toThrow(/u\.yaml: unknown field usres/)
    expect(() => loadConfig(file("n.yaml", "faults:\n  missingRate: 2\n"), worldConfigSchema)).toThrow(/n\.yaml: field 'faults\.missingRate': Too big: expected number to be <=1/)
    expect(() => loadConfig(file("t.yaml", "days: many\n"), worldConfigSchema)).toThrow(/t\.yaml: field 'days': Invalid input: expected number, received string/)
  })

  it("reports unreadable files and syntax errors with the path", () => {
    expect(() => loadConfig(join(dir, "none.yaml"), worldConfigSchema)).toThrow(/none\.yaml: cannot read the config file \(ENOENT\)/)
    expect(() => loadConfig(file("s.json", "{users: 1"), worldConfigSchema)).toThrow(/s\.json: not valid JSON/)
    expect(() => loadConfig(file("s.yaml", "users: [1,\n"), worldConfigSchema)).toThrow(/s\.yaml: not valid YAML/)
  })
})
