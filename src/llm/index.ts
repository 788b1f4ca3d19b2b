export * from "./interest-tagger"
export * from "./profile-tagger"
export * from "./openai-compatible-tagger"
