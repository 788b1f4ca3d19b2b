"""Reference linkage matrices, flat cuts, dendrogram layouts and DBSCAN labels for
test/behavior/hierarchical.test.ts and test/behavior/dbscan.test.ts. Run by hand on Debian
(python3-scipy 1.10.1, python3-sklearn 1.2.1):

    /usr/bin/python3 test/behavior/reference/clustering_reference.py > test/behavior/fixtures/clustering-reference.json

Points: three Gaussian blobs and uniform background noise in 2-D, rounded to 6 decimals so the
JSON holds them exactly.
"""
import json

import numpy as np
from scipy.cluster.hierarchy import dendrogram, fcluster, leaves_list, linkage
from sklearn.cluster import DBSCAN

rng = np.random.default_rng(19)
blobs = [rng.normal(c, s, size=(n, 2)) for c, s, n in [((0, 0), 0.5, 25), ((4, 1), 0.7, 20), ((1, 5), 0.4, 15)]]
noise = rng.uniform(-2, 7, size=(10, 2))
X = np.round(np.vstack(blobs + [noise]), 6)

out = {"points": X.tolist(), "linkage": {}, "dbscan": []}
for method in ["single", "complete", "average", "ward"]:
    Z = linkage(X, method=method, metric="euclidean")
    d = dendrogram(Z, no_plot=True)
    out["linkage"][method] = {
        "Z": Z.tolist(),
        "maxclust": {str(k): fcluster(Z, k, "maxclust").tolist() for k in (2, 3, 4, 6)},
        "leaves": leaves_list(Z).tolist(),
        "icoord": d["icoord"],
        "dcoord": d["dcoord"],
    }
for eps, min_samples in [(0.5, 5), (0.8, 4), (1.2, 10)]:
    m = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    core = np.zeros(len(X), dtype=int)
    core[m.core_sample_indices_] = 1
    out["dbscan"].append({"eps": eps, "minSamples": min_samples, "labels": m.labels_.tolist(), "core": core.tolist()})
print(json.dumps(out))
