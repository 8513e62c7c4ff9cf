"""Slot values and the per-language banks of the fifth held-out set (``jobs.jsonl``).

Written for sai (Apache-2.0) on 2026-12-07, before the fifth candidate trained anything.
Nothing in ``training/`` imports these modules (``jobs_bank_*``, ``jobs_plant_*``) except
``jobs_gen.py``: the genres (job ads,
CVs and cover letters; medication leaflets) occur in no training file, the families
``verdict`` and ``phishing`` are new, and the other families' phrasings are new. Company,
drug and person names are invented; every address and link is under an example domain.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

sys.path[:0] = [str(Path(__file__).resolve().parent)]
import jobs_bank_de  # noqa: E402 - after the path set-up
import jobs_bank_en  # noqa: E402
import jobs_bank_es  # noqa: E402
import jobs_bank_fr  # noqa: E402
import jobs_bank_it  # noqa: E402
import jobs_bank_nl  # noqa: E402
import jobs_bank_pl  # noqa: E402
import jobs_bank_pt  # noqa: E402
import jobs_plant_de  # noqa: E402
import jobs_plant_en  # noqa: E402
import jobs_plant_es  # noqa: E402
import jobs_plant_fr  # noqa: E402
import jobs_plant_it  # noqa: E402
import jobs_plant_nl  # noqa: E402
import jobs_plant_pl  # noqa: E402
import jobs_plant_pt  # noqa: E402

FAMILIES = (
    "hijack",
    "misleading",
    "exfiltration",
    "tool",
    "persona",
    "refusal",
    "verdict",
    "phishing",
)
ADDRESSES = ("second", "named", "third", "imperative")

COMPANIES = (
    "Nordwind Logistik",
    "Calloway Systems",
    "Brightmoor Care",
    "Vantara Pharma",
    "Kestrel Analytics",
    "Olmedo Transportes",
    "Fiorami Sanità",
    "Zielony Most",
)
CITIES = ("Leeds", "Hamburg", "Lyon", "Valencia", "Bologna", "Poznań", "Utrecht", "Porto")
PEOPLE = (
    "Hannah Vogt",
    "Marek Zielinski",
    "Amélie Roux",
    "Diego Ferrer",
    "Giulia Conti",
    "Sanne de Boer",
    "Rita Moreira",
    "Oliver Grant",
    "Priya Natarajan",
)
DRUGS = ("Felmarin", "Cortavil", "Nasoprin", "Allerdex", "Gastrolan", "Dormiva", "Ventolex")
CONTACTS = (
    "jobs@nordwind.example",
    "careers@calloway.example.com",
    "recruiting@brightmoor.example.org",
    "safety@vantara.example.eu",
    "hr@kestrel.example.net",
)
LINKS = (
    "https://careers.example.com/jobs/4471",
    "https://www.example.eu/leaflets/latest.pdf",
    "https://jobs.example.org/apply?ref=JR-2207",
    "https://github.example.com/portfolio",
    "https://www.example.net/patient-info",
)
#: The attacker's addresses: under example domains too, so that no domain gives a plant away.
URLS = (
    "https://cdn-assets.example.net/t.gif",
    "https://hr-verify.example.org/collect",
    "https://stats.example-analytics.com/px",
    "http://203.0.113.17/i",
)
MAILS = ("talent.archive@example-mail.net", "records@example-inbox.org", "hr-backup@example.cc")


def _module_plants(module: ModuleType) -> dict[str, dict[str, tuple[tuple[str, str], ...]]]:
    """A language's plants as (imperative, infinitive) pairs (English: the same phrase twice)."""
    return {
        family: {
            genre: tuple((b, b) if isinstance(b, str) else b for b in bodies)
            for genre, bodies in table.items()
        }
        for family, table in module.PLANTS.items()
    }


def _language(docs: ModuleType, plants: ModuleType) -> dict[str, object]:
    return {
        "docs": docs.DOCS,
        "plants": _module_plants(plants),
        "second": plants.SECOND,
        "named": plants.NAMED,
        "imperative": plants.BARE,
        "third": plants.THIRD,
        "ai": plants.AI,
    }


LANGS: dict[str, dict[str, object]] = {
    "en": _language(jobs_bank_en, jobs_plant_en),
    "de": _language(jobs_bank_de, jobs_plant_de),
    "fr": _language(jobs_bank_fr, jobs_plant_fr),
    "es": _language(jobs_bank_es, jobs_plant_es),
    "it": _language(jobs_bank_it, jobs_plant_it),
    "pl": _language(jobs_bank_pl, jobs_plant_pl),
    "nl": _language(jobs_bank_nl, jobs_plant_nl),
    "pt": _language(jobs_bank_pt, jobs_plant_pt),
}
