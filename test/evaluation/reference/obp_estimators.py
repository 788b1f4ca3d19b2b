# Reference numbers for test/evaluation/obp-estimators.test.ts, from Open Bandit Pipeline's own
# estimators (st-tech/zr-obp), run by hand, not in CI:
#   git -C <zr-obp clone> archive HEAD obp | tar -x -C /tmp/obp-src   (or copy its obp/ folder)
#   OBP_SRC=/tmp/obp-src /usr/bin/python3 test/evaluation/reference/obp_estimators.py
# with Debian python3-numpy, python3-scipy, python3-sklearn, python3-pandas (obp is not
# pip-installable here; its estimator modules are loaded from the source folder, with the
# torch import of obp/utils.py stubbed: no estimator used here touches torch).
import os, sys, types
import numpy as np, pandas as pd

src = os.environ.get("OBP_SRC", "/tmp/obp-src")
torch = types.ModuleType("torch"); torch.tensor = torch.Tensor = object; sys.modules["torch"] = torch
for name, path in [("obp", f"{src}/obp"), ("obp.ope", f"{src}/obp/ope")]:
    m = types.ModuleType(name); m.__path__ = [path]; sys.modules[name] = m
from obp.ope.estimators import (InverseProbabilityWeighting, SelfNormalizedInverseProbabilityWeighting, DoublyRobust,
    DoublyRobustWithShrinkage, SubGaussianInverseProbabilityWeighting, SubGaussianDoublyRobust, SwitchDoublyRobust,
    SelfNormalizedDoublyRobust)
from obp.ope.estimators_embed import MarginalizedInverseProbabilityWeighting, SelfNormalizedMarginalizedInverseProbabilityWeighting
from obp.ope.estimators_multi import MultiLoggersBalancedInverseProbabilityWeighting
from obp.ope.estimators_tuning import DoublyRobustWithShrinkageTuning, InverseProbabilityWeightingTuning
from obp.ope.helper import estimate_student_t_lower_bound

def rd(behavior, c):
    return pd.read_csv(f"data/open-bandit-dataset/{behavior}/{c}/{c}.csv", index_col=0)

