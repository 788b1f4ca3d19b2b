import { join } from "node:path"
import { parseDateTimeMinutes } from "../io/calendar-date"
import { CsvError } from "../io/csv-error"
import { readCsv } from "../io/csv"
import { parseNumberField, requireColumns } from "../io/columns"

/** The columns of the UCI Online Retail file, in the order of its header. */
export const ONLINE_RETAIL_COLUMNS = [
  "InvoiceNo",
  "StockCode",
  "Description",
  "Quantity",
  "InvoiceDate",
  "UnitPrice",
  "CustomerID",
  "Country",
] as const

/** Where the copy shipped with the lab lives (relative to the package root). */
export const ONLINE_RETAIL_PATH: string = join(__dirname, "..", "..", "data", "online-retail", "online-retail.csv.gz")

/**
 * The Online Retail transactions in columnar form, one entry per CSV row, rows in file order.
 * Repeated strings are dictionary-encoded: `stockCode[r]` indexes `stockCodes`, and so on.
 * Dates are minutes since 1970-01-01 00:00 of the file's (UK local, naive) clock: no time zone
 * is applied, so day boundaries are the file's own.
 */
export interface OnlineRetailTable {
  readonly length: number
  /** Invoice number as written, e.g. "536365" or "C536379". */
  readonly invoice: Int32Array
  readonly invoices: string[]
  readonly stockCode: Int32Array
  readonly stockCodes: string[]
  /** Description as written (untrimmed; "" where missing). */
  readonly description: Int32Array
  readonly descriptions: string[]
  readonly quantity: Float64Array
  /** Minutes since the epoch of the naive `YYYY-MM-DD HH:MM:SS` clock. */
  readonly invoiceDate: Float64Array
  readonly unitPrice: Float64Array
  /** Customer number exactly as written (any integer up to 2^53 − 1), or −1 where the field is empty. */
  readonly customer: Float64Array
  readonly country: Int32Array
  readonly countries: string[]
}

/** A string ↔ index dictionary used while loading. */
class Dictionary {
  readonly values: string[] = []
  private readonly index = new Map<string, number>()
  code(value: string): number {
    let c = this.index.get(value)
    if (c === undefined) {
      c = this.values.length
      this.values.push(value)
      this.index.set(value, c)
    }
    return c
  }
}

/**
 * Parses `YYYY-MM-DD HH:MM[:SS]` into minutes since the epoch of the naive clock (seconds are
 * dropped: the file records whole minutes). Returns NaN unless it is a real date with a year in
 * 1000..9999 and a valid time (the lab's one strict parser, `parseDateTimeMinutes`).
 * @example parseRetailDate("2010-12-01 08:26:00") // 21519866
 */
export function parseRetailDate(text: string): number {
  return parseDateTimeMinutes(text)
}

/** Formats minutes since the epoch (naive clock) as `YYYY-MM-DD`. */
export function formatRetailDay(minutes: number): string {
  return new Date(minutes * 60000).toISOString().slice(0, 10)
}

/** Whole days since the epoch of a date in minutes (the file's clock). */
export function retailDay(minutes: number): number {
  return Math.floor(minutes / 1440)
}

class Growable {
  data: Float64Array
  length = 0
  constructor(capacity: number) {
    this.data = new Float64Array(capacity)
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = x
  }
}

/**
 * Streams the Online Retail CSV (plain or `.gz`, RFC 4180 quoting) into typed columns,
 * validating every row: a missing column, an unparsable `InvoiceDate`, `Quantity`,
 * `UnitPrice` or a non-integer `CustomerID` is a `CsvError` naming file, row and column.
 * Nothing is cleaned here: faults that parse (negative quantities, zero prices, missing
 * customers) are kept for the cleaning pipeline (`cleanRetail`) to count and remove.
 * @param path the file; defaults to the copy shipped in `data/online-retail/`
 * @example const table = await loadOnlineRetail(); table.length // 541909
 */
export async function loadOnlineRetail(path: string = ONLINE_RETAIL_PATH): Promise<OnlineRetailTable> {
  const invoices = new Dictionary()
  const stockCodes = new Dictionary()
  const descriptions = new Dictionary()
  const countries = new Dictionary()
  const capacity = 1 << 16
  const invoice = new Growable(capacity)
  const stockCode = new Growable(capacity)
  const description = new Growable(capacity)
  const quantity = new Growable(capacity)
  const invoiceDate = new Growable(capacity)
  const unitPrice = new Growable(capacity)
  const customer = new Growable(capacity)
  const country = new Growable(capacity)
  let col: Record<(typeof ONLINE_RETAIL_COLUMNS)[number], number> | undefined

  await readCsv(path, {
    header(columns) {
      col = requireColumns(path, columns, ONLINE_RETAIL_COLUMNS)
    },
    row(f, row) {
      const c = col!
      const inv = f[c.InvoiceNo]
      if (inv === "") throw new CsvError(path, row, "InvoiceNo", "the invoice number is empty")
      invoice.push(invoices.code(inv))
      stockCode.push(stockCodes.code(f[c.StockCode]))
      description.push(descriptions.code(f[c.Description]))
      quantity.push(parseNumberField(path, row, "Quantity", f[c.Quantity]))
      const dateText = f[c.InvoiceDate]
      const date = parseRetailDate(dateText)
      if (Number.isNaN(date))
        throw new CsvError(
          path,
          row,
          "InvoiceDate",
          `'${dateText}' is not a date of the form YYYY-MM-DD HH:MM:SS (a real date, year 1000..9999)`,
        )
      invoiceDate.push(date)
      unitPrice.push(parseNumberField(path, row, "UnitPrice", f[c.UnitPrice]))
      const cust = f[c.CustomerID]
      customer.push(
        cust === ""
          ? -1
          : parseNumberField(path, row, "CustomerID", cust, (x) =>
              Number.isSafeInteger(x) && x >= 0
                ? true
                : "must be an integer in 0..9007199254740991 (2^53 − 1) or empty",
            ),
      )
      country.push(countries.code(f[c.Country]))
    },
  })

  const n = invoice.length
  const ints = (g: Growable): Int32Array => Int32Array.from(g.data.subarray(0, n))
  return {
    length: n,
    invoice: ints(invoice),
    invoices: invoices.values,
    stockCode: ints(stockCode),
    stockCodes: stockCodes.values,
    description: ints(description),
    descriptions: descriptions.values,
    quantity: quantity.data.slice(0, n),
    invoiceDate: invoiceDate.data.slice(0, n),
    unitPrice: unitPrice.data.slice(0, n),
    customer: customer.data.slice(0, n),
    country: ints(country),
    countries: countries.values,
  }
}
