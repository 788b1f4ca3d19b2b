import { CsvError } from "../io/csv-error"

/**
 * Field parsers shared by the bandit-log loaders. Each throws a `CsvError` that prints
 * `file:row:column: what is wrong and what is allowed`.
 */

/**
 * The smallest propensity a log may hold: the smallest normal double 2⁻¹⁰²² ≈ 2.2e-308. Below it
 * (a denormal number) the importance weight 1/p overflows to Infinity.
 */
export const MIN_PROPENSITY = 2.2250738585072014e-308

/** A propensity in (0, 1], and not below `MIN_PROPENSITY`. */
export function parsePropensity(file: string, row: number, column: string, text: string): number {
  const p = text === "" ? NaN : Number(text)
  if (!(p > 0 && p <= 1)) throw new CsvError(file, row, column, `propensity '${text}' is not in (0, 1]`)
  if (p < MIN_PROPENSITY)
    throw new CsvError(
      file,
      row,
      column,
      `propensity '${text}' is below ${MIN_PROPENSITY} (a denormal number): its importance weight 1/p is not finite`,
    )
  return p
}

/** A click: exactly 0 or 1. */
export function parseClick(file: string, row: number, column: string, text: string): number {
  if (text === "0" || text === "1") return text === "1" ? 1 : 0
  const x = text === "" ? NaN : Number(text)
  if (x === 0 || x === 1) return x
  throw new CsvError(file, row, column, `click '${text}' is not binary (0 or 1)`)
}

/** An integer in [min, max] (inclusive); `what` names the quantity in the message. */
export function parseIndex(
  file: string,
  row: number,
  column: string,
  text: string,
  min: number,
  max: number,
  what: string,
): number {
  const x = text === "" ? NaN : Number(text)
  if (!Number.isInteger(x)) throw new CsvError(file, row, column, `${what} '${text}' is not an integer`)
  if (x < min || x > max) throw new CsvError(file, row, column, `${what} ${x} is out of range: allowed ${min}..${max}`)
  return x
}

/** A finite number. */
export function parseFinite(file: string, row: number, column: string, text: string): number {
  const x = text === "" ? NaN : Number(text)
  if (!Number.isFinite(x)) throw new CsvError(file, row, column, `'${text}' is not a number`)
  return x
}

/**
 * The code of a categorical `value` in a growing vocabulary (codes in order of first appearance).
 * @example const map = new Map<string, number>(); const levels: string[] = []; levelCode(map, levels, "ios") // 0
 */
export function levelCode(map: Map<string, number>, levels: string[], value: string): number {
  let code = map.get(value)
  if (code === undefined) {
    code = levels.length
    map.set(value, code)
    levels.push(value)
  }
  return code
}
