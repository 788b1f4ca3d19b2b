"""Reference folds, grid order and cross-validated ridge scores for
test/evaluation/hyperparameter-search.test.ts. Run by hand on Debian (python3-sklearn 1.2.1):

    /usr/bin/python3 test/evaluation/reference/model_selection_reference.py > test/evaluation/fixtures/model-selection-reference.json
"""
import json

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV, KFold, ParameterGrid

rng = np.random.default_rng(7)
n, d = 47, 6
X = np.round(rng.normal(size=(n, d)), 6)
w = np.array([1.5, -2.0, 0.0, 0.5, 0.0, 3.0])
y = np.round(X @ w + rng.normal(scale=2.0, size=n), 6)

folds = {f"{n_}-{k}": [test.tolist() for _, test in KFold(n_splits=k).split(np.zeros(n_))] for n_, k in [(10, 3), (7, 7), (47, 5)]}
grid = list(ParameterGrid({"lr": [0.1, 0.01], "epochs": [5, 10], "activation": ["relu", "tanh"]}))
search = GridSearchCV(Ridge(fit_intercept=False), {"alpha": [0.01, 0.1, 1, 10, 100, 1000]}, cv=KFold(5), scoring="neg_mean_squared_error").fit(X, y)
print(json.dumps({
    "X": X.tolist(), "y": y.tolist(), "folds": folds, "grid": grid,
    "ridge": {
        "alphas": [p["alpha"] for p in search.cv_results_["params"]],
        "meanScores": search.cv_results_["mean_test_score"].tolist(),
        "foldScores": [search.cv_results_[f"split{i}_test_score"].tolist() for i in range(5)],
        "bestAlpha": search.best_params_["alpha"],
    },
}))
