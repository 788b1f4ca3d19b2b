import { UserError } from "../config/user-error"
import { quoteForMessage } from "../config/message-text"

/**
 * The one parser of command-line flag values. Every failure is a `UserError` of one line,
 * `--flag: expected <what is allowed>, got '<text>'`; an empty value (`--seed ""`) is an error,
 * never 0 as `Number("")` would make it. The `…Parser` forms plug into commander's `.option`,
 * so that an action receives its flags already typed.
 */

const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i

function decimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN
}

function fail(flag: string, allowed: string, text: string): never {
  throw new UserError(`${flag}: expected ${allowed}, got ${quoteForMessage(text)}`)
}

/** The numbers a flag accepts: `min` (excluded when `minExclusive`) and `max`, both optional. */
export interface NumberRange {
  min?: number
  minExclusive?: boolean
  max?: number
}

/** The range in words, e.g. "a number in (0, 1]", "a number >= 0", "a number > 0". */
function rangeText({ min, minExclusive, max }: NumberRange): string {
  if (min !== undefined && max !== undefined) return `a number in ${minExclusive ? "(" : "["}${min}, ${max}]`
  if (min !== undefined) return `a number ${minExclusive ? ">" : ">="} ${min}`
  return max !== undefined ? `a number <= ${max}` : "a number"
}

function inRange(x: number, { min, minExclusive, max }: NumberRange): boolean {
  return (min === undefined || (minExclusive ? x > min : x >= min)) && (max === undefined || x <= max)
}

/**
 * An integer in [min, max], written in decimal (`1e4` is 10000; `0x10`, `Infinity` and `` are not numbers).
 * @example integerFlag("--seed", "42", 0) // 42
 */
export function integerFlag(flag: string, text: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const x = decimal(text)
  if (!Number.isSafeInteger(x) || x < min || x > max) {
    const allowed =
      max < Number.MAX_SAFE_INTEGER
        ? `an integer in ${min}..${max}`
        : min === 1
          ? "a positive integer"
          : `an integer >= ${min}`
    fail(flag, allowed, text)
  }
  return x
}

/**
 * A finite decimal number in `range`; the error message states the range in words.
 * @example numberFlag("--epsilon", "0.1", { min: 0, max: 1 }) // 0.1 (refused: "--epsilon: expected a number in [0, 1], got '2'")
 */
export function numberFlag(flag: string, text: string, range: NumberRange): number {
  const x = decimal(text)
  if (!Number.isFinite(x) || !inRange(x, range)) fail(flag, rangeText(range), text)
  return x
}

/** "a", "a or b", "a, b or c". */
function alternatives(choices: readonly string[]): string {
  return choices.length === 1 ? choices[0] : `${choices.slice(0, -1).join(", ")} or ${choices[choices.length - 1]}`
}

/**
 * One of a fixed set of words.
 * @example choiceFlag("--engine", "duckdb", ["memory", "duckdb"] as const) // "duckdb" (refused: "--engine: expected memory or duckdb, got 'sqlite'")
 */
export function choiceFlag<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) fail(flag, alternatives(choices), text)
  return text as T
}

/**
 * A comma-separated list of at least one word of `choices`, each at most once (blanks around
 * commas ignored); `noun` names one of them in the messages.
 * @example listFlag("--estimators", "ipw, dr", ["ipw", "snipw", "dr"] as const, "estimator") // ["ipw", "dr"]
 */
export function listFlag<T extends string>(flag: string, text: string, choices: readonly T[], noun: string): T[] {
  const words = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
  words.forEach((w, i) => {
    if (!(choices as readonly string[]).includes(w))
      throw new UserError(`${flag}: unknown ${noun} ${quoteForMessage(w)} (allowed: ${choices.join(", ")})`)
    if (words.indexOf(w) < i) throw new UserError(`${flag}: ${noun} ${quoteForMessage(w)} is listed twice`)
  })
  if (words.length === 0) throw new UserError(`${flag}: name at least one ${noun}`)
  return words as T[]
}

/**
 * A commander argument parser for an integer flag (commander passes the raw text).
 * @example command.option("--runs <n>", "number of runs", integerParser("--runs", 1))
 */
export function integerParser(flag: string, min: number, max?: number): (text: string) => number {
  return (text: string) => integerFlag(flag, text, min, max)
}

/**
 * A commander argument parser for a number flag.
 * @example command.option("--epsilon <e>", "exploration", numberParser("--epsilon", { min: 0, max: 1 }), 0.1)
 */
export function numberParser(flag: string, range: NumberRange): (text: string) => number {
  return (text: string) => numberFlag(flag, text, range)
}

/**
 * A commander argument parser for a flag that takes one of a fixed set of words.
 * @example command.option("--learner <q|ipw>", "the learner", choiceParser("--learner", ["q", "ipw"] as const), "q")
 */
export function choiceParser<T extends string>(flag: string, choices: readonly T[]): (text: string) => T {
  return (text: string) => choiceFlag(flag, text, choices)
}
