"""The gateway's runtime tables: API keys (hashes only) and the human-review queue.

Created by migration 0002; defined in `sai.store.schema` with the ledger's tables (one
metadata for every table the migrations create), named here for the gateway's code.
"""

from __future__ import annotations

from sai.store.schema import gateway_keys, gateway_reviews

__all__ = ["gateway_keys", "gateway_reviews"]
