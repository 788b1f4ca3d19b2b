export * from "./matrix"
export * from "./labels"
export * from "./lbfgs"
export * from "./logistic-regression"
