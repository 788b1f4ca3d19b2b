# Reference numbers for test/evaluation/exact-values.test.ts: Open Bandit Pipeline's estimator classes
# (st-tech/zr-obp, obp/ope/estimators.py) on a six-round, two-action log, run by hand, not in CI:
#   OBP_SRC=/tmp/obp-src /usr/bin/python3 test/evaluation/reference/exact_values.py
# with Debian python3-numpy (2.4) and python3-scipy (1.17); obp is loaded from its source folder as in
# obp_estimators.py. Standard errors: sd(round terms, ddof=1)/√n for the mean-type estimators, the delta
# method for the ratio ones (the formulas in src/evaluation's doc comments), computed here with numpy.
import os, sys, types
import numpy as np

src = os.environ.get("OBP_SRC", "/tmp/obp-src")
torch = types.ModuleType("torch"); torch.tensor = torch.Tensor = object; sys.modules["torch"] = torch
for name, path in [("obp", f"{src}/obp"), ("obp.ope", f"{src}/obp/ope")]:
    m = types.ModuleType(name); m.__path__ = [path]; sys.modules[name] = m
from obp.ope.estimators import (InverseProbabilityWeighting, SelfNormalizedInverseProbabilityWeighting, DirectMethod,
    DoublyRobust, DoublyRobustWithShrinkage, SubGaussianInverseProbabilityWeighting, SubGaussianDoublyRobust,
    SwitchDoublyRobust, SelfNormalizedDoublyRobust)

# the log: logged action a, reward r, logging propensity p; the target's probability of a; q̂ for both actions
a = np.array([0, 1, 0, 1, 0, 1])
r = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 1.0])
p = np.array([0.5, 0.25, 0.25, 0.5, 0.125, 0.25])
pi_a = np.array([0.25, 0.5, 0.75, 0.0, 0.375, 1.0])          # w = [0.5, 2, 3, 0, 3, 4]
qtab = np.array([[0.4, 0.9], [0.1, 0.3], [0.5, 0.2], [0.8, 0.6], [0.2, 0.5], [0.3, 0.7]])
n = len(r)
ad = np.zeros((n, 2, 1)); ad[np.arange(n), a, 0] = pi_a; ad[np.arange(n), 1 - a, 0] = 1 - pi_a
q = qtab[:, :, None].copy()
pos = np.zeros(n, dtype=int)
kw = dict(reward=r, action=a, position=pos, pscore=p, action_dist=ad)
kwq = dict(kw, estimated_rewards_by_reg_model=q)
w = pi_a / p
q_logged = qtab[np.arange(n), a]
g = (ad[:, :, 0] * qtab).sum(1)
print("w", w.tolist()); print("qLogged", q_logged.tolist()); print("g", g.tolist())

def se(est, k):
    rr = est._estimate_round_rewards(**k)
    return est.estimate_policy_value(**k), np.std(rr, ddof=1) / np.sqrt(n)

out = {}
for name, est, k in [
    ("ipw", InverseProbabilityWeighting(), kw), ("dm", DirectMethod(), kwq), ("dr", DoublyRobust(), kwq),
    ("switch-dr(3)", SwitchDoublyRobust(lambda_=3.0), kwq), ("switch-dr(100)", SwitchDoublyRobust(lambda_=100.0), kwq),
    ("ipw-clip(3)", InverseProbabilityWeighting(lambda_=3.0), kw), ("ipw-sg(0.3)", SubGaussianInverseProbabilityWeighting(lambda_=0.3), kw),
    ("dr-clip(3)", DoublyRobust(lambda_=3.0), kwq), ("dros(2)", DoublyRobustWithShrinkage(lambda_=2.0), kwq),
    ("dr-sg(0.3)", SubGaussianDoublyRobust(lambda_=0.3), kwq),
]:
    if name == "dm":
        v = est.estimate_policy_value(position=pos, action_dist=ad, estimated_rewards_by_reg_model=q)
        rr = est._estimate_round_rewards(position=pos, action_dist=ad, estimated_rewards_by_reg_model=q)
        out[name] = [v, np.std(rr, ddof=1) / np.sqrt(n)]
    else:
        out[name] = list(se(est, k))
v = SelfNormalizedInverseProbabilityWeighting().estimate_policy_value(**kw)
out["snipw"] = [v, np.sqrt(np.sum(w**2 * (r - v) ** 2)) / w.sum()]
v = SelfNormalizedDoublyRobust().estimate_policy_value(**kwq)
e = w * (r - q_logged); c = e.sum() / w.sum()
psi = (g - g.mean()) + (e - c * w) / w.mean()
out["sndr"] = [v, np.sqrt(np.sum(psi**2) / (n - 1) / n)]
# MIPS and SNMIPS with given marginal weights (OBP's formulas with w(x, e) in place of w)
we = np.array([0.75, 1.5, 2.0, 0.5, 1.25, 2.5])
out["mips"] = [np.mean(we * r), np.std(we * r, ddof=1) / np.sqrt(n)]
v = np.sum(we * r) / we.sum()
out["snmips"] = [v, np.sqrt(np.sum(we**2 * (r - v) ** 2)) / we.sum()]
# replay on a uniform log (p = 1/2): the rounds where the target's action equals the logged one
ta = np.array([0, 1, 1, 0, 0, 1]); keep = ta == a
v = r[keep].mean()
out["replay"] = [v, np.sqrt(np.sum(keep * (r - v) ** 2)) / keep.sum()]
out["ess"] = w.sum() ** 2 / np.sum(w**2)
from scipy.stats import t
out["t(0.9, 5)"] = t.ppf(0.9, 5)
out["t(0.8, 5)"] = t.ppf(0.8, 5)
for k_, v_ in out.items(): print(repr(k_), repr(v_ if not isinstance(v_, list) else [float(x) for x in v_]))
