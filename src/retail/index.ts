export * from "./cleaning"
