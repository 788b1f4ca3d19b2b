import type { Rng } from "../random/rng"
import { createRng } from "../random/rng"
import { socialGraphFromTies, type SocialGraph } from "../schema/social-graph"
import { sigmoid } from "./math"
import type { World } from "./world"

/** Options of a world's friend graph (see {@link generateFriendGraph}). */
export interface FriendGraphOptions {
  /** Expected number of friends per user, in (0, users − 1). */
  meanDegree: number
  /** h ≥ 0: log-odds of a tie per standard deviation of interest similarity; 0 = Erdős–Rényi. */
  homophily: number
}

/** A generated friend graph and the model it was drawn from (ground truth: for metrics only). */
export interface FriendGraphModel {
  readonly graph: SocialGraph
  readonly options: Readonly<FriendGraphOptions>
  /** The intercept b of P(tie) = σ(b + h·z), solved for the mean degree. */
  readonly intercept: number
  /** Mean and standard deviation of the cosine similarity over all pairs u < v. */
  readonly similarityMean: number
  readonly similaritySd: number
  /** Unit-length interest rows (users × categories) the similarities are computed from. */
  readonly unitInterests: Float64Array
  readonly nCategories: number
}

/** The world's stream for its friend graph: streams 1–5 are the catalogue, users, context, communities. */
export const FRIEND_GRAPH_STREAM = 6

/** Users above which the O(n²) pair loop of {@link generateFriendGraph} is refused. */
export const MAX_FRIEND_GRAPH_USERS = 20000

/**
 * The rows of `interests` (users × nCategories) scaled to unit length (a zero row stays zero).
 * @example unitRows(Float64Array.of(3, 4), 2) // [0.6, 0.8]
 */
export function unitRows(interests: Float64Array, nCategories: number): Float64Array {
  const out = new Float64Array(interests.length)
  for (let at = 0; at < interests.length; at += nCategories) {
    let norm = 0
    for (let k = 0; k < nCategories; k++) norm += interests[at + k] * interests[at + k]
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
    for (let k = 0; k < nCategories; k++) out[at + k] = interests[at + k] * scale
  }
  return out
}

/** Cosine similarity of users u and v in a model's unit rows. */
function cosine(model: Pick<FriendGraphModel, "unitInterests" | "nCategories">, u: number, v: number): number {
  const x = model.unitInterests
  const nc = model.nCategories
  let s = 0
  for (let k = 0; k < nc; k++) s += x[u * nc + k] * x[v * nc + k]
  return s
}

/**
 * The model's probability of a tie between users u ≠ v: σ(b + h·(cos(θ_u, θ_v) − m)/s).
 * @example tieProbability(model, 0, 1)
 */
export function tieProbability(model: FriendGraphModel, u: number, v: number): number {
  const { intercept, similarityMean, similaritySd } = model
  const z = similaritySd > 0 ? (cosine(model, u, v) - similarityMean) / similaritySd : 0
  return sigmoid(intercept + model.options.homophily * z)
}

/**
 * Every user's expected degree E[d_u] = Σ_{v≠u} P(tie u, v) under the model (closed form of the
 * degrees the generator draws; its mean over users is the option `meanDegree`).
 * @example expectedDegrees(model)[0]
 */
export function expectedDegrees(model: FriendGraphModel): Float64Array {
  const n = model.graph.nUsers
  const out = new Float64Array(n)
  for (let u = 0; u < n; u++)
    for (let v = u + 1; v < n; v++) {
      const p = tieProbability(model, u, v)
      out[u] += p
      out[v] += p
    }
  return out
}

