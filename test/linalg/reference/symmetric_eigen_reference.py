"""Reference eigenpairs for test/linalg/symmetric-eigen.test.ts and principal-components.test.ts.
Run by hand on Debian (python3-numpy):

    python3 test/linalg/reference/symmetric_eigen_reference.py

The 5 × 5 Hilbert matrix H_ij = 1 / (i + j + 1), and the covariance PCA of a fixed 6 × 3 data set;
eigenvectors signed so that their largest component is positive, as symmetricEigen returns them.
"""
import json

import numpy as np


def signed(vectors):
    out = []
    for v in vectors:
        k = int(np.argmax(np.abs(v)))
        out.append((v if v[k] >= 0 else -v).tolist())
    return out


H = np.array([[1 / (i + j + 1) for j in range(5)] for i in range(5)])
w, v = np.linalg.eigh(H)
X = np.array([[1.0, 2.0, 0.5], [2.0, 1.0, -1.0], [3.0, 4.0, 2.0], [-1.0, 0.0, 1.5], [0.5, -2.0, 0.0], [4.0, 3.0, -0.5]])
cw, cv = np.linalg.eigh(np.cov(X, rowvar=False))
print(json.dumps({
    "hilbertValues": w[::-1].tolist(),
    "hilbertVectors": signed(v[:, ::-1].T),
    "pcaVariance": cw[::-1].tolist(),
    "pcaComponents": signed(cv[:, ::-1].T),
}, indent=1))
