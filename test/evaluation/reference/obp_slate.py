# Reference numbers for test/evaluation/slate-estimators.test.ts: Open Bandit Pipeline's slate
# estimators (obp/ope/estimators_slate.py) on the fixture slate-log.csv that the test rebuilds.
# Run by hand, not in CI, with Debian python3-numpy, python3-scipy, python3-sklearn, python3-pandas:
#   OBP_SRC=/tmp/obp-src /usr/bin/python3 test/evaluation/reference/obp_slate.py
# (OBP_SRC holds zr-obp's obp/ folder; see obp_estimators.py.)
import os, sys, types
import numpy as np, pandas as pd

src = os.environ.get("OBP_SRC", "/tmp/obp-src")
torch = types.ModuleType("torch"); torch.tensor = torch.Tensor = object; sys.modules["torch"] = torch
for name, path in [("obp", f"{src}/obp"), ("obp.ope", f"{src}/obp/ope")]:
    m = types.ModuleType(name); m.__path__ = [path]; sys.modules[name] = m
from obp.ope.estimators_slate import SlateStandardIPS, SlateIndependentIPS, SlateRewardInteractionIPS, SlateCascadeDoublyRobust

df = pd.read_csv("test/evaluation/reference/slate-log.csv")
L = df.position.max() + 1
K = sum(c.startswith("q_") for c in df.columns)
a = dict(slate_id=df.slate_id.values, reward=df.reward.values.astype(float), position=df.position.values)
print("sips", repr(SlateStandardIPS(len_list=L).estimate_policy_value(**a, pscore=df.pscore.values, evaluation_policy_pscore=df.evaluation_policy_pscore.values)))
print("iips", repr(SlateIndependentIPS(len_list=L).estimate_policy_value(**a, pscore_item_position=df.pscore_item_position.values, evaluation_policy_pscore_item_position=df.evaluation_policy_pscore_item_position.values)))
print("rips", repr(SlateRewardInteractionIPS(len_list=L).estimate_policy_value(**a, pscore_cascade=df.pscore_cascade.values, evaluation_policy_pscore_cascade=df.evaluation_policy_pscore_cascade.values)))
q = df[[f"q_{k}" for k in range(K)]].values.flatten()
pi = df[[f"pi_{k}" for k in range(K)]].values.flatten()
print("cascade-dr", repr(SlateCascadeDoublyRobust(len_list=L, n_unique_action=K).estimate_policy_value(**a, action=df.action.values, pscore_cascade=df.pscore_cascade.values, evaluation_policy_pscore_cascade=df.evaluation_policy_pscore_cascade.values, q_hat=q, evaluation_policy_action_dist=pi)))
