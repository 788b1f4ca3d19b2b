import {
  decodeItemsets,
  encodeTransactions,
  TooManyItemsetsError,
  type FrequentItemset,
  type FrequentItemsetOptions,
  type Item,
} from "./itemsets"

/**
 * Frequent itemsets by Apriori: level by level, candidates of size k+1 are joins of two frequent
 * k-itemsets sharing their first k−1 items, pruned unless every k-subset is frequent (the
 * downward-closure property), then counted. Counting is vertical: each itemset keeps the bitset of
 * transactions containing it, and a candidate's bitset is the AND of its two parents'.
 * Source: Agrawal & Srikant, "Fast algorithms for mining association rules", VLDB 1994.
 * @example apriori([["milk", "bread"], ["milk", "eggs"], ["milk", "bread", "eggs"]], { minSupport: 0.6 })
 * // [{items:["bread"],count:2,…}, {items:["eggs"],…}, {items:["milk"],count:3,…}, {items:["bread","milk"],…}, {items:["eggs","milk"],…}]
 */
export function apriori<T extends Item>(
  transactions: ReadonlyArray<ReadonlyArray<T>>,
  options: FrequentItemsetOptions,
): FrequentItemset<T>[] {
  const { items, rows, minCount } = encodeTransactions(transactions, options, "apriori")
  const maxLength = options.maxLength ?? Infinity
  const maxItemsets = options.maxItemsets ?? Infinity
  const n = rows.length
  const words = (n + 31) >>> 5
  const outIds: Int32Array[] = []
  const outCounts: number[] = []

  // Level 1.
  const bits: Uint32Array[] = items.map(() => new Uint32Array(words))
  rows.forEach((row, t) => {
    for (const id of row) bits[id][t >>> 5] |= 1 << (t & 31)
  })
  let level: { ids: Int32Array; bits: Uint32Array }[] = []
  for (let id = 0; id < items.length; id++) {
    const count = popcount(bits[id])
    if (count >= minCount) {
      level.push({ ids: Int32Array.of(id), bits: bits[id] })
      outIds.push(Int32Array.of(id))
      outCounts.push(count)
      if (outIds.length > maxItemsets) throw new TooManyItemsetsError(maxItemsets)
    }
  }

  for (let k = 1; level.length > 1 && k < maxLength; k++) {
    const frequent = new Set(level.map((s) => s.ids.join(",")))
    const next: { ids: Int32Array; bits: Uint32Array }[] = []
    const scratch = new Int32Array(k)
    for (let a = 0; a < level.length; a++) {
      const A = level[a].ids
      for (let b = a + 1; b < level.length; b++) {
        const B = level[b].ids
        if (!samePrefix(A, B, k - 1)) break // level is sorted, so later b's cannot share the prefix either
        const cand = new Int32Array(k + 1)
        cand.set(A)
        cand[k] = B[k - 1]
        if (!allSubsetsFrequent(cand, frequent, scratch)) continue
        const candBits = new Uint32Array(words)
        const ab = level[a].bits
        const bb = level[b].bits
        for (let w = 0; w < words; w++) candBits[w] = ab[w] & bb[w]
        const count = popcount(candBits)
        if (count >= minCount) {
          next.push({ ids: cand, bits: candBits })
          outIds.push(cand)
          outCounts.push(count)
          if (outIds.length > maxItemsets) throw new TooManyItemsetsError(maxItemsets)
        }
      }
    }
    level = next
  }
  return decodeItemsets(outIds, outCounts, items, n)
}

function samePrefix(a: Int32Array, b: Int32Array, len: number): boolean {
  for (let j = 0; j < len; j++) if (a[j] !== b[j]) return false
  return true
}

/** Whether every subset of `cand` with one item removed is in `frequent` (the two parents are, by construction). */
function allSubsetsFrequent(cand: Int32Array, frequent: Set<string>, scratch: Int32Array): boolean {
  const k = cand.length - 1
  for (let drop = 0; drop < k - 1; drop++) {
    let w = 0
    for (let j = 0; j <= k; j++) if (j !== drop) scratch[w++] = cand[j]
    if (!frequent.has(scratch.join(","))) return false
  }
  return true
}

function popcount(bits: Uint32Array): number {
  let c = 0
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w]
    v = v - ((v >>> 1) & 0x55555555)
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
    c += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
  }
  return c
}
