import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { policyReferenceMarkdown } from "../../src/bandits/policy-table"
import { POLICY_TYPES } from "../../src/bandits/registry"

describe("docs/policies.md", () => {
  it("is what the registry renders (regenerate: npm run build && node scripts/policy-docs.js)", () => {
    expect(readFileSync(join(__dirname, "..", "..", "docs", "policies.md"), "utf8")).toBe(policyReferenceMarkdown())
  })

  it("has one row and one section per registered type, with defaults and allowed ranges", () => {
    const page = policyReferenceMarkdown()
    for (const type of POLICY_TYPES) {
      expect(page).toContain(`| [\`${type}\`](#${type}) |`)
      expect(page).toContain(`\n## ${type}\n`)
    }
    expect(page).toContain("| `stepSize` | in (0, 1] | — | constant step size α")
    expect(page).toContain("| `epsilon` | in [0, 1] | 0.1 |")
    expect(page).toContain("| `c` | a finite number >= 0 | 1.41421 |")
    expect(page).toContain("| `epsilons` | a non-empty list of numbers; each in [0, 1] | required |")
  })
})
