import { Command } from "commander"
import { UserError } from "../config/user-error"
import { registerWorld } from "./world"

/** The `interest-lab` command line. Each sub-command lives in its own file and registers itself here. */
export function buildProgram(): Command {
  const program = new Command()
  program
    .name("interest-lab")
    .description("Explore and exploit user interests: synthetic worlds, bandit simulations, offline evaluation, reports.")
    .version(require("../../package.json").version as string)
    .showHelpAfterError()
  registerWorld(program)
  return program
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`interest-lab: ${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
}
