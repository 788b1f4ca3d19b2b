import { optionRule, type OptionField } from "../config/option-schema"
import { POLICY_DESCRIPTORS } from "./registry"

function cell(text: string): string {
  return text.replace(/\|/g, "\\|")
}

function defaultText(field: OptionField): string {
  if (field.kind === "numbers") return field.required ? "required" : "—"
  if (field.default === undefined) return "—"
  return typeof field.default === "number" ? String(Number(field.default.toPrecision(6))) : String(field.default)
}

/**
 * The policy reference page (docs/policies.md), rendered from the policy registry: a table of every
 * type, then each type's options with what is allowed, the default and the meaning. The rules are
 * worded as the constructors' and the config loader's error messages word them.
 * @example writeFileSync("docs/policies.md", policyReferenceMarkdown())
 */
export function policyReferenceMarkdown(): string {
  const lines = [
    "# Policies",
    "",
    "<!-- Generated from src/bandits/registry.ts by `npm run build && node scripts/policy-docs.js`; test/bandits/policy-table.test.ts fails when it is stale. -->",
    "",
    "Each entry of a simulation config's `policies` list is `{ type, name?, …options }`; `name` labels the policy in reports.",
    "An option left out takes its default. A value outside what is allowed stops the config with one line naming the field",
    "(e.g. `policies[2].stepSize: must be in (0, 1], got 0`); the policy's constructor runs the same check.",
    "",
    "| type | policy | options |",
    "| --- | --- | --- |",
  ]
  for (const d of POLICY_DESCRIPTORS) {
    const options = Object.keys(d.optionsSchema.fields)
    lines.push(
      `| [\`${d.type}\`](#${d.type}) | ${cell(d.description)} | ${options.length ? options.map((o) => `\`${o}\``).join(", ") : "—"} |`,
    )
  }
  for (const d of POLICY_DESCRIPTORS) {
    lines.push("", `## ${d.type}`, "", `${cell(d.description)}.`, "")
    const fields = Object.entries(d.optionsSchema.fields)
    if (fields.length === 0) {
      lines.push("No options.")
      continue
    }
    lines.push("| option | allowed | default | meaning |", "| --- | --- | --- | --- |")
    for (const [name, field] of fields) {
      lines.push(
        `| \`${name}\` | ${cell(optionRule(field).replace(/^must be /, ""))} | ${defaultText(field)} | ${cell(field.doc)} |`,
      )
    }
  }
  return `${lines.join("\n")}\n`
}
