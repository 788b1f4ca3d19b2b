import type { Interactions } from "../schema/interactions"

/**
 * Throws unless `value` is an integer ≥ `min`, naming the option.
 * @internal
 */
export function checkInteger(who: string, name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${who}: ${name} must be an integer >= ${min}, got ${value}`)
  return value
}

/**
 * Throws unless `value` is a finite number ≥ 0 (or > 0 when `strict`), naming the option.
 * @internal
 */
export function checkNonNegative(who: string, name: string, value: number, strict = false): number {
  if (!Number.isFinite(value) || value < 0 || (strict && value === 0)) {
    throw new Error(`${who}: ${name} must be a finite number ${strict ? ">" : ">="} 0, got ${value}`)
  }
  return value
}

/**
 * Checks a training matrix before fitting: consistent CSR arrays, at least one interaction,
 * every value finite.
 * @throws naming the model and what is wrong
 * @internal
 */
export function checkTrainingData(who: string, train: Interactions): void {
  const { nUsers, nItems, indptr, items, values } = train
  if (!Number.isInteger(nUsers) || nUsers <= 0 || !Number.isInteger(nItems) || nItems <= 0) {
    throw new Error(
      `${who}.fit: the training data must have at least one user and one item, got ${nUsers} users × ${nItems} items`,
    )
  }
  if (indptr.length !== nUsers + 1 || indptr[nUsers] !== items.length || values.length !== items.length) {
    throw new Error(
      `${who}.fit: inconsistent CSR arrays (indptr length ${indptr.length}, ${items.length} items, ${values.length} values)`,
    )
  }
  if (items.length === 0) throw new Error(`${who}.fit: the training data is empty (no interactions)`)
  for (let p = 0; p < values.length; p++) {
    if (!Number.isFinite(values[p]))
      throw new Error(`${who}.fit: interaction value ${values[p]} at entry ${p} is not finite`)
    if (!(items[p] >= 0 && items[p] < nItems))
      throw new Error(`${who}.fit: item index ${items[p]} at entry ${p} is outside [0, ${nItems})`)
  }
}

/**
 * Throws unless `user` is a non-negative integer (a user index; it may be beyond the training users).
 * @internal
 */
export function checkUserIndex(who: string, user: number): void {
  if (!Number.isInteger(user) || user < 0)
    throw new Error(`${who}.score: user must be a non-negative integer index, got ${user}`)
}

/** The number of distinct users who interacted with each item. */
export function distinctUserCounts(train: Interactions): Float64Array {
  const counts = new Float64Array(train.nItems)
  // Rows hold unique items, so every entry is one distinct (user, item) pair.
  for (let p = 0; p < train.items.length; p++) counts[train.items[p]]++
  return counts
}
