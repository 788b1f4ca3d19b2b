# Reference numbers for test/linalg/exact-values.test.ts, run by hand (not in CI) on Debian's numpy 1.24:
#   /usr/bin/python3 test/linalg/reference/exact_values.py
import numpy as np

# a 3 × 3 SPD matrix: Cholesky factor, inverse, a solve
A = np.array([[4.0, 2.0, 0.6], [2.0, 5.0, 1.5], [0.6, 1.5, 3.0]])
print("cholesky", np.linalg.cholesky(A).ravel().tolist())
print("inverse", np.linalg.inv(A).ravel().tolist())
print("solve", np.linalg.solve(A, np.array([1.0, -2.0, 0.5])).tolist())
# a tridiagonal SPD matrix (zeros below the subdiagonal of its factor)
T = np.array([[2.0, -1.0, 0.0, 0.0], [-1.0, 2.0, -1.0, 0.0], [0.0, -1.0, 2.0, -1.0], [0.0, 0.0, -1.0, 2.0]])
print("tridiagonal inverse", np.linalg.inv(T).ravel().tolist())
# eigh of a symmetric 3 × 3 matrix, largest first, each vector's largest component positive
S = np.array([[2.0, -1.0, 0.5], [-1.0, 3.0, -2.0], [0.5, -2.0, 1.0]])
w, v = np.linalg.eigh(S)
order = np.argsort(-w); w = w[order]; v = v[:, order].T
v = np.array([x * np.sign(x[np.argmax(np.abs(x))]) for x in v])
print("eigenvalues", w.tolist()); print("eigenvectors", v.ravel().tolist())
# PCA of 5 rows × 2 columns (sample covariance, divisor n − 1), scores of the rows
X = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0], [5.0, 6.0]])
C = np.cov(X.T)
w, v = np.linalg.eigh(C)
order = np.argsort(-w); w = w[order]; v = v[:, order].T
v = np.array([x * np.sign(x[np.argmax(np.abs(x))]) for x in v])
print("pca variance", w.tolist()); print("pca ratio", (w / w.sum()).tolist()); print("pca components", v.ravel().tolist())
print("pca scores", ((X - X.mean(0)) @ v.T).ravel().tolist())
