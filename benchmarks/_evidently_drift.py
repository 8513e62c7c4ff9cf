"""Run in Evidently's own venv: per-column drift of CURRENT against REFERENCE (Parquet) with
Evidently's default tests; prints JSON with decisions, tests, seconds and peak memory."""

from __future__ import annotations

import json
import resource
import sys
import time

import pandas as pd
from evidently import Report
from evidently.presets import DataDriftPreset

start = time.perf_counter()
reference = pd.read_parquet(sys.argv[1])
current = pd.read_parquet(sys.argv[2])
snapshot = Report([DataDriftPreset()]).run(current, reference)
seconds = time.perf_counter() - start
columns = {}
for metric in snapshot.dict()["metrics"]:
    config = metric.get("config", {})
    column = config.get("column")
    if not column or config.get("type", "").split(":")[-1] != "ValueDrift":
        continue
    value = metric["value"]
    threshold = config.get("threshold")
    method = config.get("method", "")
    columns[column] = {"method": method, "value": value, "threshold": threshold}
print(
    json.dumps(
        {
            "seconds": seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "columns": columns,
        }
    )
)
