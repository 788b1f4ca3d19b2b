import { BaseRecommender } from "../recommenders/base-recommender"
import { dotScores } from "../recommenders/factors"
import type { Explanation } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation, FACTOR_LEAD, factorContributions } from "../recommenders/explanation"
import {
  checkImplicitMfObjective,
  itemGramian,
  solveUserFactor,
  UserSolveScratch,
  type ImplicitMfObjective,
} from "./implicit-mf-objective"

/**
 * Recommending from shared item factors Y only (federated collaborative filtering, Ammad-ud-din et
 * al. 2019): every user solves her own vector x_u = argmin Σ_i c_ui (p_ui − xᵀy_i)² + λ‖x‖² from her
 * own row and the broadcast Y (`solveUserFactor`), then ranks items by Y·x_u. The server never sees
 * x_u; `fit` simulates every device at once. Unknown users get popularity (as every BaseRecommender).
 * @example new OnDeviceMf(fedMf.itemFactors_, { factors: 16, alpha: 2, regularization: 10 }).fit(train).recommend(0, 10)
 */
export class OnDeviceMf extends BaseRecommender {
  readonly name: string
  readonly config: Readonly<ImplicitMfObjective>
  /** x_u for every training user, row-major nUsers × f. */
  userFactors_: Float64Array = new Float64Array(0)

  constructor(
    readonly itemFactors: Float64Array,
    objective: ImplicitMfObjective,
    name = "on-device-mf",
  ) {
    super()
    checkImplicitMfObjective("OnDeviceMf", objective)
    if (itemFactors.length % objective.factors !== 0) {
      throw new Error(
        `OnDeviceMf: itemFactors has ${itemFactors.length} entries, not a multiple of factors = ${objective.factors}`,
      )
    }
    this.config = { ...objective }
    this.name = name
  }

  protected fitModel(train: Interactions): void {
    const f = this.config.factors
    if (this.itemFactors.length !== train.nItems * f) {
      throw new Error(
        `OnDeviceMf.fit: itemFactors holds ${this.itemFactors.length / f} items, the training data has ${train.nItems}`,
      )
    }
    const g = itemGramian(this.itemFactors, train.nItems, f, new Float64Array(f * f))
    const scratch = new UserSolveScratch(f)
    const x = new Float64Array(train.nUsers * f)
    for (let u = 0; u < train.nUsers; u++)
      solveUserFactor(train, u, this.itemFactors, g, this.config, x, u * f, scratch)
    this.userFactors_ = x
  }

  protected scoreKnownUser(user: number): Float64Array {
    return dotScores(this.userFactors_, user, this.itemFactors, this.fitted().nItems, this.config.factors)
  }

  /** One product x_uk·y_ik per latent factor. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const terms = factorContributions(this.userFactors_, user, this.itemFactors, item, this.config.factors)
    return additiveExplanation(item, this.scoreKnownUser(user)[item], terms, FACTOR_LEAD, "")
  }
}
