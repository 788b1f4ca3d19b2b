export * from "./cleaning"
export * from "./rfm"
export * from "./baskets"
export * from "./benchmark-split"
