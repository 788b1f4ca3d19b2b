/**
 * An error caused by the user's input (a config field, a file row, a flag). The CLI prints its
 * message as one line, without a stack trace, and exits with status 2.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "UserError"
  }
}
