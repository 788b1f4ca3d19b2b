import { readFileSync } from "node:fs"
import { parse as parseYaml } from "yaml"
import type { z } from "zod"
import { UserError } from "./user-error"

/** Describes one zod issue as "field 'a.b[2]': message". */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("")
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(", ")
    return `unknown field ${keys} (${issue.message.replace(/^Unrecognized keys?: .*$/i, "not allowed here")})`
  }
  return `field '${path || "(root)"}': ${issue.message}`
}

/**
 * Validates `value` with `schema`; on failure throws a `UserError` whose one line names the
 * source, the field and what is allowed.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, source: string): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new UserError(`${source}: ${result.error.issues.map(describeIssue).join("; ")}`)
}

/**
 * Reads a JSON or YAML config file (by extension: .json, else YAML) and validates it.
 * @example const cfg = loadConfig("experiments/world-default.yaml", worldConfigSchema)
 */
export function loadConfig<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    throw new UserError(`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  let raw: unknown
  try {
    raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new UserError(`${path}: not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}`)
  }
  return validate(schema, raw ?? {}, path)
}
