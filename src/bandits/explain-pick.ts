import type { Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"
import { checkArm } from "./validate"

/**
 * The first maximiser of `values` (the greedy arm: the one a policy believes best).
 * @internal
 */
export function bestArm(values: ArrayLike<number>): number {
  let best = 0
  for (let a = 1; a < values.length; a++) if (values[a] > values[best]) best = a
  return best
}

/**
 * Why an index policy (UCB family, KL-UCB, Bayes-UCB, LinUCB, CLUB…) played `arm`: its index is its
 * estimate plus an exploration bonus. The pick is "exploit" when `arm` also has the best estimate (the
 * bonus changed nothing), "explore" when the bonus lifted it above a better-estimated arm or when it was
 * untried (index +∞). `estimates` holds every arm's estimate (a mean, a posterior mean, x·θ).
 * @example indexExplanation("ucb1", 2, 0.9, [0.5, 0.4, 0.6]).kind // "exploit"
 * @internal
 */
export function indexExplanation(
  who: string,
  arm: number,
  index: number,
  estimates: ArrayLike<number>,
  estimate = "estimate",
): Explanation {
  checkArm(who, arm, estimates.length)
  const mean = estimates[arm]
  const bonus = index - mean
  const best = bestArm(estimates)
  const greedy = estimates[arm] === estimates[best]
  const untried = index === Infinity
  const parts = `${estimate} ${formatValue(mean)} + bonus ${formatValue(bonus)} = index ${formatValue(index)}`
  return {
    item: arm,
    score: index,
    kind: greedy && !untried ? "exploit" : "explore",
    combine: "sum",
    contributions: [
      { label: estimate, value: mean },
      { label: "exploration bonus", value: bonus },
    ],
    text: untried
      ? `Arm ${arm} had not been tried yet, and untried arms go first: exploration`
      : greedy
        ? `Arm ${arm}: ${parts}; it also has the best ${estimate}: exploitation`
        : `Arm ${arm}: ${parts}; arm ${best} has the best ${estimate} (${formatValue(estimates[best])}) but a smaller bonus: exploration`,
  }
}

/**
 * Why a sampling policy (Thompson family, ensemble sampling, bootstrapped heads) played `arm`: it drew the
 * highest value `draw`, which is its `mean` (posterior or ensemble mean) plus the draw's deviation. The pick
 * is "exploit" when `arm` also has the best mean, "explore" when the randomness lifted it above a better arm.
 * @example sampleExplanation("thompson", 1, 0.7, [0.5, 0.4]).kind // "explore"
 * @internal
 */
export function sampleExplanation(
  who: string,
  arm: number,
  draw: number,
  means: ArrayLike<number>,
  mean = "posterior mean",
): Explanation {
  checkArm(who, arm, means.length)
  const best = bestArm(means)
  const greedy = means[arm] === means[best]
  const drew = `drew ${formatValue(draw)} around a ${mean} of ${formatValue(means[arm])}`
  return {
    item: arm,
    score: draw,
    kind: greedy ? "exploit" : "explore",
    combine: "sum",
    contributions: [
      { label: mean, value: means[arm] },
      { label: "the draw's deviation", value: draw - means[arm] },
    ],
    text: greedy
      ? `Arm ${arm} ${drew}, the best ${mean}: exploitation`
      : `Arm ${arm} ${drew}, while arm ${best} has the best ${mean} (${formatValue(means[best])}): exploration`,
  }
}

/**
 * Why a randomised policy (EXP3, softmax, gradient bandit, feedback re-weighting) played `arm`: the
 * probability it had against the most probable arm's; "exploit" when it is a most probable arm.
 * @example probabilityExplanation("exp3", 0, [0.7, 0.3]).kind // "exploit"
 * @internal
 */
export function probabilityExplanation(who: string, arm: number, probabilities: ArrayLike<number>): Explanation {
  checkArm(who, arm, probabilities.length)
  const top = bestArm(probabilities)
  const greedy = probabilities[arm] === probabilities[top]
  return {
    item: arm,
    score: probabilities[arm],
    kind: greedy ? "exploit" : "explore",
    combine: "none",
    contributions: [
      { label: `probability of arm ${arm}`, value: probabilities[arm] },
      { label: `probability of arm ${top}, the most probable`, value: probabilities[top] },
    ],
    text: greedy
      ? `Arm ${arm} was drawn with probability ${formatValue(probabilities[arm])}, the highest: exploitation`
      : `Arm ${arm} was drawn with probability ${formatValue(probabilities[arm])} while arm ${top} had ${formatValue(probabilities[top])}: exploration`,
  }
}

/**
 * Why an ε-greedy policy played `arm`: "explore" when its ε-coin fired (a uniformly random arm, whatever
 * it turned out to be), "exploit" when it did not (a best estimate).
 * @example coinExplanation("eps-0.1", 1, true, 0.1, [0.5, 0.4]).kind // "explore"
 * @internal
 */
export function coinExplanation(
  who: string,
  arm: number,
  explored: boolean,
  epsilon: number,
  estimates: ArrayLike<number>,
): Explanation {
  checkArm(who, arm, estimates.length)
  const best = bestArm(estimates)
  const coin = `the ε-coin (ε = ${formatValue(epsilon)})`
  return {
    item: arm,
    score: estimates[arm],
    kind: explored ? "explore" : "exploit",
    combine: "none",
    contributions: [
      { label: "estimate", value: estimates[arm] },
      { label: "ε", value: epsilon },
    ],
    text: explored
      ? `${coin} fired, so arm ${arm} was drawn uniformly at random${estimates[arm] === estimates[best] ? " (it happens to have the best estimate)" : ""}: exploration`
      : `Arm ${arm} has the best estimate (${formatValue(estimates[arm])}) and ${coin} did not fire: exploitation`,
  }
}
