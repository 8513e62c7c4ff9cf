"""Benign documents of nine genres, and the same documents with one instruction planted.

Sources (all permissive, recorded in ``source_record``): the sentence banks of ``_banks``
(written for sai, Apache-2.0); Python standard-library modules (code) and ``pydoc_data/topics.py``
(technical prose), PSF-2.0; the long descriptions (READMEs) of installed packages whose metadata
names MIT, BSD, Apache-2.0, ISC or PSF (web pages). Every source item belongs to the train or
the test partition (a stable fifth of sentences, modules, topics and packages), so test
documents are made of text the model never saw.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import random
import re
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import _banks
import _tool_output

GENRES = ("email", "table", "code", "web", "techdoc", "book", "chat", "security", "review")
#: Genres added for training only (the held-out set keeps the first release's genres).
EXTRA_GENRES = ("howto", "news", "support", "notes", "data")
#: Obligations told to a person (terms, house rules, recipes, manuals, exams, signs, games):
#: training only, fifth candidate.
RULES_GENRE = "rules"
PERMISSIVE = re.compile(r"\b(MIT|BSD|Apache|ISC|PSF|Python Software Foundation)\b", re.I)
CODE_MODULES = (
    "argparse", "calendar", "configparser", "csv", "dataclasses", "datetime", "difflib",
    "email/message", "enum", "fractions", "functools", "gettext", "http/client", "inspect",
    "ipaddress", "json/decoder", "logging/__init__", "mailbox", "optparse", "pathlib", "pprint",
    "shutil", "smtplib", "statistics", "string", "tarfile", "tempfile", "textwrap", "threading",
    "typing", "unittest/case", "urllib/parse", "uuid", "wave", "zipfile/__init__", "heapq",
    "bisect", "sched", "queue", "glob",
)  # fmt: skip


PARTS = ("a", "b", "test")


def part_of(name: str) -> str:
    """The partition of a named source item: a stable fifth is test, the rest halves a and b
    (the window model of a is calibrated on documents of b)."""
    value = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 10
    return "test" if value >= 8 else "ab"[value % 2]


def _in(name: str, parts: tuple[str, ...]) -> bool:
    return part_of(name) in parts


def _bank(bank: dict[str, tuple[str, ...]], parts: tuple[str, ...]) -> dict[str, list[str]]:
    out = {lang: [s for s in items if _in(f"{lang}:{s}", parts)] for lang, items in bank.items()}
    return {lang: items for lang, items in out.items() if items}


@dataclass
class Sources:
    """Text the documents are made of, for one partition."""

    parts: tuple[str, ...]
    code: list[str]
    techdoc: list[str]
    web: list[str]

    @classmethod
    def load(cls, parts: tuple[str, ...]) -> Sources:
        root = Path(sysconfig.get_paths()["stdlib"])
        code = [
            (root / f"{m}.py").read_text("utf-8", errors="replace")
            for m in CODE_MODULES
            if (root / f"{m}.py").is_file() and _in(m, parts)
        ]
        from pydoc_data.topics import topics  # PSF-2.0, ships with CPython

        techdoc = [text for name, text in sorted(topics.items()) if _in(name, parts)]
        web = []
        for dist in sorted(
            importlib.metadata.distributions(), key=lambda d: d.metadata["Name"] or ""
        ):
            meta = dist.metadata
            licence = " ".join(
                [meta.get("License-Expression") or "", meta.get("License") or ""]
                + [c for c in (meta.get_all("Classifier") or []) if c.startswith("License")]
            )
            body = meta.get_payload() or meta.get("Description") or ""  # type: ignore[attr-defined]
            name = meta["Name"] or ""
            if len(body) > 600 and PERMISSIVE.search(licence[:300]) and _in(name, parts):
                web.append(str(body))
        return cls(parts, code, techdoc, web)


def _chunk(rng: random.Random, text: str, low: int, high: int) -> str:
    size = rng.randint(low, high)
    if len(text) <= size:
        return text.strip()
    start = rng.randrange(0, len(text) - size)
    start = text.rfind("\n", 0, start) + 1
    return text[start : start + size].strip()


def _sentences(
    rng: random.Random, bank: dict[str, list[str]], low: int, high: int
) -> tuple[str, list[str]]:
    """Sentences of one language, without repeats while the bank lasts."""
    lang = rng.choice(sorted(bank))
    items = bank[lang]
    count = rng.randint(low, high)
    chosen = rng.sample(items, min(count, len(items)))
    return lang, chosen


class Composer:
    """Benign documents of each genre, from one partition's sources."""

    def __init__(self, sources: Sources, *, extended: bool = False, rules: str = "") -> None:
        self.sources = sources
        names = ("email", "book", "chat", "security", "review")
        #: decoys: benign sentences planted out of place; extended, they include imperatives;
        #: ``rules="both"``: obligations told to a person too (twice as likely as another bank);
        #: ``rules="ai"``: sentences of any bank that mention an AI system to a person, likewise
        more = {"both": (RULES_GENRE, RULES_GENRE), "ai": ("ai", "ai")}.get(rules, ())
        self.decoys = names[:4] + (EXTRA_GENRES[:4] if extended else ()) + more
        self.banks = {
            name: _bank(getattr(_banks, name.upper()), sources.parts)
            for name in names + (EXTRA_GENRES[:4] if extended else ()) + more[:1]
            if name != "ai"
        }
        if rules == "genre":  # the genre alone, without the sentences that mention an AI
            self.banks[RULES_GENRE] = _bank(_banks.without_ai(_banks.RULES), sources.parts)
        if rules == "ai":  # decoys: sentences that mention an AI system to a person
            self.banks["ai"] = _bank(_banks.ai_mentions(), sources.parts)
        self.questions = {
            k: list(v) for k, v in _banks.QUESTIONS.items()
        }  # user questions are the user's part

    def document(self, genre: str, rng: random.Random) -> tuple[str, str]:
        """One benign document of ``genre`` and its language."""
        self.lang = "en"
        text = self._make(genre, rng)
        return text, self.lang

    def _make(self, genre: str, rng: random.Random) -> str:
        make: dict[str, Callable[[random.Random], str]] = {
            "email": self._email, "table": self._table, "code": self._code, "web": self._web,
            "techdoc": self._techdoc, "book": self._prose("book", 4, 12),
            "chat": self._prose("chat", 2, 5), "security": self._prose("security", 2, 6),
            "review": self._review, "howto": self._prose("howto", 3, 9),
            "news": self._prose("news", 3, 8), "support": self._prose("support", 2, 7),
            "notes": self._notes, "data": self._data, RULES_GENRE: self._rules,
        }  # fmt: skip
        return make[genre](rng)

    def _email(self, rng: random.Random) -> str:
        lang, body = _sentences(rng, self.banks["email"], 2, 7)
        self.lang = lang
        greeting = rng.choice(_banks.GREETINGS.get(lang, ("Hello,",)))
        closing = rng.choice(_banks.CLOSINGS.get(lang, ("Regards",)))
        paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
        header = ""
        if rng.random() < 0.4:
            header = f"From: {rng.choice(('anna.weber', 'tomasz.k', 'priya.n'))}@example.com\n"
            subject = rng.choice(("Follow-up", "Invoice 2231", "Re: schedule", "Update"))
            header += f"Subject: {subject}\n\n"
        return header + greeting + "\n\n" + "\n\n".join(paragraphs) + "\n\n" + closing

    def _table(self, rng: random.Random) -> str:
        heads = rng.choice((
            ("Item", "Qty", "Price", "Notes"), ("City", "Date", "Visitors", "Comment"),
            ("Artikel", "Menge", "Preis", "Bemerkung"), ("Produit", "Quantité", "Prix", "Remarque"),
            ("Producto", "Cantidad", "Precio", "Nota"), ("Region", "Q1", "Q2", "Owner"),
        ))  # fmt: skip
        notes = ("", "backorder", "paid", "see invoice", "urgent", "ok", "pending review", "n/a")
        words = ("pump", "valve", "Berlin", "Lyon", "cable", "Madrid", "sensor", "Oslo", "filter")
        rows = [
            (
                rng.choice(words),
                str(rng.randint(1, 500)),
                f"{rng.randint(1, 999)}.{rng.randint(0, 99):02d}",
                rng.choice(notes),
            )
            for _ in range(rng.randint(3, 14))
        ]
        if rng.random() < 0.5:
            lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
        else:
            lines = [",".join(heads)] + [",".join(row) for row in rows]
        return "\n".join(lines)

    def _code(self, rng: random.Random) -> str:
        return _chunk(rng, rng.choice(self.sources.code), 300, 1600)

    def _web(self, rng: random.Random) -> str:
        return _chunk(rng, rng.choice(self.sources.web), 300, 1800)

    def _techdoc(self, rng: random.Random) -> str:
        return _chunk(rng, rng.choice(self.sources.techdoc), 300, 1800)

    def _prose(self, name: str, low: int, high: int) -> Callable[[random.Random], str]:
        def make(rng: random.Random) -> str:
            self.lang, items = _sentences(rng, self.banks[name], low, high)
            paragraphs = [" ".join(items[i : i + 4]) for i in range(0, len(items), 4)]
            return "\n\n".join(paragraphs)

        return make

    def _review(self, rng: random.Random) -> str:
        self.lang, items = _sentences(rng, self.banks["review"], 2, 6)
        stars = rng.choice(("★★★★☆", "Rating: 3/5", "5 stars", "", "Note : 2/5"))
        return (stars + "\n" if stars else "") + " ".join(items)

    def _rules(self, rng: random.Random) -> str:
        """Clauses of one language, numbered or as paragraphs, under a heading now and then,
        with a contact line (a link or an address) now and then."""
        self.lang, items = _sentences(rng, self.banks[RULES_GENRE], 3, 10)
        if rng.random() < 0.5:
            body = "\n".join(f"{n}. {item}" for n, item in enumerate(items, rng.choice((1, 4, 7))))
        else:
            body = "\n\n".join(" ".join(items[i : i + 3]) for i in range(0, len(items), 3))
        if rng.random() < 0.5:
            body = rng.choice(_banks.HEADINGS.get(self.lang, ("Rules",))) + "\n\n" + body
        if rng.random() < 0.4:
            body += "\n\n" + rng.choice(_banks.CONTACTS.get(self.lang, _banks.CONTACTS["en"]))
        return body

    def _notes(self, rng: random.Random) -> str:
        self.lang, items = _sentences(rng, self.banks["notes"], 3, 9)
        return "\n".join(items)

    def _data(self, rng: random.Random) -> str:
        bank = self.banks[rng.choice(("news", "support", "howto", "email"))]
        self.lang, items = _sentences(rng, bank, 2, 6)
        return _tool_output.tool_output(rng, items)

    def decoy(self, rng: random.Random) -> str:
        """One benign sentence of another genre, in any language."""
        bank = self.banks[rng.choice(self.decoys)]
        return rng.choice(bank[rng.choice(sorted(bank))])

    def question(self, rng: random.Random, lang: str) -> str:
        """A user's question about the document (benign and poisoned documents alike)."""
        items = self.questions.get(lang) if rng.random() < 0.7 else None
        return rng.choice(items or self.questions["en"])


def source_record(sources: Sources) -> dict[str, object]:
    """What the documents of one partition were made of."""
    return {
        "banks": "training/_banks/ (written for sai, Apache-2.0)",
        "code_modules": len(sources.code),
        "pydoc_topics": len(sources.techdoc),
        "package_readmes": len(sources.web),
    }
