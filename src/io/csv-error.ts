import { UserError } from "../config/user-error"

/**
 * A problem in a CSV file, located by file, 1-based row (the header is row 1) and column name.
 * Prints as `file:row:column: message`.
 */
export class CsvError extends UserError {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly column: string | undefined,
    readonly reason: string,
  ) {
    super(`${file}:${row}${column === undefined ? "" : `:${column}`}: ${reason}`)
    this.name = "CsvError"
  }
}
