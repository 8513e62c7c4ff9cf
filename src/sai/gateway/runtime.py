"""The running gateway's parts, built from a `GatewayConfig` and a ledger, closed together."""

from __future__ import annotations

from dataclasses import dataclass

from sai.gateway.audit import Auditor, TextKeys
from sai.gateway.auth import Authenticator
from sai.gateway.config import GatewayConfig
from sai.gateway.errors import GatewayConfigError
from sai.gateway.guarding import GuardRunner
from sai.gateway.keys import KeyStore
from sai.gateway.limits import Limiter, make_limiter
from sai.gateway.limits.retry import Releases
from sai.gateway.metrics import Metrics
from sai.gateway.models import ModelRouter
from sai.gateway.predict import ModelGate, Predictor
from sai.gateway.public import INDEX
from sai.gateway.review import ReviewQueue
from sai.gateway.shield import FailedAuthentications
from sai.gateway.upstream import Upstream
from sai.ledger import Ledger
from sai.monitoring.alerts import open_alert_counts
from sai.monitoring.featurelog import FeatureLog


@dataclass
class Runtime:
    """Every component a request may need (built once per worker process)."""

    config: GatewayConfig
    ledger: Ledger
    auth: Authenticator
    limiter: Limiter
    guards: GuardRunner
    upstream: Upstream | None
    auditor: Auditor
    reviews: ReviewQueue
    router: ModelRouter
    predictor: Predictor
    metrics: Metrics
    failed_auth: FailedAuthentications
    releases: Releases
    owns_guards: bool = True
    #: Requests being handled right now (the ASGI app counts them).
    active: int = 0

    async def close(self) -> None:
        """Stop accepting work: flush the audit queue, close connections and threads."""
        self.auditor.roll_up(self.failed_auth.due(everything=True), self.failed_auth.window)
        self.predictor.close()
        self.auditor.close()
        if self.owns_guards:
            self.guards.close()
        await self.releases.close()
        await self.limiter.close()
        if self.upstream is not None:
            await self.upstream.close()


def has_site(config: GatewayConfig) -> bool:
    """Whether published documents are waiting in ``config.public_dir``."""
    return config.public_dir is not None and (config.public_dir / INDEX).is_file()


def build_runtime(
    config: GatewayConfig,
    ledger: Ledger,
    *,
    limiter: Limiter | None = None,
    guards: GuardRunner | None = None,
    model_gate: ModelGate | None = None,
    text_keys: TextKeys | None = None,
) -> Runtime:
    """Assemble the runtime; must run inside the event loop that will serve requests.

    ``guards`` shares an already built `GuardRunner` (loading detectors takes ~0.5 s); it is
    then not closed with the runtime. ``model_gate`` scans local models before they load.
    """
    if config.audit_text and text_keys is None:
        raise GatewayConfigError(
            "gateway.audit_text keeps prompts in the ledger, which needs per-subject keys",
            hint="start the gateway with `sai gateway serve` (it opens the workspace's keys)",
        )
    # NOTE: published documents alone are worth serving (security.txt, notices); the API
    # routes then answer 503 "no upstream".
    if config.upstream_url is None and not config.predict_models and not has_site(config):
        raise GatewayConfigError(
            "the gateway has nothing to serve: no upstream, no local model, no published documents",
            hint="add an `upstream:` section to sai.yaml, pass --upstream URL, or publish "
            "documents with `sai docs publish`",
        )
    upstream = (
        Upstream(
            config.upstream_url,
            api_key=config.upstream_api_key,
            timeout=config.upstream_timeout,
        )
        if config.upstream_url
        else None
    )
    limiter = limiter if limiter is not None else make_limiter(config)
    owns_guards = guards is None
    guards = guards if guards is not None else GuardRunner(config.guards)
    return Runtime(
        config=config,
        ledger=ledger,
        auth=Authenticator(KeyStore(ledger.engine), config),
        limiter=limiter,
        guards=guards,
        upstream=upstream,
        auditor=Auditor(ledger, actor="sai-gateway", store_text=config.audit_text, keys=text_keys),
        reviews=ReviewQueue(ledger.engine),
        router=ModelRouter(config),
        predictor=Predictor(
            config.predict_models,
            model_gate,
            FeatureLog.beside(
                ledger, sample_rate=config.feature_log_rate, personal=config.personal_models
            ),
        ),
        metrics=Metrics(alert_counts=lambda: open_alert_counts(ledger), guard_cache=guards.cache),
        failed_auth=FailedAuthentications(config.failed_auth_limit, config.auth_window_seconds),
        releases=Releases(limiter),
        owns_guards=owns_guards,
    )


__all__ = ["Runtime", "build_runtime"]
