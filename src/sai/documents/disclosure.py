"""The vulnerability disclosure policy (5.2.2-4): where to report, what happens next, what
is in scope. security.txt (``security_txt.py``) points at it."""

from __future__ import annotations

from typing import Any

from sai.documents.base import Audience, DocumentType, system_facts
from sai.documents.sources import Sources, Used

POLICY_PATH = "/security/policy"
SECURITY_TXT_PATH = "/.well-known/security.txt"


def public_base(sources: Sources) -> str:
    """``documents.public_url`` without a trailing slash, else the gateway's own address."""
    url = sources.manifest.documents.public_url
    if url is not None:
        return url.rstrip("/")
    gateway = sources.manifest.gateway
    return f"http://{gateway.host}:{gateway.port}"


def contact_uri(contact: str) -> str:
    """The security contact as a URI: ``mailto:`` for an address, an https URL as is."""
    if contact.startswith(("https://", "mailto:")):
        return contact
    return f"mailto:{contact}"


class DisclosurePolicy(DocumentType):
    """How outsiders report a vulnerability in the system and what they can expect."""

    name = "disclosure-policy"
    title = "Vulnerability disclosure policy"
    audience = Audience.public
    provisions = ("5.2.2-4",)
    path = POLICY_PATH

    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        manifest = sources.manifest
        base = public_base(sources)
        return {
            "system": system_facts(sources),
            "contact": contact_uri(manifest.people.security_contact),
            "languages": list(manifest.documents.languages),
            "security_txt": base + SECURITY_TXT_PATH,
            "feed": base + "/updates.atom",
            "in_scope": [
                *(f"model {m.name}" for m in manifest.models),
                *(f"gateway model route {r.name}" for r in manifest.gateway.models),
                "the sai gateway in front of the models",
            ],
        }


__all__ = ["POLICY_PATH", "SECURITY_TXT_PATH", "DisclosurePolicy", "contact_uri", "public_base"]