out = {}
for c, K in [("men", 34)]:
    r, b = rd("random", c), rd("bts", c)
    # target: BTS's item frequencies per position in the bts log
    pi = np.zeros((3, K))
    for p in range(3):
        cnt = np.bincount(b[b.position == p + 1].item_id, minlength=K); pi[p] = cnt / cnt.sum()
    def arrays(df):
        pos = df.position.values - 1; a = df.item_id.values; y = df.click.values.astype(float)
        n = len(df); ad = np.transpose(np.broadcast_to(pi, (n, 3, K)), (0, 2, 1)).copy()  # (n, K, 3)
        return pos, a, y, ad
    pos, a, y, ad = arrays(r)
    ps = r.propensity_score.values; n = len(r)
    # reward model: smoothed click rate per (item, position) on the random log, (clicks + 1)/(shows + 2)
    clicks = np.zeros((K, 3)); shows = np.zeros((K, 3))
    np.add.at(clicks, (a, pos), y); np.add.at(shows, (a, pos), 1)
    qtab = (clicks + 1) / (shows + 2)
    q = np.broadcast_to(qtab, (n, K, 3)).copy()
    kw = dict(reward=y, action=a, position=pos, pscore=ps, action_dist=ad)
    kwq = dict(kw, estimated_rewards_by_reg_model=q)
    res = {}
    res["ipw-clip(5)"] = InverseProbabilityWeighting(lambda_=5.0).estimate_policy_value(**kw)
    res["ipw-sg(0.1)"] = SubGaussianInverseProbabilityWeighting(lambda_=0.1).estimate_policy_value(**kw)
    res["dr"] = DoublyRobust().estimate_policy_value(**kwq)
    res["dr-clip(5)"] = DoublyRobust(lambda_=5.0).estimate_policy_value(**kwq)
    res["dros(10)"] = DoublyRobustWithShrinkage(lambda_=10.0).estimate_policy_value(**kwq)
    res["dr-sg(0.1)"] = SubGaussianDoublyRobust(lambda_=0.1).estimate_policy_value(**kwq)
    res["switch-dr(5)"] = SwitchDoublyRobust(lambda_=5.0).estimate_policy_value(**kwq)
    res["sndr"] = SelfNormalizedDoublyRobust().estimate_policy_value(**kwq)
    # standard errors of two mean-type estimators: sd(round rewards, ddof=1)/sqrt(n)
    rr = DoublyRobustWithShrinkage(lambda_=10.0)._estimate_round_rewards(reward=y, action=a, position=pos, pscore=ps, action_dist=ad, estimated_rewards_by_reg_model=q)
    res["dros(10) stderr"] = np.std(rr, ddof=1) / np.sqrt(n)
    # MIPS with the item context's three categorical features as embeddings (exact p_e_a, uniform logger)
    items = pd.read_csv(f"data/open-bandit-dataset/random/{c}/item_context.csv", index_col=0).sort_values("item_id")
    cols = ["item_feature_1", "item_feature_2", "item_feature_3"]
    codes = np.stack([pd.factorize(items[col])[0] for col in cols], axis=1)  # (K, 3)
    ncat = codes.max() + 1
    p_e_a = np.zeros((K, ncat, len(cols)))
    for d in range(len(cols)): p_e_a[np.arange(K), codes[:, d], d] = 1
    pi_b = np.full((n, K, 3), 1.0 / K)
    emb = codes[a]
    res["mips"] = MarginalizedInverseProbabilityWeighting(n_actions=K).estimate_policy_value(reward=y, action=a, action_embed=emb, pi_b=pi_b, action_dist=ad, position=pos, p_e_a=p_e_a)
    mips = MarginalizedInverseProbabilityWeighting(n_actions=K)
    rr = mips._estimate_round_rewards(context=None, reward=y, action=a, action_embed=emb, pi_b=pi_b, action_dist=ad, position=pos, p_e_a=p_e_a)
    res["mips stderr"] = np.std(rr, ddof=1) / np.sqrt(n)
    res["mips max weight"] = mips.max_w_x_e
    res["snmips"] = SelfNormalizedMarginalizedInverseProbabilityWeighting(n_actions=K).estimate_policy_value(reward=y, action=a, action_embed=emb, pi_b=pi_b, action_dist=ad, position=pos, p_e_a=p_e_a)
    # balanced IPW on the pooled random + bts logs: pscore_avg = 0.5 * (1/K) + 0.5 * pi_bts(a | pos)
    pooled = pd.concat([r, b])
    ppos, pa, py, pad = arrays(pooled)
    pscore_avg = 0.5 / K + 0.5 * pi[ppos, pa]
    res["balanced-ipw"] = MultiLoggersBalancedInverseProbabilityWeighting().estimate_policy_value(reward=py, action=pa, position=ppos, pscore_avg=pscore_avg, action_dist=pad, stratum_idx=np.r_[np.zeros(n, int), np.ones(len(b), int)])
    # SLOPE tuning (delta = 0.1)
    lambdas = [0.5, 1.0, 2.0, 5.0, 10.0, 50.0]
    t = InverseProbabilityWeightingTuning(lambdas=lambdas, tuning_method="slope", delta=0.1)
    res["ipw-clip slope value"] = t.estimate_policy_value_with_tuning(**kw); res["ipw-clip slope lambda"] = t.best_hyperparam
    t = DoublyRobustWithShrinkageTuning(lambdas=[0.1, 1.0, 10.0, 100.0, 1000.0], tuning_method="slope", delta=0.1)
    res["dros slope value"] = t.estimate_policy_value_with_tuning(**kwq); res["dros slope lambda"] = t.best_hyperparam
    x = InverseProbabilityWeighting()._estimate_round_rewards(reward=y, action=a, position=pos, pscore=ps, action_dist=ad)
    res["ipw student-t width (delta 0.1)"] = x.mean() - estimate_student_t_lower_bound(x=x, delta=0.1)
    out[c] = res
for c, res in out.items():
    for k, v in res.items(): print(c, k, repr(float(v)))
