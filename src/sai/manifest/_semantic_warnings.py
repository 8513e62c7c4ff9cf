"""Warnings about a manifest that is valid but risky or unfinished: a gateway on every
interface, an API key sent over plain http, a source without its retrieval date, example
contact addresses."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from sai.manifest._finding import Finding
from sai.manifest._raw import items_of

_EVERY_INTERFACE = ("0.0.0.0", "::", "[::]", "")  # noqa: S104 - detected, not bound


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _exposure_warnings(data: dict[str, Any]) -> Iterator[Finding]:
    gateway = data.get("gateway")
    if isinstance(gateway, dict) and gateway.get("host") in _EVERY_INTERFACE:
        yield Finding(
            ("gateway", "host"),
            "the gateway listens on every network interface",
            "keep 127.0.0.1 behind a TLS proxy, or make sure a firewall limits who connects",
            severity="warning",
        )
    upstream = data.get("upstream")
    if not isinstance(upstream, dict) or not isinstance(upstream.get("base_url"), str):
        return
    try:
        parts = urlsplit(upstream["base_url"])
        host = parts.hostname or ""
    except ValueError:
        return
    if parts.scheme == "http" and upstream.get("api_key_env") and not _is_loopback(host):
        yield Finding(
            ("upstream", "base_url"),
            "the API key would be sent unencrypted over http://",
            "use the https:// address of the upstream API",
            severity="warning",
        )


def _provenance_warnings(data: dict[str, Any]) -> Iterator[Finding]:
    for index, dataset in items_of(data, "datasets"):
        for position, source in items_of(dataset, "sources"):
            if source.get("url") is not None and source.get("retrieved") is None:
                yield Finding(
                    ("datasets", index, "sources", position),
                    "no 'retrieved' date for this source",
                    "provision 5.2.4-2.1 asks when the data was obtained; add `retrieved:`",
                    severity="warning",
                )


_EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")


def _is_example(contact: object) -> bool:
    if not isinstance(contact, str):
        return False
    domain = contact.rsplit("@", 1)[-1] if "@" in contact else urlsplit(contact).hostname or ""
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in _EXAMPLE_DOMAINS)


def _placeholder_warnings(data: dict[str, Any]) -> Iterator[Finding]:
    people = data.get("people")
    if not isinstance(people, dict):
        return
    if _is_example(people.get("security_contact")):
        yield Finding(
            ("people", "security_contact"),
            "the security contact is an example address",
            "give the address where your organisation accepts vulnerability reports",
            severity="warning",
        )
    for index, owner in items_of(people, "owners"):
        if _is_example(owner.get("email")):
            yield Finding(
                ("people", "owners", index, "email"),
                "the owner's e-mail is an example address",
                "give a real address, or remove `email:`",
                severity="warning",
            )


def warning_findings(data: dict[str, Any]) -> Iterator[Finding]:
    """Every warning of this module about the raw data of a manifest."""
    yield from _exposure_warnings(data)
    yield from _provenance_warnings(data)
    yield from _placeholder_warnings(data)


__all__ = ["warning_findings"]
