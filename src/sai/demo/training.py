"""The demo's training: the dataset and the training run it performed, recorded in the ledger,
then the training data's provenance, screens, custodian sign-off and separation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sai.demo.example import ACTOR, ExampleSystem, sha256_file
from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import Kind
from sai.manifest import LoadedManifest
from sai.workspace import Workspace


def record_training(ledger: Ledger, system: ExampleSystem, now: datetime) -> None:
    """The lifecycle events the demo itself performed: the dataset and the training run."""
    dataset_digest = sha256_file(system.dataset)
    ledger.append_many(
        [
            Evidence.create(
                Kind.DATASET_CREATED,
                "loan-applications",
                provisions=("5.1.2-3", "5.2.4-2"),
                actor=ACTOR,
                origin=Origin.control("demo.training"),
                data={
                    "digest": dataset_digest,
                    "rows": system.rows,
                    "path": "data/loan_applications.csv",
                },
                time=now,
            ),
            Evidence.create(
                Kind.MODEL_TRAINED,
                "credit-risk-model",
                provisions=("5.1.2-3",),
                actor=ACTOR,
                origin=Origin.control("demo.training"),
                data={
                    "digest": sha256_file(system.model),
                    "trained_on": {"loan-applications": dataset_digest},
                    "algorithm": "StandardScaler + LogisticRegression (scikit-learn)",
                    "test_accuracy": f"{system.accuracy:.4f}",
                },
                time=now,
            ),
        ]
    )


def training_data(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    on_step: Callable[[str], None],
    clock: Callable[[], datetime],
) -> None:
    on_step("Training data: provenance, screens, custodian sign-off, separation")
    from sai.provenance.demo import run_provenance_demo

    run_provenance_demo(ledger, workspace, loaded, actor=ACTOR, on_step=on_step, clock=clock)


__all__ = ["record_training", "training_data"]
