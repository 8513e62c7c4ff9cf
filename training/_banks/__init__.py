"""Sentence banks written for sai (Apache-2.0): e-mail bodies, reviews, book-like prose, small
talk and security discussions, in several languages, one module per genre; ``_genres.py``
composes documents from them. Security discussions quote attacks on purpose: they are benign
text about attacks. How-to text, news, support pages and meeting notes (added later) are
for training only: the held-out set is made of the first release's banks; so are the rules
(obligations told to a person: terms, house rules, recipes, manuals, exams, signs, games) and
the AI talk (benign text that mentions AI systems, sixth candidate).
"""

from __future__ import annotations

from _banks.ai_talk import AI_TALK
from _banks.book import BOOK
from _banks.chat import CHAT
from _banks.emails import CLOSINGS, EMAIL, GREETINGS
from _banks.howto import HOWTO
from _banks.news import NEWS
from _banks.notes import NOTES
from _banks.questions import QUESTIONS
from _banks.requests import REQUESTS
from _banks.review import REVIEW
from _banks.rules import CONTACTS, HEADINGS, RULES, ai_mentions, without_ai
from _banks.security import SECURITY
from _banks.support import SUPPORT

__all__ = [
    "AI_TALK",
    "BOOK",
    "CHAT",
    "CLOSINGS",
    "CONTACTS",
    "EMAIL",
    "GREETINGS",
    "HEADINGS",
    "HOWTO",
    "NEWS",
    "NOTES",
    "QUESTIONS",
    "REQUESTS",
    "REVIEW",
    "RULES",
    "SECURITY",
    "SUPPORT",
    "ai_mentions",
    "without_ai",
]
