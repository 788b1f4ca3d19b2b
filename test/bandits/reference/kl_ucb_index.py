"""Reference KL-UCB indices for test/bandits/behaviour.test.ts, solved with scipy's brentq (not
bisection). Run by hand on Debian (python3-scipy 1.10.1):

    /usr/bin/python3 test/bandits/reference/kl_ucb_index.py

History: arm 0 pulled 4 times (rewards 1, 0, 1, 1), arm 1 twice (1, 0), arm 2 once (0): t = 7.
Index_a = max{ q in [p_a, 1] : N_a kl(p_a, q) <= ln t + c ln ln t } (Garivier & Cappé 2011).
"""
from math import log
from scipy.optimize import brentq


def kl(p, q):
    out = 0.0
    if p > 0:
        out += p * log(p / q)
    if p < 1:
        out += (1 - p) * log((1 - p) / (1 - q))
    return out


def index(p, n, bound):
    f = lambda q: n * kl(p, q) - bound
    return brentq(f, p, 1 - 1e-15, xtol=1e-14)


t = 7
stats = [(3 / 4, 4), (1 / 2, 2), (0.0, 1)]
for c in (0, 3):
    bound = log(t) + c * log(log(t))
    print(f"c = {c}:", [round(index(p, n, bound), 10) for p, n in stats])
