import type { z } from "zod"
import { loadZod } from "./lazy-value"

/** Which ends of a range are open: "low" is (low, high], "high" is [low, high), "both" is (low, high). */
export type OpenEnds = "low" | "high" | "both"

/** A number option: finite, optionally an integer, optionally within [min, max] (ends open as `open` says). */
export interface NumberOption {
  readonly kind: "number"
  readonly integer?: boolean
  readonly min?: number
  readonly max?: number
  readonly open?: OpenEnds
  readonly default?: number
  readonly doc: string
}

/** A true/false option. */
export interface BooleanOption {
  readonly kind: "boolean"
  readonly default?: boolean
  readonly doc: string
}

/** A non-empty list of numbers, each checked as `item`. */
export interface NumberListOption {
  readonly kind: "numbers"
  readonly item: Omit<NumberOption, "kind" | "default" | "doc">
  readonly required?: boolean
  readonly doc: string
}

/** One option: its type, allowed values, default (if any) and a one-line description. */
export type OptionField = NumberOption | BooleanOption | NumberListOption

/** The options of a model, by name, in the order a config lists and a table shows them. */
export type OptionFields = Readonly<Record<string, OptionField>>

type ValueOf<F extends OptionField> = F extends { kind: "boolean" }
  ? boolean
  : F extends { kind: "numbers" }
    ? readonly number[]
    : number
type RequiredKeys<S extends OptionFields> = { [K in keyof S]: S[K] extends { required: true } ? K : never }[keyof S]

/** The options object a caller passes for `S` (every option optional unless marked required). */
export type OptionsOf<S extends OptionFields> = { -readonly [K in RequiredKeys<S>]: ValueOf<S[K]> } & {
  -readonly [K in Exclude<keyof S, RequiredKeys<S>>]?: ValueOf<S[K]>
}

/** The checked options: defaults filled in, `null` for an unset option without a default. */
export type CheckedOptions<S extends OptionFields> = {
  -readonly [K in keyof S]: S[K] extends { default: unknown } | { required: true }
    ? ValueOf<S[K]>
    : ValueOf<S[K]> | null
}

/** What is wrong with one value: where (below the option's name), the rule it breaks, the value. */
export interface OptionProblem {
  readonly at: readonly (string | number)[]
  readonly rule: string
  readonly value: unknown
}

function rangeRule(f: Omit<NumberOption, "kind" | "doc">): string {
  const lowOpen = f.open === "low" || f.open === "both"
  const highOpen = f.open === "high" || f.open === "both"
  if (f.integer) return f.min === undefined ? "must be an integer" : `must be an integer >= ${f.min}`
  if (f.min !== undefined && f.max !== undefined)
    return `must be in ${lowOpen ? "(" : "["}${f.min}, ${f.max}${highOpen ? ")" : "]"}`
  if (f.min !== undefined) return `must be a finite number ${lowOpen ? ">" : ">="} ${f.min}`
  if (f.max !== undefined) return `must be a finite number ${highOpen ? "<" : "<="} ${f.max}`
  return "must be a finite number"
}

function numberOk(f: Omit<NumberOption, "kind" | "doc">, v: unknown): boolean {
  if (typeof v !== "number" || !Number.isFinite(v) || (f.integer && !Number.isInteger(v))) return false
  const lowOpen = f.open === "low" || f.open === "both"
  const highOpen = f.open === "high" || f.open === "both"
  if (f.min !== undefined && (lowOpen ? v <= f.min : v < f.min)) return false
  return !(f.max !== undefined && (highOpen ? v >= f.max : v > f.max))
}

/**
 * The rule an option states, as the error messages and the docs word it.
 * @example optionRule({ kind: "number", min: 0, max: 1, open: "low", doc: "" }) // "must be in (0, 1]"
 */
export function optionRule(field: OptionField): string {
  if (field.kind === "boolean") return "must be true or false"
  if (field.kind === "numbers")
    return `must be a non-empty list of numbers; each ${rangeRule(field.item).replace(/^must be /, "")}`
  return rangeRule(field)
}

/**
 * Checks one option value (`undefined` is fine for an option that is not required); the one check
 * that both the constructors and the config schemas run.
 */
