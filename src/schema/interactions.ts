/**
 * A user × item interaction matrix in compressed sparse row form: the row of user u is
 * `items[indptr[u] .. indptr[u+1])` with `values` (a count, a rating or a confidence).
 * Items within a row are sorted ascending and unique.
 */
export interface Interactions {
  readonly nUsers: number
  readonly nItems: number
  readonly indptr: Int32Array
  readonly items: Int32Array
  readonly values: Float64Array
}

/**
 * Builds an `Interactions` matrix from (user, item, value) triples; duplicates are summed.
 * @throws if an index is out of range or a value is not finite
 * @example interactionsFromTriples(2, 3, [0, 1], [2, 0], [1, 1])
 */
export function interactionsFromTriples(
  nUsers: number,
  nItems: number,
  users: ArrayLike<number>,
  items: ArrayLike<number>,
  values?: ArrayLike<number>,
): Interactions {
  if (users.length !== items.length || (values && values.length !== users.length)) {
    throw new Error(
      `interactionsFromTriples: users, items and values must have the same length (${users.length}, ${items.length}, ${values?.length})`,
    )
  }
  const counts = new Int32Array(nUsers + 1)
  for (let k = 0; k < users.length; k++) {
    const u = users[k]
    const i = items[k]
    if (!(u >= 0 && u < nUsers && Number.isInteger(u)))
      throw new Error(`interactionsFromTriples: user index ${u} at entry ${k} is outside [0, ${nUsers})`)
    if (!(i >= 0 && i < nItems && Number.isInteger(i)))
      throw new Error(`interactionsFromTriples: item index ${i} at entry ${k} is outside [0, ${nItems})`)
    const v = values ? values[k] : 1
    if (!Number.isFinite(v)) throw new Error(`interactionsFromTriples: value ${v} at entry ${k} is not finite`)
    counts[u + 1]++
  }
  for (let u = 0; u < nUsers; u++) counts[u + 1] += counts[u]
  const next = counts.slice(0, nUsers)
  const rawItems = new Int32Array(users.length)
  const rawValues = new Float64Array(users.length)
  for (let k = 0; k < users.length; k++) {
    const p = next[users[k]]++
    rawItems[p] = items[k]
    rawValues[p] = values ? values[k] : 1
  }
  // Sort each row by item and merge duplicates.
  const indptr = new Int32Array(nUsers + 1)
  const outItems = new Int32Array(users.length)
  const outValues = new Float64Array(users.length)
  let w = 0
  for (let u = 0; u < nUsers; u++) {
    const start = counts[u]
    const end = counts[u + 1]
    const order = Array.from({ length: end - start }, (_, j) => start + j).sort((a, b) => rawItems[a] - rawItems[b])
    for (const p of order) {
      if (w > indptr[u] && outItems[w - 1] === rawItems[p]) outValues[w - 1] += rawValues[p]
      else {
        outItems[w] = rawItems[p]
        outValues[w] = rawValues[p]
        w++
      }
    }
    indptr[u + 1] = w
  }
  return { nUsers, nItems, indptr, items: outItems.slice(0, w), values: outValues.slice(0, w) }
}

/** The transpose (item × user) of an interaction matrix, in the same CSR form. */
export function transposeInteractions(m: Interactions): Interactions {
  const counts = new Int32Array(m.nItems + 1)
  for (let k = 0; k < m.items.length; k++) counts[m.items[k] + 1]++
  for (let i = 0; i < m.nItems; i++) counts[i + 1] += counts[i]
  const next = counts.slice(0, m.nItems)
  const users = new Int32Array(m.items.length)
  const values = new Float64Array(m.items.length)
  for (let u = 0; u < m.nUsers; u++) {
    for (let p = m.indptr[u]; p < m.indptr[u + 1]; p++) {
      const q = next[m.items[p]]++
      users[q] = u
      values[q] = m.values[p]
    }
  }
  return { nUsers: m.nItems, nItems: m.nUsers, indptr: counts, items: users, values }
}
