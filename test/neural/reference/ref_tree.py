# Reference numbers for test/neural/random-forest.test.ts. Run by hand with Debian's
# python3-numpy and python3-sklearn 1.2.1 (not run in CI):
#   /usr/bin/python3 test/neural/reference/ref_tree.py
# The data: x_ij = round(frac(sin((i + offset)·12.9898 + j·78.233 + 1)·43758.5453), 3) as float32,
# y_i = [x_i0 + 0.5·x_i1 > 0.8] xor [frac((i + offset)·0.618) < 0.1].
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.tree import DecisionTreeClassifier


def frac(v):
    return v - np.floor(v)


def data(offset, n=300, d=4):
    i = np.arange(n)[:, None] + offset
    j = np.arange(d)[None, :]
    x = (np.round(frac(np.sin(i * 12.9898 + j * 78.233 + 1) * 43758.5453) * 1000) / 1000).astype(np.float32)
    y = ((x[:, 0] + 0.5 * x[:, 1] > 0.8).astype(int) ^ (frac((np.arange(n) + offset) * 0.618) < 0.1).astype(int))
    return x, y


x, y = data(0)
tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=5, random_state=0).fit(x, y)
print("feature", tree.tree_.feature.tolist())
print("threshold", [round(t, 4) for t, f in zip(tree.tree_.threshold, tree.tree_.feature) if f >= 0])
p = tree.predict_proba(x)[:, 1]
print("first probabilities", np.round(p[:8], 6).tolist(), "sum", p.sum())

xt, yt = data(1000)
forest = RandomForestClassifier(n_estimators=100, max_depth=12, min_samples_leaf=5, random_state=0).fit(x, y)
print("forest test AUC", roc_auc_score(yt, forest.predict_proba(xt)[:, 1]))
