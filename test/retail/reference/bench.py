# Reference numbers for test/retail/benchmark-split.test.ts and the popularity row of
# test/retail/benchmark.test.ts. Run by hand from the repository root with Debian's
# python3-pandas 1.5.3 (not run in CI):  /usr/bin/python3 test/retail/reference/bench.py
# The protocol's metric formulas are written out here independently of the lab's code.
import math

import pandas as pd

df = pd.read_csv("data/online-retail/online-retail.csv.gz", dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "Int64"}, parse_dates=["InvoiceDate"])
clean = df[~(df.CustomerID.isna() | df.InvoiceNo.str.startswith("C") | (df.Quantity <= 0) | (df.UnitPrice <= 0))]
split = pd.Timestamp("2011-09-01")
train = clean[clean.InvoiceDate < split]
test = clean[clean.InvoiceDate >= split]
print("train rows", len(train), "test rows", len(test))
users = sorted(train.CustomerID.unique())
catalogue = sorted(train.StockCode.unique())
strength = train.groupby(["CustomerID", "StockCode"]).InvoiceNo.nunique()
print("users", len(users), "items", len(catalogue), "pairs", len(strength), "strength sum", int(strength.sum()), "max", int(strength.max()))
in_catalogue = set(catalogue)
seen = train.groupby("CustomerID").StockCode.agg(set)
bought = test[test.StockCode.isin(in_catalogue)].groupby("CustomerID").StockCode.agg(set)
relevant = {u: bought[u] - seen[u] for u in users if u in bought.index and len(bought[u] - seen[u]) > 0}
print("evaluated users", len(relevant), "relevant pairs", sum(len(r) for r in relevant.values()))

# Popularity: distinct train customers per item, ranked by (−popularity, stock code).
popularity = train.groupby("StockCode").CustomerID.nunique()
ranking = sorted(catalogue, key=lambda c: (-popularity[c], c))
K = 10
sums = {"precision": 0.0, "recall": 0.0, "ndcg": 0.0, "map": 0.0, "hitRate": 0.0}
shown = set()
for u in sorted(relevant):
    rel = relevant[u]
    top = [c for c in ranking if c not in seen[u]][:K]
    shown.update(top)
    hits = [1 if c in rel else 0 for c in top]
    n = sum(hits)
    ideal = min(len(rel), K)
    sums["precision"] += n / K
    sums["recall"] += n / len(rel)
    sums["ndcg"] += sum(h / math.log2(r + 2) for r, h in enumerate(hits)) / sum(1 / math.log2(r + 2) for r in range(ideal))
    sums["map"] += sum(hits[r] * sum(hits[: r + 1]) / (r + 1) for r in range(K)) / ideal
    sums["hitRate"] += 1 if n > 0 else 0
for k, v in sums.items():
    print(f"popularity {k}@{K}", repr(v / len(relevant)))
print("popularity coverage", len(shown), "/", len(catalogue))
