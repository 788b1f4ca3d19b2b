export { UserError } from "./user-error"
export { validate, loadConfig } from "./load-config"
export { terminalSafe, quoteForMessage } from "./message-text"
