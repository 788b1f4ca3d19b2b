import { UserError } from "../config/user-error"
import { quoteForMessage } from "../config/message-text"

/**
 * The one parser of numeric command-line flags. Every failure is a `UserError` of the form
 * `--flag: expected <what is allowed>, got '<text>'`; an empty value (`--seed ""`) is an error,
 * never 0 as `Number("")` would make it.
 */

const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i

function decimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN
}

function fail(flag: string, allowed: string, text: string): never {
  throw new UserError(`${flag}: expected ${allowed}, got ${quoteForMessage(text)}`)
}

/**
 * An integer in [min, max], written in decimal (`1e4` is 10000; `0x10`, `Infinity` and `` are not numbers).
 * @example integerFlag("--seed", "42", 0) // 42
 */
export function integerFlag(flag: string, text: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const x = decimal(text)
  if (!Number.isSafeInteger(x) || x < min || x > max) {
    const allowed = max < Number.MAX_SAFE_INTEGER ? `an integer in ${min}..${max}` : min === 1 ? "a positive integer" : `an integer >= ${min}`
    fail(flag, allowed, text)
  }
  return x
}

/**
 * A finite decimal number accepted by `ok`; `allowed` says in words what `ok` accepts.
 * @example numberFlag("--epsilon", "0.1", (x) => x >= 0 && x <= 1, "a number in [0, 1]") // 0.1
 */
export function numberFlag(flag: string, text: string, ok: (x: number) => boolean, allowed: string): number {
  const x = decimal(text)
  if (!Number.isFinite(x) || !ok(x)) fail(flag, allowed, text)
  return x
}

/**
 * A commander argument parser for an integer flag (commander passes the raw text).
 * @example command.option("--runs <n>", "number of runs", integerParser("--runs", 1))
 */
export function integerParser(flag: string, min: number): (text: string) => number {
  return (text: string) => integerFlag(flag, text, min)
}
