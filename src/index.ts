/**
 * interest-lab: the public API. Notebooks, the CLI and users import only from here.
 */
export * from "./random"
export * from "./report"
export * from "./bandits"
export * from "./recommenders"
export * from "./config"
export * from "./data"
export * from "./world"
export * from "./privacy"
export * from "./federated"
export * from "./text"
export * from "./behavior"
export * from "./evaluation"
export * from "./coldstart"
export * from "./business"
export * from "./llm"
