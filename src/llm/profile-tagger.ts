import type { WeightedTag, InterestTagger, TaggerInput } from "./interest-tagger"

/**
 * The in-project default tagger: the user's `maxTags` heaviest categories of a (time-decayed)
 * profile whose weight is at least `minWeight`, heaviest first (ties to the earlier category).
 * @example await new ProfileTagger({ maxTags: 3 }).tag({ user: 0, categoryProfile: row, categoryNames })
 */
export class ProfileTagger implements InterestTagger {
  readonly name = "profile"
  readonly config: { maxTags: number; minWeight: number }

  constructor(options: { maxTags?: number; minWeight?: number } = {}) {
    const maxTags = options.maxTags ?? 3
    const minWeight = options.minWeight ?? 0.1
    if (!Number.isInteger(maxTags) || maxTags < 1)
      throw new Error(`ProfileTagger: maxTags must be a positive integer, got ${maxTags}`)
    if (!(minWeight >= 0 && minWeight <= 1))
      throw new Error(`ProfileTagger: minWeight must be in [0, 1], got ${minWeight}`)
    this.config = { maxTags, minWeight }
  }

  tag(input: TaggerInput): Promise<WeightedTag[]> {
    const p = input.categoryProfile
    if (p.length !== input.categoryNames.length) {
      return Promise.reject(
        new Error(
          `ProfileTagger: categoryProfile has ${p.length} entries for ${input.categoryNames.length} category names`,
        ),
      )
    }
    const tags = Array.from({ length: p.length }, (_, c) => c)
      .filter((c) => p[c] >= this.config.minWeight)
      .sort((a, b) => p[b] - p[a] || a - b)
      .slice(0, this.config.maxTags)
      .map((c) => ({ tag: input.categoryNames[c], weight: p[c] }))
    return Promise.resolve(tags)
  }
}
