import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { optionalPackageInstalled, optionalPackageMessage, requireOptional } from "../../src/config/optional-package"
import { UserError } from "../../src/config/user-error"
import { tempDir } from "../temp-dir"

describe("optional peer dependencies", () => {
  it("a missing package gives one user error naming the feature, the package and the command that installs it", () => {
    expect(optionalPackageInstalled("interest-lab-no-such-package")).toBe(false)
    expect(() => requireOptional("interest-lab-no-such-package", "toDataFrame")).toThrow(UserError)
    expect(() => requireOptional("interest-lab-no-such-package", "toDataFrame")).toThrow(
      "toDataFrame needs the optional package interest-lab-no-such-package: npm i interest-lab-no-such-package",
    )
    expect(optionalPackageMessage("DuckDbEngine", "@duckdb/node-api")).toBe(
      "DuckDbEngine needs the optional package @duckdb/node-api: npm i @duckdb/node-api",
    )
  })

  it("an installed package loads; a package that is present but fails to load is not reported as missing", () => {
    expect(optionalPackageInstalled("yaml")).toBe(true)
    expect(typeof requireOptional<{ parse: unknown }>("yaml", "a config").parse).toBe("function")
    // A module that is there but cannot load one of its own dependencies is a broken install, not an absent optional package.
    const broken = join(tempDir("il-optional-"), "broken.js")
    writeFileSync(broken, 'require("interest-lab-missing-inner-dependency")\n')
    expect(() => requireOptional(broken, "a feature")).toThrow(
      /Cannot find module 'interest-lab-missing-inner-dependency'/,
    )
    expect(() => requireOptional(broken, "a feature")).not.toThrow(UserError)
  })
})
