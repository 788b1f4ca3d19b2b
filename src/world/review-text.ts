import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"

/** Review phrases by rating (index 0 = 1 star … 4 = 5 stars), paired English/Chinese; `{n}` is the product noun. */
const PHRASES: readonly (readonly (readonly [string, string])[])[] = [
  [
    ["Terrible {n}, broke after one day.", "这个{n}太差了，用了一天就坏了。"],
    ["Very disappointed, a waste of money.", "非常失望，浪费钱。"],
    ["Poor quality, I want a refund.", "质量很差，我要退款。"],
  ],
  [
    ["The {n} is not as described.", "{n}和描述不符。"],
    ["Bad fit and cheap material.", "不合适，材料也很廉价。"],
    ["Disappointing, would not buy again.", "令人失望，不会再买。"],
  ],
  [
    ["The {n} is okay for the price.", "这个{n}价格来说还行。"],
    ["Average quality, nothing special.", "质量一般，没什么特别。"],
    ["Delivery was slow but the item is fine.", "物流有点慢，东西还可以。"],
  ],
  [
    ["Good {n}, works well.", "{n}不错，很好用。"],
    ["Nice quality and fast delivery.", "质量好，发货快。"],
    ["Happy with it, good value.", "很满意，性价比高。"],
  ],
  [
    ["Excellent {n}, I love it!", "非常好的{n}，超级喜欢！"],
    ["Perfect, exceeded my expectations.", "完美，超出预期。"],
    ["Great quality, highly recommend.", "质量很棒，强烈推荐。"],
  ],
]

/** A two-sentence review in English and Chinese whose sentiment follows the rating (1..5). */
export function reviewText(rating: number, nounEn: string, nounZh: string, rng: Rng): [string, string] {
  const pool = PHRASES[rating - 1]
  const a = randomInt(rng, pool.length)
  let b = randomInt(rng, pool.length - 1)
  if (b >= a) b++
  return [
    `${pool[a][0].replace("{n}", nounEn)} ${pool[b][0].replace("{n}", nounEn)}`,
    `${pool[a][1].replace("{n}", nounZh)}${pool[b][1].replace("{n}", nounZh)}`,
  ]
}
