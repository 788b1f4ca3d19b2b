export * from "./interactions"
export * from "./recommender"
export * from "./top-k"
