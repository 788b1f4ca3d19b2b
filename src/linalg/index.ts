export * from "./cholesky"
export { BLOCKED_FROM, choleskyBlockedInPlace, choleskySolveManyInPlace, matMul, spdInverseBlocked, type DenseKernelOptions } from "./blocked"
