"""Reference numbers of test/bandits/exact-values-contextual.test.ts (run by hand: python3 linear_posterior.py, Debian numpy).

Disjoint ridge models of LinUCB (Li, Chu, Langford & Schapire 2010, algorithm 1) and linear Thompson sampling
(Agrawal & Goyal 2013): per arm A = lambda I + sum x x^T, b = sum r x, theta = A^-1 b, the bound
theta^T x + alpha sqrt(x^T A^-1 x), and the Cholesky factor L of A (A = L L^T).
"""
import numpy as np

d, lam, alpha = 3, 0.5, 0.8
observations = [  # (arm, x, r)
    (1, [1.0, 0.5, -0.2], 1.0),
    (1, [0.3, -1.0, 0.4], 0.0),
    (1, [-0.6, 0.2, 1.0], 0.5),
    (1, [0.8, 0.8, 0.1], 1.0),
    (0, [0.2, 0.4, 0.6], 0.3),
]
x = np.array([0.5, -0.3, 0.7])
for arm in range(3):
    A = lam * np.eye(d)
    b = np.zeros(d)
    for a, xi, r in observations:
        if a == arm:
            xi = np.array(xi)
            A += np.outer(xi, xi)
            b += r * xi
    inv = np.linalg.inv(A)
    theta = inv @ b
    width = x @ inv @ x
    print(f"arm {arm}: theta {[float(v) for v in theta]}")
    print(f"  inverse upper {[float(inv[i, j]) for i in range(d) for j in range(i, d)]}")
    print(f"  mean {float(theta @ x)!r} width {float(width)!r} index {float(theta @ x + alpha * np.sqrt(width))!r}")
    print(f"  cholesky {[float(v) for v in np.linalg.cholesky(A).ravel()]}")
