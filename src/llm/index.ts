export type { TaggerInput, WeightedTag, InterestTagger } from "./interest-tagger"
export { ProfileTagger } from "./profile-tagger"
export { OpenAiCompatibleTagger } from "./openai-compatible-tagger"
export type { OpenAiCompatibleOptions } from "./openai-compatible-tagger"
