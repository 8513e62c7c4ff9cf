"""The security gateway: an OpenAI-compatible reverse proxy that enforces and logs.

API keys and roles (5.2.2-1), rate limits and quotas (5.2.2-2), input and output guards
(5.2.1-4.1), human review of held responses (5.1.4), one ledger entry per request (5.4.2-1),
versioned model routes (5.4.1-3) and Prometheus metrics, in front of any OpenAI-compatible
upstream or a local scikit-learn model::

    config = config_from_manifest(load_manifest(Path("sai.yaml")))
    with open_ledger(workspace) as ledger:
        running = serve_in_thread(create_app(config, ledger))
"""

from sai.gateway.audit import KIND, Auditor, CallRecord
from sai.gateway.config import (
    GatewayConfig,
    GuardPolicy,
    LimitPolicy,
    ModelRoute,
    RolePolicy,
    config_from_manifest,
    with_overrides,
)
from sai.gateway.errors import ApiKeyError, GatewayConfigError, GatewayError, HttpError, ReviewError
from sai.gateway.keys import ApiKey, KeyStore, NewKey, create_key, revoke_key
from sai.gateway.mock_upstream import MockUpstream
from sai.gateway.review import Review, ReviewQueue
from sai.gateway.server import (
    RunningServer,
    WorkerSettings,
    create_app,
    serve,
    serve_in_thread,
)

__all__ = [
    "KIND",
    "ApiKey",
    "ApiKeyError",
    "Auditor",
    "CallRecord",
    "GatewayConfig",
    "GatewayConfigError",
    "GatewayError",
    "GuardPolicy",
    "HttpError",
    "KeyStore",
    "LimitPolicy",
    "MockUpstream",
    "ModelRoute",
    "NewKey",
    "Review",
    "ReviewError",
    "ReviewQueue",
    "RolePolicy",
    "RunningServer",
    "WorkerSettings",
    "config_from_manifest",
    "create_app",
    "create_key",
    "revoke_key",
    "serve",
    "serve_in_thread",
    "with_overrides",
]
