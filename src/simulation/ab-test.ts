import type { Policy } from "../bandits/policy"
import { createRng } from "../random/rng"
import { MixtureSprt, type SequentialTestState } from "../stats/sequential-test"
import { twoProportionZTest, welchTTest, type TwoSampleTestResult } from "../stats/two-sample-tests"
import { deltaMethodZTest, StreamingRatio } from "../stats/ratio-metric"
import { wilsonInterval } from "../stats/wilson-interval"
import type { EcommerceContext, EcommerceEnvironment } from "./ecommerce"

/** Options of {@link runAbTest}. */
export interface AbTestOptions {
  /** The control A and the treatment B, used as given (not reset: train them first, or pass fresh ones). */
  policies: readonly [Policy<EcommerceContext>, Policy<EcommerceContext>]
  /** Visits (steps) of the experiment: its planned horizon. */
  visits: number
  /** Seeds the world's visits and noise, the users' assignment and the policies' draws. */
  seed: number
  /** Share of the users randomised to B (default 0.5). */
  treatmentShare?: number
  /** Level of every test (default 0.05). */
  alpha?: number
  /** The mSPRT's mixing standard deviation τ, in the reward's units (default 0.01: effects of about a CTR point). */
  tau?: number
  /** Visits of each arm before the mSPRT is checked (default 100). */
  burnIn?: number
  /** How many times, evenly spaced, the peeking experimenter looks at the fixed-horizon z-test (default 20; the last look is the horizon). */
  looks?: number
  /** Whether each policy learns from its own arm's feedback during the test (default true; false: frozen policies). */
  learn?: boolean
  /**
   * Whether to compute each policy's true value on every visit, V(π) = mean over visits of
   * Σₐ π(a | x) q(x, a) with the world's expected reward q (default true). Ground truth for the
   * report only: no policy sees it.
   */
  groundTruth?: boolean
}

/** One arm of a finished A/B test. */
export interface AbArm {
  policy: string
  /** Users randomised to the arm, and those of them who visited. */
  users: number
  activeUsers: number
  visits: number
  clicks: number
  purchases: number
  revenue: number
  /** Mean reward per visit (the environment's reward: CTR for clicks, conversion for purchases). */
  rate: number
  /** The policy's true value over all the test's visits (both arms' users), or NaN without `groundTruth`. */
  trueValue: number
}

/** The tests at one look. */
export interface AbLook {
  visit: number
  /** mean(B) − mean(A) per visit so far. */
  difference: number
  /** The fixed-horizon (delta-method) z-test's p-value and interval (level 1 − α) if the experimenter stopped here. */
  fixedPValue: number
  fixedInterval: [number, number]
  /** The mSPRT's always-valid p-value and confidence sequence here. */
  sequentialPValue: number
  sequentialInterval: [number, number]
}

/** A finished A/B test. */
export interface AbTestResult {
  arms: [AbArm, AbArm]
  /** The planned analysis at the horizon: z-test of the click rates with delta-method variances over users, the randomised units. */
  fixedHorizon: TwoSampleTestResult
  /** The two-proportion z-test on visits at the horizon, as if visits were independent (they are not: a user's visits are correlated). */
  visitLevel: TwoSampleTestResult
  /** Welch's t-test on per-user mean rewards at the horizon (users are the randomised units), or null with fewer than 2 active users in an arm. */
  perUser: (TwoSampleTestResult & { degreesOfFreedom: number }) | null
  /** The mSPRT with users as units (delta-method variance), checked after every visit, at the horizon. */
  sequential: SequentialTestState
  /** The first visit at which the mSPRT rejected H₀ (null: never). */
  sequentialStop: number | null
  /** The first look at which the z-test had p ≤ α: where a peeking experimenter stops (null: never). */
  peekingStop: number | null
  looks: AbLook[]
}

function checkAbOptions(o: AbTestOptions): Required<AbTestOptions> {
  const r = {
    treatmentShare: 0.5,
    alpha: 0.05,
    tau: 0.01,
    burnIn: 100,
    looks: 20,
    learn: true,
    groundTruth: true,
    ...o,
  }
  if (o.policies.length !== 2) throw new Error(`runAbTest: policies must be two (A and B), got ${o.policies.length}`)
  if (!(Number.isInteger(r.visits) && r.visits >= 2))
    throw new Error(`runAbTest: visits must be an integer >= 2, got ${r.visits}`)
  if (!Number.isSafeInteger(r.seed)) throw new Error(`runAbTest: seed must be a safe integer, got ${r.seed}`)
  if (!(r.treatmentShare > 0 && r.treatmentShare < 1))
    throw new Error(`runAbTest: treatmentShare must be in (0, 1), got ${r.treatmentShare}`)
  if (!(Number.isInteger(r.looks) && r.looks >= 1 && r.looks <= r.visits))
    throw new Error(`runAbTest: looks must be an integer in [1, visits = ${r.visits}], got ${r.looks}`)
  return r
}

