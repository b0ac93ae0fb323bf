"""scikit-learn's IsolationForest on the bench's prepared splits, for bench/models/main.ts.

Usage: sklearn_iforest.py JOBS.json  ->  prints one JSON list of results on stdout.
JOBS.json: [{"name", "seed", "train": csv, "test": csv}], CSVs with header x0..x{d-1},label, already MinMax-scaled
by the TypeScript side so both implementations see identical inputs.
"""

import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

MIN_TIMING_SECONDS = 0.5  # repeat scoring until this long, so small test sets still give a stable rate


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    return data[:, :-1], data[:, -1].astype(int)


def run(job):
    x_train, _ = load(job["train"])
    x_test, y_test = load(job["test"])
    model = IsolationForest(n_estimators=100, max_samples=256, random_state=job["seed"])
    start = time.perf_counter()
    model.fit(x_train)
    fit_seconds = time.perf_counter() - start

    scores = -model.score_samples(x_test)  # higher = more anomalous, as the TypeScript side
    repeats, start = 0, time.perf_counter()
    while True:
        model.score_samples(x_test)
        repeats += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_TIMING_SECONDS:
            break
    return {
        "name": job["name"],
        "seed": job["seed"],
        "fit_seconds": fit_seconds,
        "score_rows_per_second": repeats * len(x_test) / elapsed,
        "roc_auc": float(roc_auc_score(y_test, scores)),
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    results = [run(job) for job in jobs]
    print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "results": results}))


if __name__ == "__main__":
    main()
