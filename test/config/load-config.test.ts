import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { loadConfig } from "../../src/config/load-config"
import { UserError } from "../../src/config/user-error"
import { simulationConfigSchema } from "../../src/simulation/config"
import { worldConfigSchema } from "../../src/world/config"
import { tempDir } from "../temp-dir"

const dir = tempDir("il-config-")
function file(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

describe("loadConfig", () => {
  it("reads YAML and JSON and fills defaults", () => {
    expect(loadConfig(file("a.yaml", "users: 10\nseed: 3\n"), worldConfigSchema)).toMatchObject({
      users: 10,
      seed: 3,
      items: 500,
    })
    expect(loadConfig(file("a.json", '{"items": 20}'), worldConfigSchema)).toMatchObject({ items: 20, users: 2000 })
  })

  it("gives one line naming the file and the field for a bad value", () => {
    const p = file("bad.yaml", "users: -5\n")
    expect(() => loadConfig(p, worldConfigSchema)).toThrow(UserError)
    expect(() => loadConfig(p, worldConfigSchema)).toThrow(
      new RegExp(`^${p}: field 'users': Too small: expected number to be >=1, got -5$`),
    )
  })

  it("names the bad value: an unknown type, a string, a date that does not exist", () => {
    const env = file("env.yaml", "environment:\n  type: martian\npolicies: [{ type: ucb1 }]\nhorizon: 10\nruns: 1\n")
    expect(() => loadConfig(env, simulationConfigSchema)).toThrow(
      `${env}: field 'environment.type': unknown type 'martian'; allowed: bernoulli, gaussian-testbed, random-walk, abrupt-change, ecommerce, online-retail`,
    )
    const days = file("days.yaml", "days: many\n")
    expect(() => loadConfig(days, worldConfigSchema)).toThrow(
      `${days}: field 'days': Invalid input: expected number, received string, got 'many'`,
    )
    for (const date of ["2026-02-30", "2026-99-99", "0011-01-05"]) {
      const p = file("date.yaml", `startDate: "${date}"\n`)
      expect(() => loadConfig(p, worldConfigSchema)).toThrow(
        `${p}: field 'startDate': expected a real calendar date YYYY-MM-DD with a year in 1000..9999, got '${date}'`,
      )
    }
    expect(loadConfig(file("leap.yaml", 'startDate: "2024-02-29"\n'), worldConfigSchema).startDate).toBe("2024-02-29")
  })

  it("lists the allowed fields of the union branch an unknown field was written in (environment and policy types)", () => {
    const p = file(
      "keys.yaml",
      "environment: { type: bernoulli, probabilities: [0.1, 0.2], extra: 1 }\npolicies: [{ type: ucb1 }, { type: ucb, cc: 1 }]\nhorizon: 10\nruns: 1\n",
    )
    expect(() => loadConfig(p, simulationConfigSchema)).toThrow(
      `${p}: unknown field environment.extra (allowed: type, probabilities); unknown field policies[1].cc (allowed: type, name, c)`,
    )
  })

  it("accepts a JSON or YAML file that starts with a UTF-8 byte-order mark", () => {
    expect(loadConfig(file("bom.json", '\ufeff{"items": 20}'), worldConfigSchema)).toMatchObject({ items: 20 })
    expect(loadConfig(file("bom.yaml", "\ufeffitems: 21\n"), worldConfigSchema)).toMatchObject({ items: 21 })
  })

  it("shows control characters in a quoted value as visible escapes", () => {
    const p = file("esc.yaml", 'days: "\\e[31mred"\n')
    expect(() => loadConfig(p, worldConfigSchema)).toThrow(`got '\\x1b[31mred'`)
  })

  it("names an unknown key, nested fields and wrong types", () => {
    expect(() => loadConfig(file("u.yaml", "usres: 5\n"), worldConfigSchema)).toThrow(/u\.yaml: unknown field usres/)
    expect(() => loadConfig(file("n.yaml", "faults:\n  missingRate: 2\n"), worldConfigSchema)).toThrow(
      /n\.yaml: field 'faults\.missingRate': Too big: expected number to be <=1/,
    )
    expect(() => loadConfig(file("t.yaml", "days: many\n"), worldConfigSchema)).toThrow(
      /t\.yaml: field 'days': Invalid input: expected number, received string/,
    )
  })

  it("reports unreadable files and syntax errors with the path", () => {
    expect(() => loadConfig(join(dir, "none.yaml"), worldConfigSchema)).toThrow(
      /none\.yaml: cannot read the config file \(ENOENT\)/,
    )
    expect(() => loadConfig(file("s.json", "{users: 1"), worldConfigSchema)).toThrow(/s\.json: not valid JSON/)
    expect(() => loadConfig(file("s.yaml", "users: [1,\n"), worldConfigSchema)).toThrow(/s\.yaml: not valid YAML/)
  })
})
