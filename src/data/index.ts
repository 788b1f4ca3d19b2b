export * from "./csv-error"
export * from "./csv"
export * from "./columns"
