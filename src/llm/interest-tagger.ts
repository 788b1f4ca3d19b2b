/** What a tagger sees about one user. */
export interface TaggerInput {
  user: number
  /** The user's interest weight per category (e.g. a time-decayed profile row; sums to 1). */
  categoryProfile: ArrayLike<number>
  /** Category names, same order as categoryProfile. */
  categoryNames: readonly string[]
}

/** One interest tag with its weight in [0, 1]. */
export interface WeightedTag {
  tag: string
  weight: number
}

/**
 * The one interface for turning a user's behaviour into readable interest tags. The lab's default
 * is `ProfileTagger` (in-project, no network); `OpenAiCompatibleTagger` is an optional adapter to
 * an external language model, off unless configured.
 */
export interface InterestTagger {
  readonly name: string
  tag(input: TaggerInput): Promise<WeightedTag[]>
}
