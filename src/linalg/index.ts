export * from "./cholesky"
export { BLOCKED_FROM, choleskyBlockedInPlace, spdInverseBlocked, type DenseKernelOptions } from "./blocked"
