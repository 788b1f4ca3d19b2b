export * from "./ranks"
export * from "./distributions"
export * from "./bootstrap"
export * from "./paired-tests"
