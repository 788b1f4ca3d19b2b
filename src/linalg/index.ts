export * from "./cholesky"
