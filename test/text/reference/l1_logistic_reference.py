"""Reference L1-regularised logistic regression fits for test/text/l1-logistic-regression.test.ts.
Run by hand on Debian (python3-sklearn 1.2.1):

    /usr/bin/python3 test/text/reference/l1_logistic_reference.py > test/text/fixtures/l1-logistic-reference.json

scikit-learn's saga solver run to tol 1e-12 reaches the minimiser of ‖w‖₁ + C Σ log-loss.
"""
import json
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings("ignore")
rng = np.random.default_rng(11)
n, d = 200, 8
X = np.round(rng.normal(size=(n, d)), 6)
w = np.array([2.0, -1.5, 0.0, 0.0, 1.0, 0.0, -0.5, 0.0])
y = (rng.random(n) < 1 / (1 + np.exp(-(X @ w + 0.3)))).astype(int)
fits = []
for C in (0.02, 0.1, 1.0):
    m = LogisticRegression(penalty="l1", C=C, solver="saga", tol=1e-12, max_iter=1_000_000).fit(X, y)
    fits.append({"C": C, "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])})
print(json.dumps({"X": X.tolist(), "y": y.tolist(), "fits": fits}))
