import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"

type Pair = readonly [string, string]

/** Opening phrases by rating (index 0 = 1 star … 4 = 5 stars), English/Chinese; `{n}` is the product noun. */
const OPENINGS: readonly (readonly Pair[])[] = [
  [
    ["Terrible {n}, broke after one day.", "这个{n}太差了，用了一天就坏了。"],
    ["Very disappointed, a waste of money.", "非常失望，浪费钱。"],
    ["Poor quality, I want a refund.", "质量很差，我要退款。"],
    ["Do not buy this {n}.", "千万别买这个{n}。"],
  ],
  [
    ["The {n} is not as described.", "{n}和描述不符。"],
    ["Bad fit and cheap material.", "不合适，材料也很廉价。"],
    ["Disappointing, would not buy again.", "令人失望，不会再买。"],
    ["Not really worth it.", "不太值这个价。"],
  ],
  [
    ["The {n} is okay for the price.", "这个{n}价格来说还行。"],
    ["Average quality, nothing special.", "质量一般，没什么特别。"],
    ["It does the job.", "能用。"],
    ["Mixed feelings about this {n}.", "对这个{n}感觉一般。"],
  ],
  [
    ["Good {n}, works well.", "{n}不错，很好用。"],
    ["Nice quality and fast delivery.", "质量好，发货快。"],
    ["Happy with it, good value.", "很满意，性价比高。"],
    ["Pretty good overall.", "总体挺好的。"],
  ],
  [
    ["Excellent {n}, I love it!", "非常好的{n}，超级喜欢！"],
    ["Perfect, exceeded my expectations.", "完美，超出预期。"],
    ["Great quality, highly recommend.", "质量很棒，强烈推荐。"],
    ["Best {n} I have bought.", "买过最好的{n}。"],
  ],
]

/** Remarks on one aspect of the purchase: positive, negative, or neutral (no sentiment). */
const ASPECTS: { positive: readonly Pair[]; negative: readonly Pair[]; neutral: readonly Pair[] } = {
  positive: [
    ["Delivery was quick.", "物流很快。"],
    ["The packaging was neat.", "包装很精致。"],
    ["Customer service was helpful.", "客服很耐心。"],
    ["The colour is exactly as shown.", "颜色和图片一样。"],
    ["Good value for money.", "物美价廉。"],
  ],
  negative: [
    ["Delivery took two weeks.", "物流太慢了，等了两周。"],
    ["The box arrived damaged.", "包装破损了。"],
    ["Customer service never replied.", "客服一直不回复。"],
    ["The colour looks different from the photos.", "颜色和图片不一样。"],
    ["A bit overpriced.", "价格偏贵。"],
  ],
  neutral: [
    ["Bought it for my sister.", "买给我妹妹的。"],
    ["Ordered on a weekday.", "工作日下的单。"],
    ["This is my second order from this shop.", "这是第二次在这家店买了。"],
    ["Used it for a week so far.", "目前用了一周。"],
  ],
}

/**
 * A review in English and Chinese for a rating (1..5): an opening phrase, then one or two
 * remarks on delivery, packaging, service or price. Like real reviews, the text is noisy: the
 * opening comes from a neighbouring rating 15% of the time, a 3-star review mixes a positive
 * and a negative remark, and other reviews carry a contrary remark 20% of the time. `rng` (the
 * simulator's stream) chooses the opening; `noise` (a separate stream) everything else, so the
 * extra variety does not change the events simulated after a review.
 */
export function reviewText(rating: number, nounEn: string, nounZh: string, rng: Rng, noise: Rng): [string, string] {
  let level = rating - 1
  const openingDraw = randomInt(rng, OPENINGS[level].length)
  randomInt(rng, 2) // keeps the simulator's stream aligned with earlier versions (two draws per review)
  if (noise.next() < 0.15) level = Math.min(4, Math.max(0, level + (noise.next() < 0.5 ? -1 : 1)))
  const opening = OPENINGS[level][openingDraw % OPENINGS[level].length]
  const remarks: Pair[] = []
  const pick = (pool: readonly Pair[]) => pool[randomInt(noise, pool.length)]
  if (rating === 3) {
    remarks.push(pick(ASPECTS.positive), pick(ASPECTS.negative))
  } else {
    const agrees = rating > 3 ? ASPECTS.positive : ASPECTS.negative
    const contrary = rating > 3 ? ASPECTS.negative : ASPECTS.positive
    remarks.push(pick(noise.next() < 0.2 ? contrary : agrees))
  }
  if (noise.next() < 0.5) remarks.push(pick(ASPECTS.neutral))
  // Shuffle the remarks' order so position carries no sentiment.
  if (remarks.length > 1 && noise.next() < 0.5) remarks.reverse()
  const en = [opening[0].replace("{n}", nounEn), ...remarks.map((r) => r[0])].join(" ")
  const zh = [opening[1].replace("{n}", nounZh), ...remarks.map((r) => r[1])].join("")
  return [en, zh]
}
