/** An item of a transaction (a product id, a category name …); one transaction set uses one type. */
export type Item = string | number

/** A set of items bought together in at least `minSupport` of the transactions. */
export interface FrequentItemset<T extends Item> {
  /** The items, in the canonical item order (numbers ascending, strings by code unit). */
  items: T[]
  /** Number of transactions containing all the items. */
  count: number
  /** count / number of transactions. */
  support: number
}

/** Options of `apriori` and `fpGrowth`. */
export interface FrequentItemsetOptions {
  /** Minimum support, a fraction in (0, 1]: an itemset is frequent when count ≥ minSupport · n. */
  minSupport: number
  /** Largest itemset size to report [unbounded]. */
  maxLength?: number
  /** Stop with a {@link TooManyItemsetsError} once more itemsets than this are frequent [unbounded]: a low support can make millions. */
  maxItemsets?: number
}

/**
 * Mining stopped: more than `limit` itemsets are frequent at the support asked for.
 * @example try { fpGrowth(baskets, { minSupport: 1e-4, maxItemsets: 1e5 }) } catch (e) { if (e instanceof TooManyItemsetsError) … }
 */
export class TooManyItemsetsError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} frequent itemsets; raise minSupport or set maxLength`)
    this.name = "TooManyItemsetsError"
  }
}

/** Transactions with items replaced by dense ids 0..nItems−1 (id order = canonical item order), each sorted and deduplicated. */
export interface EncodedTransactions<T extends Item> {
  items: T[]
  rows: Int32Array[]
  /** The smallest count that is frequent: ⌈minSupport · n⌉. */
  minCount: number
}

/**
 * Validates transactions and options and maps items to ids in canonical order.
 * @throws on no transactions, mixed item types, a non-finite numeric item, or minSupport outside (0, 1]
 * @internal
 */
export function encodeTransactions<T extends Item>(
  transactions: ReadonlyArray<ReadonlyArray<T>>,
  options: FrequentItemsetOptions,
  who: string,
): EncodedTransactions<T> {
  const { minSupport } = options
  if (!(minSupport > 0 && minSupport <= 1)) throw new Error(`${who}: minSupport must be in (0, 1], got ${minSupport}`)
  if (options.maxLength !== undefined && !(Number.isInteger(options.maxLength) && options.maxLength >= 1)) {
    throw new Error(`${who}: maxLength must be an integer >= 1, got ${options.maxLength}`)
  }
  if (options.maxItemsets !== undefined && !(Number.isInteger(options.maxItemsets) && options.maxItemsets >= 1)) {
    throw new Error(`${who}: maxItemsets must be an integer >= 1, got ${options.maxItemsets}`)
  }
  if (transactions.length === 0) throw new Error(`${who}: transactions must not be empty`)
  let kind: "string" | "number" | null = null
  const distinct = new Set<T>()
  transactions.forEach((t, r) => {
    for (const item of t) {
      const k = typeof item
      if (k !== "string" && k !== "number")
        throw new Error(`${who}: transactions[${r}] holds ${String(item)}; items must be strings or numbers`)
      if (k === "number" && !Number.isFinite(item))
        throw new Error(`${who}: transactions[${r}] holds ${item}; numeric items must be finite`)
      if (kind === null) kind = k
      else if (kind !== k)
        throw new Error(
          `${who}: transactions mix strings and numbers (transactions[${r}] holds ${JSON.stringify(item)})`,
        )
      distinct.add(item)
    }
  })
  const items = Array.from(distinct).sort(compareItems)
  const id = new Map<T, number>()
  items.forEach((item, i) => id.set(item, i))
  const rows = transactions.map((t) => Int32Array.from(new Set(t.map((item) => id.get(item) as number))).sort())
  // A small tolerance so that e.g. 0.3 · 10 counts as 3, not 3.0000000000000004.
  const minCount = Math.max(1, Math.ceil(minSupport * transactions.length - 1e-9))
  return { items, rows, minCount }
}

/**
 * The canonical item order: numbers ascending, strings by UTF-16 code units.
 * @internal
 */
export function compareItems(a: Item, b: Item): number {
  if (typeof a === "number" && typeof b === "number") return a - b
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Sorts itemsets by size, then lexicographically by item ids, so two miners' outputs compare equal.
 * @internal
 */
export function sortItemsets(ids: Int32Array[], counts: number[]): number[] {
  const order = ids.map((_, i) => i)
  order.sort((x, y) => {
    const a = ids[x]
    const b = ids[y]
    if (a.length !== b.length) return a.length - b.length
    for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return a[j] - b[j]
    return counts[x] - counts[y]
  })
  return order
}

/**
 * Turns id itemsets and counts into sorted `FrequentItemset`s.
 * @internal
 */
export function decodeItemsets<T extends Item>(
  ids: Int32Array[],
  counts: number[],
  items: T[],
  n: number,
): FrequentItemset<T>[] {
  return sortItemsets(ids, counts).map((i) => ({
    items: Array.from(ids[i], (id) => items[id]),
    count: counts[i],
    support: counts[i] / n,
  }))
}
