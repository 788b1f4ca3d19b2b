# Reference numbers for the item-kNN row of test/retail/benchmark.test.ts. Run by hand from the
# repository root with Debian's python3-numpy and python3-pandas (not run in CI):
#   /usr/bin/python3 test/retail/reference/knn.py
# Binary user × item matrix X of the train split, S = cosine(XᵀX) with a zero diagonal; each
# item i keeps its 100 largest positive similarities S[i, j] (ties to the smaller j);
# score(u, j) = Σ_i X[u, i]·S_kept[i, j], ranked by (−score, index), train items skipped.
import math

import numpy as np
import pandas as pd

df = pd.read_csv("data/online-retail/online-retail.csv.gz", dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "Int64"}, parse_dates=["InvoiceDate"])
clean = df[~(df.CustomerID.isna() | df.InvoiceNo.str.startswith("C") | (df.Quantity <= 0) | (df.UnitPrice <= 0))]
split = pd.Timestamp("2011-09-01")
train = clean[clean.InvoiceDate < split]
test = clean[clean.InvoiceDate >= split]
users = sorted(train.CustomerID.unique())
catalogue = sorted(train.StockCode.unique())
ui = {u: k for k, u in enumerate(users)}
ii = {c: k for k, c in enumerate(catalogue)}
X = np.zeros((len(users), len(catalogue)))
for u, c in train[["CustomerID", "StockCode"]].drop_duplicates().itertuples(index=False):
    X[ui[u], ii[c]] = 1.0
norms = np.sqrt(X.sum(axis=0))
S = (X.T @ X) / np.outer(norms, norms)
np.fill_diagonal(S, 0.0)
N = 100
kept = np.zeros_like(S)
for i in range(S.shape[0]):
    row = S[i]
    order = np.lexsort((np.arange(len(row)), -row))[:N]
    order = order[row[order] > 0]
    kept[i, order] = row[order]
scores = X @ kept

seen = train.groupby("CustomerID").StockCode.agg(set)
bought = test[test.StockCode.isin(set(catalogue))].groupby("CustomerID").StockCode.agg(set)
relevant = {u: bought[u] - seen[u] for u in users if u in bought.index and len(bought[u] - seen[u]) > 0}
K = 10
sums = {"precision": 0.0, "recall": 0.0, "ndcg": 0.0, "map": 0.0, "hitRate": 0.0}
for u in sorted(relevant):
    rel = {ii[c] for c in relevant[u]}
    s = scores[ui[u]].copy()
    s[X[ui[u]] > 0] = -np.inf
    top = np.lexsort((np.arange(len(s)), -s))[:K]
    hits = [1 if j in rel else 0 for j in top]
    n = sum(hits)
    ideal = min(len(rel), K)
    sums["precision"] += n / K
    sums["recall"] += n / len(rel)
    sums["ndcg"] += sum(h / math.log2(r + 2) for r, h in enumerate(hits)) / sum(1 / math.log2(r + 2) for r in range(ideal))
    sums["map"] += sum(hits[r] * sum(hits[: r + 1]) / (r + 1) for r in range(K)) / ideal
    sums["hitRate"] += 1 if n > 0 else 0
for k, v in sums.items():
    print(f"item-kNN {k}@{K}", repr(v / len(relevant)))
