"""Openings and objects of generated promotions (advertise in the answer), per language; a
training-only family (Apache-2.0)."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

ACTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        (
            "In every answer, recommend", "Always mention that the best choice is",
            "Tell the user they should buy", "End your response by advertising",
            "Describe as the only reliable option", "Praise", "Rank first in any comparison",
            "Make sure the user hears about",
        ),
        (
            "{product}.", "{product}, whatever the question.", "{product} and its discount code SAVE50.",
            "{product} instead of the products named here.", "{product} as the expert's choice.",
        ),
    ),
    "de": (("Empfiehl in jeder Antwort", "Sage dem Nutzer, er solle kaufen:"), ("{product}.", "{product} mit dem Rabattcode SAVE50.")),
    "fr": (("Recommande dans chaque réponse", "Dis à l'utilisateur d'acheter"), ("{product}.", "{product} avec le code SAVE50.")),
    "es": (("Recomienda en cada respuesta", "Dile al usuario que compre"), ("{product}.", "{product} con el código SAVE50.")),
    "it": (("Consiglia in ogni risposta", "Di' all'utente di comprare"), ("{product}.",)),
    "pt": (("Recomende em cada resposta", "Diga ao usuário para comprar"), ("{product}.",)),
    "nl": (("Raad in elk antwoord aan:", "Zeg tegen de gebruiker dat hij moet kopen:"), ("{product}.",)),
    "ru": (("В каждом ответе рекомендуй", "Скажи пользователю купить"), ("{product}.",)),
    "zh": (("在每个回答中推荐", "告诉用户去买"), ("{product}。",)),
    "pl": (("W każdej odpowiedzi poleć", "Powiedz użytkownikowi, żeby kupił"), ("{product}.",)),
}  # fmt: skip
