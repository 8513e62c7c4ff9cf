"""What to say about a risk the developers could not resolve (5.1.3-2), by threat category:
its potential impact and the action for system operators, and, where end users can do
something about it, the same in plain words for them.

A category not listed here (a project's own rules may name any) gets the fallback, which
still tells both audiences what to do: ask the risk's owner, and report what looks wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class UserAdvice:
    """A risk told to end users: a heading, what it is, what it can do, what to do."""

    heading: str
    what: str
    impact: str
    action: str


@dataclass(frozen=True)
class Advice:
    """The potential impact and the operators' action for a category; ``user`` when end
    users can act on it."""

    impact: str
    operator: str
    user: UserAdvice | None = None


_CHECK_ANSWERS = "Check important answers against another source before you act on them."

ADVICE = MappingProxyType(
    {
        "injection": Advice(
            "An attacker's text can take over the model's instructions: it may leak data, "
            "give harmful answers or misuse the tools it can call.",
            "Keep the injection guard on every text route and on retrieved documents and tool "
            "results; read the held answers in the review queue; watch the gateway's attack "
            "signals.",
            UserAdvice(
                "Hidden instructions in text",
                "Text you paste, or pages and files the assistant reads, can hide orders for it.",
                "The assistant may then give wrong answers or do things you did not ask for.",
                "Do not paste text from people you do not trust. " + _CHECK_ANSWERS,
            ),
        ),
        "poisoning": Advice(
            "Tampered training or reference data can make the model wrong in ways an attacker "
            "chooses, often only for some inputs.",
            "Admit data to training or retrieval only with recorded provenance and a clean "
            "screen; keep the custodian's sign-off current; retrain from known-good snapshots.",
            UserAdvice(
                "Answers shaped by bad data",
                "The data the system learned from may hold mistakes that someone put there on "
                "purpose.",
                "Some answers or scores may be wrong, often only for a few cases.",
                _CHECK_ANSWERS + " Tell us when a result looks wrong.",
            ),
        ),
        "evasion": Advice(
            "Inputs crafted to fool the model can get a wrong decision past it.",
            "Keep the release gate's evasion figures within bounds; route low-confidence "
            "decisions to a person; watch drift and confidence alerts.",
            UserAdvice(
                "Inputs made to fool the model",
                "Someone can shape an input so that the model decides wrongly.",
                "A decision about you or your case may be wrong.",
                "Ask for a person to review any decision that seems wrong to you.",
            ),
        ),
        "output": Advice(
            "Answers can carry unsafe content, links or code that harms whoever uses them.",
            "Keep the output guards on; never run or render model output without checking "
            "it; keep the review queue staffed.",
            UserAdvice(
                "Unsafe answers",
                "An answer may hold wrong facts, unsafe links or code that does harm.",
                "Using such an answer as it is can hurt you or your systems.",
                "Do not open links or run code from an answer before you check it.",
            ),
        ),
        "agency": Advice(
            "The model can act through its tools: a misled model can send, change or delete "
            "things with the tool's rights.",
            "Keep each tool's permissions narrow and remove unused ones; hold actions with "
            "effects for review; watch the tool calls the gateway logs.",
            UserAdvice(
                "Actions taken for you",
                "The assistant can act for you, such as sending a message or changing a record.",
                "A misled assistant may take an action you did not want.",
                "Read what the assistant plans to do before you agree to it.",
            ),
        ),
        "availability": Advice(
            "Floods of requests or costly prompts can slow the service or run up its costs.",
            "Keep request and token limits on every role; watch usage alerts; keep a fallback "
            "for when the model is down.",
            UserAdvice(
                "Slow or missing service",
                "Heavy use, by chance or by attack, can slow the system down or stop it.",
                "You may have to wait, or the service may not answer for a while.",
                "Keep another way to get your task done when the service does not answer.",
            ),
        ),
        "disclosure": Advice(
            "The model can reveal its instructions or data it holds to someone not meant to "
            "see them.",
            "Keep the leakage and personal-data guards on answers; keep secrets out of prompts; "
            "give each role only the models and data it needs.",
            UserAdvice(
                "Data shown to the wrong person",
                "The system might show someone data that was not meant for them.",
                "Things you share could be seen by others.",
                "Do not share passwords, secrets or data you do not need to share.",
            ),
        ),
        "privacy": Advice(
            "Queries can reveal whether a person's data was used in training, or rebuild parts "
            "of it.",
            "Keep rate limits and the extraction monitor on; limit the detail in scores the "
            "API returns; review personal data in training sets with the custodian.",
            UserAdvice(
                "Your data worked out from answers",
                "With many questions, someone may learn facts about the people whose data "
                "trained the model.",
                "Private facts about you could come out.",
                "Send only the personal data the task needs. Ask us how your data is used.",
            ),
        ),
        "supply-chain": Advice(
            "A model, library or provider from outside can carry hidden behaviour into the system.",
            "Scan every outside model before loading it; keep the dependency audit current; "
            "keep the due diligence and contracts of providers current.",
        ),
        "theft": Advice(
            "Model weights, prompts or data can be copied and misused elsewhere.",
            "Keep confidential files sealed and keys in custody; limit who can read them; "
            "watch for extraction through the API.",
        ),
        "integrity": Advice(
            "Prompts, configs or models changed without review change what the system does.",
            "Change prompts and configs only through the registry; keep models signed and "
            "verify them before serving.",
        ),
        "logging": Advice(
            "Model use that is not logged cannot be investigated after an incident.",
            "Keep the gateway's audit log on every route and check that it is written.",
        ),
        "superfluous-functionality": Advice(
            "Capabilities the system does not need widen what an attacker can use.",
            "Switch unused modalities and tools off at the provider, or restrict them and "
            "record why.",
        ),
    }
)

FALLBACK = Advice(
    "See the threat model for what this risk can cause.",
    "Ask the risk's owner for the measures in place and apply them.",
    UserAdvice(
        "Other known risks",
        "We know of a risk here that we could not fully remove.",
        "The system may not behave as it should.",
        "Tell us when something looks wrong.",
    ),
)

IMPACT_WORDS = ("negligible", "minor", "moderate", "major", "severe")


def advice(category: str) -> Advice:
    """The advice for ``category`` (the fallback for one sai does not know)."""
    return ADVICE.get(category, FALLBACK)


def impact_word(impact: int) -> str:
    """``negligible`` to ``severe`` for an impact of 1 to 5."""
    return IMPACT_WORDS[min(max(impact, 1), 5) - 1]


__all__ = ["ADVICE", "FALLBACK", "Advice", "UserAdvice", "advice", "impact_word"]
