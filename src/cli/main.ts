import { Command, Help } from "commander"
import { terminalSafe } from "../config/message-text"
import { UserError } from "../config/user-error"
import { SUB_COMMANDS } from "./commands"

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
    .description("Explore and exploit user interests: synthetic worlds, bandit simulations, offline evaluation, reports.")
    .version(require("../../package.json").version as string)
  const named = argv[2] === "help" ? argv[3] : argv[2]
  if (named !== undefined && Object.hasOwn(SUB_COMMANDS, named)) SUB_COMMANDS[named].register()(program, argv)
  else {
    for (const [name, { description }] of Object.entries(SUB_COMMANDS)) program.command(name).description(description)
    // Every sub-command takes options; the listing says so as when they are registered in full.
    const plain = new Help()
    program.configureHelp({ subcommandTerm: (command) => (Object.hasOwn(SUB_COMMANDS, command.name()) ? `${command.name()} [options]` : plain.subcommandTerm(command)) })
  }
  for (const command of [program, ...program.commands]) oneLineUsageErrors(command, command === program ? "interest-lab" : `interest-lab ${command.name()}`)
  return program
}

/** A missing or unknown flag or argument: one line and where the help is, exit status 2 like every input error. */
function oneLineUsageErrors(command: Command, name: string): void {
  command
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(`interest-lab: ${terminalSafe(text.replace(/^error: /, "").trim().replace(/\s*\n\s*/g, " "))} (see '${name} --help')\n`) })
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
