import type { Rng } from "../random/rng"
import { dirichlet } from "../random/dirichlet"
import { randomInt } from "../random/uniform"

/** Options of taste communities (a world option; absent = every user's interests are an independent draw). */
export interface CommunityOptions {
  /** Number of communities k ≥ 2. */
  count: number
  /** Per-category Dirichlet concentration of each community's interest profile: small ⇒ distinct, focused communities. */
  concentration: number
}

/** The communities of a world: ground truth, for metrics only. */
export interface Communities {
  /** Interest profiles, row-major communities × categories, rows sum to 1. */
  profiles: Float64Array
  /** The community of each user (index into the profiles). */
  member: Int32Array
}

/**
 * Taste communities as a mixture of interest profiles: community z has a profile
 *   p_z ~ Dirichlet(concentration · C · m)      (m = the market shares, C categories),
 * each user joins a community uniformly at random, z_u ~ U{0..k−1}, and then draws their start and
 * end interests around their community's profile, θ_u ~ Dirichlet(c_u · C · p_{z_u}) (instead of
 * around the market shares), so users of one community share their favourite categories. Draws
 * come from `rng` alone (a stream of its own), so the users' other traits do not change.
 * @example const c = generateCommunities({ count: 4, concentration: 0.3 }, world.catalog.marketShare, 100, createRng(42, 4))
 */
export function generateCommunities(
  options: CommunityOptions,
  marketShare: Float64Array,
  users: number,
  rng: Rng,
): Communities {
  const { count, concentration } = options
  if (!(Number.isInteger(count) && count >= 2))
    throw new Error(`communities.count must be an integer >= 2, got ${count}`)
  if (!(concentration > 0)) throw new Error(`communities.concentration must be > 0, got ${concentration}`)
  const nc = marketShare.length
  const alpha = Float64Array.from(marketShare, (m) => Math.max(1e-3, concentration * nc * m))
  const profiles = new Float64Array(count * nc)
  const row = new Float64Array(nc)
  for (let z = 0; z < count; z++) profiles.set(dirichlet(rng, alpha, row), z * nc)
  const member = new Int32Array(users)
  for (let u = 0; u < users; u++) member[u] = randomInt(rng, count)
  return { profiles, member }
}
