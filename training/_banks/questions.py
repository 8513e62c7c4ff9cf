"""Users' questions about a document (the user's part, not data), per language; written for sai (Apache-2.0)."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

QUESTIONS = {
    "en": (
        "Summarise the text above in two sentences.",
        "What is the main point of this document?",
        "Can you answer the customer's question based on this?",
        "Please translate this into German.",
        "What date is mentioned here?",
        "Write a short reply to this message.",
        "Is there anything in here I should act on?",
    ),
    "de": ("Fasse den Text oben zusammen.", "Worum geht es in diesem Dokument?"),
    "fr": ("Résume le texte ci-dessus.", "Quel est le point principal de ce document ?"),
    "es": ("Resume el texto anterior.", "¿Cuál es la idea principal?"),
    "zh": ("请总结上面的内容。",),
    "ru": ("Кратко перескажи этот текст.",),
}
