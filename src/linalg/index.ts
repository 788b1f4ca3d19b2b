export * from "./cholesky"
export { BLOCKED_FROM, PARALLEL_FROM, choleskyBlockedInPlace, choleskySolveManyInPlace, matMul, spdInverseBlocked, type DenseKernelOptions } from "./blocked"
