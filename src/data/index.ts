export * from "./csv-error"
export * from "./csv"
export * from "./columns"
export * from "./online-retail"
