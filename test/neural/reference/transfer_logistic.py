"""Reference numbers for test/neural/transfer-logistic.test.ts (run by hand: python3 transfer_logistic.py).

Minimises the prior-centred logistic objective of src/neural/transfer-logistic.ts with scipy's BFGS on
a small fixed data set, independently of the Newton solver under test:
  sum_r softplus(-(2y_r - 1)(w.z_r + b)) + l2/2 |w - w0|^2 + biasL2/2 (b - b0)^2,  z = (x - mean) / scale.
"""
import numpy as np
from scipy.optimize import minimize

R, D = 12, 3
x = np.array([[np.sin(r * (c + 1)) + 0.1 * c for c in range(D)] for r in range(R)], dtype=np.float32).astype(np.float64)
y = np.array([1 if (r % 3 == 0 or r == 7) else 0 for r in range(R)], dtype=np.float64)


def fit(mean, scale, w0, b0, l2, bias_l2):
    z = (x - mean) / scale

    def f(t):
        s = z @ t[:D] + t[D]
        m = np.where(y == 1, -s, s)
        return np.logaddexp(0, m).sum() + l2 / 2 * ((t[:D] - w0) ** 2).sum() + bias_l2 / 2 * (t[D] - b0) ** 2

    res = minimize(f, np.append(w0, b0), method="BFGS", options={"gtol": 1e-12})
    return res.x


# From scratch: the scaler of the training rows (population sd), prior 0.
mean = x.mean(axis=0)
scale = x.std(axis=0)
print("scratch", repr(fit(mean, scale, np.zeros(D), 0.0, 1.0, 1e-3).tolist()))
# Fine-tuned: a given prior with its own scaler.
pm = np.array([0.1, -0.2, 0.3])
ps = np.array([0.5, 0.8, 1.2])
w0 = np.array([0.7, -0.4, 0.2])
print("prior", repr(fit(pm, ps, w0, -1.0, 5.0, 1e-3).tolist()))
