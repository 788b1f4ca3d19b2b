import type { Interactions } from "../schema/interactions"
import { interactionsFromTriples } from "../schema/interactions"
import { checkInteger, checkNonNegative } from "./checks"
import { ItemKnn } from "./item-knn"

/** Options of {@link augmentSparseUsers}. */
export interface SparseAugmentationOptions {
  /** Users with 1 to this many training items are augmented (default 3). */
  maxInteractions?: number
  /** Pseudo-interactions added per sparse user, at most (default 5). */
  pseudoPerUser?: number
  /** Value of each pseudo-interaction (default 1, a click's weight). */
  value?: number
  /** Neighbours per item of the item-kNN that proposes them (default 20). */
  neighbours?: number
  /** Shrinkage λ of that item-kNN's cosine (default 10). */
  shrinkage?: number
}

/** The augmented matrix and what was added. */
export interface SparseAugmentation {
  /** The training matrix with every pseudo-interaction added (original entries unchanged). */
  interactions: Interactions
  /** The users that received pseudo-interactions, ascending. */
  sparseUsers: Int32Array
  /** Number of pseudo-interactions added in all. */
  added: number
}

/**
 * Data augmentation for sparse users by co-occurrence pseudo-labels: every user with 1 ≤ |I(u)| ≤
 * `maxInteractions` training items gets up to `pseudoPerUser` pseudo-interactions of value `value`,
 * the items an item-kNN on the same training matrix scores highest for them among those they have not
 * seen, score(u, i) = Σ_{j ∈ I(u)} s_ji r_uj > 0 (Sarwar et al. 2001; ties by the smaller index). The
 * idea is pseudo-labelling (Lee 2013, "Pseudo-label: the simple and efficient semi-supervised learning
 * method for deep neural networks", ICML workshop): a simple model's confident guesses become training
 * data for a richer one, so that a factor model sees more than one or two items of a sparse user.
 * Deterministic: the same matrix and options give the same augmentation.
 * @example const { interactions } = augmentSparseUsers(train, { maxInteractions: 3, pseudoPerUser: 5 })
 */
export function augmentSparseUsers(train: Interactions, options: SparseAugmentationOptions = {}): SparseAugmentation {
  const who = "augmentSparseUsers"
  const maxInteractions = checkInteger(who, "maxInteractions", options.maxInteractions ?? 3, 1)
  const pseudoPerUser = checkInteger(who, "pseudoPerUser", options.pseudoPerUser ?? 5, 1)
  const value = checkNonNegative(who, "value", options.value ?? 1, true)
  const knn = new ItemKnn({ neighbours: options.neighbours ?? 20, shrinkage: options.shrinkage ?? 10 }).fit(train)
  const { nUsers, nItems, indptr, items, values } = train
  const users: number[] = []
  const itemsOut: number[] = []
  const valuesOut: number[] = []
  const sparse: number[] = []
  let added = 0
  for (let u = 0; u < nUsers; u++) {
    for (let p = indptr[u]; p < indptr[u + 1]; p++) {
      users.push(u)
      itemsOut.push(items[p])
      valuesOut.push(values[p])
    }
    const n = indptr[u + 1] - indptr[u]
    if (n < 1 || n > maxInteractions) continue
    let gained = 0
    for (const r of knn.recommend(u, Math.min(pseudoPerUser, nItems))) {
      if (!(r.score > 0)) break
      users.push(u)
      itemsOut.push(r.item)
      valuesOut.push(value)
      gained++
    }
    if (gained > 0) sparse.push(u)
    added += gained
  }
  return {
    interactions: interactionsFromTriples(nUsers, nItems, users, itemsOut, valuesOut),
    sparseUsers: Int32Array.from(sparse),
    added,
  }
}
