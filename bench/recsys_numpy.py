"""Peer of bench/recsys.bench.js: the same three fits in numpy/scipy (Debian python3-numpy, python3-scipy) on the data
the bench writes into a folder. Prints `name seconds` lines, CPU seconds of this process (BLAS held to one thread).
By hand: node bench/recsys.bench.js --dump /tmp/recsys-bench && /usr/bin/python3 bench/recsys_numpy.py /tmp/recsys-bench

- itemCosine: item-item cosine with shrinkage 10 through the sparse product XᵀX, densified, then the top 20 per item
  by argpartition (what our ItemKnn computes).
- als: implicit ALS, 64 factors, the conjugate-gradient sweep of the `implicit` package's least_squares_cg (3 steps),
  one numpy product per user or item row; 2 iterations are timed and the figure is multiplied by 5 (10 iterations).
- sgd: biased Funk-SVD in Surprise's update order, a Python loop over ratings with numpy vectors of 50 factors;
  1 epoch is timed and multiplied by 20.
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402

folder = sys.argv[1]


def load(name, dtype):
    return np.fromfile(os.path.join(folder, name), dtype=dtype)


def cpu(f):
    t = time.process_time()
    f()
    return time.process_time() - t


def csr(prefix, shape):
    indptr, items, values = load(f"{prefix}.indptr", np.int32), load(f"{prefix}.items", np.int32), load(
        f"{prefix}.values", np.float64
    )
    return sp.csr_matrix((values, items, indptr), shape=shape)


n_users, n_items = 10_000, 5_000
X = csr("implicit", (n_users, n_items))


def item_cosine():
    binary = X.copy()
    binary.data[:] = 1.0
    gram = (binary.T @ binary).toarray()
    norms = np.sqrt(np.diag(gram))
    sim = gram / (np.outer(norms, norms) + 10.0)
    np.fill_diagonal(sim, -np.inf)
    np.argpartition(-sim, 20, axis=1)[:, :20]


def cg_sweep(C, X_, Y, reg, steps=3):
    YtY = Y.T @ Y + reg * np.eye(Y.shape[1])
    for u in range(C.shape[0]):
        start, end = C.indptr[u], C.indptr[u + 1]
        Yu = Y[C.indices[start:end]]
        c = C.data[start:end]
        x = X_[u]
        r = -YtY @ x + Yu.T @ (c - (c - 1.0) * (Yu @ x))
        p = r.copy()
        rs_old = r @ r
        for _ in range(steps):
            if rs_old < 1e-20:
                break
            Ap = YtY @ p + Yu.T @ ((c - 1.0) * (Yu @ p))
            alpha = rs_old / (p @ Ap)
            x += alpha * p
            r -= alpha * Ap
            rs_new = r @ r
            p = r + (rs_new / rs_old) * p
            rs_old = rs_new
        X_[u] = x


def als(iterations=2, factors=64, alpha=10.0, reg=0.01):
    rng = np.random.default_rng(2)
    C = X.copy()
    C.data = 1.0 + alpha * C.data
    Ct = C.T.tocsr()
    U = rng.normal(0, 0.01, (n_users, factors))
    V = rng.normal(0, 0.01, (n_items, factors))
    for _ in range(iterations):
        cg_sweep(C, U, V, reg)
        cg_sweep(Ct, V, U, reg)


def sgd_epoch(factors=50, lr=0.005, reg=0.02):
    R = csr("ratings", (5_000, 2_000)).tocoo()
    rng = np.random.default_rng(4)
    mu = R.data.mean()
    bu, bi = np.zeros(R.shape[0]), np.zeros(R.shape[1])
    P, Q = rng.normal(0, 0.1, (R.shape[0], factors)), rng.normal(0, 0.1, (R.shape[1], factors))
    for u, i, r in zip(R.row, R.col, R.data):
        err = r - (mu + bu[u] + bi[i] + Q[i] @ P[u])
        bu[u] += lr * (err - reg * bu[u])
        bi[i] += lr * (err - reg * bi[i])
        pu = P[u].copy()
        P[u] += lr * (err * Q[i] - reg * P[u])
        Q[i] += lr * (err * pu - reg * Q[i])


print("itemCosine", f"{cpu(item_cosine):.3f}")
print("als", f"{cpu(als) * 5:.3f}")
print("sgd", f"{cpu(sgd_epoch) * 20:.3f}")
