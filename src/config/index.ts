export * from "./user-error"
export * from "./load-config"
export * from "./message-text"
export { checkOptions, defineOptions, optionProblem, optionRule, type CheckedOptions, type OptionField, type OptionFields, type OptionsOf, type OptionsSchema } from "./option-schema"
