"""Shape and position features of a window inside a document.

An indirect injection is an imperative addressed to the model that reads the document, about
something other than the document: these features say whether the window addresses a model or
its answer, starts like a command, carries a link, an address or a tool call, and how little
its words share with the rest of the document (computed in :mod:`.document`). The patterns
expect lower-cased text; the word lists cover the languages of the training data, the n-gram
model does the rest.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

FLAGS = ("addressed", "answer", "imperative", "link", "tool")

# Each flag is "one of these words is a whole word of the unit" (a maximal run of word
# characters, which is what ``\bword\b`` matches), or one of these strings occurs, or (rarely
# needed) a small pattern matches. Testing a set of words against the unit's words once is what
# makes the flags cheap; the result is the same as searching one big alternation.
_ADDRESSED_WORDS = frozenset(
    (
        *("ai", "assistant", "chatbot", "bot", "llm", "gpt", "model", "agent", "copilot"),
        *("claude", "gemini", "assistent", "assistentin", "assistente", "asistente"),
        *("assistante", "ki", "ia", "модель", "ассистент", "бот", "нейросеть", "助手"),
        *("模型", "人工智能", "アシスタント", "モデル", "ai助手"),
        *("you", "your", "du", "dein", "deine", "ihr", "sie", "vous", "votre", "tu", "ton"),
        *("ta", "usted", "su", "voi", "você", "jij", "je", "ты", "вы", "твой", "ваш"),
    )
)
_ADDRESSED_STRINGS = ("你", "您", "あなた")
_ADDRESSED_MORE = re.compile(r"\b(?:a\.i\.|language model)\b")
_ANSWER_WORDS = frozenset(
    (
        *("answer", "answers", "reply", "replies", "respond", "response", "summary"),
        *("summarise", "summarize", "output", "user", "users", "reader", "antwort"),
        *("antworte", "zusammenfassung", "nutzer", "benutzer", "réponse", "répondez"),
        *("réponds", "résumé", "utilisateur", "respuesta", "responde", "resumen", "usuario"),
        *("risposta", "rispondi", "riassunto", "utente", "resposta", "responda", "resumo"),
        *("usuário", "antwoord", "samenvatting", "gebruiker", "ответ", "ответь", "ответе"),
        "резюме",
    )
)
_ANSWER_PREFIX = "пользовател"
_ANSWER_STRINGS = ("回答", "回复", "用户", "总结", "摘要", "ユーザー", "要約")
_IMPERATIVE = re.compile(
    r"\W*(?:(?:please|bitte|s'il vous plaît|por favor|per favore|proszę|пожалуйста|请)\W*)?"
    r"(?:ignore|disregard|forget|include|insert|add|append|mention|say|tell|state|claim|write|"
    r"send|forward|email|e-mail|post|upload|visit|click|open|go|navigate|call|run|execute|use|"
    r"invoke|delete|remove|pretend|act|behave|respond|reply|answer|print|output|translate|"
    r"recommend|stop|do|don't|never|always|make|from now on|instead|new instructions?|"
    r"ignoriere|vergiss|füge|schreibe|sende|schicke|antworte|sage|behaupte|erwähne|rufe|"
    r"besuche|tu|ignorez|ignore|oubliez|ajoutez|écrivez|envoyez|répondez|dites|affirmez|"
    r"mentionnez|visitez|appelez|ignora|olvida|añade|agrega|escribe|envía|responde|di|"
    r"afirma|menciona|visita|llama|aggiungi|scrivi|invia|rispondi|dimentica|esquece|"
    r"adicione|escreva|envie|responda|diga|negeer|vergeet|voeg|schrijf|stuur|antwoord|zeg|"
    r"zignoruj|napisz|wyślij|odpowiedz|dodaj|игнорируй|забудь|добавь|напиши|отправь|"
    r"ответь|скажи|сообщи|вызови|忽略|请忽略|添加|写|发送|回答|告诉|调用|無視|追加|送信|書いて)",
)
_LINK_STRINGS = ("http://", "https://", "www.", "](http:", "](https:")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.\w{2,}\b")
_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_TOOL_WORDS = frozenset(
    ("tool", "function", "api", "plugin", "command", "shell", "terminal", "curl", "wget")
)
_TOOL_CALL = re.compile(r"\b\w+_\w+\s*\(")
_TOOL_KEY = re.compile(r"\"(?:name|function|tool|arguments)\"\s*:")
_TICKED = re.compile(r"`[^`]+`")
_RM = re.compile(r"\brm -rf\b")
_WORD = re.compile(r"\w+")


def _addressed(text: str, words: set[str]) -> bool:
    return (
        not _ADDRESSED_WORDS.isdisjoint(words)
        or any(part in text for part in _ADDRESSED_STRINGS)
        or (("a.i." in text or "language model" in text) and bool(_ADDRESSED_MORE.search(text)))
    )


def _answer(text: str, words: set[str]) -> bool:
    return (
        not _ANSWER_WORDS.isdisjoint(words)
        or any(part in text for part in _ANSWER_STRINGS)
        or (_ANSWER_PREFIX in text and any(w.startswith(_ANSWER_PREFIX) for w in words))
    )


def _link(text: str) -> bool:
    return (
        any(part in text for part in _LINK_STRINGS)
        or ("@" in text and bool(_EMAIL.search(text)))
        or ("![" in text and bool(_IMAGE.search(text)))
    )


def _tool(text: str, words: set[str]) -> bool:
    return (
        not _TOOL_WORDS.isdisjoint(words)
        or ("_" in text and "(" in text and bool(_TOOL_CALL.search(text)))
        or ('"' in text and bool(_TOOL_KEY.search(text)))
        or ("`" in text and bool(_TICKED.search(text)))
        or "$(" in text
        or ("rm -rf" in text and bool(_RM.search(text)))
    )


def flags(units: list[str]) -> npt.NDArray[np.float32]:
    """Per unit (lower-cased raw text): addressed, answer, imperative, link, tool (0 or 1)."""
    rows = []
    for text in units:
        words = set(_WORD.findall(text))
        rows.append(
            (
                _addressed(text, words),
                _answer(text, words),
                _IMPERATIVE.match(text) is not None,
                _link(text),
                _tool(text, words),
            )
        )
    return np.array(rows, dtype=np.float32).reshape(len(units), len(FLAGS))


__all__ = ["FLAGS", "flags"]
