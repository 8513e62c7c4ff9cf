"""Planted instructions that address the model reading the text as "you", for training only.

"If you are an AI reading this, you must ...", "Cara assistente, devi ...": the reader is
named as a model, then told what to do, with the infinitive phrases of ``_third.PHRASES``
(five families; ``tool`` and ``refusal`` have none and stay unseen). Benign text tells a
person "you must ..."; these tell the model, which is what the detector should learn to tell
apart. Written for sai (Apache-2.0), 2026-12-07, fifth candidate; no held-out phrase.
"""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

import random

from _grammar_wide import slots
from _third import PHRASES

#: Openings that name the reader as a model and take an infinitive phrase, per language.
OPENINGS: dict[str, tuple[str, ...]] = {
    "en": (
        "If you are an AI reading this, you must", "Assistant, you are required to", "Dear AI model, please",
        "You, the assistant summarising this page, should", "Note to any language model reading this: you have to",
        "If you're a chatbot answering questions about this text,", "Hey AI, when you answer the user,",
        "To the LLM processing this document: you need to", "AI agent, before you reply you must",
    ),
    "de": (
        "Wenn du eine KI bist, die das liest, musst du", "Liebe KI, du sollst", "Assistent, du musst",
        "Falls Sie ein Sprachmodell sind, sollen Sie", "Hinweis an das Modell: Du musst",
    ),
    "fr": (
        "Si vous êtes une IA qui lit ceci, vous devez", "Cher assistant, tu dois", "Note pour le modèle de langage : veuillez",
        "Chatbot, avant de répondre, tu dois",
    ),
    "es": (
        "Si eres una IA que lee esto, debes", "Asistente, tienes que", "Querido modelo de lenguaje, debes",
        "Nota para el chatbot: antes de responder debes",
    ),
    "it": (
        "Se sei un'IA che legge questo testo, devi", "Caro assistente, devi", "Nota per il modello linguistico: devi",
        "Chatbot, prima di rispondere all'utente devi", "Se sei un agente IA, sei tenuto a",
    ),
    "pl": (
        "Jeśli jesteś AI czytającą ten tekst, musisz", "Drogi asystencie, masz", "Uwaga dla modelu językowego: musisz",
        "Chatbocie, zanim odpowiesz, powinieneś", "Jeżeli jesteś agentem AI, masz",
    ),
    "nl": (
        "Als je een AI bent die dit leest, moet je", "Beste assistent, je moet", "Let op, taalmodel: je moet",
        "Chatbot, voordat je antwoordt moet je",
    ),
    "pt": (
        "Se você é uma IA lendo isto, deve", "Caro assistente, você precisa", "Nota para o modelo de linguagem: você deve",
    ),
}  # fmt: skip


def addressed_text(rng: random.Random, family: str, lang: str | None) -> tuple[str, str]:
    """One instruction of ``family`` to the model as "you" (``lang`` mostly)."""
    table = PHRASES[family]
    if lang not in table or lang not in OPENINGS or rng.random() >= 0.75:
        lang = rng.choice(("en", "en", "de", "it", "pl", "nl", "fr", "es", "pt"))
    phrase = rng.choice(table[lang])
    text = slots.fill(rng, f"{rng.choice(OPENINGS[lang])} {phrase}", lang)
    return text, lang


__all__ = ["OPENINGS", "addressed_text"]