/**
 * A friend graph with homophily in interests, from a latent-space (logistic) random-graph model:
 * each pair u < v is tied independently with
 *   P(tie) = σ(b + h · z_uv),   z_uv = (cos(θ_u, θ_v) − m) / s,
 * θ the users' interest vectors, m and s the mean and standard deviation of the cosine over all
 * pairs, h = `homophily` (0: every pair has the same probability, the Erdős–Rényi graph G(n, p)),
 * and b solved by safeguarded Newton so that the expected mean degree (2/n)·Σ_{u<v} P(tie) equals
 * `meanDegree`. One uniform per pair from `rng`, pairs in order (0,1), (0,2), …; O(n²·C) time.
 * Source: Hoff, Raftery & Handcock (2002), "Latent space approaches to social network analysis",
 * JASA 97; homophily as in McPherson, Smith-Lovin & Cook (2001), Annual Review of Sociology 27.
 * @throws naming the option when meanDegree is outside (0, n − 1), homophily is negative or not
 *   finite, or there are fewer than 2 or more than {@link MAX_FRIEND_GRAPH_USERS} users
 * @example const m = generateFriendGraph(world.users.interestStart, world.nCategories, { meanDegree: 10, homophily: 2 }, createRng(1, 6))
 */
export function generateFriendGraph(
  interests: Float64Array,
  nCategories: number,
  options: FriendGraphOptions,
  rng: Rng,
): FriendGraphModel {
  const n = interests.length / nCategories
  const { meanDegree, homophily } = options
  if (!(Number.isInteger(n) && n >= 2 && n <= MAX_FRIEND_GRAPH_USERS))
    throw new Error(`friends: needs between 2 and ${MAX_FRIEND_GRAPH_USERS} users (every pair is drawn), got ${n}`)
  if (!(meanDegree > 0 && meanDegree < n - 1))
    throw new Error(`friends.meanDegree must be in (0, ${n - 1}) for ${n} users, got ${meanDegree}`)
  if (!(homophily >= 0 && Number.isFinite(homophily)))
    throw new Error(`friends.homophily must be a finite number >= 0, got ${homophily}`)
  const unitInterests = unitRows(interests, nCategories)
  const base = { unitInterests, nCategories }
  const pairs = (n * (n - 1)) / 2
  let sum = 0
  let sumSq = 0
  for (let u = 0; u < n; u++)
    for (let v = u + 1; v < n; v++) {
      const c = cosine(base, u, v)
      sum += c
      sumSq += c * c
    }
  const similarityMean = sum / pairs
  const similaritySd = Math.sqrt(Math.max(0, sumSq / pairs - similarityMean * similarityMean))
  const draft = {
    graph: { nUsers: n, offsets: new Int32Array(0), neighbours: new Int32Array(0) },
    options: { meanDegree, homophily },
    intercept: 0,
    similarityMean,
    similaritySd,
    unitInterests,
    nCategories,
  }
  // f(b) = Σ_{u<v} σ(b + h z_uv) − n·d/2 is increasing in b with f' = Σ σ(1 − σ).
  const target = (n * meanDegree) / 2
  const p0 = meanDegree / (n - 1)
  let b = Math.log(p0 / (1 - p0))
  let lo = -60
  let hi = 60
  for (let iter = 0; iter < 100; iter++) {
    draft.intercept = b
    let f = -target
    let slope = 0
    for (let u = 0; u < n; u++)
      for (let v = u + 1; v < n; v++) {
        const p = tieProbability(draft, u, v)
        f += p
        slope += p * (1 - p)
      }
    if (Math.abs(f) <= 1e-10 * target) break
    if (f < 0) lo = b
    else hi = b
    const next = b - f / slope
    b = next > lo && next < hi ? next : (lo + hi) / 2
  }
  draft.intercept = b
  const from: number[] = []
  const to: number[] = []
  for (let u = 0; u < n; u++)
    for (let v = u + 1; v < n; v++)
      if (rng.next() < tieProbability(draft, u, v)) {
        from.push(u)
        to.push(v)
      }
  return { ...draft, graph: socialGraphFromTies(n, Int32Array.from(from), Int32Array.from(to)) }
}

/**
 * The world's friend graph from its users' interests at day 0, drawn from stream
 * {@link FRIEND_GRAPH_STREAM} of the world's seed: the world's own draws (and so every other
 * output of the world) are the same with or without a friend graph.
 * @example const { graph } = worldFriendGraph(generateWorld({ users: 300, seed: 1 }), { meanDegree: 10, homophily: 2 })
 */
export function worldFriendGraph(world: World, options: FriendGraphOptions): FriendGraphModel {
  return generateFriendGraph(
    world.users.interestStart,
    world.nCategories,
    options,
    createRng(world.config.seed, FRIEND_GRAPH_STREAM),
  )
}