export function optionProblem(field: OptionField, value: unknown): OptionProblem | null {
  if (value === undefined)
    return field.kind === "numbers" && field.required ? { at: [], rule: optionRule(field), value } : null
  if (field.kind === "boolean") return typeof value === "boolean" ? null : { at: [], rule: optionRule(field), value }
  if (field.kind === "number") return numberOk(field, value) ? null : { at: [], rule: optionRule(field), value }
  if (!Array.isArray(value) || value.length === 0) return { at: [], rule: optionRule(field), value }
  for (let i = 0; i < value.length; i++)
    if (!numberOk(field.item, value[i])) return { at: [i], rule: rangeRule(field.item), value: value[i] }
  return null
}

/** A relation between options that no single option can check (e.g. min <= max), with the option it blames. */
export type OptionRelation<S extends OptionFields> = (
  options: CheckedOptions<S>,
) => { option: keyof S & string; rule: string } | null

/** The options a model takes and the relations between them. */
export interface OptionsSchema<S extends OptionFields = OptionFields> {
  readonly fields: S
  /** The relation check, on options that passed their own checks (see {@link defineOptions}). */
  readonly relation?: (options: Readonly<Record<string, unknown>>) => { option: string; rule: string } | null
}

/**
 * Declares the options of a model; constructors read them with {@link checkOptions}, configs with
 * {@link optionsZodShape}, docs with {@link optionRule}.
 * @example const schema = defineOptions({ c: { kind: "number", min: 0, default: 2, doc: "exploration weight" } })
 */
export function defineOptions<const S extends OptionFields>(fields: S, relation?: OptionRelation<S>): OptionsSchema<S> {
  return relation ? { fields, relation: (options) => relation(options as CheckedOptions<S>) } : { fields }
}

function path(name: string, at: readonly (string | number)[]): string {
  return name + at.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")
}

function fill<S extends OptionFields>(fields: S, options: Readonly<Record<string, unknown>>): CheckedOptions<S> {
  const out: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(fields))
    out[name] = options[name] ?? ("default" in field ? field.default : null)
  return out as CheckedOptions<S>
}

/**
 * Checks `options` against `schema` and returns them with the defaults filled in.
 * @throws an error "`who`: `option` `rule`, got `value`" for the first option that breaks its rule
 * @example const { c } = checkOptions("Ucb", ucbOptions, { c: 1 })
 */
export function checkOptions<S extends OptionFields>(
  who: string,
  schema: OptionsSchema<S>,
  options: { readonly [K in keyof S]?: unknown },
): CheckedOptions<S> {
  const given = options as Readonly<Record<string, unknown>>
  for (const [name, field] of Object.entries(schema.fields)) {
    const problem = optionProblem(field, given[name])
    if (problem) throw new Error(`${who}: ${path(name, problem.at)} ${problem.rule}, got ${String(problem.value)}`)
  }
  const checked = fill(schema.fields, given)
  const broken = schema.relation?.(checked)
  if (broken) throw new Error(`${who}: ${broken.option} ${broken.rule}, got ${String(given[broken.option])}`)
  return checked
}

/**
 * The zod object of a config entry with `schema`'s options after the fields of `head`: every option
 * runs {@link optionProblem} (so a config and a constructor refuse the same values with the same
 * rule), then the object checks the required options and the relation. Loads zod: call it inside `lazyValue`.
 * @example lazyValue(() => optionsZodObject(ucbOptions, { type: loadZod().literal("ucb") }))
 */
export function optionsZodObject<H extends Record<string, z.ZodType>>(schema: OptionsSchema, head: H) {
  const zod = loadZod()
  const shape: Record<string, z.ZodType> = { ...head }
  for (const [name, field] of Object.entries(schema.fields)) {
    shape[name] = zod
      .unknown()
      .superRefine((value, ctx) => {
        const problem = optionProblem(field, value)
        if (problem)
          ctx.addIssue({ code: "custom", message: problem.rule, input: problem.value, path: [...problem.at] })
      })
      .optional()
  }
  return zod.strictObject(shape as H).superRefine((value, ctx) => {
    const given = value as Record<string, unknown>
    let valid = true
    for (const [name, field] of Object.entries(schema.fields)) {
      if (!(name in given) && field.kind === "numbers" && field.required)
        ctx.addIssue({
          code: "custom",
          message: `is required; it ${optionRule(field)}`,
          input: undefined,
          path: [name],
        })
      if (optionProblem(field, given[name])) valid = false
    }
    const broken = valid ? schema.relation?.(fill(schema.fields, given)) : null
    if (broken)
      ctx.addIssue({ code: "custom", message: broken.rule, input: given[broken.option], path: [broken.option] })
  })
}
