export * from "./user-error"
export * from "./load-config"
export * from "./message-text"
