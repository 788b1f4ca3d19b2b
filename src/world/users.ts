import type { Rng } from "../random/rng"
import { beta } from "../random/beta"
import { categorical } from "../random/categorical"
import { dirichlet } from "../random/dirichlet"
import { gamma } from "../random/gamma"
import { normal } from "../random/normal"
import { randomInt } from "../random/uniform"
import type { Communities } from "./communities"
import type { WorldConfig } from "./config"
import { REGIONS } from "../schema/world-types"

/** The users of a world, column by column (index = user id). All of it is ground truth. */
export interface Users {
  /** Per-category Dirichlet concentration the user's interests were drawn with: small ⇒ focused. */
  concentration: Float64Array
  /** Interests at day 0, row-major users × categories, rows sum to 1. */
  interestStart: Float64Array
  /** Interests the user drifts towards, row-major users × categories. */
  interestEnd: Float64Array
  /** Share of the way from start to end interests reached on the last day, in [0, 1]. */
  drift: Float64Array
  /** Weight of log(price / category median) against buying: mean 1. */
  priceSensitivity: Float64Array
  /** Sessions per day. */
  activity: Float64Array
  /** In [0, 1]: chance-weight of browsing a random category, and taste for long-tail items. */
  noveltySeeking: Float64Array
  /** Logit penalty per earlier view of the same category in a session. */
  fatigue: Float64Array
  /** Preferred device (index into DEVICES). */
  device: Int32Array
  /** Home region (index into REGIONS). */
  region: Int32Array
  /** Ground-truth segment: 0 focused (concentration below the median), 1 broad. */
  segment: Uint8Array
  /** Taste community of each user (−1 for all when the world has no communities). */
  community: Int32Array
}

/**
 * Generates users with Dirichlet interests around the market shares, each with its own concentration.
 * With `communities`, the interests are then redrawn around the user's community profile from
 * `communities.rng`, so every other trait is exactly as without communities.
 */
export function generateUsers(
  config: WorldConfig,
  marketShare: Float64Array,
  rng: Rng,
  communities?: Communities & { rng: Rng },
): Users {
  const n = config.users
  const nc = marketShare.length
  const concentration = new Float64Array(n)
  const interestStart = new Float64Array(n * nc)
  const interestEnd = new Float64Array(n * nc)
  const drift = new Float64Array(n)
  const priceSensitivity = new Float64Array(n)
  const activity = new Float64Array(n)
  const noveltySeeking = new Float64Array(n)
  const fatigue = new Float64Array(n)
  const device = new Int32Array(n)
  const region = new Int32Array(n)
  const segment = new Uint8Array(n)
  const alpha = new Float64Array(nc)
  const row = new Float64Array(nc)
  const deviceShare = [0.62, 0.3, 0.08]
  for (let u = 0; u < n; u++) {
    const c = config.interestConcentration * Math.exp(config.concentrationSpread * normal(rng))
    concentration[u] = c
    segment[u] = c < config.interestConcentration ? 0 : 1
    for (let k = 0; k < nc; k++) alpha[k] = Math.max(1e-3, c * nc * marketShare[k])
    interestStart.set(dirichlet(rng, alpha, row), u * nc)
    interestEnd.set(dirichlet(rng, alpha, row), u * nc)
    if (communities) {
      // The independent draws above keep `rng` where it was without communities; they are replaced here.
      const z = communities.member[u]
      for (let k = 0; k < nc; k++) alpha[k] = Math.max(1e-3, c * nc * communities.profiles[z * nc + k])
      interestStart.set(dirichlet(communities.rng, alpha, row), u * nc)
      interestEnd.set(dirichlet(communities.rng, alpha, row), u * nc)
    }
    // Beta with mean `drift` (concentration 4), so some users barely drift and some change a lot.
    drift[u] = config.drift <= 0 ? 0 : config.drift >= 1 ? 1 : beta(rng, 4 * config.drift, 4 * (1 - config.drift))
    priceSensitivity[u] = gamma(rng, 4, 0.25)
    activity[u] = gamma(rng, 2, config.sessionsPerDay / 2)
    noveltySeeking[u] = beta(rng, 2, 5)
    fatigue[u] = gamma(rng, 2, 0.04)
    device[u] = categorical(rng, deviceShare)
    region[u] = randomInt(rng, REGIONS.length)
  }
  const community = communities ? Int32Array.from(communities.member) : new Int32Array(n).fill(-1)
  return {
    concentration,
    interestStart,
    interestEnd,
    drift,
    priceSensitivity,
    activity,
    noveltySeeking,
    fatigue,
    device,
    region,
    segment,
    community,
  }
}
