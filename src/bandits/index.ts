export * from "./policy"
