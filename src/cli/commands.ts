import type { Command } from "commander"
import { COMMAND_DESCRIPTIONS, type CommandName } from "./command-descriptions"

/**
 * Adds one sub-command, with its flags and action, to `program`. `argv` is the raw command line
 * the program parses: the command records it (see `recordedCommandLine`) in what it writes.
 */
export type RegisterCommand = (program: Command, argv: readonly string[]) => void

/** A sub-command of `interest-lab`: its one-line description, and its module, required only when the sub-command runs. */
interface SubCommand {
  description: string
  register: () => RegisterCommand
}

const modules: Record<CommandName, () => RegisterCommand> = {
  world: () => (require("./world") as typeof import("./world")).registerWorld,
  evaluate: () => (require("./evaluate") as typeof import("./evaluate")).registerEvaluate,
  benchmark: () => (require("./benchmark") as typeof import("./benchmark")).registerBenchmark,
  segments: () => (require("./segments") as typeof import("./segments")).registerSegments,
  basket: () => (require("./basket") as typeof import("./basket")).registerBasket,
  simulate: () => (require("./simulate") as typeof import("./simulate")).registerSimulate,
}

/**
 * The sub-commands, in the order `--help` lists them. `--help` needs only the names and descriptions;
 * each module (and the library code it pulls in) loads when its sub-command is named. The modules
 * take their descriptions from `command-descriptions.ts`, never from here, so nothing imports in a cycle.
 */
export const SUB_COMMANDS: Record<string, SubCommand> = Object.fromEntries(
  (Object.keys(COMMAND_DESCRIPTIONS) as CommandName[]).map((name) => [name, { description: COMMAND_DESCRIPTIONS[name], register: modules[name] }]),
)