/**
 * Runs an online A/B test of two policies on the synthetic e-commerce world: every user is
 * randomised once (seeded) to A or B, each visit is served by the visitor's arm's policy, which
 * learns only from its own arm's feedback (`learn`), and clicks, purchases and revenue are recorded
 * per arm. The environment's reward (click or purchase, 0/1) is the tested metric, a rate per visit.
 * Users are the randomised units and a user's visits are correlated, so the variances are the
 * delta-method variances of the ratios clicks/visits over users (Deng et al. 2018). At the horizon
 * the test is analysed by that z-test (and, for comparison, by the per-visit z-test and by Welch's
 * t-test on per-user means); along the way by the mixture SPRT (Johari et al. 2022), checked after
 * every visit, and by the z-test a peeking experimenter looks at `looks` times.
 * The world's draws come from stream 0 of `seed`, the assignment from stream 1, policy A's and B's
 * draws from streams 2 and 3.
 * @example
 * const env = new EcommerceEnvironment({ world: { users: 2000, items: 300, seed: 7 } })
 * const r = runAbTest(env, { policies: [createPolicy({ type: "random" }, env, 0, 1), createPolicy({ type: "epsilon-greedy" }, env, 1, 2)], visits: 20000, seed: 1 })
 * r.sequentialStop // the visit at which the mSPRT stopped, or null
 */
export function runAbTest(env: EcommerceEnvironment, options: AbTestOptions): AbTestResult {
  const o = checkAbOptions(options)
  if (env.options.reward === "revenue")
    throw new Error(
      'runAbTest: the environment rewards revenue; the tests need 0/1 rewards (reward "click" or "purchase")',
    )
  const [policyA, policyB] = o.policies
  for (const p of o.policies)
    if (p.nArms !== env.nArms)
      throw new Error(`runAbTest: policy '${p.name}' has ${p.nArms} arms, the environment ${env.nArms}`)
  const nUsers = env.world.nUsers
  const assignment = new Uint8Array(nUsers)
  const assignRng = createRng(o.seed, 1)
  const armUsers = [0, 0]
  for (let u = 0; u < nUsers; u++) {
    assignment[u] = assignRng.next() < o.treatmentShare ? 1 : 0
    armUsers[assignment[u]]++
  }
  const envRng = createRng(o.seed, 0)
  const policyRngs = [createRng(o.seed, 2), createRng(o.seed, 3)]
  const policies = [policyA, policyB]
  env.reset(envRng)
  const userSum = new Float64Array(nUsers)
  const userVisits = new Int32Array(nUsers)
  const visits = [0, 0]
  const clicks = [0, 0]
  const purchases = [0, 0]
  const revenue = [0, 0]
  const rewardSum = [0, 0]
  const trueSum = [0, 0]
  const q = new Float64Array(env.nArms)
  const sprt = new MixtureSprt({ tau: o.tau, alpha: o.alpha, burnIn: o.burnIn, units: nUsers })
  const ratios = [new StreamingRatio(nUsers), new StreamingRatio(nUsers)]
  let sequentialStop: number | null = null
  let peekingStop: number | null = null
  const looks: AbLook[] = []
  let nextLook = 1
  for (let t = 0; t < o.visits; t++) {
    const ctx = env.context(t, envRng)
    if (env.present()) {
      const arm = assignment[ctx.user]
      const policy = policies[arm]
      if (o.groundTruth) {
        env.expectedRewards(ctx, q)
        for (let k = 0; k < 2; k++) {
          const pi = policies[k].probabilities(ctx)
          let v = 0
          for (let a = 0; a < q.length; a++) v += pi[a] * q[a]
          trueSum[k] += v
        }
      }
      const action = policy.select(ctx, policyRngs[arm])
      const reward = env.reward(action, ctx, envRng)
      if (o.learn) policy.update(action, reward, ctx)
      const outcome = env.lastOutcome()
      visits[arm]++
      clicks[arm] += outcome.click
      purchases[arm] += outcome.purchase
      revenue[arm] += outcome.revenue
      rewardSum[arm] += reward
      userSum[ctx.user] += reward
      userVisits[ctx.user]++
      ratios[arm].push(ctx.user, reward)
      sprt.push(arm, reward, ctx.user)
      if (sprt.check() && sequentialStop === null) sequentialStop = t + 1
    }
    if (t + 1 >= Math.round((nextLook * o.visits) / o.looks)) {
      const look = lookAt(t + 1, ratios, sprt, 1 - o.alpha)
      if (look) {
        looks.push(look)
        if (peekingStop === null && look.fixedPValue <= o.alpha) peekingStop = t + 1
      }
      nextLook++
    }
  }
  if (ratios[0].sums.units < 2 || ratios[1].sums.units < 2) {
    throw new Error(
      `runAbTest: each arm needs visits from at least 2 users, got ${ratios[0].sums.units} (A) and ${ratios[1].sums.units} (B); run more visits`,
    )
  }
  const perUserMeans: [number[], number[]] = [[], []]
  for (let u = 0; u < nUsers; u++) if (userVisits[u] > 0) perUserMeans[assignment[u]].push(userSum[u] / userVisits[u])
  const totalVisits = visits[0] + visits[1]
  const arm = (k: number): AbArm => ({
    policy: policies[k].name,
    users: armUsers[k],
    activeUsers: perUserMeans[k].length,
    visits: visits[k],
    clicks: clicks[k],
    purchases: purchases[k],
    revenue: revenue[k],
    rate: rewardSum[k] / visits[k],
    trueValue: o.groundTruth ? trueSum[k] / totalVisits : NaN,
  })
  return {
    arms: [arm(0), arm(1)],
    fixedHorizon: deltaMethodZTest(ratios[0].sums, ratios[1].sums, 1 - o.alpha),
    visitLevel: twoProportionZTest(rewardSum[0], visits[0], rewardSum[1], visits[1], 1 - o.alpha),
    perUser:
      perUserMeans[0].length >= 2 && perUserMeans[1].length >= 2
        ? welchOrNull(perUserMeans[0], perUserMeans[1], o.alpha)
        : null,
    sequential: sprt.latest(),
    sequentialStop,
    peekingStop,
    looks,
  }
}

