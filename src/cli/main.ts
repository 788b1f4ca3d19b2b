import { Command } from "commander"
import { terminalSafe } from "../config/message-text"
import { UserError } from "../config/user-error"
import { registerWorld } from "./world"
import { registerEvaluate } from "./evaluate"
import { registerBenchmark } from "./benchmark"
import { registerSegments } from "./segments"
import { registerBasket } from "./basket"
import { registerSimulate } from "./simulate"

/** The `interest-lab` command line. Each sub-command lives in its own file and registers itself here. */
export function buildProgram(): Command {
  const program = new Command()
  program
    .name("interest-lab")
    .description("Explore and exploit user interests: synthetic worlds, bandit simulations, offline evaluation, reports.")
    .version(require("../../package.json").version as string)
  registerWorld(program)
  registerEvaluate(program)
  registerBenchmark(program)
  registerSegments(program)
  registerBasket(program)
  registerSimulate(program)
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
    await buildProgram().parseAsync(argv)
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`interest-lab: ${terminalSafe(error.message)}\n`)
      process.exit(2)
    }
    throw error
  }
}
