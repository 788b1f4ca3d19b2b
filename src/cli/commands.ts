import type { Command } from "commander"

/**
 * The one-line description of each sub-command of `interest-lab`, in the order `--help` lists them.
 * `--help` needs only these; each command module reads its own line here, and `main.ts` loads a
 * module only when its sub-command is named. This file imports no command module, so nothing
 * imports in a cycle.
 */
export const COMMAND_DESCRIPTIONS = {
  world:
    "Generate a synthetic e-commerce world (catalogue, users, events, reviews) as CSV files and an overview report",
  evaluate:
    "Estimate a target policy's value from logged bandit data (replay, IPW, SNIPW, DM, DR, SNDR, switch-DR) and write report.html, summary.json, config.json",
  benchmark:
    "Reproducible recommender benchmark on real retail data: train before a date, find each customer's new items after it",
  segments:
    "RFM customer segmentation (k-means on standardised log1p recency, frequency, monetary) with elbow and silhouette",
  basket:
    "Market-basket analysis: frequent itemsets (FP-growth) and association rules on the invoices of one country or all",
  simulate:
    "Run a bandit simulation (policies × environment, R runs × T steps) and write report.html, summary.json, steps.csv, config.json",
} as const

/** The name of a sub-command. */
export type CommandName = keyof typeof COMMAND_DESCRIPTIONS

/**
 * Adds one sub-command, with its flags and action, to `program`. `argv` is the raw command line
 * the program parses; the command records it (see `runProvenance`) in what it writes.
 */
export type RegisterCommand = (program: Command, argv: readonly string[]) => void
