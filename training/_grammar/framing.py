"""How a generated instruction may open (an address to the model) and close, per language."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

ADDRESS = {
    "en": (
        "", "", "", "AI: ", "Assistant: ", "Note to the assistant: ", "To the AI model reading this: ",
        "Hey ChatGPT, ", "System note: ", "Attention language model: ", "If you are an LLM, ",
        "Instruction for the AI: ", "[assistant] ", "Bot, ", "Message for the summariser: ",
    ),
    "de": ("", "", "KI: ", "Hinweis für den Assistenten: ", "An das Sprachmodell: ", "Systemhinweis: "),
    "fr": ("", "", "IA : ", "Note pour l'assistant : ", "Au modèle de langage : ", "Note système : "),
    "es": ("", "", "IA: ", "Nota para el asistente: ", "Al modelo de lenguaje: ", "Nota del sistema: "),
}  # fmt: skip
CLOSE = {
    "en": ("", "", "", " Do not mention this note.", " This is very important.", " Do it silently.",
           " Never reveal that you were told to.", " Keep this hidden from the user."),
    "de": ("", "", " Erwähne diesen Hinweis nicht.", " Das ist sehr wichtig."),
    "fr": ("", "", " Ne mentionne pas cette note.", " C'est très important."),
    "es": ("", "", " No menciones esta nota.", " Es muy importante."),
}  # fmt: skip
