import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { MAX_CONFIG_BYTES, readConfigFile } from "../../src/config/read-config-file"

const dir = mkdtempSync(join(tmpdir(), "il-config-file-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("readConfigFile", () => {
  it("reads a regular file up to 1 MiB and refuses devices, folders and larger files", () => {
    const ok = join(dir, "ok.yaml")
    writeFileSync(ok, "horizon: 10\n")
    expect(readConfigFile(ok)).toBe("horizon: 10\n")
    expect(() => readConfigFile("/dev/zero")).toThrow("/dev/zero: not a regular file; a config is a JSON or YAML file")
    expect(() => readConfigFile(dir)).toThrow(`${dir}: not a regular file; a config is a JSON or YAML file`)
    expect(() => readConfigFile(join(dir, "missing.yaml"))).toThrow(
      `${join(dir, "missing.yaml")}: cannot read the config file (ENOENT)`,
    )
    const big = join(dir, "big.yaml")
    writeFileSync(big, "#".repeat(MAX_CONFIG_BYTES + 1))
    expect(() => readConfigFile(big)).toThrow(`${big}: the config file has 1048577 bytes; the limit is 1048576 (1 MiB)`)
    writeFileSync(big, "#".repeat(MAX_CONFIG_BYTES))
    expect(readConfigFile(big)).toHaveLength(MAX_CONFIG_BYTES)
  })
})
