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
_ADDRESSED = re.compile(
    r"\b(?:ai|a\.i\.|assistant|chatbot|bot|llm|gpt|language model|model|agent|copilot|"
    r"claude|gemini|assistent(?:in)?|assistente|asistente|assistant[e]?|ki|ia|модель|ассистент|"
    r"бот|нейросеть|助手|模型|人工智能|アシスタント|モデル|ai助手)\b|"
    r"(?:\b(?:you|your|du|dein|deine|ihr|sie|vous|votre|tu|ton|ta|usted|su|voi|você|jij|je|"
    r"ты|вы|твой|ваш)\b|你|您|あなた)",
)
_ANSWER = re.compile(
    r"\b(?:answer|answers|reply|replies|respond|response|summary|summari[sz]e|output|user|"
    r"users|reader|antwort|antworte|zusammenfassung|nutzer|benutzer|réponse|répondez|réponds|"
    r"résumé|utilisateur|respuesta|responde|resumen|usuario|risposta|rispondi|riassunto|"
    r"utente|resposta|responda|resumo|usuário|antwoord|samenvatting|gebruiker|ответ|ответь|"
    r"ответе|пользовател\w*|резюме)\b|回答|回复|用户|总结|摘要|回答して|ユーザー|要約",
)
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
_LINK = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.\w{2,}\b|!\[[^\]]*\]\(|\]\(https?:")
_TOOL = re.compile(
    r"\b\w+_\w+\s*\(|\b(?:tool|function|api|plugin|command|shell|terminal)\b|"
    r"\"(?:name|function|tool|arguments)\"\s*:|`[^`]+`|\$\(|\bcurl\b|\bwget\b|\brm -rf\b",
)


def flags(units: list[str]) -> npt.NDArray[np.float32]:
    """Per unit (lower-cased raw text): addressed, answer, imperative, link, tool (0 or 1)."""
    result = np.zeros((len(units), 5), dtype=np.float32)
    for row, text in enumerate(units):
        result[row] = (
            _ADDRESSED.search(text) is not None,
            _ANSWER.search(text) is not None,
            _IMPERATIVE.match(text) is not None,
            _LINK.search(text) is not None,
            _TOOL.search(text) is not None,
        )
    return result


__all__ = ["FLAGS", "flags"]
