import type { Command } from "commander"

/** A sub-command of `interest-lab`: its one-line description, and its module, required only when the sub-command runs. */
interface SubCommand {
  description: string
  register: () => (program: Command) => void
}

/**
 * The sub-commands, in the order `--help` lists them. `--help` needs only the names and descriptions;
 * each module (and the library code it pulls in) loads when its sub-command is named.
 */
export const SUB_COMMANDS: Record<string, SubCommand> = {
  world: {
    description: "Generate a synthetic e-commerce world (catalogue, users, events, reviews) as CSV files and an overview report",
    register: () => (require("./world") as typeof import("./world")).registerWorld,
  },
  evaluate: {
    description: "Estimate a target policy's value from logged bandit data (replay, IPW, SNIPW, DM, DR, SNDR, switch-DR) and write report.html, summary.json, config.json",
    register: () => (require("./evaluate") as typeof import("./evaluate")).registerEvaluate,
  },
  benchmark: {
    description: "Reproducible recommender benchmark on real retail data: train before a date, find each customer's new items after it",
    register: () => (require("./benchmark") as typeof import("./benchmark")).registerBenchmark,
  },
  segments: {
    description: "RFM customer segmentation (k-means on standardised log1p recency, frequency, monetary) with elbow and silhouette",
    register: () => (require("./segments") as typeof import("./segments")).registerSegments,
  },
  basket: {
    description: "Market-basket analysis: frequent itemsets (FP-growth) and association rules on the invoices of one country or all",
    register: () => (require("./basket") as typeof import("./basket")).registerBasket,
  },
  simulate: {
    description: "Run a bandit simulation (policies × environment, R runs × T steps) and write report.html, summary.json, steps.csv, config.json",
    register: () => (require("./simulate") as typeof import("./simulate")).registerSimulate,
  },
}
