"""Monitoring: drift against a frozen reference, attack and failure signals in gateway traffic,
model extraction, internal states and performance, with alerts that people must handle.

The flow: ``baseline.freeze`` profiles a reference file (``profile``) and records its digest;
``service.run_data`` streams a current file window by window (``data``, DuckDB) and judges each
feature (``stattests`` compute, ``drift`` judges); ``service.run_gateway`` reads the gateway's
``gateway.request`` entries (``traffic``, ``security`` with Page-Hinkley in ``changepoint``)
and the sampled predict log (``featurelog``, ``sources``, ``extraction``, ``performance``).
Each run is recorded as ``monitoring.run`` with its alerts (``alerts``, ``record``) and sent to
Alertmanager (``notify``); ``report`` renders it.

    >>> from sai.monitoring.stattests import STATTESTS
    >>> sorted(STATTESTS)
    ['chisquare', 'jensenshannon', 'ks', 'psi', 'wasserstein', 'z']
"""

from __future__ import annotations

from sai.monitoring.errors import MonitoringError

__all__ = ["MonitoringError"]
