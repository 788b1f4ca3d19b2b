import type * as Yaml from "yaml"
import type { z } from "zod"
import { readConfigFile } from "./read-config-file"
import { quoteForMessage } from "./message-text"
import { UserError } from "./user-error"

type SchemaDef = {
  type?: string
  innerType?: unknown
  element?: unknown
  options?: unknown[]
  discriminator?: string
  getter?: () => unknown
  in?: unknown
  values?: unknown[]
}

const defOf = (node: unknown): SchemaDef | undefined => (node as { def?: SchemaDef }).def
const shapeOf = (node: unknown): Record<string, unknown> | undefined =>
  (node as { shape?: Record<string, unknown> }).shape

/**
 * The branch of a union that `input` was meant for: by the discriminator's literal value, else the
 * object option that knows most of the input's keys.
 */
function unionBranch(def: SchemaDef, input: unknown): unknown {
  const options = def.options ?? []
  const record = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {}
  if (def.discriminator) {
    const value = record[def.discriminator]
    return options.find((o) =>
      defOf(unwrapSchema(shapeOf(unwrapSchema(o))?.[def.discriminator!]))?.values?.includes(value),
    )
  }
  let best: unknown
  let bestKnown = -1
  for (const option of options) {
    const shape = shapeOf(unwrapSchema(option))
    if (!shape) continue
    const known = Object.keys(record).filter((k) => k in shape).length
    if (known > bestKnown) [best, bestKnown] = [option, known]
  }
  return best
}

/** Unwraps defaults, optionals, nullables, lazies and pipes down to the schema that checks the value. */
function unwrapSchema(node: unknown): unknown {
  for (;;) {
    const def = defOf(node)
    if (def && (def.type === "default" || def.type === "optional" || def.type === "nullable") && def.innerType)
      node = def.innerType
    else if (def?.type === "lazy" && def.getter) node = def.getter()
    else if (def?.type === "pipe" && def.in) node = def.in
    else return node
  }
}

/**
 * The keys an object schema allows at `path` of `input` (through defaults, optionals, arrays and
 * unions, whose branch the input's discriminator picks), if it is an object there.
 */
function allowedKeys(schema: z.ZodType, path: PropertyKey[], input: unknown): string[] | undefined {
  let node = unwrapSchema(schema)
  let value = input
  const enterUnion = () => {
    const def = defOf(node)
    if (def?.type === "union") node = unwrapSchema(unionBranch(def, value))
  }
  enterUnion()
  for (const p of path) {
    const def = defOf(node)
    if (typeof p === "number" && def?.type === "array") node = def.element
    else {
      const shape = shapeOf(node)
      if (!shape || typeof p !== "string" || !(p in shape)) return undefined
      node = shape[p]
    }
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[p] : undefined
    node = unwrapSchema(node)
    enterUnion()
  }
  const shape = shapeOf(node)
  return shape ? Object.keys(shape) : undefined
}

/** Describes one zod issue as "field 'a.b[2]': message". */
function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType, root: unknown): string {
  const path = issue.path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("")
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(", ")
    const allowed = allowedKeys(schema, issue.path, root)
    return `unknown field ${keys}${allowed ? ` (allowed: ${allowed.join(", ")})` : ""}`
  }
  const input = (issue as { input?: unknown }).input
  if (
    issue.code === "invalid_union" &&
    "discriminator" in issue &&
    typeof issue.discriminator === "string" &&
    "options" in issue &&
    Array.isArray(issue.options)
  ) {
    const key = issue.discriminator
    const value = input !== null && typeof input === "object" ? (input as Record<string, unknown>)[key] : undefined
    const what = value === undefined ? `missing ${key}` : `unknown ${key} ${describeValue(value)}`
    return `field '${path || "(root)"}': ${what}; allowed: ${issue.options.map(String).join(", ")}`
  }
  return `field '${path || "(root)"}': ${issue.message}${input === undefined ? "" : `, got ${describeValue(input)}`}`
}

/** A config value as a message quotes it: strings in quotes, numbers as written, the rest as short JSON. */
function describeValue(value: unknown): string {
  if (typeof value === "string") return quoteForMessage(value)
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value)
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch {
    json = undefined
  }
  return json === undefined ? typeof value : quoteForMessage(json).slice(1, -1)
}

/**
 * Validates `value` with `schema`; on failure throws a `UserError` whose one line names the
 * source, the field and what is allowed.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, source: string): z.infer<S> {
  const result = schema.safeParse(value, { reportInput: true })
  if (result.success) return result.data
  throw new UserError(`${source}: ${result.error.issues.map((i) => describeIssue(i, schema, value)).join("; ")}`)
}

/**
 * Reads a JSON or YAML config file (by extension: .json, else YAML) and validates it.
 * @example const cfg = loadConfig("experiments/world-default.yaml", worldConfigSchema)
 */
export function loadConfig<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  const text = readConfigFile(path)
  let raw: unknown
  try {
    // A byte-order mark is legal at the start of a UTF-8 file; JSON.parse would refuse it.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
    raw = path.endsWith(".json")
      ? JSON.parse(body)
      : (require("yaml") as typeof Yaml).parse(body, { logLevel: "error" })
  } catch (error) {
    throw new UserError(
      `${path}: not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}`,
    )
  }
  return validate(schema, raw ?? {}, path)
}
