/**
 * interest-lab: the public API. Notebooks, the CLI and users import only from here.
 */
export * from "./random"
export * from "./report"
export * from "./bandits"
export * from "./recommenders"
export * from "./config"
export * from "./data"
export * from "./retail"
export * from "./world"
export * from "./evaluation"
export * from "./text"
export * from "./behavior"
export * from "./simulation"
export * from "./evaluation/beyond-accuracy"
export * from "./neural"
