export * from "./state-format"
export * from "./policy-store"
