export * from "./cholesky"
export { BLOCKED_FROM, PARALLEL_FROM, choleskyBlockedInPlace, choleskySolveManyInPlace, gram, matMul, spdInverseBlocked, type DenseKernelOptions } from "./blocked"
