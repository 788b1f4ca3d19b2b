export { choleskyInPlace, choleskySolveInPlace, choleskyInverse } from "./cholesky"
export {
  choleskyBlockedInPlace,
  choleskySolveManyInPlace,
  gram,
  matMul,
  spdInverseBlocked,
  type DenseKernelOptions,
} from "./blocked"
export {
  columnMoments,
  denseMatrix,
  fromRowMajor,
  matrixRows,
  toDense,
  checkFeatures,
  rowDot,
  addScaledRow,
} from "./matrix"
export type { DenseMatrix, SparseMatrix, FeatureMatrix } from "./matrix"
export { minimizeLbfgs } from "./lbfgs"
export type { LbfgsOptions, LbfgsResult, ObjectiveWithGradient } from "./lbfgs"
export { dot, dotAt } from "./dot"
export { symmetricEigen } from "./symmetric-eigen"
export type { SymmetricEigen } from "./symmetric-eigen"
export { principalComponents, projectOntoComponents } from "./principal-components"
export type { PrincipalComponents } from "./principal-components"
