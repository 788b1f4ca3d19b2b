import {
  decodeItemsets,
  encodeTransactions,
  TooManyItemsetsError,
  type FrequentItemset,
  type FrequentItemsetOptions,
  type Item,
} from "./itemsets"

/** An FP-tree in flat arrays: node 0 is the root. */
interface FpTree {
  item: number[]
  count: number[]
  parent: number[]
  /** Next node holding the same item (the header table's node-link chain), −1 at the end. */
  link: number[]
  children: Map<number, number>[]
  /** First node of each item's chain, by item id; −1 if absent. */
  head: Map<number, number>
  /** Total count of each item in the tree. */
  support: Map<number, number>
}

/**
 * Frequent itemsets by FP-growth: transactions (frequent items only, most frequent first) are
 * inserted into a prefix tree with counts; for each item, its conditional pattern base (the
 * prefix paths above its nodes, weighted by their counts) becomes a smaller FP-tree that is mined
 * recursively with the item appended to the suffix. No candidate generation; gives exactly the
 * itemsets of `apriori`.
 * Source: Han, Pei & Yin, "Mining frequent patterns without candidate generation", SIGMOD 2000.
 * @example fpGrowth([[1, 2, 5], [2, 4], [2, 3], [1, 2, 4]], { minSupport: 0.5 })
 */
export function fpGrowth<T extends Item>(
  transactions: ReadonlyArray<ReadonlyArray<T>>,
  options: FrequentItemsetOptions,
): FrequentItemset<T>[] {
  const { items, rows, minCount } = encodeTransactions(transactions, options, "fpGrowth")
  const maxLength = options.maxLength ?? Infinity
  const maxItemsets = options.maxItemsets ?? Infinity
  const outIds: Int32Array[] = []
  const outCounts: number[] = []
  const tree = buildTree(
    rows.map((r) => ({ path: Array.from(r), count: 1 })),
    minCount,
  )
  mine(tree, [], minCount, maxLength, maxItemsets, outIds, outCounts)
  return decodeItemsets(outIds, outCounts, items, rows.length)
}

function buildTree(paths: { path: number[]; count: number }[], minCount: number): FpTree {
  const support = new Map<number, number>()
  for (const { path, count } of paths) for (const id of path) support.set(id, (support.get(id) ?? 0) + count)
  for (const [id, c] of support) if (c < minCount) support.delete(id)
  // Order: descending support, ties by id, so the tree is the same whatever the input order.
  const rank = (a: number, b: number) => (support.get(b) as number) - (support.get(a) as number) || a - b
  const tree: FpTree = {
    item: [-1],
    count: [0],
    parent: [-1],
    link: [-1],
    children: [new Map()],
    head: new Map(),
    support,
  }
  const tail = new Map<number, number>()
  for (const { path, count } of paths) {
    const kept = path.filter((id) => support.has(id)).sort(rank)
    let node = 0
    for (const id of kept) {
      let child = tree.children[node].get(id)
      if (child === undefined) {
        child = tree.item.length
        tree.item.push(id)
        tree.count.push(0)
        tree.parent.push(node)
        tree.link.push(-1)
        tree.children.push(new Map())
        tree.children[node].set(id, child)
        const last = tail.get(id)
        if (last === undefined) tree.head.set(id, child)
        else tree.link[last] = child
        tail.set(id, child)
      }
      tree.count[child] += count
      node = child
    }
  }
  return tree
}

function mine(
  tree: FpTree,
  suffix: number[],
  minCount: number,
  maxLength: number,
  maxItemsets: number,
  outIds: Int32Array[],
  outCounts: number[],
): void {
  for (const [id, count] of tree.support) {
    const itemset = [id, ...suffix]
    outIds.push(Int32Array.from(itemset).sort())
    outCounts.push(count)
    if (outIds.length > maxItemsets) throw new TooManyItemsetsError(maxItemsets)
    if (itemset.length >= maxLength) continue
    const base: { path: number[]; count: number }[] = []
    for (let node = tree.head.get(id) as number; node !== -1; node = tree.link[node]) {
      const path: number[] = []
      for (let p = tree.parent[node]; p > 0; p = tree.parent[p]) path.push(tree.item[p])
      if (path.length > 0) base.push({ path, count: tree.count[node] })
    }
    if (base.length === 0) continue
    const conditional = buildTree(base, minCount)
    if (conditional.support.size > 0) mine(conditional, itemset, minCount, maxLength, maxItemsets, outIds, outCounts)
  }
}
