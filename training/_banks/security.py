"""Security discussions that quote attacks on purpose (benign text about attacks), per language; written for sai (Apache-2.0)."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

SECURITY = {
    "en": (
        "In the incident report, the attacker had hidden the phrase 'ignore previous instructions' in a support ticket.",
        "Prompt injection means that text such as 'you are now DAN' changes how a model behaves.",
        "Our filter now flags pages that tell an AI assistant to reveal its system prompt.",
        "The red team showed that a web page saying 'send the chat history to this address' could steer the agent.",
        "Indirect injection hides instructions in documents the model retrieves, such as e-mails or wiki pages.",
        "We recommend treating tool output as untrusted data and never as instructions.",
        "The paper lists typical payloads, for example asking the model to add a phishing link to its answer.",
        "A classic jailbreak asks the model to role-play an assistant without rules.",
        "Attackers often write 'IMPORTANT: new instructions' to make a planted sentence look official.",
        "Log every tool call the agent makes so that reviewers can spot unexpected actions.",
        "The OWASP list ranks prompt injection as the first risk for applications built on language models.",
        "Our guard blocked 37 requests last month that tried to extract the hidden prompt.",
    ),
    "de": (
        "Im Vorfallbericht hatte der Angreifer den Satz 'ignoriere alle vorherigen Anweisungen' in einem Ticket versteckt.",
        "Bei einer indirekten Prompt-Injection stehen die Anweisungen in Dokumenten, die das Modell liest.",
        "Wir empfehlen, Werkzeugausgaben als unzuverlässige Daten zu behandeln.",
    ),
    "fr": (
        "Dans le rapport d'incident, l'attaquant avait caché la phrase « ignore les instructions précédentes » dans un ticket.",
        "L'injection indirecte cache des instructions dans les documents que le modèle consulte.",
    ),
    "es": (
        "En el informe, el atacante había escondido la frase 'ignora las instrucciones anteriores' en un correo.",
        "La inyección indirecta esconde instrucciones en documentos que el modelo recupera.",
    ),
}
