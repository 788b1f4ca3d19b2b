import type { Policy } from "../bandits/policy"
import { createRng } from "../random/rng"
import { BanditLogBuilder, type BanditLog, type BanditLogSchema, type BanditRound } from "../schema/bandit-log"
import type { TargetPolicy } from "../schema/target-policy"
import { DEVICES, REGIONS, type Context } from "../schema/world-types"
import type { EcommerceContext, EcommerceEnvironment } from "./ecommerce"

/** Names of the e-commerce context features, in `EcommerceContext.features` order. */
export const ECOMMERCE_FEATURE_NAMES: readonly string[] = [
  "bias",
  ...DEVICES.map((d) => `device=${d}`),
  "hourCos",
  "hourSin",
  "weekend",
  ...REGIONS.map((r) => `region=${r}`),
]

/** A logged e-commerce run: the bandit log (what off-policy evaluation reads) and who visited when (to rebuild policies' contexts). */
export interface EcommerceLog {
  /** One round per visit: the 12 context features, the shown arm, its reward and the logging propensity. */
  log: BanditLog
  /** The visitor of each round. */
  users: Int32Array
  /** The situation of each round (copies). */
  situations: Context[]
}

/**
 * Logs `visits` visits of the e-commerce world served by a behaviour policy, with its propensity
 * π₀(aᵢ | xᵢ) = `probabilities(context)[aᵢ]` taken just before the draw, as a `BanditLog` for
 * off-policy evaluation. With `learn` (default true) the policy learns while logging (an adaptive
 * logging policy: IPW stays unbiased because each round keeps the propensity it was drawn with).
 * Draws: the world's from stream 0 of `seed`, the policy's from stream 1. The environment is reset.
 * @example const { log } = logEcommercePolicy(env, new RandomPolicy({ arms: env.nArms }), 20000, 5)
 */
export function logEcommercePolicy(
  env: EcommerceEnvironment,
  policy: Policy<EcommerceContext>,
  visits: number,
  seed: number,
  learn = true,
): EcommerceLog {
  if (!(Number.isInteger(visits) && visits >= 1))
    throw new Error(`logEcommercePolicy: visits must be a positive integer, got ${visits}`)
  if (policy.nArms !== env.nArms)
    throw new Error(
      `logEcommercePolicy: policy '${policy.name}' has ${policy.nArms} arms, the environment ${env.nArms}`,
    )
  const envRng = createRng(seed, 0)
  const policyRng = createRng(seed, 1)
  env.reset(envRng)
  const schema: BanditLogSchema = {
    nActions: env.nArms,
    nPositions: 1,
    featureNames: ECOMMERCE_FEATURE_NAMES.slice(),
    categoricalNames: [],
    categoricalLevels: [],
    source: `${env.name} logged by ${policy.name} (${visits} visits, seed ${seed})`,
  }
  const round: BanditRound = {
    action: 0,
    position: 0,
    reward: 0,
    propensity: 1,
    context: new Float64Array(ECOMMERCE_FEATURE_NAMES.length),
    categorical: new Int32Array(0),
  }
  const builder = new BanditLogBuilder()
  const users: number[] = []
  const situations: Context[] = []
  for (let t = 0; t < visits; t++) {
    const ctx = env.context(t, envRng)
    if (!env.present()) continue
    const propensities = policy.probabilities(ctx)
    const action = policy.select(ctx, policyRng)
    const reward = env.reward(action, ctx, envRng)
    round.action = action
    round.reward = reward
    round.propensity = propensities[action]
    round.context.set(ctx.features)
    builder.push(round, schema)
    users.push(ctx.user)
    situations.push({ ...ctx.situation })
    if (learn) policy.update(action, reward, ctx)
  }
  return { log: builder.build(), users: Int32Array.from(users), situations }
}

/**
 * A `Policy` of src/bandits as an off-policy target on an {@link EcommerceLog}: round i's context
 * is rebuilt exactly (visitor, features, situation) and π(· | xᵢ) is the policy's `probabilities`.
 * The policy is read, never updated: evaluate a frozen policy.
 * @example evaluateOffPolicy(logged.log, new EcommerceLogTarget(policy, logged), { estimators: ["ipw", "dr"], rng })
 */
export class EcommerceLogTarget implements TargetPolicy {
  readonly name: string
  readonly nActions: number
  private readonly ctx: EcommerceContext

  constructor(
    readonly policy: Policy<EcommerceContext>,
    private readonly logged: EcommerceLog,
  ) {
    this.name = policy.name
    this.nActions = policy.nArms
    this.ctx = { user: 0, features: new Float64Array(ECOMMERCE_FEATURE_NAMES.length), situation: logged.situations[0] }
  }

  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
    if (log !== this.logged.log)
      throw new Error(`${this.name}: EcommerceLogTarget evaluates only the log it was built with`)
    const d = ECOMMERCE_FEATURE_NAMES.length
    const c = this.ctx
    c.user = this.logged.users[i]
    c.features.set(log.context.subarray(i * d, (i + 1) * d))
    c.situation = this.logged.situations[i]
    out.set(this.policy.probabilities(c))
  }
}
