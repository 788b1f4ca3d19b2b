/**
 * An undirected friend graph over users 0..nUsers−1 in compressed sparse row (CSR) form: the
 * friends of user u are `neighbours[offsets[u] .. offsets[u + 1])`, in increasing id order. Every
 * tie is stored in both directions (v among u's friends ⇔ u among v's), with no self-loops. A
 * real system sees its users' friend lists, so a graph may reach a policy (through
 * `InteractionHistory.friends`); how it was generated (the users' interests) does not.
 * @example const g: SocialGraph = { nUsers: 3, offsets: Int32Array.of(0, 1, 3, 4), neighbours: Int32Array.of(1, 0, 2, 1) } // the path 0–1–2
 */
export interface SocialGraph {
  readonly nUsers: number
  /** Length nUsers + 1; offsets[0] = 0, offsets[nUsers] = 2 · number of ties. */
  readonly offsets: Int32Array
  /** Friend ids, user by user, increasing within a user. */
  readonly neighbours: Int32Array
}

/**
 * Builds a {@link SocialGraph} from a list of ties (u[i], v[i]), each given once in either direction;
 * repeated ties are merged.
 * @throws naming the tie when an id is outside [0, nUsers) or a tie is a self-loop
 * @example socialGraphFromTies(3, Int32Array.of(0, 1), Int32Array.of(1, 2)).neighbours // [1, 0, 2, 1]
 */
export function socialGraphFromTies(nUsers: number, u: Int32Array, v: Int32Array): SocialGraph {
  if (!(Number.isInteger(nUsers) && nUsers >= 0))
    throw new Error(`social graph: nUsers must be an integer >= 0, got ${nUsers}`)
  if (u.length !== v.length) throw new Error(`social graph: ${u.length} tie starts but ${v.length} tie ends`)
  const degree = new Int32Array(nUsers + 1)
  for (let i = 0; i < u.length; i++) {
    const a = u[i]
    const b = v[i]
    if (!(a >= 0 && a < nUsers && b >= 0 && b < nUsers))
      throw new Error(`social graph: tie ${i} (${a}, ${b}) has an id outside [0, ${nUsers - 1}]`)
    if (a === b) throw new Error(`social graph: tie ${i} (${a}, ${b}) is a self-loop`)
    degree[a + 1]++
    degree[b + 1]++
  }
  for (let w = 0; w < nUsers; w++) degree[w + 1] += degree[w]
  const fill = degree.slice(0, nUsers)
  const raw = new Int32Array(degree[nUsers])
  for (let i = 0; i < u.length; i++) {
    raw[fill[u[i]]++] = v[i]
    raw[fill[v[i]]++] = u[i]
  }
  const offsets = new Int32Array(nUsers + 1)
  const kept: number[] = []
  for (let w = 0; w < nUsers; w++) {
    const row = raw.subarray(degree[w], degree[w + 1]).sort()
    for (let j = 0; j < row.length; j++) if (j === 0 || row[j] !== row[j - 1]) kept.push(row[j])
    offsets[w + 1] = kept.length
  }
  return { nUsers, offsets, neighbours: Int32Array.from(kept) }
}

/**
 * The number of friends of every user.
 * @example degrees(graph) // Int32Array of length graph.nUsers
 */
export function degrees(graph: SocialGraph): Int32Array {
  const out = new Int32Array(graph.nUsers)
  for (let u = 0; u < graph.nUsers; u++) out[u] = graph.offsets[u + 1] - graph.offsets[u]
  return out
}

/**
 * Whether u and v are friends (binary search in u's sorted friend list).
 * @example areFriends(graph, 0, 1) // true for the path 0–1–2
 */
export function areFriends(graph: SocialGraph, u: number, v: number): boolean {
  let lo = graph.offsets[u]
  let hi = graph.offsets[u + 1]
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const x = graph.neighbours[mid]
    if (x === v) return true
    if (x < v) lo = mid + 1
    else hi = mid
  }
  return false
}
