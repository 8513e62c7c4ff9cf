"""Every document type against the interface, and our templates against the standard's text
(no copied wording: the catalog's shingle fingerprint)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sai.catalog import load_catalog
from sai.documents import DOCUMENTS, Audience, DocumentType, Sources
from sai.documents.errors import DocumentsError
from sai.documents.registry import document
from sai.ledger import Ledger
from sai.ledger.canonical import canonical_json
from sai.manifest import LoadedManifest

TEMPLATES = Path(__file__).parents[2] / "src" / "sai" / "documents" / "templates"


@pytest.mark.parametrize("kind", list(DOCUMENTS.values()), ids=lambda k: k.name)
class TestEveryDocument:
    def test_declares_real_provisions_and_a_template(self, kind: DocumentType) -> None:
        catalog = load_catalog()
        assert kind.provisions
        assert kind.title
        for pid in kind.provisions:
            assert catalog.get(pid).id == pid
        assert (TEMPLATES / kind.template).exists()

    def test_public_documents_have_a_path_internal_ones_none(self, kind: DocumentType) -> None:
        assert (kind.path is not None) == (kind.audience is Audience.public)
        assert not kind.notice or (kind.path or "").startswith("/notices/")

    def test_facts_are_canonical_json_and_repeatable(
        self, kind: DocumentType, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        sources = Sources(loaded.manifest, ledger)
        first, second = kind.gather(sources), kind.gather(sources)
        canonical_json(first.values)  # raises on floats and other non-JSON values
        assert first == second
        assert first.digest.startswith("sha256:")
        assert first.values["system"]["name"] == "help-desk"


def test_unknown_document_names_the_choices() -> None:
    with pytest.raises(DocumentsError, match="no document called 'card'") as caught:
        document("card")
    assert "system-card" in (caught.value.hint or "")


def test_a_justification_must_name_a_component(tmp_path: Path) -> None:
    import copy

    from sai.manifest import ManifestError
    from tests.documents._project import MANIFEST, write_project

    data = copy.deepcopy(MANIFEST)
    data["documents"]["justifications"][0]["component"] = "asistant"
    with pytest.raises(ManifestError) as caught:
        write_project(tmp_path, data)
    problem = next(p for p in caught.value.problems if p.field.startswith("documents"))
    assert problem.message == "unknown component 'asistant'"
    assert problem.hint == "did you mean 'assistant'?"
