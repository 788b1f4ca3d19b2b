export { UserError } from "./user-error"
export { validate, loadConfig } from "./load-config"
export { terminalSafe, quoteForMessage } from "./message-text"
export {
  checkOptions,
  defineOptions,
  optionProblem,
  optionRule,
  type CheckedOptions,
  type OptionField,
  type OptionFields,
  type OptionsOf,
  type OptionsSchema,
} from "./option-schema"
