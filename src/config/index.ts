export * from "./user-error"
export * from "./load-config"
