import type { CleanedRetail } from "./cleaning"

/** Market baskets: one per invoice, items as indices into `items`, each basket sorted and unique. */
export interface Baskets {
  /** Item names: trimmed descriptions, sorted in code-unit order (so item ids are reproducible). */
  readonly items: string[]
  readonly baskets: Int32Array[]
  /** The invoice number of each basket. */
  readonly invoices: string[]
}

export interface BasketOptions {
  /** Only invoices of this country (exact name as in the file); all countries when omitted. */
  country?: string
  /** Item names (trimmed descriptions) to leave out, e.g. ["POSTAGE"]. */
  exclude?: readonly string[]
}

/**
 * Turns cleaned rows into baskets: the set of trimmed descriptions of each invoice. Rows with
 * an empty description and excluded items are skipped; an invoice left with no item is not a
 * basket (it would only dilute support).
 * @throws if `country` is not a country of the data (the message lists them)
 * @example const b = buildBaskets(cleanRetail(table), { country: "France", exclude: ["POSTAGE"] })
 */
export function buildBaskets(clean: CleanedRetail, options: BasketOptions = {}): Baskets {
  const t = clean.table
  let country = -1
  if (options.country !== undefined) {
    country = t.countries.indexOf(options.country)
    if (country < 0)
      throw new Error(
        `country '${options.country}' is not in the data; known: ${t.countries.slice().sort().join(", ")}`,
      )
  }
  const excluded = new Set((options.exclude ?? []).map((e) => e.trim()))
  const trimmed = t.descriptions.map((d) => d.trim())
  const byInvoice = new Map<number, Set<string>>()
  for (const r of clean.rows) {
    if (country >= 0 && t.country[r] !== country) continue
    const name = trimmed[t.description[r]]
    if (name === "" || excluded.has(name)) continue
    let set = byInvoice.get(t.invoice[r])
    if (!set) byInvoice.set(t.invoice[r], (set = new Set()))
    set.add(name)
  }
  const names = new Set<string>()
  for (const set of byInvoice.values()) for (const name of set) names.add(name)
  const items = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const id = new Map(items.map((name, i) => [name, i]))
  const invoiceIds = [...byInvoice.keys()].sort((a, b) => a - b)
  const baskets = invoiceIds.map((inv) => Int32Array.from([...byInvoice.get(inv)!], (name) => id.get(name)!).sort())
  return { items, baskets, invoices: invoiceIds.map((inv) => t.invoices[inv]) }
}
