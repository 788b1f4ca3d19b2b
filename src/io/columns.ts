import { CsvError } from "./csv-error"

/**
 * Maps required column names to their indices in a header.
 * @throws CsvError naming the file and the first missing column
 */
export function requireColumns<K extends string>(
  file: string,
  header: string[],
  required: readonly K[],
): Record<K, number> {
  const index = {} as Record<K, number>
  for (const name of required) {
    const at = header.indexOf(name)
    if (at < 0) throw new CsvError(file, 1, name, `missing column '${name}' (the header has: ${header.join(", ")})`)
    index[name] = at
  }
  return index
}

/**
 * Parses a number field; an empty or non-numeric field is a CsvError naming file, row, column.
 * `check` adds a range rule, e.g. `(x) => x >= 0 || "must be >= 0"`.
 */
export function parseNumberField(
  file: string,
  row: number,
  column: string,
  text: string,
  check?: (x: number) => true | string,
): number {
  const x = text === "" ? NaN : Number(text)
  if (!Number.isFinite(x)) throw new CsvError(file, row, column, `'${text}' is not a number`)
  if (check) {
    const ok = check(x)
    if (ok !== true) throw new CsvError(file, row, column, `${text} is out of range: ${ok}`)
  }
  return x
}

/** Parses an integer field, like parseNumberField. */
export function parseIntegerField(
  file: string,
  row: number,
  column: string,
  text: string,
  check?: (x: number) => true | string,
): number {
  const x = parseNumberField(file, row, column, text, check)
  if (!Number.isInteger(x)) throw new CsvError(file, row, column, `'${text}' is not an integer`)
  return x
}
