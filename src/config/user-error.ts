import { terminalSafe } from "./message-text"

/**
 * An error caused by the user's input (a config field, a file row, a flag). The CLI prints its
 * message as one line, without a stack trace, and exits with status 2. Control characters in the
 * message (a terminal escape or a line break quoted from the data) are shown as visible escapes.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(terminalSafe(message))
    this.name = "UserError"
  }
}
