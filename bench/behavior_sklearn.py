# Peer of bench/behavior.bench.js, run by it where /usr/bin/python3 has scikit-learn (Debian python3-sklearn); by hand:
#   node bench/behavior.bench.js --dump /tmp/behavior-bench && /usr/bin/python3 bench/behavior_sklearn.py /tmp/behavior-bench
import json, sys, time
import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

d = sys.argv[1]
def best(f, n=3):
    f(); ts = []
    for _ in range(n):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return min(ts)
en = open(f"{d}/en.txt").read().split("\n")
zh = json.load(open(f"{d}/zh-tokens.json"))
X = np.fromfile(f"{d}/X.f64").reshape(-1, 16)
y = np.fromfile(f"{d}/y.i32", dtype=np.int32)
print("tfidfEnRaw", best(lambda: TfidfVectorizer().fit_transform(en)))
print("tfidfZhTokens", best(lambda: TfidfVectorizer(analyzer=lambda x: x).fit_transform(zh)))
print("kmeans", best(lambda: KMeans(n_clusters=10, init=X[:10], n_init=1, max_iter=50, tol=0, algorithm="lloyd").fit(X)))
print("logistic", best(lambda: LogisticRegression(C=1, tol=1e-4, max_iter=1000).fit(X, y)))
