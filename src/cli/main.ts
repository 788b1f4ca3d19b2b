import { Command, Help } from "commander"
import { terminalSafe } from "../config/message-text"
import { UserError } from "../config/user-error"
import { COMMAND_DESCRIPTIONS, type CommandName, type RegisterCommand } from "./commands"

/** Each sub-command's module, required only when the sub-command is named. */
const REGISTER: Record<CommandName, () => RegisterCommand> = {
  world: () => (require("./world") as typeof import("./world")).registerWorld,
  evaluate: () => (require("./evaluate") as typeof import("./evaluate")).registerEvaluate,
  benchmark: () => (require("./benchmark") as typeof import("./benchmark")).registerBenchmark,
  segments: () => (require("./segments") as typeof import("./segments")).registerSegments,
  basket: () => (require("./basket") as typeof import("./basket")).registerBasket,
  simulate: () => (require("./simulate") as typeof import("./simulate")).registerSimulate,
}

const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMAND_DESCRIPTIONS, name)

/**
 * The `interest-lab` command line. Each sub-command lives in its own file and registers itself here:
 * only the one that `argv` names (also as `help <command>`), so a run loads one sub-command's code.
 * Otherwise (`--help`, `--version`, an unknown command) every sub-command appears by name and
 * description alone, and none of their modules loads.
 */
export function buildProgram(argv: string[] = []): Command {
  const program = new Command()
  program
    .name("interest-lab")
    .description(
      "Explore and exploit user interests: synthetic worlds, bandit simulations, offline evaluation, reports.",
    )
    .version(require("../../package.json").version as string)
  const named = argv[2] === "help" ? argv[3] : argv[2]
  if (named !== undefined && isCommandName(named)) REGISTER[named]()(program, argv)
  else {
    for (const [name, description] of Object.entries(COMMAND_DESCRIPTIONS))
      program.command(name).description(description)
    // Every sub-command takes options; the listing says so as when they are registered in full.
    const plain = new Help()
    program.configureHelp({
      subcommandTerm: (command) =>
        isCommandName(command.name()) ? `${command.name()} [options]` : plain.subcommandTerm(command),
    })
  }
  for (const command of [program, ...program.commands])
    oneLineUsageErrors(command, command === program ? "interest-lab" : `interest-lab ${command.name()}`)
  return program
}

/** A missing or unknown flag or argument: one line and where the help is, exit status 2 like every input error. */
function oneLineUsageErrors(command: Command, name: string): void {
  command
    .showHelpAfterError(false)
    .configureOutput({
      outputError: (text, write) =>
        write(
          `interest-lab: ${terminalSafe(
            text
              .replace(/^error: /, "")
              .trim()
              .replace(/\s*\n\s*/g, " "),
          )} (see '${name} --help')\n`,
        ),
    })
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram(argv).parseAsync(argv)
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`interest-lab: ${terminalSafe(error.message)}\n`)
      process.exit(2)
    }
    throw error
  }
}
