"""Peer of bench/linalg.bench.js: numpy.linalg.inv (Debian numpy on OpenBLAS) on the same matrix, read from the
float64 file the bench writes. Prints the best of `repeats` wall times in seconds, one number.
Run by the bench with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from the environment; by hand:
/usr/bin/python3 bench/numpy_inverse.py gram.f64 3394 2"""
import sys
import time

import numpy as np

path, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
a = np.fromfile(path, dtype=np.float64).reshape(n, n)
best = float("inf")
for _ in range(repeats):
    t = time.perf_counter()
    np.linalg.inv(a)
    best = min(best, time.perf_counter() - t)
print(f"{best:.4f}")
