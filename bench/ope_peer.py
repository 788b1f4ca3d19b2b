"""Peer of bench/ope.bench.js, run by it where /usr/bin/python3 has numpy, pandas and scikit-learn (Debian
python3-numpy, python3-pandas, python3-sklearn): the same log, target and reward model the in-memory way of
Open Bandit Pipeline, whose estimators are these numpy formulas (obp.ope.estimators):
  IPW = mean(w r), SNIPW = Σ w r / Σ w, DR = mean(Σ_a π(a|pos) q̂(x, a, pos) + w (r − q̂(x, aᵢ, pos))),
  w = π(aᵢ|posᵢ) / π_b(aᵢ|posᵢ).
The reward model is scikit-learn's LogisticRegression(C = 1) on the first 65,536 rows, with the standardised x and
one-hots of action and position: the objective of the bench's LinearRewardModel({ kind: "logistic" }). Prints
`name value` lines: seconds of each stage, peak memory in MiB, and the three estimates.
By hand: /usr/bin/python3 bench/ope_peer.py DIR (DIR holding the bench's log.csv)."""
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

K, POSITIONS, CHUNK = 20, 3, 1 << 16

t0 = time.perf_counter()
log = pd.read_csv(
    os.path.join(sys.argv[1], "log.csv"),
    dtype={"action": np.int64, "position": np.int64, "click": np.float64, "propensity": np.float64, "x": np.float64},
    engine="c",
)
a, pos, r, pb, x = (log[c].to_numpy() for c in ["action", "position", "click", "propensity", "x"])
t1 = time.perf_counter()

# The bench's target: π(a|pos) ∝ a + 1, the same at every position.
pi = (np.arange(K) + 1) / (K * (K + 1) / 2)
mean, scale = x[:CHUNK].mean(), x[:CHUNK].std()
design = np.zeros((CHUNK, 1 + K + POSITIONS))
design[:, 0] = (x[:CHUNK] - mean) / scale
design[np.arange(CHUNK), 1 + a[:CHUNK]] = 1
design[np.arange(CHUNK), 1 + K + pos[:CHUNK]] = 1
model = LogisticRegression(C=1.0, tol=1e-10, max_iter=1000).fit(design, r[:CHUNK])
coef = model.coef_[0]
base = model.intercept_[0] + coef[0] * (x - mean) / scale + coef[1 + K + pos]
q_hat = 1 / (1 + np.exp(-(base[:, None] + coef[1 : 1 + K][None, :])))  # n × K
w = pi[a] / pb
t2 = time.perf_counter()

ipw = np.mean(w * r)
snipw = np.sum(w * r) / np.sum(w)
dr = np.mean(q_hat @ pi + w * (r - q_hat[np.arange(len(a)), a]))
t3 = time.perf_counter()

print("parse", f"{t1 - t0:.3f}")
print("inputs", f"{t2 - t1:.3f}")
print("estimate", f"{t3 - t2:.3f}")
print("peakMiB", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
print("ipw", f"{ipw:.17g}")
print("snipw", f"{snipw:.17g}")
print("dr", f"{dr:.17g}")
