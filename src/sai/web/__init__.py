"""The web console (5.1.4): people oversee the system and see the proof behind each verdict.

Server-rendered pages (Jinja2, no script) over the ledger and the gateway's review queue,
signed into with the gateway's API keys: an overview of verdicts, each provision with its
cited evidence proved live, a ledger browser, the review queue where reviewers approve,
reject or edit held responses, and per-prediction explanations::

    app = create_console(ledger, manifest, catalog)
    running = serve_in_thread(app)
"""

from sai.web.app import ROUTES, create_console
from sai.web.explain import Explanation, explain
from sai.web.roles import CONSOLE_ROLES, Can
from sai.web.settings import ConsoleSettings

__all__ = [
    "CONSOLE_ROLES",
    "ROUTES",
    "Can",
    "ConsoleSettings",
    "Explanation",
    "create_console",
    "explain",
]