function welchOrNull(
  a: number[],
  b: number[],
  alpha: number,
): (TwoSampleTestResult & { degreesOfFreedom: number }) | null {
  let constant = true
  for (const x of [...a, ...b]) if (x !== a[0]) constant = false
  return constant ? null : welchTTest(a, b, 1 - alpha)
}

function lookAt(visit: number, ratios: StreamingRatio[], sprt: MixtureSprt, level: number): AbLook | null {
  if (ratios[0].sums.units < 2 || ratios[1].sums.units < 2) return null
  const z = deltaMethodZTest(ratios[0].sums, ratios[1].sums, level)
  const s = sprt.latest()
  return {
    visit,
    difference: z.difference,
    fixedPValue: z.pValue,
    fixedInterval: z.interval,
    sequentialPValue: s.pValue,
    sequentialInterval: s.interval,
  }
}

/** A rejection rate over simulated experiments with its Wilson 95% Monte Carlo interval. */
export interface RejectionRate {
  rejections: number
  rate: number
  interval: [number, number]
}

/** What {@link abTestErrorRates} measures. */
export interface AbTestErrorRates {
  runs: number
  /** The delta-method z-test at the planned horizon. */
  fixedHorizon: RejectionRate
  /** The per-visit z-test at the planned horizon. */
  visitLevel: RejectionRate
  /** The z-test looked at `looks` times, stopping at the first p ≤ α. */
  peeking: RejectionRate
  /** Welch's t-test on per-user means at the horizon. */
  perUser: RejectionRate
  /** The mSPRT checked after every visit. */
  sequential: RejectionRate
}

/**
 * How often each analysis of `runs` seeded A/B tests rejects H₀: with two copies of one policy (an
 * A/A test) these are false-positive rates, which should be at most α; otherwise, power.
 * Run r uses seed `seed + r` and fresh policies from `makePolicies(r)`; ground truth is not computed.
 * @example abTestErrorRates(env, (r) => [createPolicy({ type: "random" }, env, 0, r), createPolicy({ type: "random" }, env, 1, r)], { visits: 5000, seed: 1 }, 200).peeking.rate
 */
export function abTestErrorRates(
  env: EcommerceEnvironment,
  makePolicies: (run: number) => readonly [Policy<EcommerceContext>, Policy<EcommerceContext>],
  options: Omit<AbTestOptions, "policies" | "groundTruth">,
  runs: number,
): AbTestErrorRates {
  if (!(Number.isInteger(runs) && runs >= 1))
    throw new Error(`abTestErrorRates: runs must be a positive integer, got ${runs}`)
  const count = { fixedHorizon: 0, visitLevel: 0, peeking: 0, perUser: 0, sequential: 0 }
  const alpha = options.alpha ?? 0.05
  for (let r = 0; r < runs; r++) {
    const result = runAbTest(env, { ...options, seed: options.seed + r, policies: makePolicies(r), groundTruth: false })
    if (result.fixedHorizon.pValue <= alpha) count.fixedHorizon++
    if (result.visitLevel.pValue <= alpha) count.visitLevel++
    if (result.peekingStop !== null) count.peeking++
    if (result.perUser && result.perUser.pValue <= alpha) count.perUser++
    if (result.sequentialStop !== null) count.sequential++
  }
  const rate = (k: number): RejectionRate => ({ rejections: k, rate: k / runs, interval: wilsonInterval(k, runs) })
  return {
    runs,
    fixedHorizon: rate(count.fixedHorizon),
    visitLevel: rate(count.visitLevel),
    peeking: rate(count.peeking),
    perUser: rate(count.perUser),
    sequential: rate(count.sequential),
  }
}
